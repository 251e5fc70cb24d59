import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadCog } from '../../../pipeline/lib/cog';
import { SourceError } from '../../../pipeline/lib/csv';
import { POPULATION_AGES_DIR, buildPopulationAges, readPopulationAges } from '../../../pipeline/sources/population-ages';

// Fictitious counts in the official layout: test/fixtures/population-ages/README.md.
const FIXTURES = join(import.meta.dirname, '../../fixtures/data');
const VARIANTS = join(import.meta.dirname, '../../fixtures/population-ages');
const OFFICIAL = join(FIXTURES, POPULATION_AGES_DIR, 'base-cc-evol-struct-pop-2021.csv');
const cog = loadCog(FIXTURES);
const rowsOf = (table: { toArray(): { toJSON(): Record<string, unknown> }[] }) => table.toArray().map((r) => r.toJSON());

function read(file: string, log: string[] = []) {
	return readPopulationAges(file, cog, (m) => log.push(m));
}

/** The French SourceError a reader rejects with. */
async function refusal(reading: Promise<unknown>): Promise<string> {
	const error = await reading.then(
		() => null,
		(e: unknown) => e
	);
	expect(error).toBeInstanceOf(SourceError);
	return (error as SourceError).message;
}

describe('INSEE population by age (base-cc-evol-struct-pop)', () => {
	it('reads the official layout: millésime from the P21_ prefix, codes repaired, one row per COG 2025 commune', async () => {
		const log: string[] = [];
		const { annee, table } = await read(OFFICIAL, log);
		expect(annee).toBe(2021);
		const rows = rowsOf(table);
		expect(rows.map((r) => r.code)).toEqual(['01004', '15014', '2A004', '46042', '46172']);
		expect(rows.every((r) => r.annee === 2021)).toBe(true);
		// 01004 was written 1004; the P15_ columns of the earlier census are not read.
		expect(rows[0]).toMatchObject({ pop: 12643.6043, age_0014: 2350.5074, age_90p: 120.5224, h_0014: 1200, f_0014: 1150.5074, h_90p: 30.0075 });
		expect(rows[2]).toMatchObject({ code: '2A004', pop: 68704.8342, age_7589: 6200.6956 });
		expect(table.schema.fields.map((f) => `${f.name}:${f.type}`).slice(0, 4)).toEqual(['code:Utf8', 'annee:Int16', 'pop:Float64', 'age_0014:Float64']);
		expect(table.schema.fields.map((f) => f.name).slice(-4)).toEqual(['f_90p', 'f_75p', 'age_0024', 'age_65p']);
		expect(log[0]).toContain('7 lignes → 5 communes 2025, 1 issues de fusions ; colonnes des recensements antérieurs ignorées (2015)');
	});

	it('sums Pern (46217) and Lhospitalet (46172) into Pern-Lhospitalet (46172, COG 2025)', async () => {
		const merged = rowsOf((await read(OFFICIAL)).table).find((r) => r.code === '46172')!;
		expect(merged.pop).toBeCloseTo(402.6196 + 415.1696, 9);
		expect(merged.age_0014).toBeCloseTo(59.8588 + 70.4453, 9);
		expect(merged.age_90p).toBeCloseTo(6.4293 + 5.4603, 9);
		const bands = ['0014', '1529', '3044', '4559', '6074', '7589', '90p'];
		const total = (prefix: string) => bands.reduce((s, b) => s + (merged[`${prefix}_${b}`] as number), 0);
		expect(total('age')).toBeCloseTo(merged.pop as number, 9);
		expect(total('h') + total('f')).toBeCloseTo(merged.pop as number, 9);
	});

	it('reports unknown codes and uncovered communes in the log, never silently', async () => {
		const log: string[] = [];
		await read(OFFICIAL, log);
		expect(log).toContain('Population par âge 2021 : 1 codes inconnus du COG 2025, non rattachés (5517 habitants) : 97501');
		expect(log).toContain('Population par âge 2021 : 2 communes COG 2025 sans ligne : 29155, 46999');
		expect(log).toContain('Population par âge 2021 : 1 anciens codes rattachés à leur commune 2025 : 46217');
	});

	it('reads a Latin-1 re-export with decimal commas and CRLF to the same table (65+ aside: the export dropped its columns)', async () => {
		// 75+ is the file's 75P in one, 7589 + 90P in the other: equal up to the last bit of a double.
		const round = (v: unknown) => (typeof v === 'number' ? Math.round(v * 1e6) / 1e6 : v);
		const without65 = (rows: Record<string, unknown>[]) => rows.map(({ age_65p: _, ...rest }) => Object.fromEntries(Object.entries(rest).map(([k, v]) => [k, round(v)])));
		const reexport = rowsOf((await read(join(VARIANTS, 'reexport-latin1.csv'))).table);
		expect(without65(reexport)).toEqual(without65(rowsOf((await read(OFFICIAL)).table)));
		expect(reexport.map((r) => r.age_65p)).toEqual(reexport.map(() => null));
	});

	it('leaves the columns by sex null when the file has none', async () => {
		const log: string[] = [];
		const rows = rowsOf((await read(join(VARIANTS, 'no-sex.csv'), log)).table);
		expect(rows.map((r) => [r.code, r.pop, r.h_0014, r.f_90p])).toEqual([
			['01004', 12643.6043, null, null],
			['15014', 22307.7098, null, null]
		]);
		expect(log[0]).toContain('pas de colonnes par sexe');
	});

	it('stops with a French message naming the file: empty, missing column, no millésime', async () => {
		const empty = join(VARIANTS, 'empty.csv');
		expect(await refusal(read(empty))).toBe(`Fichier vide : ${empty}`);
		const missing = join(VARIANTS, 'missing-column.csv');
		expect(await refusal(read(missing))).toBe(`Colonne « P21_POP90P » absente de ${missing}`);
		const noYear = join(VARIANTS, 'no-millesime.csv');
		expect(await refusal(read(noYear))).toBe(`Millésime introuvable dans ${noYear} : aucune colonne « PAA_POP » (par exemple P21_POP)`);
	});

	it('is built by the pipeline only when insee-pop-ages/ holds one file of the base', async () => {
		const log: string[] = [];
		expect(await buildPopulationAges(VARIANTS, cog, (m) => log.push(m))).toBeNull();
		expect(log).toEqual([`population_ages non construite : aucun fichier insee-pop-ages/base-cc-evol-struct-pop-AAAA.csv dans ${VARIANTS} (base-cc-evol-struct-pop non fourni)`]);
		expect((await buildPopulationAges(FIXTURES, cog, () => {}))?.table.numRows).toBe(5);

		const from = mkdtempSync(join(tmpdir(), 'cls-atlas-ages-'));
		try {
			mkdirSync(join(from, POPULATION_AGES_DIR));
			copyFileSync(OFFICIAL, join(from, POPULATION_AGES_DIR, 'base-cc-evol-struct-pop-2020.csv'));
			copyFileSync(OFFICIAL, join(from, POPULATION_AGES_DIR, 'base-cc-evol-struct-pop-2021.CSV'));
			expect(await refusal(buildPopulationAges(from, cog, () => {}))).toMatch(/^Plusieurs millésimes de base-cc-evol-struct-pop dans .*2020\.csv, base-cc-evol-struct-pop-2021\.CSV\) : n'en garder qu'un$/);
		} finally {
			rmSync(from, { recursive: true, force: true });
		}
	});
});
