import { SolidPolygonLayer, PathLayer } from '@deck.gl/layers';
import { LabelAtlasLayer, type LabelStyle } from './label-layer';
import type { FlatPolygons } from '../data/geometry/polygons';
import type { Rgba } from '../indicators/palettes';

/**
 * deck.gl layers over the flat polygon buffers: geometry is handed over as typed arrays
 * (binary attributes), colours through an accessor keyed by polygon part, so re-colouring
 * never rebuilds the geometry.
 */

function binaryPolygons(p: FlatPolygons) {
	return {
		length: p.partFeature.length,
		startIndices: p.partStarts,
		attributes: {
			getPolygon: { value: p.positions, size: 2 },
			indices: { value: p.triangles, size: 1 }
		}
	};
}

function binaryRings(p: FlatPolygons) {
	return {
		length: p.ringStarts.length - 1,
		startIndices: p.ringStarts,
		attributes: { getPath: { value: p.positions, size: 2 } }
	};
}

/** Data objects are memoised per geometry so deck.gl sees the same data and keeps its buffers. */
const polygonData = new WeakMap<FlatPolygons, ReturnType<typeof binaryPolygons>>();
const ringData = new WeakMap<FlatPolygons, ReturnType<typeof binaryRings>>();

function memo<T>(cache: WeakMap<FlatPolygons, T>, p: FlatPolygons, make: (p: FlatPolygons) => T): T {
	let data = cache.get(p);
	if (!data) cache.set(p, (data = make(p)));
	return data;
}

export function fillLayer(
	id: string,
	polygons: FlatPolygons,
	colorOfFeature: (feature: number) => Rgba,
	colorVersion: number,
	beforeId: string,
	visible = true
) {
	return new SolidPolygonLayer({
		id,
		visible,
		data: memo(polygonData, polygons, binaryPolygons),
		_normalize: false,
		positionFormat: 'XY',
		// Picked on the CPU (hit-test.ts): a GPU picking pass over the whole fill is slow without a GPU.
		pickable: false,
		getFillColor: (_: unknown, { index }: { index: number }) => colorOfFeature(polygons.partFeature[index]),
		updateTriggers: { getFillColor: colorVersion },
		beforeId
	});
}

export function outlineLayer(
	id: string,
	polygons: FlatPolygons,
	color: Rgba,
	widthPixels: number,
	beforeId: string
) {
	return new PathLayer({
		id,
		data: memo(ringData, polygons, binaryRings),
		_pathType: 'open',
		positionFormat: 'XY',
		getColor: color,
		getWidth: widthPixels,
		widthUnits: 'pixels',
		beforeId
	});
}

export function highlightLayer(id: string, rings: Float32Array[], color: Rgba, widthPixels: number) {
	return new PathLayer<Float32Array>({
		id,
		data: rings,
		getPath: (ring) => ring,
		positionFormat: 'XY',
		_pathType: 'open',
		getColor: color,
		getWidth: widthPixels,
		widthUnits: 'pixels'
	});
}

export interface PlaceLabels {
	names: string[];
	lon: Float64Array;
	lat: Float64Array;
	/** Smallest zoom at which each label shows. */
	minZoom: Float32Array;
}

/** How the place names look: 12 px semi-bold, dark, in a white halo. */
const LABEL_STYLE = { height: 15, color: '#212529', halo: 'rgba(255, 255, 255, 0.9)', haloWidth: 1.5 } as const;

/** Labels of the places kept by the placement (indices into `labels`). */
export function labelsLayer(labels: PlaceLabels, visible: number[], fontFamily: string) {
	let placed = placedLabels.get(visible);
	if (!placed) {
		const places = new Float64Array(visible.length * 2);
		visible.forEach((i, k) => places.set([labels.lon[i], labels.lat[i]], k * 2));
		placedLabels.set(visible, (placed = { texts: visible.map((i) => labels.names[i]), places }));
	}
	return new LabelAtlasLayer({ id: 'place-labels', ...placed, style: labelStyle(fontFamily) });
}

/** The names and places of one placement, kept while it is shown: the layer draws its atlas again only for another. */
const placedLabels = new WeakMap<number[], { texts: string[]; places: Float64Array }>();

/** One style object a font, so that the layer draws its atlas again only when the labels change. */
const labelStyles = new Map<string, LabelStyle>();
function labelStyle(fontFamily: string): LabelStyle {
	let style = labelStyles.get(fontFamily);
	if (!style) labelStyles.set(fontFamily, (style = { ...LABEL_STYLE, font: `600 12px ${fontFamily}` }));
	return style;
}
