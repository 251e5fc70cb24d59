import { ScatterplotLayer } from '@deck.gl/layers';
import type { DataSource } from '../data/source';
import { qpvCentroids, radonZone3Codes } from '../data/map';
import type { FlatPolygons } from './polygons';
import { perimetersOutline, perimeterLayer } from './perimeter-outline';

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
		label: 'Communes avec un QPV',
		source: 'ANCT – quartiers prioritaires 2024 (liste par commune)',
		tables: ['qpv'],
		color: [106, 61, 154, 255] as [number, number, number, number]
	}
] as const;
export type OverlayId = (typeof OVERLAYS)[number]['id'];

/** What an overlay draws: an outline (segments) or points at commune centroids. */
export type OverlayData = { kind: 'outline'; segments: Float32Array } | { kind: 'points'; positions: Float32Array };

export async function loadOverlay(source: DataSource, id: OverlayId, communes: FlatPolygons): Promise<OverlayData> {
	if (id === 'radon3') return { kind: 'outline', segments: perimetersOutline(communes, [await radonZone3Codes(source)]) };
	const { lon, lat } = await qpvCentroids(source);
	const positions = new Float32Array(lon.length * 2);
	lon.forEach((x, i) => positions.set([x, lat[i]], i * 2));
	return { kind: 'points', positions };
}

export function overlayLayer(id: OverlayId, data: OverlayData) {
	const color = OVERLAYS.find((o) => o.id === id)!.color;
	if (data.kind === 'outline') return perimeterLayer(`overlay-${id}`, data.segments, color, 1.6);
	return new ScatterplotLayer({
		id: `overlay-${id}`,
		data: { length: data.positions.length / 2, attributes: { getPosition: { value: data.positions, size: 2 } } },
		filled: false,
		stroked: true,
		getLineColor: color,
		lineWidthUnits: 'pixels',
		getLineWidth: 2,
		radiusUnits: 'pixels',
		getRadius: 6
	});
}
