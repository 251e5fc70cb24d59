import { join } from 'node:path';
import { tableToIPC } from 'apache-arrow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadCog } from '../../../pipeline/lib/cog';
import { POPULATION_AGES_DIR, readPopulationAges } from '../../../pipeline/sources/population-ages';
import { openNodeSource, type NodeSource } from '../../../src/lib/data/queries/node';
import { POPULATION_AGES_TABLE } from '../../../src/lib/indicators/age-bands';
import { buildPortrait } from '../../../src/lib/features/portrait/portrait';
import { portraitTable } from '../../../src/lib/features/portrait/figures-table';
import { resolveTerritory, type ResolvedTerritory } from '../../../src/lib/data/queries/territories';

// The shipped atlas has no `population_ages` (the INSEE file is not available here): the table built
// from the fixture (fictitious counts in the official layout) is added to the Node engine.
const FIXTURES = join(import.meta.dirname, '../../fixtures/data');
const fixture = await readPopulationAges(join(FIXTURES, POPULATION_AGES_DIR, 'base-cc-evol-struct-pop-2021.csv'), loadCog(FIXTURES), () => {});

// Population and the seven bands of the fixture's rows, copied by hand from the CSV.
const AMBERIEU = [12643.6043, 2350.5074, 2250.5099, 2580.5124, 2510.5149, 1880.5174, 950.5199, 120.5224];
const AURILLAC = [22307.7098, 3351.0939, 3951.0964, 3751.0989, 4301.1014, 4301.1039, 2351.1064, 301.1089];
const LHOSPITALET = [402.6196, 59.8588, 49.8613, 65.8638, 83.8663, 92.8688, 43.8713, 6.4293];
const PERN = [415.1696, 70.4453, 55.4478, 62.4503, 90.4528, 86.4553, 44.4578, 5.4603];
const CAHORS = [16958.9397, 2551.2696, 2851.2721, 2851.2746, 3301.2771, 3301.2796, 1851.2821, 251.2846];

/** Σ band / Σ population over the given rows. */
function ratioOfSums(...rows: number[][]): number[] {
	const total = (i: number) => rows.reduce((s, r) => s + r[i], 0);
	return [1, 2, 3, 4, 5, 6, 7].map((i) => total(i) / total(0));
}

/** The shipped atlas plus the fixture's `population_ages`. */
let db: NodeSource;

beforeAll(async () => {
	db = await openNodeSource(undefined, { [POPULATION_AGES_TABLE]: tableToIPC(fixture.table, 'stream') });
});
afterAll(() => db?.close());

async function selection(codes: string): Promise<ResolvedTerritory> {
	const t = await resolveTerritory(db, { level: 'selection', code: codes });
	if (!t) throw new Error(codes);
	return t;
}

describe('age structure of the portrait', () => {
	it('gives, for a set of communes and its references, the ratio of sums of the census counts', async () => {
		const t = await selection('01004-15014-46172');
		expect([t.departement?.code, t.region?.code]).toEqual(['01', '84']);
		const { ages } = await buildPortrait(db, t);
		expect(ages?.annee).toBe(2021);
		// The selection, Pern merged into Pern-Lhospitalet: the file covers its three communes.
		const expected = ratioOfSums(AMBERIEU, AURILLAC, LHOSPITALET, PERN);
		expect(ages?.shares).toHaveLength(4);
		ages!.shares[0].all.forEach((share, band) => expect(share).toBeCloseTo(expected[band], 12));
		expect(ages!.shares[0].all.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
		expect(ages!.shares[0].coverage).toEqual({ covered: 3, expected: 3 });
		// The Ain, Auvergne-Rhône-Alpes and France have one, two and five communes in the file: their shares would be
		// those communes', not theirs. Withheld, with their coverage.
		const inhabited = async (where: string) => Number((await db.db.query(`SELECT count(*) AS n FROM communes WHERE population > 0 ${where}`)).toArray()[0].toJSON().n);
		const references = [
			{ covered: 1, expected: await inhabited(`AND dep = '01'`) },
			{ covered: 2, expected: await inhabited(`AND reg = '84'`) },
			{ covered: 5, expected: await inhabited('') }
		];
		expect(ages!.shares.slice(1).map((s) => s.coverage)).toEqual(references);
		for (const s of ages!.shares.slice(1)) {
			expect(s.all.every(Number.isNaN)).toBe(true);
			expect(s.men).toBeNull();
		}
		// By sex: Σ men or women of the band / Σ population, the two halves of the pyramid making up the whole.
		const rows = fixture.table.toArray().map((r) => r.toJSON()).filter((r) => ['01004', '15014', '46172'].includes(r.code as string));
		const pop = rows.reduce((s, r) => s + (r.pop as number), 0);
		expect(ages!.shares[0].men![6]).toBeCloseTo(rows.reduce((s, r) => s + (r.h_90p as number), 0) / pop, 12);
		expect(ages!.shares[0].women![0]).toBeCloseTo(rows.reduce((s, r) => s + (r.f_0014 as number), 0) / pop, 12);
		const men = ages!.shares[0].men!.reduce((a, b) => a + b, 0);
		const women = ages!.shares[0].women!.reduce((a, b) => a + b, 0);
		expect(men + women).toBeCloseTo(1, 12);
	});

	it('computes communes of a level the same way (Cahors and Pern-Lhospitalet), and withholds the Lot, which the file covers in part', async () => {
		const both = await selection('46042-46172');
		const { ages } = await buildPortrait(db, both);
		ratioOfSums(CAHORS, LHOSPITALET, PERN).forEach((share, band) => expect(ages!.shares[0].all[band]).toBeCloseTo(share, 12));
		const lot = await resolveTerritory(db, { level: 'departement', code: '46' });
		const own = (await buildPortrait(db, lot!)).ages!.shares[0];
		expect(own.coverage.covered).toBe(2);
		expect(own.all.every(Number.isNaN)).toBe(true);
	});

	it('says « no data » (NaN) for a territory without census rows, and exports the shares', async () => {
		const figeac = await resolveTerritory(db, { level: 'commune', code: '46102' });
		const p = await buildPortrait(db, figeac!);
		expect(p.ages!.shares[0].all.every(Number.isNaN)).toBe(true);
		expect(p.ages!.shares[0].men).toBeNull();
		const table = portraitTable(p, new Date(2026, 0, 1));
		const row = table.rows.find((r) => r[0] === 'Part des 75–89 ans (recensement 2021)')!;
		expect(row.slice(1, 3)).toEqual(['%', 'INSEE – Évolution et structure de la population (recensement, base communale ou IRIS), 2021 (Licence Ouverte / Etalab 2.0)']);
		expect(row.slice(3, 7)).toEqual([null, null, null, null]); // Figeac, then the Lot, Occitanie, France: withheld
		const lot = p.ages!.shares[1].coverage;
		expect(row.at(-1)).toContain('aucune commune du territoire dans la base INSEE');
		expect(row.at(-1)).toContain(`Lot : non calculé : 2 communes sur ${lot.expected} ont une valeur (moins de 80 %)`);
	});

	it('draws six bands, 75+ in one, from the IRIS base (no 75–89 / 90+ split there)', async () => {
		const iris = await readPopulationAges(join(import.meta.dirname, '../../fixtures/population-ages/base-ic-evol-struct-pop-2021-iris.csv'), loadCog(FIXTURES), () => {});
		const withIris = await openNodeSource(undefined, { [POPULATION_AGES_TABLE]: tableToIPC(iris.table, 'stream') });
		try {
			const cahors = await resolveTerritory(withIris, { level: 'commune', code: '46042' });
			const p = await buildPortrait(withIris, cahors!);
			expect(p.ages!.bands.map((b) => b.label)).toEqual(['0–14 ans', '15–29 ans', '30–44 ans', '45–59 ans', '60–74 ans', '75 ans ou plus']);
			expect(p.ages!.shares[0].all.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 9);
			const row = iris.table.toArray().map((r) => r.toJSON()).find((r) => r.code === '46042')!;
			expect(p.ages!.shares[0].all[5]).toBeCloseTo((row!.age_75p as number) / (row!.pop as number), 12);
			expect(portraitTable(p, new Date(2026, 0, 1)).rows.some((r) => r[0] === 'Part des 75 ans ou plus (recensement 2021)')).toBe(true);
		} finally {
			await withIris.close();
		}
	});

	it('is left out when the atlas has no population_ages table', async () => {
		const shipped = await openNodeSource();
		try {
			const t = await resolveTerritory(shipped, { level: 'selection', code: '01004-15014' });
			expect((await buildPortrait(shipped, t!)).ages).toBeNull();
		} finally {
			await shipped.close();
		}
	});
});
