import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { tableFromIPC } from 'apache-arrow';
import { describe, expect, it } from 'vitest';
import { type PolygonCoords, type Ring, selfIntersections } from '../../../pipeline/lib/geometry';
import { decodeMesh, MESH_EXTENSION } from '../../../src/lib/data/geometry/mesh';
import { QPV_COUNT, repairPolygons } from '../../../pipeline/sources/qpv-perimetres';

/** FICTITIOUS shapes, in plain numbers (no real place). */
const SQUARE: PolygonCoords[] = [[[[0, 0], [4, 0], [4, 4], [0, 4], [0, 0]]]];
const BOWTIE: PolygonCoords[] = [[[[0, 0], [4, 4], [4, 0], [0, 4], [0, 0]]]];
const HOLE_TOUCHING_SHELL: PolygonCoords[] = [[[[0, 0], [4, 0], [4, 4], [0, 4], [0, 0]], [[0, 0], [2, 1], [1, 2], [0, 0]]]];
const RING_THROUGH_A_VERTEX_TWICE: PolygonCoords[] = [[[[0, 0], [2, 0], [2, 2], [4, 2], [4, 4], [2, 4], [2, 2], [0, 2], [0, 0]]]];
const OVERLAPPING_EDGE: PolygonCoords[] = [[[[0, 0], [4, 0], [4, 2], [2, 2], [2, 0], [1, 0], [1, -1], [0, -1], [0, 0]]]];

describe('selfIntersections (fictitious shapes)', () => {
	it('accepts a square and a hole touching its shell at one point', () => {
		expect(selfIntersections(SQUARE)).toBe(0);
		expect(selfIntersections(HOLE_TOUCHING_SHELL)).toBe(0);
	});

	it('finds a crossing, a ring through one vertex twice and edges overlapping', () => {
		expect(selfIntersections(BOWTIE)).toBe(1);
		expect(selfIntersections(RING_THROUGH_A_VERTEX_TWICE)).toBeGreaterThan(0);
		expect(selfIntersections(OVERLAPPING_EDGE)).toBeGreaterThan(0);
	});
});

/** Shoelace area of the polygons (outer rings add, holes subtract, whatever the winding). */
function area(polygons: PolygonCoords[]): number {
	let total = 0;
	for (const rings of polygons) {
		rings.forEach((ring, i) => {
			let a = 0;
			for (let k = 0; k < ring.length - 1; k++) a += ring[k][0] * ring[k + 1][1] - ring[k + 1][0] * ring[k][1];
			total += (i === 0 ? 1 : -1) * Math.abs(a / 2);
		});
	}
	return total;
}

describe('repairPolygons (fictitious shapes)', () => {
	it('keeps a valid geometry as it is', () => {
		expect(repairPolygons(SQUARE)).toEqual({ polygons: SQUARE, repaired: false });
	});

	it('turns a bowtie into two triangles meeting at the crossing, with the same area', () => {
		const { polygons, repaired } = repairPolygons(BOWTIE);
		expect(repaired).toBe(true);
		expect(selfIntersections(polygons)).toBe(0);
		expect(polygons).toHaveLength(2);
		expect(area(polygons)).toBeCloseTo(8, 9);
	});
});

describe('qpv_geom artefact (real data)', () => {
	const bytes = (file: string) => gunzipSync(readFileSync(resolve(import.meta.dirname, `../../../static/data/${file}`)));
	const mesh = decodeMesh(bytes(`qpv_geom${MESH_EXTENSION}`));
	const quartiers = tableFromIPC(bytes('qpv_quartiers.arrows.gz'));
	/** The polygons of one QPV, read back from the mesh's vertex, part and ring offsets. */
	const polygonsOf = (feature: number): PolygonCoords[] => {
		const polygons: PolygonCoords[] = [];
		for (let part = 0; part < mesh.partFeature.length; part++) {
			if (mesh.partFeature[part] !== feature) continue;
			const rings: PolygonCoords = [];
			for (let r = 0; r + 1 < mesh.ringStarts.length; r++) {
				if (mesh.ringStarts[r] < mesh.partStarts[part] || mesh.ringStarts[r] >= mesh.partStarts[part + 1]) continue;
				const ring: Ring = [];
				for (let v = mesh.ringStarts[r]; v < mesh.ringStarts[r + 1]; v++) ring.push([mesh.positions[2 * v], mesh.positions[2 * v + 1]]);
				rings.push(ring);
			}
			polygons.push(rings);
		}
		return polygons;
	};
	const table = { codes: mesh.codes };

	it(`holds the ${QPV_COUNT} QPV of the 2024 decrees, one row each`, () => {
		const codes = table.codes;
		expect(codes).toHaveLength(1_609);
		expect(new Set(codes).size).toBe(1_609);
	});

	it('has no geometry with a self-intersection, once read back from the artefact', () => {
		const invalid: string[] = [];
		for (let i = 0; i < table.codes.length; i++) if (selfIntersections(polygonsOf(i))) invalid.push(table.codes[i]);
		expect(invalid).toEqual([]);
		// The source has some: the repair was needed and is recorded.
		expect((quartiers.getChild('repare')?.toArray() as boolean[]).filter(Boolean).length).toBeGreaterThan(50);
	});

	it('places Terre Rouge (QN04601M) in Cahors with about 0.28 km²', () => {
		const i = table.codes.indexOf('QN04601M');
		expect(quartiers.getChild('code')?.get(i)).toBe('QN04601M');
		expect(quartiers.getChild('communes')?.get(i)).toBe('46042');
		const polygons = polygonsOf(i);
		// Degrees² → km² at 44.46° N.
		const km2 = area(polygons) * 111.32 * 111.32 * Math.cos((44.46 * Math.PI) / 180);
		expect(km2).toBeGreaterThan(0.2);
		expect(km2).toBeLessThan(0.35);
	});
});
