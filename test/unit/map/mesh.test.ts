import { describe, expect, it } from 'vitest';
import { tableToIPC } from 'apache-arrow';
import { multiPolygonColumn } from '../../../pipeline/lib/geometry';
import { makeTable, utf8 } from '../../../pipeline/lib/arrow';
import { flattenMultiPolygons } from '../../../src/lib/data/geometry/polygons';
import { decodeMesh, encodeMesh } from '../../../src/lib/data/geometry/mesh';
import { square } from '../../fixtures/shapes';

// Fictitious shapes: a square with a hole (an enclave), and a commune in two parts (an island).
const flat = flattenMultiPolygons(
	tableToIPC(
		makeTable([
			utf8('code', ['01001', '2A004']),
			multiPolygonColumn('geometry', [[[square(0, 0, 4), square(1, 1, 2).reverse()]], [[square(10, 0, 1)], [square(12, 0, 1)]]])
		]),
		'stream'
	)
);

describe('mesh artefact', () => {
	it('gives back exactly the arrays the map draws', () => {
		const decoded = decodeMesh(encodeMesh(flat));
		expect(decoded.codes).toEqual(flat.codes);
		for (const key of ['positions', 'partStarts', 'partFeature', 'ringStarts', 'triangles'] as const) {
			expect(Array.from(decoded[key]), key).toEqual(Array.from(flat[key]));
		}
		expect(decoded.triangles.length).toBeGreaterThan(0);
	});

	it('reads bytes that do not start on a 4-byte boundary', () => {
		const bytes = encodeMesh(flat);
		const shifted = new Uint8Array(bytes.byteLength + 1);
		shifted.set(bytes, 1);
		expect(Array.from(decodeMesh(shifted.subarray(1)).triangles)).toEqual(Array.from(flat.triangles));
	});

	it('refuses truncated or foreign bytes', () => {
		expect(() => decodeMesh(encodeMesh(flat).subarray(0, 100))).toThrow(/tronqué/);
		expect(() => decodeMesh(new Uint8Array(64))).toThrow(/format inconnu/);
	});
});
