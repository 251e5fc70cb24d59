import { describe, expect, it } from 'vitest';
import { tableToIPC } from 'apache-arrow';
import { multiPolygonColumn } from '../../../pipeline/lib/geometry';
import { makeTable, utf8 } from '../../../pipeline/lib/arrow';
import { flattenMultiPolygons } from '../../../src/lib/data/geometry/polygons';
import { square } from '../../fixtures/shapes';

// Feature A: a 4×4 square with a 2×2 hole (an enclave); feature B: two 1×1 squares (a commune with an island).
const geometries = [
	[[square(0, 0, 4), square(1, 1, 2).reverse()]],
	[[square(10, 0, 1)], [square(12, 0, 1)]]
];

function encode() {
	return tableToIPC(makeTable([utf8('code', ['A', 'B']), multiPolygonColumn('geometry', geometries)]), 'stream');
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
