import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { tableFromIPC } from 'apache-arrow';
import { describe, expect, it } from 'vitest';
import { adjacencyTable, neighbours } from '../../../pipeline/adjacency';
import type { PolygonCoords } from '../../../pipeline/lib/geometry';

/** FICTITIOUS fixture: unit squares on a grid, named by their cell (not real communes). */
function square(x: number, y: number): PolygonCoords[] {
	return [[[[x, y], [x + 1, y], [x + 1, y + 1], [x, y + 1], [x, y]]]];
}

describe('neighbours (fictitious squares)', () => {
	// A B
	// C .   D touches B at one corner only; E is an island; F shares B's east edge in reverse order.
	//     D
	const shapes = [
		{ code: 'A', polygons: square(0, 1) },
		{ code: 'B', polygons: square(1, 1) },
		{ code: 'C', polygons: square(0, 0) },
		{ code: 'D', polygons: square(2, 0) },
		{ code: 'E', polygons: square(10, 10) },
		{ code: 'F', polygons: [[[[2, 1], [2, 2], [3, 2], [3, 1], [2, 1]]]] }
	];
	const byCode = neighbours(shapes);

	it('pairs squares sharing an edge, in both directions, sorted', () => {
		expect(byCode.get('A')).toEqual(['B', 'C']);
		expect(byCode.get('B')).toEqual(['A', 'F']);
		expect(byCode.get('C')).toEqual(['A']);
		expect(byCode.get('F')).toEqual(['B', 'D']);
	});

	it('leaves out a contact at one corner and gives an island no neighbour', () => {
		expect(byCode.get('B')).not.toContain('D');
		expect(byCode.get('C')).not.toContain('B');
		expect(byCode.get('E')).toEqual([]);
	});

	it('writes one row per shape, null list for the island', () => {
		const table = adjacencyTable(byCode);
		expect(table.numRows).toBe(6);
		expect(table.getChild('code')?.toArray()).toEqual(['A', 'B', 'C', 'D', 'E', 'F']);
		expect(table.getChild('voisins')?.get(0)).toBe('B C');
		expect(table.getChild('voisins')?.get(4)).toBeNull();
		expect(table.getChild('nb_voisins')?.get(4)).toBe(0);
	});
});

describe('communes_voisines artefact (real data)', () => {
	const file = resolve(import.meta.dirname, '../../../static/data/communes_voisines.arrows.gz');
	const table = tableFromIPC(gunzipSync(readFileSync(file)));
	const lists = new Map<string, string[]>();
	for (let i = 0; i < table.numRows; i++) {
		const voisins = table.getChild('voisins')?.get(i) as string | null;
		lists.set(table.getChild('code')?.get(i) as string, voisins ? voisins.split(' ') : []);
	}

	it('has every commune, and every pair both ways', () => {
		expect(lists.size).toBe(34_875);
		const oneWay: string[] = [];
		for (const [code, list] of lists) for (const other of list) if (!lists.get(other)?.includes(code)) oneWay.push(`${code} → ${other}`);
		expect(oneWay).toEqual([]);
	});

	it('knows the Lot: Saint-Céré borders Saint-Laurent-les-Tours, Cahors borders Pradines', () => {
		expect(lists.get('46251')).toContain('46273');
		expect(lists.get('46042')).toContain('46224');
		expect(lists.get('46251')).not.toContain('46042');
	});

	it('gives Ouessant and the Île-d’Yeu no neighbour, and Belle-Île’s four communes to each other', () => {
		expect(lists.get('29155')).toEqual([]);
		expect(lists.get('85113')).toEqual([]);
		// Le Palais borders Bangor, Locmaria and Sauzon, all on the island.
		expect(lists.get('56152')).toEqual(['56009', '56114', '56241']);
	});
});
