import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { resolve } from 'node:path';
import { tableToIPC } from 'apache-arrow';
import { multiPolygonColumn } from '../../../pipeline/lib/geometry';
import { makeTable, utf8 } from '../../../pipeline/lib/arrow';
import { flattenMultiPolygons } from '../../../src/lib/data/geometry/polygons';
import { buildHitIndex, hitTest } from '../../../src/lib/map/hit-test';
import { decodeMesh } from '../../../src/lib/data/geometry/mesh';
import { square } from '../../fixtures/shapes';


describe('CPU hit test', () => {
	// A: a 4×4 square with a hole where B (an enclave) sits; C: two islands.
	const polygons = flattenMultiPolygons(
		tableToIPC(
			makeTable([
				utf8('code', ['A', 'B', 'C']),
				multiPolygonColumn('geometry', [
					[[square(0, 0, 4), square(1, 1, 2).reverse()]],
					[[square(1, 1, 2)]],
					[[square(10, 0, 1)], [square(12, 0, 1)]]
				])
			]),
			'stream'
		),
		{ triangulate: false }
	);
	const index = buildHitIndex(polygons, 1);

	it('finds the feature under a point, holes and islands included', () => {
		expect(hitTest(index, 0.5, 0.5)).toBe(0);
		expect(hitTest(index, 2, 2)).toBe(1); // in A's hole: the enclave B
		expect(hitTest(index, 12.5, 0.5)).toBe(2); // C's second island
		expect(hitTest(index, 11.5, 0.5)).toBe(-1); // sea between C's islands
		expect(hitTest(index, 50, 50)).toBe(-1);
	});

	it('finds Cahors under its own centroid in the real contours', () => {
		const dir = resolve(import.meta.dirname, '../../../static/data');
		const real = decodeMesh(gunzipSync(readFileSync(resolve(dir, 'communes_geom.mesh.gz'))));
		const realIndex = buildHitIndex(real);
		// Centroid of Cahors as published in the communes artefact (lon 1.4405…, lat 44.4475…) is within its polygon.
		const cahors = real.codes.indexOf('46042');
		expect(hitTest(realIndex, 1.44, 44.45)).toBe(cahors);
		expect(hitTest(realIndex, -3, 46)).toBe(-1); // Atlantic
	});
});
