import { Field, FixedSizeList, Float32, List, makeData } from 'apache-arrow';
import type { Column } from './arrow';
import { SourceError } from './csv';

export type Position = number[];
export type Ring = Position[];
export type PolygonCoords = Ring[];
export interface GeoJsonGeometry {
	type: string;
	coordinates: unknown;
}
export interface GeoJsonFeature {
	properties: Record<string, unknown>;
	geometry: GeoJsonGeometry | null;
}

/** Polygon and MultiPolygon both become a list of polygons (outer ring first, then holes). */
export function toPolygons(geometry: GeoJsonGeometry | null, where: string): PolygonCoords[] {
	if (geometry?.type === 'Polygon') return [geometry.coordinates as PolygonCoords];
	if (geometry?.type === 'MultiPolygon') return geometry.coordinates as PolygonCoords[];
	throw new SourceError(`${where} : géométrie ${geometry?.type ?? 'absente'} au lieu d'un (Multi)Polygon`);
}

/**
 * MultiPolygon column List<List<List<FixedSizeList[2]<Float32>>>> (polygons → rings → [lon, lat]),
 * built straight from typed arrays: one pass, no per-vertex Arrow builder.
 */
export function multiPolygonColumn(name: string, geometries: readonly PolygonCoords[][]): Column {
	let nPolygons = 0;
	let nRings = 0;
	let nPoints = 0;
	for (const polygons of geometries) {
		nPolygons += polygons.length;
		for (const rings of polygons) {
			nRings += rings.length;
			for (const ring of rings) nPoints += ring.length;
		}
	}
	const xy = new Float32Array(nPoints * 2);
	const ringOffsets = new Int32Array(nRings + 1);
	const polygonOffsets = new Int32Array(nPolygons + 1);
	const geomOffsets = new Int32Array(geometries.length + 1);
	let p = 0;
	let r = 0;
	let g = 0;
	geometries.forEach((polygons, i) => {
		for (const rings of polygons) {
			for (const ring of rings) {
				for (const [lon, lat] of ring) {
					xy[p * 2] = lon;
					xy[p * 2 + 1] = lat;
					p++;
				}
				ringOffsets[++r] = p;
			}
			polygonOffsets[++g] = r;
		}
		geomOffsets[i + 1] = g;
	});
	const xyType = new FixedSizeList(2, new Field('xy', new Float32(), false));
	const ringType = new List(new Field('vertices', xyType, false));
	const polygonType = new List(new Field('rings', ringType, false));
	const type = new List(new Field('polygons', polygonType, false));
	const coords = makeData({ type: new Float32(), length: nPoints * 2, nullCount: 0, data: xy });
	const vertices = makeData({ type: xyType, length: nPoints, nullCount: 0, child: coords });
	const rings = makeData({ type: ringType, length: nRings, nullCount: 0, valueOffsets: ringOffsets, child: vertices });
	const polys = makeData({ type: polygonType, length: nPolygons, nullCount: 0, valueOffsets: polygonOffsets, child: rings });
	const data = makeData({ type, length: geometries.length, nullCount: 0, valueOffsets: geomOffsets, child: polys });
	return { field: new Field(name, type, false), data };
}

/** Signed area and area-weighted centroid of a ring (planar, in degrees: fine for ranking and labelling). */
function ringMoments(ring: Ring): { area: number; cx: number; cy: number } {
	let area = 0;
	let cx = 0;
	let cy = 0;
	for (let i = 0; i < ring.length - 1; i++) {
		const [x0, y0] = ring[i];
		const [x1, y1] = ring[i + 1];
		const cross = x0 * y1 - x1 * y0;
		area += cross;
		cx += (x0 + x1) * cross;
		cy += (y0 + y1) * cross;
	}
	return { area: area / 2, cx, cy };
}

const round5 = (x: number) => Math.round(x * 1e5) / 1e5;

/**
 * Area-weighted centroid of the largest polygon part (holes subtracted): a multi-part commune
 * (islands, exclaves) gets its label on its main body rather than in the sea between parts.
 */
export function mainCentroid(polygons: readonly PolygonCoords[]): [number, number] {
	let best: { area: number; x: number; y: number } | null = null;
	for (const rings of polygons) {
		let area = 0;
		let cx = 0;
		let cy = 0;
		rings.forEach((ring, i) => {
			const m = ringMoments(ring);
			// GeoJSON winding is not trusted: the outer ring adds, holes subtract.
			const sign = (i === 0 ? 1 : -1) * Math.sign(m.area);
			area += sign * m.area;
			cx += sign * m.cx;
			cy += sign * m.cy;
		});
		if (area > 0 && (!best || area > best.area)) best = { area, x: cx / (6 * area), y: cy / (6 * area) };
	}
	if (!best) throw new Error('Polygone sans surface');
	return [round5(best.x), round5(best.y)];
}
