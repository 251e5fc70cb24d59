import type { PlaceLabels } from './layers';

/** Screen size of a label, estimated from its length (12 px semi-bold). */
const CHAR_WIDTH = 6.6;
const LABEL_HEIGHT = 15;
const MARGIN = 4;
const MAX_LABELS = 250;

/** Zoom from which a commune's name shows, by population: the largest first, the villages once close. */
const LABEL_ZOOMS: [number, number][] = [
	[50_000, 4],
	[15_000, 6],
	[5_000, 7.5],
	[1_000, 9],
	[0, 10]
];

/** The place labels of communes given largest first (`placeRows` of the data layer). */
export function placeLabelsOf(places: { names: string[]; lon: Float64Array; lat: Float64Array; population: ArrayLike<number> }): PlaceLabels {
	const minZoom = Float32Array.from(places.population, (p) => LABEL_ZOOMS.find(([min]) => p >= min)![1]);
	return { names: places.names, lon: places.lon, lat: places.lat, minZoom };
}

/**
 * Greedy decluttering in screen space: labels come sorted by priority (population), each one is
 * kept if its box overlaps no box kept before. Done once per camera move, on the visible candidates only.
 */
export function placeLabels(
	labels: PlaceLabels,
	zoom: number,
	project: (lon: number, lat: number) => { x: number; y: number },
	width: number,
	height: number
): number[] {
	const kept: number[] = [];
	const boxes: number[] = [];
	for (let i = 0; i < labels.names.length && kept.length < MAX_LABELS; i++) {
		if (labels.minZoom[i] > zoom) continue;
		const { x, y } = project(labels.lon[i], labels.lat[i]);
		if (x < 0 || y < 0 || x > width || y > height) continue;
		const half = (labels.names[i].length * CHAR_WIDTH) / 2 + MARGIN;
		const x0 = x - half, x1 = x + half, y0 = y - LABEL_HEIGHT / 2 - MARGIN, y1 = y + LABEL_HEIGHT / 2 + MARGIN;
		let free = true;
		for (let b = 0; b < boxes.length && free; b += 4) {
			free = x1 < boxes[b] || x0 > boxes[b + 2] || y1 < boxes[b + 1] || y0 > boxes[b + 3];
		}
		if (!free) continue;
		boxes.push(x0, y0, x1, y1);
		kept.push(i);
	}
	return kept;
}
