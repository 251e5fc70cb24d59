import { Field, FixedSizeList, Float32, List, makeData } from 'apache-arrow';
import type { Column } from './arrow';
import { SourceError, readText } from './csv';

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

/** The features of a GeoJSON FeatureCollection; a corrupt or empty file stops the build, naming it. */
export function readFeatures(file: string): GeoJsonFeature[] {
	let features: GeoJsonFeature[];
	try {
		features = (JSON.parse(readText(file)) as { features: GeoJsonFeature[] }).features;
	} catch (error) {
		if (error instanceof SourceError) throw error;
		throw new SourceError(`GeoJSON corrompu : ${file} (${(error as Error).message})`);
	}
	if (!Array.isArray(features) || features.length === 0) throw new SourceError(`Aucune entité dans ${file}`);
	return features;
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

/** Sign of the turn a → b → c: exact for float32 coordinates (their differences and products fit a double). */
function orient(a: Position, b: Position, c: Position): number {
	return Math.sign((b[0] - a[0]) * (c[1] - a[1]) - (b[1] - a[1]) * (c[0] - a[0]));
}

/** Whether c, collinear with a-b, lies strictly between a and b. */
function strictlyBetween(a: Position, b: Position, c: Position): boolean {
	const inside = (lo: number, hi: number, v: number) => (lo < hi ? lo < v && v < hi : hi < v && v < lo);
	return a[0] !== b[0] ? inside(a[0], b[0], c[0]) : inside(a[1], b[1], c[1]);
}

/** Whether two segments cross at a point interior to both, or overlap along a stretch. */
function segmentsConflict(a: Position, b: Position, c: Position, d: Position): boolean {
	const o1 = orient(a, b, c);
	const o2 = orient(a, b, d);
	const o3 = orient(c, d, a);
	const o4 = orient(c, d, b);
	if (o1 === 0 && o2 === 0) {
		// Collinear: they overlap when an endpoint of one lies strictly inside the other, or they are the same segment.
		return (
			strictlyBetween(a, b, c) || strictlyBetween(a, b, d) || strictlyBetween(c, d, a) || strictlyBetween(c, d, b) ||
			(samePoint(a, c) && samePoint(b, d)) || (samePoint(a, d) && samePoint(b, c))
		);
	}
	return o1 * o2 < 0 && o3 * o4 < 0;
}

interface Edge {
	a: Position;
	b: Position;
	ring: number;
	/** Position of the edge along its ring, and the ring's edge count: consecutive edges share a vertex by design. */
	index: number;
	count: number;
}

const samePoint = (p: Position, q: Position) => p[0] === q[0] && p[1] === q[1];

/** Whether two edges of one ring touch anywhere but at the vertex that joins consecutive edges. */
function ringTouches(e: Edge, f: Edge): boolean {
	const gap = Math.abs(e.index - f.index);
	if (gap === 1 || gap === e.count - 1) return false;
	const onInterior = (a: Position, b: Position, c: Position) => orient(a, b, c) === 0 && strictlyBetween(a, b, c);
	return (
		samePoint(e.a, f.a) || samePoint(e.a, f.b) || samePoint(e.b, f.a) || samePoint(e.b, f.b) ||
		onInterior(e.a, e.b, f.a) || onInterior(e.a, e.b, f.b) || onInterior(f.a, f.b, e.a) || onInterior(f.a, f.b, e.b)
	);
}

/**
 * Self-intersections of a (Multi)Polygon, the defect a simplification that ignores topology leaves:
 * pairs of its edges, over all its rings, that cross or overlap, and, within one ring, edges that
 * touch other than at the vertex joining consecutive edges (a ring must be simple). Rings of one
 * geometry may meet at a vertex, as OGC allows a hole to touch its shell at one point.
 * Sweep over edges sorted by their west end: fine for thousands of vertices.
 * Returns the number of offending pairs (0 = no self-intersection).
 */
export function selfIntersections(polygons: readonly PolygonCoords[]): number {
	const edges: Edge[] = [];
	let ringId = 0;
	for (const rings of polygons) {
		for (const ring of rings) {
			const kept: [Position, Position][] = [];
			for (let i = 0; i < ring.length - 1; i++) {
				if (!samePoint(ring[i], ring[i + 1])) kept.push([ring[i], ring[i + 1]]);
			}
			kept.forEach(([a, b], index) => edges.push({ ...(a[0] <= b[0] ? { a, b } : { a: b, b: a }), ring: ringId, index, count: kept.length }));
			ringId++;
		}
	}
	edges.sort((e, f) => e.a[0] - f.a[0]);
	let conflicts = 0;
	for (let i = 0; i < edges.length; i++) {
		const e = edges[i];
		const yMin = Math.min(e.a[1], e.b[1]);
		const yMax = Math.max(e.a[1], e.b[1]);
		for (let j = i + 1; j < edges.length && edges[j].a[0] <= e.b[0]; j++) {
			const f = edges[j];
			if (Math.max(f.a[1], f.b[1]) < yMin || Math.min(f.a[1], f.b[1]) > yMax) continue;
			if (segmentsConflict(e.a, e.b, f.a, f.b) || (e.ring === f.ring && ringTouches(e, f))) conflicts++;
		}
	}
	return conflicts;
}
