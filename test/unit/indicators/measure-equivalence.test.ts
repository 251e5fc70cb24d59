import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openNodeSource, type NodeSource } from '../../../src/lib/data/queries/node';
import type { FileDb } from '../../../src/lib/data/engine/connector';
import { importOfficialFile } from '../../../src/lib/data/imports/imports';
import { IMPORTED_INDICATORS, INDICATORS, type Indicator } from '../../../src/lib/indicators/catalogue';
import { APL_PROFESSIONS, aplTable } from '../../../src/lib/indicators/apl-professions';
import { userIndicators, type UserFileSpec } from '../../../src/lib/indicators/user';
import { measureSql } from '../../../src/lib/data/queries/measure';
import { TABLE_COLUMNS } from '../../../src/lib/indicators/measure';

// The SQL built from each indicator's Measure against plain SQL written by hand for it (the catalogue's own SQL before
// it held measures, kept in test/fixtures/measures/hand-written-sql.json), on the shipped artefacts and the importers'
// fixtures (fictitious values): the same rows per commune, the same aggregate over the Lot and over France.
const FIXTURES = join(import.meta.dirname, '../../fixtures');
const HAND_WRITTEN: Record<string, string> = JSON.parse(readFileSync(join(FIXTURES, 'measures/hand-written-sql.json'), 'utf8'));
const FILES = {
	population_ages: 'population-ages/base-cc-evol-struct-pop-2021-cauvaldor.csv',
	bpe_sante: 'bpe/bpe-2024-communes-long.csv',
	ans_professionnels: 'ans/PS_LibreAcces_Personne_activite_202407150830.txt'
};
let source: NodeSource;

const spec = (level: UserFileSpec['level']): UserFileSpec => ({
	codeColumn: 0,
	level,
	name: `eq ${level}`,
	source: 'test',
	millesime: '2025',
	values: [
		{ column: 1, label: 'effectif', kind: 'count', weight: 'population', unit: '' },
		{ column: 2, label: 'taux', kind: 'rate', weight: 'population', unit: '' }
	]
});
const USER: Indicator[] = [];

beforeAll(async () => {
	source = await openNodeSource();
	await source.prefetch();
	for (const [table, file] of Object.entries(FILES)) {
		await importOfficialFile(source.db as FileDb, new Uint8Array(readFileSync(join(FIXTURES, file))), file.split('/').pop()!);
		source.markImported(table, true);
	}
	// DREES workbooks' tables, filled here with the shipped APL (a NULL value included) for the comparison only.
	for (const p of APL_PROFESSIONS)
		await source.db.query(
			`CREATE TABLE ${aplTable(p)} AS SELECT code, annee, CASE WHEN code = '46102' THEN NULL ELSE apl_mg END AS apl, apl_mg_moins65 AS apl_moins65, pop_standardisee FROM apl`
		);
	// A user's files at each level: commune counts and rates, a territory's (population, area) with one zero area.
	const user = (group: string) =>
		`SELECT ${group} AS code, sum(population) AS v1_num, sum(population) AS v2_num, CASE WHEN ${group} = '46' THEN 0 ELSE sum(area_km2) END AS v2_den FROM communes GROUP BY ${group}`;
	for (const [level, group] of [['commune', 'code'], ['epci', 'epci'], ['departement', 'dep']] as const) {
		await source.db.query(`CREATE TABLE user_eq_${level} AS ${user(group)}`);
		USER.push(...userIndicators(`user_eq_${level}`, 'eq.csv', spec(level)).map((u) => u.indicator));
	}
});
afterAll(() => source?.close());

const COLUMNS: Record<Indicator['kind'], string[]> = { ratio: ['num', 'den'], count: ['num'], change: ['num', 'den', 'num_before', 'den_before'], class: ['value'] };

/** A commune's figures, as the data layer reads them: a commune with one of them unknown has none. */
function rows(indicator: Indicator, text: string): string {
	const columns = COLUMNS[indicator.kind];
	const known = indicator.kind === 'class' ? '' : ` AND ${columns.map((c) => `s.${c} IS NOT NULL`).join(' AND ')}`;
	return `SELECT s.code, ${columns.map((c) => `CAST(s.${c} AS DOUBLE) AS ${c}`).join(', ')} FROM (${text}) s WHERE s.code IN (SELECT code FROM communes)${known}`;
}

/** The communes whose figures differ between the two queries (or that only one gives), a few of them. */
async function differences(indicator: Indicator, old: string, built: string, params: readonly (string | number)[]): Promise<string[]> {
	const differ = COLUMNS[indicator.kind].map((c) => `NOT (o.${c} IS NULL AND n.${c} IS NULL OR abs(o.${c} - n.${c}) <= 1e-9 * greatest(1, abs(o.${c})))`).join(' OR ');
	const table = await source.db.query(
		`SELECT coalesce(o.code, n.code) AS code FROM (${rows(indicator, old)}) o FULL JOIN (${rows(indicator, built)}) n ON n.code = o.code ` +
			`WHERE o.code IS NULL OR n.code IS NULL OR ${differ} ORDER BY 1 LIMIT 3`,
		params
	);
	return table.toArray().map((r) => String(r.toJSON().code));
}

/** Σ num / Σ den (or Σ num, or a change of ratios, or the count of each class) over the communes of a condition. */
async function aggregate(indicator: Indicator, text: string, params: readonly (string | number)[], where: string): Promise<string> {
	const expression = {
		ratio: 'sum(s.num) / sum(s.den)',
		count: 'sum(s.num)',
		change: 'sum(s.num) / sum(s.den) - sum(s.num_before) / sum(s.den_before)',
		class: "string_agg(s.value::VARCHAR, ',' ORDER BY s.code)"
	}[indicator.kind];
	const known = indicator.kind === 'class' ? 'true' : COLUMNS[indicator.kind].map((c) => `s.${c} IS NOT NULL`).join(' AND ');
	const table = await source.db.query(`SELECT (${expression})::VARCHAR AS v FROM (${text}) s JOIN communes c ON c.code = s.code WHERE ${known} AND ${where}`, params);
	return String(table.toArray()[0].toJSON().v);
}

const close = (a: number, b: number) => Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a));

describe('a Measure builds the figures of plain SQL written by hand', () => {
	it('for every indicator, per commune, over the Lot and over France', async () => {
		const all = [...INDICATORS, ...IMPORTED_INDICATORS, ...USER];
		let compared = 0;
		expect(Object.keys(HAND_WRITTEN).sort()).toEqual(all.map((i) => i.id).sort());
		for (const indicator of all) {
			const hand = HAND_WRITTEN[indicator.id];
			const built = measureSql(indicator.measure);
			const params = built.params as (string | number)[];
			expect(await differences(indicator, hand, built.text, params), indicator.id).toEqual([]);
			for (const where of ["c.dep = '46'", 'true']) {
				const [a, b] = [await aggregate(indicator, hand, [], where), await aggregate(indicator, built.text, params, where)];
				if (indicator.kind === 'class' || a === 'null') expect(b, `${indicator.id} ${where}`).toBe(a);
				else expect(close(Number(a), Number(b)), `${indicator.id} ${where}: ${a} ≠ ${b}`).toBe(true);
			}
			compared++;
		}
				expect(compared).toBe(all.length);
	}, 120_000);
});

describe('the measure builder', () => {
	it('knows only columns the shipped tables have', async () => {
		const shipped = source.manifest.artefacts.map((a) => a.table).filter((t) => t in TABLE_COLUMNS);
		expect(shipped.length).toBeGreaterThan(7);
		for (const table of shipped) {
			const names = (await source.db.query(`SELECT column_name FROM (DESCRIBE ${table})`)).toArray().map((r) => String(r.toJSON().column_name));
			expect(names, table).toEqual(expect.arrayContaining([...TABLE_COLUMNS[table]]));
		}
	});

	it('binds millésimes, thresholds and scales, quotes names, and refuses a table or column no measure may read', () => {
		const built = measureSql({ kind: 'share', from: { table: 'apl', year: 2023 }, population: 'pop_totale', when: { column: 'apl_mg_moins65', below: 2.5 } });
		expect(built.params).toEqual([2.5, 2023]);
		expect(built.text).toContain('t."apl_mg_moins65" < ?');
		expect(built.text).not.toMatch(/2023|2\.5/);
		expect(() => measureSql({ kind: 'count', from: { table: 'apl' }, column: 'code; DROP TABLE apl' })).toThrow(/Colonne inconnue/);
		expect(() => measureSql({ kind: 'count', from: { table: 'registre' }, column: 'population' })).toThrow(/Table inconnue/);
		expect(() => measureSql({ kind: 'listed', table: 'user_x"' })).toThrow(/Table inconnue/);
	});
});
