import { describe, expect, it } from 'vitest';
import { tableToIPC } from 'apache-arrow';
import { multiPolygonColumn } from '../../../pipeline/lib/geometry';
import { makeTable, utf8 } from '../../../pipeline/lib/arrow';
import { featuresInBox, flattenMultiPolygons, subsetPolygons } from '../../../src/lib/data/geometry/polygons';
import { square } from '../../fixtures/shapes';

// Feature A: a 4×4 square with a 2×2 hole (an enclave); feature B: two 1×1 squares (a commune with an island).
const geometries = [
	[[square(0, 0, 4), square(1, 1, 2).reverse()]],
	[[square(10, 0, 1)], [square(12, 0, 1)]]
];

function encode(codes = ['A', 'B'], shapes = geometries) {
	return tableToIPC(makeTable([utf8('code', codes), multiPolygonColumn('geometry', shapes)]), 'stream');
}

function trianglesArea(p: ReturnType<typeof flattenMultiPolygons>, fromVertex: number, toVertex: number) {
	let area = 0;
	for (let t = 0; t < p.triangles.length; t += 3) {
		const [a, b, c] = [p.triangles[t], p.triangles[t + 1], p.triangles[t + 2]];
		if (a < fromVertex || a >= toVertex) continue;
		const [ax, ay, bx, by, cx, cy] = [a, a, b, b, c, c].map((v, i) => p.positions[v * 2 + (i % 2)]);
		area += Math.abs((bx - ax) * (cy - ay) - (cx - ax) * (by - ay)) / 2;
	}
	return area;
}

describe('flattenMultiPolygons', () => {
	const p = flattenMultiPolygons(encode());

	it('keeps codes and maps every part to its feature', () => {
		expect(p.codes).toEqual(['A', 'B']);
		expect(Array.from(p.partFeature)).toEqual([0, 1, 1]);
		expect(Array.from(p.partStarts)).toEqual([0, 10, 15, 20]);
		expect(Array.from(p.ringStarts)).toEqual([0, 5, 10, 15, 20]);
		expect(p.positions.length).toBe(40);
	});

	it('triangulates around holes: the enclave is not covered', () => {
		expect(trianglesArea(p, 0, 10)).toBeCloseTo(16 - 4, 6);
		expect(trianglesArea(p, 10, 20)).toBeCloseTo(2, 6);
	});
});

describe('subsetPolygons', () => {
	// C, after A and B: a third feature, so that the kept ones are neither all first nor all last.
	const all = [...geometries, [[square(20, 0, 3), square(21, 1, 1).reverse()]]];
	const p = flattenMultiPolygons(encode(['A', 'B', 'C'], all));

	it('gives what decoding the kept features alone gives: codes, parts, rings, vertices and triangles', () => {
		for (const kept of [[0], [1], [2], [0, 2], [1, 2], [0, 1, 2]]) {
			const subset = subsetPolygons(p, (f) => kept.includes(f));
			const alone = flattenMultiPolygons(encode(kept.map((f) => ['A', 'B', 'C'][f]), kept.map((f) => all[f])));
			expect(subset.codes).toEqual(alone.codes);
			expect(Array.from(subset.partFeature)).toEqual(Array.from(alone.partFeature));
			expect(Array.from(subset.partStarts)).toEqual(Array.from(alone.partStarts));
			expect(Array.from(subset.ringStarts)).toEqual(Array.from(alone.ringStarts));
			expect(Array.from(subset.positions)).toEqual(Array.from(alone.positions));
			expect(Array.from(subset.triangles)).toEqual(Array.from(alone.triangles));
		}
	});

	it('keeps nothing when nothing is kept', () => {
		const none = subsetPolygons(p, () => false);
		expect(none.codes).toEqual([]);
		expect(Array.from(none.partStarts)).toEqual([0]);
		expect(none.triangles.length).toBe(0);
	});
});

describe('featuresInBox', () => {
	const p = flattenMultiPolygons(encode());

	it('marks a feature when any of its parts meets the box, edges included', () => {
		expect(Array.from(featuresInBox(p, [-1, -1, 0, 0]))).toEqual([1, 0]);
		expect(Array.from(featuresInBox(p, [12.5, 0.5, 30, 0.6]))).toEqual([0, 1]);
		expect(Array.from(featuresInBox(p, [5, 0, 9, 4]))).toEqual([0, 0]);
	});
});
