import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import type { PolygonCoords, Position } from '../../../pipeline/lib/geometry';
import { simplifyLayer } from '../../../pipeline/lib/simplify';
import { COARSE_COMMUNES, decodeMesh } from '../../../src/lib/data/geometry/mesh';
import type { FlatPolygons } from '../../../src/lib/data/geometry/polygons';

/**
 * FICTITIOUS territories (no real place), in degrees near 0°, where one degree is 1.42 pixels at
 * zoom 0 (a 512-pixel world): two squares side by side whose shared border zigzags by 0.0001°, an
 * island, and a square with a hole filled by a third territory.
 */
const zigzag = (x: number, from: number, to: number): Position[] => {
	const points: Position[] = [];
	for (let i = 0; i <= 20; i++) points.push([x + (i % 2 ? 0.0001 : 0), from + ((to - from) * i) / 20]);
	return points;
};
const border = zigzag(1, 0, 1);
const WEST: PolygonCoords[] = [[[[0, 0], ...border, [0, 1], [0, 0]]]];
const EAST: PolygonCoords[] = [[[[2, 0], [2, 1], ...[...border].reverse(), [2, 0]]]];
const ISLAND: PolygonCoords[] = [[[[5, 5], [5.5, 5.0001], [6, 5], [6, 6], [5, 6], [5, 5]]]];
const HOLE: Position[] = [[11, 11], [11.5, 11.00005], [12, 11], [12, 12], [11, 12], [11, 11]];
const DONUT: PolygonCoords[] = [[[[10, 10], [13, 10], [13, 13], [10, 13], [10, 10]], HOLE]];
const FILLING: PolygonCoords[] = [[[...HOLE].reverse()]];
const LAYER = [WEST, EAST, ISLAND, DONUT, FILLING];

const key = ([x, y]: Position) => `${x},${y}`;
/** Undirected edges of a territory's rings. */
function edges(polygons: PolygonCoords[]): Set<string> {
	const out = new Set<string>();
	for (const ring of polygons.flat()) {
		for (let i = 0; i < ring.length - 1; i++) out.add([key(ring[i]), key(ring[i + 1])].sort().join(' '));
	}
	return out;
}

describe('simplifyLayer (fictitious territories)', () => {
	const { shapes, vertices } = simplifyLayer(LAYER, { zoom: 0, pixels: 0.5 });

	it('drops the zigzag of a shared border, on both sides alike', () => {
		expect(vertices.after).toBeLessThan(vertices.before);
		const [west, east] = [edges(shapes[0]), edges(shapes[1])];
		const shared = [...west].filter((e) => east.has(e));
		// The border becomes one straight edge from (1, 0) to (1, 1), which both squares keep.
		expect(shared).toEqual([['1,0', '1,1'].sort().join(' ')]);
		expect(shapes[0][0][0]).toHaveLength(5);
	});

	it('keeps the hole and the territory filling it identical, and every ring a polygon', () => {
		expect(shapes[3][0][1].map(key).sort()).toEqual(shapes[4][0][0].map(key).sort());
		for (const ring of shapes.flat(2)) {
			expect(new Set(ring.map(key)).size).toBeGreaterThanOrEqual(3);
			expect(key(ring[0])).toBe(key(ring[ring.length - 1]));
		}
	});

	it('keeps a vertex farther than the tolerance', () => {
		// 0.01° is 14.6 px at zoom 10 (the bump stays), 0.014 px at zoom 0 (it goes).
		const bump: PolygonCoords[] = [[[[0, 0], [0.5, 0.01], [1, 0], [1, 1], [0, 1], [0, 0]]]];
		expect(simplifyLayer([bump], { zoom: 10, pixels: 0.5 }).shapes[0][0][0].map(key)).toContain('0.5,0.01');
		expect(simplifyLayer([bump], { zoom: 0, pixels: 0.5 }).shapes[0][0][0].map(key)).not.toContain('0.5,0.01');
	});
});

describe('the shipped simplified commune mesh', () => {
	const read = (table: string): FlatPolygons =>
		decodeMesh(new Uint8Array(gunzipSync(readFileSync(resolve(import.meta.dirname, `../../../static/data/${table}.mesh.gz`)))));
	const full = read('communes_geom');
	const coarse = read(COARSE_COMMUNES.table);

	it('has the same communes and parts as the full mesh, with far fewer triangles', () => {
		expect(coarse.codes).toEqual(full.codes);
		expect(Array.from(coarse.partFeature)).toEqual(Array.from(full.partFeature));
		expect(coarse.ringStarts.length).toBe(full.ringStarts.length);
		expect(coarse.triangles.length).toBeLessThan(full.triangles.length * 0.6);
	});

	it('only keeps vertices of the full mesh', () => {
		const fullVertices = new Set<string>();
		for (let v = 0; v < full.positions.length; v += 2) fullVertices.add(`${full.positions[v]},${full.positions[v + 1]}`);
		for (let v = 0; v < coarse.positions.length; v += 2) expect(fullVertices.has(`${coarse.positions[v]},${coarse.positions[v + 1]}`)).toBe(true);
	});
});
