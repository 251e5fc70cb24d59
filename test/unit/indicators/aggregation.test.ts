import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openNodeSource, type NodeSource } from '../../../src/lib/data/queries/node';
import type { DbConnector } from '../../../src/lib/data/engine/connector';
import { getIndicator, type NumericIndicator } from '../../../src/lib/indicators/catalogue';
import { figures, territoryValues } from '../../../src/lib/data/queries/values';
import type { Area } from '../../../src/lib/territory/key';
import { measureSql } from '../../../src/lib/data/queries/measure';

let source: NodeSource;
let db: DbConnector;
beforeAll(async () => {
	source = await openNodeSource();
	db = source.db;
	// Every table, for the hand-written SQL the layer's answers are checked against.
	await source.prefetch();
});
afterAll(() => source?.close());

/** The value of one area, through the data layer's `figures()`. */
async function valueOf(indicator: NumericIndicator, area: Area): Promise<number> {
	return (await figures(source, [area], [indicator]))[0].values[0];
}

const CAUVALDOR = '200066371';

interface Row {
	apl_mg: number;
	pop_standardisee: number;
}

async function communeRows(where: string, params: string[]): Promise<Row[]> {
	const table = await db.query(
		`SELECT a.apl_mg, a.pop_standardisee FROM apl a JOIN communes c ON c.code = a.code WHERE a.annee = 2023 AND ${where}`,
		params
	);
	return table.toArray().map((r) => r.toJSON() as Row);
}

describe('aggregates are ratios of sums', () => {
	it('an EPCI’s APL is weighted by standardised population, not the mean of its communes', async () => {
		const rows = await communeRows('c.epci = ?', [CAUVALDOR]);
		expect(rows.length).toBe(77);
		const weighted = rows.reduce((s, r) => s + r.apl_mg * r.pop_standardisee, 0) / rows.reduce((s, r) => s + r.pop_standardisee, 0);
		const mean = rows.reduce((s, r) => s + r.apl_mg, 0) / rows.length;
		const value = await valueOf(getIndicator('apl_mg_2023') as NumericIndicator, { level: 'epci', code: CAUVALDOR });
		expect(value).toBeCloseTo(weighted, 9);
		// The two differ enough here for the test to tell them apart.
		expect(Math.abs(weighted - mean)).toBeGreaterThan(0.05);
	});

	it('the map’s EPCI value equals the panel’s value for the same EPCI', async () => {
		const indicator = getIndicator('apl_mg_2023');
		const { values } = await territoryValues(source, indicator, 'epci', null);
		const codes = (await db.query('SELECT code FROM epci ORDER BY code')).getChild('code')!.toArray() as string[];
		const panel = await valueOf(indicator as NumericIndicator, { level: 'epci', code: CAUVALDOR });
		expect(values[codes.indexOf(CAUVALDOR)]).toBeCloseTo(panel, 12);
	});

	it('an EPCI’s numerator and denominator are the sums its value is computed from', async () => {
		const rows = await communeRows('c.epci = ?', [CAUVALDOR]);
		const { values, num, den } = await territoryValues(source, getIndicator('apl_mg_2023'), 'epci', null);
		const codes = (await db.query('SELECT code FROM epci ORDER BY code')).getChild('code')!.toArray() as string[];
		const i = codes.indexOf(CAUVALDOR);
		expect(num[i]).toBeCloseTo(rows.reduce((s, r) => s + r.apl_mg * r.pop_standardisee, 0), 6);
		expect(den[i]).toBeCloseTo(rows.reduce((s, r) => s + r.pop_standardisee, 0), 6);
		expect(values[i]).toBeCloseTo(num[i] / den[i], 12);
	});

	it('a change has no numerator or denominator to show', async () => {
		const { num, den } = await territoryValues(source, getIndicator('apl_mg_evolution_2022_2023'), 'departement', null);
		expect(num.every(Number.isNaN) && den.every(Number.isNaN)).toBe(true);
	});

	it('a change is the difference of the two aggregates', async () => {
		const change = getIndicator('apl_mg_evolution_2022_2023') as NumericIndicator;
		const lot = { level: 'departement' as const, code: '46' };
		const both = await db.query(
			`SELECT a.annee, sum(a.apl_mg * a.pop_standardisee) / sum(a.pop_standardisee) AS apl FROM apl a JOIN communes c ON c.code = a.code
			 WHERE c.dep = '46' AND a.code IN (SELECT code FROM apl WHERE annee = 2022 INTERSECT SELECT code FROM apl WHERE annee = 2023)
			 GROUP BY a.annee ORDER BY a.annee`
		);
		const [y2022, y2023] = both.toArray().map((r) => (r.toJSON() as { apl: number }).apl);
		expect(await valueOf(change, lot)).toBeCloseTo(y2023 - y2022, 9);
	});

	it('the scope marks the territories it contains and classifies nothing else', async () => {
		const { inScope } = await territoryValues(source, getIndicator('apl_mg_2023'), 'commune', { level: 'departement', code: '15' });
		const cantal = await db.query("SELECT count(*)::INTEGER AS n FROM communes WHERE dep = '15'");
		expect(inScope.reduce((s, v) => s + v, 0)).toBe(cantal.get(0)!.toJSON().n);
	});

	it('a list of communes as scope marks those communes, and the EPCI that hold one of them', async () => {
		const codes = ['46102', '46042', '15014', '2A004'];
		const communes = await territoryValues(source, getIndicator('apl_mg_2023'), 'commune', { codes });
		const all = (await db.query('SELECT code, epci FROM communes ORDER BY code')).toArray().map((r) => r.toJSON());
		const marked = all.filter((_, i) => communes.inScope[i] === 1).map((r) => String(r.code));
		expect(marked).toEqual([...codes].sort());

		const epci = await territoryValues(source, getIndicator('apl_mg_2023'), 'epci', { codes });
		const epciCodes = (await db.query('SELECT code FROM epci ORDER BY code')).toArray().map((r) => String(r.toJSON().code));
		const expected = [...new Set(all.filter((r) => codes.includes(String(r.code))).map((r) => String(r.epci)))].sort();
		expect(epciCodes.filter((_, i) => epci.inScope[i] === 1)).toEqual(expected);
		expect(expected).toHaveLength(4);
	});

	it('a hostile scope code is a value, not SQL', async () => {
		const { inScope } = await territoryValues(source, getIndicator('population'), 'commune', {
			level: 'departement',
			code: "46' OR '1'='1"
		});
		expect(inScope.reduce((s, v) => s + v, 0)).toBe(0);
	});
});

describe('commune values', () => {
	it('equal the one-commune aggregate for every numeric indicator (one row per commune in each SQL)', async () => {
		const codes = (await db.query('SELECT code FROM communes ORDER BY code')).getChild('code')!.toArray() as string[];
		const cahors = codes.indexOf('46042');
		const { INDICATORS } = await import('../../../src/lib/indicators/catalogue');
		for (const indicator of INDICATORS) {
			if (indicator.kind === 'class') continue;
			const { values } = await territoryValues(source, indicator, 'commune', null);
			const single = await valueOf(indicator, { level: 'commune', code: '46042' });
			expect(values[cahors], indicator.id).toBeCloseTo(single, 9);
		}
		for (const indicator of INDICATORS) {
			if (indicator.kind === 'class') continue;
			const measure = measureSql(indicator.measure);
			const rows = await db.query(`SELECT code, count(*)::INTEGER AS n FROM (${measure.text}) GROUP BY code HAVING count(*) > 1 LIMIT 1`, measure.params);
			expect(rows.numRows, `${indicator.id} has several rows for a commune`).toBe(0);
		}
	});
});
