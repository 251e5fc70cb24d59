import type { StyleSpecification, GeoJSONSourceSpecification } from 'maplibre-gl';
import type { FeatureCollection, MultiLineString } from 'geojson';
import { emptyBox, extendByPart, type Box, type FlatPolygons } from '../data/geometry/polygons';

/**
 * The offline basemap: the département and région outlines from our own artefacts, on the map
 * element's background colour (BaseMap), which shows through the transparent canvas: a background
 * layer is drawn tile by tile, 10 ms a frame without a GPU. No tiles, no sprite, no glyphs: nothing is
 * fetched from anywhere but the app.
 */

export const LAYER_COMMUNES = 'communes-outline';
export const LAYER_DEPARTEMENTS = 'departements-outline';
export const LAYER_REGIONS = 'regions-outline';

/** The map's background, and the border colours and widths (CSS pixels) at France's zoom: the prerendered view (pipeline/prerender.ts) draws the same. */
export const BACKGROUND_COLOR = '#eef2f5';
export const DEPARTEMENT_LINE = { color: '#4b5563', width: [4, 0.4, 9, 1.2] } as const;
export const REGION_LINE = { color: '#111827', width: [4, 1, 9, 2.2] } as const;

/** Width (CSS pixels) of a border at `zoom`, from the style's [zoom, width, zoom, width] stops, linear between them as MapLibre interpolates. */
export function borderWidth([z0, w0, z1, w1]: readonly number[], zoom: number): number {
	const t = Math.min(1, Math.max(0, (zoom - z0) / (z1 - z0)));
	return w0 + t * (w1 - w0);
}

const EMPTY: GeoJSONSourceSpecification = { type: 'geojson', data: { type: 'FeatureCollection', features: [] } };

export function offlineStyle(): StyleSpecification {
	return {
		version: 8,
		name: 'cls-atlas hors ligne',
		sources: { communes: EMPTY, departements: EMPTY, regions: EMPTY },
		layers: [
			// Commune borders from zoom 7: MapLibre tiles them and draws only what is on screen.
			{
				id: LAYER_COMMUNES,
				type: 'line',
				source: 'communes',
				minzoom: 7,
				paint: { 'line-color': '#ffffff', 'line-opacity': 0.7, 'line-width': ['interpolate', ['linear'], ['zoom'], 7, 0.3, 12, 1] }
			},
			{
				id: LAYER_DEPARTEMENTS,
				type: 'line',
				source: 'departements',
				paint: { 'line-color': DEPARTEMENT_LINE.color, 'line-width': ['interpolate', ['linear'], ['zoom'], ...DEPARTEMENT_LINE.width] }
			},
			{
				id: LAYER_REGIONS,
				type: 'line',
				source: 'regions',
				paint: { 'line-color': REGION_LINE.color, 'line-width': ['interpolate', ['linear'], ['zoom'], ...REGION_LINE.width] }
			}
		]
	};
}

/** Rings of flat polygons as GeoJSON lines, one feature per territory. */
export function outlinesGeoJSON(polygons: FlatPolygons): FeatureCollection<MultiLineString, { code: string }> {
	const lines: number[][][][] = polygons.codes.map(() => []);
	let ring = 0;
	for (let part = 0; part < polygons.partFeature.length; part++) {
		const feature = lines[polygons.partFeature[part]];
		while (polygons.ringStarts[ring] < polygons.partStarts[part + 1]) {
			const line: number[][] = [];
			for (let v = polygons.ringStarts[ring]; v < polygons.ringStarts[ring + 1]; v++) {
				line.push([polygons.positions[v * 2], polygons.positions[v * 2 + 1]]);
			}
			feature.push(line);
			ring++;
		}
	}
	return {
		type: 'FeatureCollection',
		features: polygons.codes.map((code, i) => ({
			type: 'Feature',
			properties: { code },
			geometry: { type: 'MultiLineString', coordinates: lines[i] }
		}))
	};
}

/** Bounding box [west, south, east, north] of the features whose code passes `keep`. */
export function boundsOf(polygons: FlatPolygons, keep: (code: string) => boolean): Box {
	const box = emptyBox();
	for (let part = 0; part < polygons.partFeature.length; part++) {
		if (keep(polygons.codes[polygons.partFeature[part]])) extendByPart(polygons, part, box);
	}
	return box;
}
