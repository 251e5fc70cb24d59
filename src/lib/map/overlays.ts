import type { Layer } from '@deck.gl/core';
import { ScatterplotLayer } from '@deck.gl/layers';
import type { DataSource } from '../data/queries/source';
import { qpvCentroids, radonZone3Codes } from '../data/queries/map';
import { loadQpvPerimeters } from '../data/queries/qpv';
import type { FlatPolygons } from '../data/geometry/polygons';
import { outerSegments, perimetersOutline, perimeterLayer } from './perimeter-outline';

/** Zonings drawn over the choropleth, each with its legend entry and source. */
export const OVERLAYS = [
	{
		id: 'radon3',
		label: 'Communes en zone radon 3',
		source: 'IRSN – zonage radon, arrêté du 27 juin 2018',
		tables: ['radon'],
		color: [153, 52, 4, 255] as [number, number, number, number]
	},
	{
		id: 'qpv',
		label: 'Quartiers prioritaires (QPV)',
		source: 'ANCT – quartiers prioritaires 2024 (périmètres des décrets)',
		tables: ['qpv'],
		color: [106, 61, 154, 255] as [number, number, number, number]
	}
] as const;
export type OverlayId = (typeof OVERLAYS)[number]['id'];

/** From this zoom (a commune fills the screen), small areas are drawn as their perimeters, below as points. */
export const AREAS_FROM_ZOOM = 10;

/**
 * What an overlay draws: an outline (segments), points, or small areas (QPV) seen as points from afar
 * and as their perimeters from AREAS_FROM_ZOOM.
 */
export type OverlayData =
	| { kind: 'outline'; segments: Float32Array }
	| { kind: 'points'; positions: Float32Array }
	| { kind: 'areas'; segments: Float32Array; positions: Float32Array };

/** The centre of each feature's bounding box, as [lon, lat] pairs in feature order. */
export function featureCentres(polygons: FlatPolygons): Float32Array {
	const n = polygons.codes.length;
	const box = new Float64Array(n * 4).fill(NaN);
	let ring = 0;
	for (let part = 0; part < polygons.partFeature.length; part++) {
		const f = polygons.partFeature[part] * 4;
		for (; polygons.ringStarts[ring] < polygons.partStarts[part + 1]; ring++) {
			for (let v = polygons.ringStarts[ring]; v < polygons.ringStarts[ring + 1]; v++) {
				const x = polygons.positions[v * 2];
				const y = polygons.positions[v * 2 + 1];
				if (!(box[f] <= x)) box[f] = x;
				if (!(box[f + 1] <= y)) box[f + 1] = y;
				if (!(box[f + 2] >= x)) box[f + 2] = x;
				if (!(box[f + 3] >= y)) box[f + 3] = y;
			}
		}
	}
	const out = new Float32Array(n * 2);
	for (let i = 0; i < n; i++) out.set([(box[i * 4] + box[i * 4 + 2]) / 2, (box[i * 4 + 1] + box[i * 4 + 3]) / 2], i * 2);
	return out;
}

/** QPV: their perimeters when this build has them, else a point at each commune that has one. */
async function qpvOverlay(source: DataSource, dataUrl: string): Promise<OverlayData> {
	const perimeters = await loadQpvPerimeters(source.manifest, dataUrl);
	if (perimeters) {
		const all = new Set(perimeters.codes.map((_, i) => i));
		return { kind: 'areas', segments: outerSegments(perimeters, all), positions: featureCentres(perimeters) };
	}
	const { lon, lat } = await qpvCentroids(source);
	const positions = new Float32Array(lon.length * 2);
	lon.forEach((x, i) => positions.set([x, lat[i]], i * 2));
	return { kind: 'points', positions };
}

export async function loadOverlay(source: DataSource, id: OverlayId, communes: FlatPolygons, dataUrl: string): Promise<OverlayData> {
	if (id === 'radon3') return { kind: 'outline', segments: perimetersOutline(communes, [await radonZone3Codes(source)]) };
	return qpvOverlay(source, dataUrl);
}

const HALO: [number, number, number, number] = [255, 255, 255, 220];

/**
 * The layers of an overlay at a zoom: areas switch from points to perimeters at AREAS_FROM_ZOOM,
 * drawn over a white halo so that they stay readable on every class colour.
 */
export function overlayLayers(id: OverlayId, data: OverlayData, zoom: number): Layer[] {
	const color = OVERLAYS.find((o) => o.id === id)!.color;
	if (data.kind === 'outline') return [perimeterLayer(`overlay-${id}`, data.segments, color, 1.6)];
	if (data.kind === 'areas' && zoom >= AREAS_FROM_ZOOM) {
		return [perimeterLayer(`overlay-${id}-halo`, data.segments, HALO, 5), perimeterLayer(`overlay-${id}-areas`, data.segments, color, 2.5)];
	}
	return [new ScatterplotLayer({
		id: `overlay-${id}`,
		data: { length: data.positions.length / 2, attributes: { getPosition: { value: data.positions, size: 2 } } },
		filled: false,
		stroked: true,
		getLineColor: color,
		lineWidthUnits: 'pixels',
		getLineWidth: 2,
		radiusUnits: 'pixels',
		getRadius: 6
	})];
}
