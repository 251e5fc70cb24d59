import type { FlatPolygons } from '../data/geometry/polygons';
import type { PlacedRaster } from '../data/queries/load-polygons';
import { mercatorX, mercatorY } from '../data/geometry/raster';
import { featureRings } from '../data/geometry/rings';

/**
 * The département and région borders outside the DROM as distance fields on the commune image's pixels,
 * for the raster layer: two bytes a pixel, the distance from the pixel's centre to the nearest
 * département border, then région border, in image pixels up to `BORDER_REACH` (255 at that reach or
 * beyond). At country zoom MapLibre's lines cost two thirds of a frame without a GPU; from a distance
 * field, read filtered, the layer draws them as wide as the style says at any zoom and as sharp as lines
 * (a picture of the lines would blur them once scaled), for one texture read.
 */
export const BORDER_REACH = 12;

/** What of the image the fields need: its size and place. */
export type RasterFrame = Pick<PlacedRaster, 'width' | 'height' | 'bounds'>;
export interface BordersRequest {
	frame: RasterFrame;
	departements: FlatPolygons;
	regions: FlatPolygons;
}

/**
 * The fields computed in a worker (raster-borders.worker.ts): a quarter of a second of arithmetic that
 * would otherwise hold the page's thread while the map and the engine start. Rejects if the worker
 * cannot run; the map then keeps MapLibre's lines, which show the same borders.
 */
export function rasterBordersAside(frame: RasterFrame, departements: FlatPolygons, regions: FlatPolygons): Promise<Uint8Array> {
	const worker = new Worker(new URL('./raster-borders.worker.ts', import.meta.url), { type: 'module' });
	// The rings are all the fields need: not the triangles.
	const rings = (p: FlatPolygons): FlatPolygons => ({ ...p, triangles: new Uint32Array(0) });
	const { width, height, bounds } = frame;
	return new Promise<Uint8Array>((resolve, reject) => {
		worker.onmessage = (event: MessageEvent<Uint8Array>) => resolve(event.data);
		worker.onerror = () => reject(new Error('les frontières de l’image n’ont pu être calculées'));
		worker.postMessage({ frame: { width, height, bounds }, departements: rings(departements), regions: rings(regions) } satisfies BordersRequest);
	}).finally(() => worker.terminate());
}

export function rasterBorders(raster: RasterFrame, departements: FlatPolygons, regions: FlatPolygons): Uint8Array {
	const { width, height } = raster;
	const [west, , east, north] = raster.bounds;
	const [x0, y0] = [mercatorX(west), mercatorY(north)];
	const scale = width / (mercatorX(east) - x0);
	const out = new Uint8Array(width * height * 2);
	const reach2 = BORDER_REACH * BORDER_REACH;
	[departements, regions].forEach((polygons, channel) => {
		// Squared distances while searching, one square root a pixel at the end.
		const distance2 = new Float32Array(width * height).fill(reach2);
		// A border between two territories is in both rings: drawn once.
		const seen = new Set<string>();
		for (const ring of featureRings(polygons, (f) => !polygons.codes[f].startsWith('97'))) {
			let [ax, ay] = [(mercatorX(ring[0]) - x0) * scale, (mercatorY(ring[1]) - y0) * scale];
			for (let v = 2; v < ring.length; v += 2) {
				const [bx, by] = [(mercatorX(ring[v]) - x0) * scale, (mercatorY(ring[v + 1]) - y0) * scale];
				const key = ax < bx || (ax === bx && ay < by) ? `${ax} ${ay} ${bx} ${by}` : `${bx} ${by} ${ax} ${ay}`;
				if (!seen.has(key)) {
					seen.add(key);
					nearSegment(distance2, width, height, ax, ay, bx, by);
				}
				[ax, ay] = [bx, by];
			}
		}
		for (let i = 0; i < distance2.length; i++) out[i * 2 + channel] = Math.round((Math.sqrt(distance2[i]) / BORDER_REACH) * 255);
	});
	return out;
}

/** Lowers the squared distance of each pixel within reach of the segment to its squared distance from it. */
function nearSegment(distance2: Float32Array, width: number, height: number, ax: number, ay: number, bx: number, by: number) {
	const dx = bx - ax;
	const dy = by - ay;
	const length2 = dx * dx + dy * dy;
	const inverse = length2 > 0 ? 1 / length2 : 0;
	const minX = Math.max(0, Math.floor(Math.min(ax, bx) - BORDER_REACH));
	const maxX = Math.min(width - 1, Math.ceil(Math.max(ax, bx) + BORDER_REACH));
	const minY = Math.max(0, Math.floor(Math.min(ay, by) - BORDER_REACH));
	const maxY = Math.min(height - 1, Math.ceil(Math.max(ay, by) + BORDER_REACH));
	for (let y = minY; y <= maxY; y++) {
		const py = y + 0.5 - ay;
		let i = y * width + minX;
		for (let x = minX; x <= maxX; x++, i++) {
			const px = x + 0.5 - ax;
			let t = (px * dx + py * dy) * inverse;
			t = t < 0 ? 0 : t > 1 ? 1 : t;
			const ex = px - t * dx;
			const ey = py - t * dy;
			const d2 = ex * ex + ey * ey;
			if (d2 < distance2[i]) distance2[i] = d2;
		}
	}
}
