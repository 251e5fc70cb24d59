import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openNodeSource, type NodeSource } from '../../../src/lib/data/queries/node';
import type { FileDb } from '../../../src/lib/data/engine/connector';
import { OFFICIAL_FORMATS, importOfficialFile } from '../../../src/lib/data/imports/imports';
import { IMPORTED_FORMAT_LABELS, IMPORTED_INDICATORS, INDICATORS, aplFormatLabel, tablesOf, type NumericIndicator } from '../../../src/lib/indicators/catalogue';
import { APL_PROFESSIONS, aplTable } from '../../../src/lib/indicators/apl-professions';
import { figures } from '../../../src/lib/data/queries/values';
import { sql } from '../../../src/lib/data/queries/sql';
import type { Area } from '../../../src/lib/territory/key';
import { coverageNote } from '../../../src/lib/indicators/coverage';

// The catalogue's indicators on imported tables, through the data layer's figures(), against hand-written
// ratios of sums; the tables come from the importers on fixtures with fictitious values.
const FIXTURES = join(import.meta.dirname, '../../fixtures');
const FILES = {
	population_ages: 'population-ages/base-cc-evol-struct-pop-2021-cauvaldor.csv',
	bpe_sante: 'bpe/bpe-2024-communes-long.csv',
	ans_professionnels: 'ans/PS_LibreAcces_Personne_activite_202407150830.txt'
};
const LOT: Area = { level: 'departement', code: '46' };
const CAUVALDOR_CODE = '200066371';
const CAUVALDOR: Area = { level: 'epci', code: CAUVALDOR_CODE };
let source: NodeSource;

beforeAll(async () => {
	source = await openNodeSource();
	await source.query(['communes', 'cog_passage', 'epci', 'departements'], sql`SELECT 1`);
	for (const [table, file] of Object.entries(FILES)) {
		await importOfficialFile(source.db as FileDb, new Uint8Array(readFileSync(join(FIXTURES, file))), file.split('/').pop()!);
		source.markImported(table, true);
	}
});
afterAll(() => source?.close());

const indicator = (id: string) => IMPORTED_INDICATORS.find((i) => i.id === id) as NumericIndicator;
const valueOf = async (id: string, area: Area) => (await figures(source, [area], [indicator(id)]))[0].values[0];
async function scalar(sql: string, params: string[] = []): Promise<number> {
	return Number((await source.db.query(sql, params)).toArray()[0].toJSON().n);
}
/** Cauvaldor's communes that the fixture gives (a few of its 77): an area the file covers whole. */
async function fileCauvaldor(): Promise<Area> {
	const rows = (await source.db.query(`SELECT a.code FROM population_ages a JOIN communes c ON c.code = a.code WHERE c.epci = ? ORDER BY 1`, [CAUVALDOR_CODE])).toArray();
	return { codes: rows.map((r) => String(r.toJSON().code)) };
}

describe('imported indicators', () => {
	it('are declared once, read only imported tables, and are marked with the label of their format', () => {
		const ids = new Set([...INDICATORS, ...IMPORTED_INDICATORS].map((i) => i.id));
		expect(ids.size).toBe(INDICATORS.length + IMPORTED_INDICATORS.length);
		for (const i of IMPORTED_INDICATORS) {
			expect(tablesOf(i).length).toBe(1);
			const apl = APL_PROFESSIONS.find((p) => aplTable(p) === tablesOf(i)[0]);
			expect(i.importedFrom).toBe(apl ? aplFormatLabel(apl) : IMPORTED_FORMAT_LABELS[tablesOf(i)[0] as keyof typeof IMPORTED_FORMAT_LABELS]);
			expect(OFFICIAL_FORMATS.map((f) => f.table as string)).toContain(tablesOf(i)[0]);
		}
		for (const i of INDICATORS) expect(i.importedFrom).toBeUndefined();
	});

	it('an age share of an EPCI is the ratio of its sums, not a mean of commune shares', async () => {
		const where = `FROM population_ages a JOIN communes c ON c.code = a.code WHERE c.epci = ?`;
		const expected = (100 * (await scalar(`SELECT sum(age_7589 + age_90p) AS n ${where}`, [CAUVALDOR.code]))) / (await scalar(`SELECT sum(pop) AS n ${where}`, [CAUVALDOR.code]));
		const mean = await scalar(`SELECT avg(100 * (age_7589 + age_90p) / pop) AS n ${where}`, [CAUVALDOR.code]);
		expect(await valueOf('part_75_plus', await fileCauvaldor())).toBeCloseTo(expected, 9);
		expect(Math.abs(expected - mean)).toBeGreaterThan(0.01);
	});

	it('an aggregate the file covers in part says on how many communes; below 80 % it is withheld, and why', async () => {
		const covered = (await fileCauvaldor()) as { codes: string[] };
		const [epci] = await figures(source, [CAUVALDOR, LOT], [indicator('part_75_plus')]);
		const inCauvaldor = await scalar(`SELECT count(*) AS n FROM communes WHERE epci = ? AND population > 0`, [CAUVALDOR.code]);
		expect(epci.coverage[0]).toEqual({ covered: covered.codes.length, expected: inCauvaldor });
		expect(epci.values[0]).toBeNaN();
		expect(coverageNote(epci.coverage[0])).toBe(`non calculé : ${covered.codes.length} communes sur ${inCauvaldor} ont une valeur (moins de 80 %)`);
		// The same communes and one without a row: 6 of 7 is above the threshold, the value is their ratio of sums.
		const outside = (await source.db.query(`SELECT code FROM communes WHERE epci = ? AND population > 0 AND code NOT IN (SELECT code FROM population_ages) LIMIT 1`, [CAUVALDOR.code])).toArray()[0].toJSON().code;
		const [most] = await figures(source, [{ codes: [...covered.codes, String(outside)] }], [indicator('part_75_plus')]);
		expect(most.coverage[0]).toEqual({ covered: covered.codes.length, expected: covered.codes.length + 1 });
		expect(most.values[0]).toBeCloseTo(await valueOf('part_75_plus', covered), 9);
		expect(coverageNote(most.coverage[0])).toBe(`calculé sur ${covered.codes.length} communes sur ${covered.codes.length + 1}`);
	});

	it('65+ from the commune base’s men and women; under 25 missing, as that base has no band to give it', async () => {
		const where = `FROM population_ages a JOIN communes c ON c.code = a.code WHERE c.epci = ?`;
		const expected = (100 * (await scalar(`SELECT sum(age_65p) AS n ${where}`, [CAUVALDOR.code]))) / (await scalar(`SELECT sum(pop) AS n ${where}`, [CAUVALDOR.code]));
		expect(await valueOf('part_65_plus', await fileCauvaldor())).toBeCloseTo(expected, 9);
		expect(expected).toBeGreaterThan(0);
		expect(await valueOf('part_moins_25', await fileCauvaldor())).toBeNaN();
	});

	it('BPE counts and densities of a département sum the commune counts of the file over the population', async () => {
		expect(await valueOf('generalistes_bpe', LOT)).toBe(30 + 3);
		const population = await scalar(`SELECT sum(population) AS n FROM communes WHERE dep = '46'`);
		expect(await valueOf('pharmacies_bpe_densite', LOT)).toBeCloseTo((10_000 * (10 + 2)) / population, 9);
	});

	it('Annuaire Santé head counts: a GP practising in two communes counts in each, and so twice in their département (a sum of commune counts)', async () => {
		expect(await valueOf('generalistes_ans', { level: 'commune', code: '46042' })).toBe(1);
		expect(await valueOf('generalistes_ans', { level: 'commune', code: '46102' })).toBe(1);
		expect(await valueOf('medecins_ans', LOT)).toBe(3);
		expect(await valueOf('kines_ans', LOT)).toBe(1);
	});
});
