import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { tableFromIPC } from 'apache-arrow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openNodeSource, type NodeSource } from '../../../src/lib/data/queries/node';
import { epciCommunes, levelAdjacency, neighbourCommunes } from '../../../src/lib/data/queries/neighbours';
import { qpvOfCommunes } from '../../../src/lib/data/queries/qpv';

/** The artefacts read straight with apache-arrow, without DuckDB: the independent side of each check. */
const read = (name: string) => tableFromIPC(gunzipSync(readFileSync(resolve(import.meta.dirname, `../../../static/data/${name}.arrows.gz`))));
const communes = read('communes');
const codes = communes.getChild('code')?.toArray() as string[];
const epciOf = new Map(codes.map((c, i) => [c, communes.getChild('epci')?.get(i) as string | null]));
const voisins = read('communes_voisines');
const voisinsOf = new Map((voisins.getChild('code')?.toArray() as string[]).map((c, i) => [c, (voisins.getChild('voisins')?.get(i) as string | null)?.split(' ') ?? []]));

let source: NodeSource;
beforeAll(async () => {
	source = await openNodeSource();
}, 120_000);
afterAll(async () => {
	await source?.close();
});

describe('neighbourCommunes', () => {
	it('lists Saint-Céré’s neighbours as the artefact does, with their names', async () => {
		const list = await neighbourCommunes(source, '46251');
		expect(list.map((c) => c.code).sort()).toEqual(voisinsOf.get('46251'));
		expect(list.map((c) => c.nom)).toContain('Saint-Laurent-les-Tours');
	});

	it('gives an island none and refuses what is not a commune code', async () => {
		expect(await neighbourCommunes(source, '29155')).toEqual([]);
		await expect(neighbourCommunes(source, "46251' OR 1=1")).rejects.toThrow(/code commune/);
	});
});

describe('epciCommunes', () => {
	it('lists the 76 other communes of Cauvaldor for Saint-Céré', async () => {
		const result = await epciCommunes(source, '46251');
		const expected = codes.filter((c) => c !== '46251' && epciOf.get(c) === epciOf.get('46251'));
		expect(expected).toHaveLength(76);
		expect(result?.communes.map((c) => c.code).sort()).toEqual(expected);
		expect(result?.epci).toMatch(/Causses et Vall[ée]e de la Dordogne/i);
	});

	it('answers null for Ouessant, in no EPCI', async () => {
		expect(epciOf.get('29155')).toBeNull();
		expect(await epciCommunes(source, '29155')).toBeNull();
	});
});

describe('qpvOfCommunes', () => {
	it('finds Terre Rouge in Cahors and nothing in Saint-Céré', async () => {
		expect((await qpvOfCommunes(source, ['46042'])).map((q) => q.code)).toEqual(['QN04601M']);
		expect(await qpvOfCommunes(source, ['46251'])).toEqual([]);
	});
});

describe('levelAdjacency', () => {
	it('gives each commune the neighbours of the artefact and its own centroid', async () => {
		const { territories } = await levelAdjacency(source, 'commune');
		expect(territories.get('46251')?.neighbours).toEqual(voisinsOf.get('46251'));
		const i = codes.indexOf('46251');
		expect(territories.get('46251')?.lon).toBeCloseTo(communes.getChild('lon')?.get(i) as number, 5);
		expect(territories.get('29155')?.neighbours).toEqual([]);
	});

	it('aggregates the commune borders for départements: the Lot touches exactly its six neighbours', async () => {
		const { territories } = await levelAdjacency(source, 'departement');
		const depOf = new Map(codes.map((c, i) => [c, communes.getChild('dep')?.get(i) as string]));
		const expected = new Set<string>();
		for (const [c, list] of voisinsOf) if (depOf.get(c) === '46') for (const n of list) if (depOf.get(n) !== '46') expected.add(depOf.get(n)!);
		expect(territories.get('46')?.neighbours).toEqual([...expected].sort());
		expect(territories.get('46')?.neighbours).toEqual(['12', '15', '19', '24', '47', '82']);
	});
});
