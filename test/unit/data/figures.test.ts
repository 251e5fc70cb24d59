/**
 * The portrait, the comparison and the CLS page show the figures of `figures()`: checked here on
 * Cauvaldor (a CLS perimeter), Aurillac (a commune), the Lot (a département) and a selection, each
 * against its département, région and France, with SQL written independently in this test (the
 * catalogue's per-commune SQL, aggregated by hand as a ratio of sums) on the same Node engine.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openNodeSource, type NodeSource } from '../../../src/lib/data/queries/node';
import { communesProfile } from '../../../src/lib/data/queries/profile';
import { resolveTerritory, type ResolvedTerritory } from '../../../src/lib/data/queries/territories';
import { SHIPPED_CLS } from '../../../src/lib/register/register';
import { CLS_KEY_INDICATORS } from '../../../src/lib/register/key-indicators';
import { INDICATORS, getIndicator, type NumericIndicator } from '../../../src/lib/indicators/catalogue';
import { buildPortrait, PORTRAIT_INDICATORS } from '../../../src/lib/features/portrait/portrait';
import { buildComparison } from '../../../src/lib/features/portrait/compare';
import { parseKey } from '../../../src/lib/territory/key';
import { measureSql } from '../../../src/lib/data/queries/measure';

let source: NodeSource;
let membership: Map<string, string | null>;

beforeAll(async () => {
	source = await openNodeSource();
	await source.prefetch();
	const t = await source.db.query('SELECT code, epci FROM communes');
	membership = new Map(t.toArray().map((r) => [String(r.code), (r.epci as string | null) ?? null]));
});
afterAll(() => source?.close());

/** Each territory of the check, the WHERE condition on `communes c` that gives its communes, and its references. */
const CASES = [
	{ key: 'cls:cauvaldor', where: "c.epci = '200066371'", refs: ["c.dep = '46'", "c.reg = '76'", 'true'] },
	{ key: 'commune:15014', where: "c.code = '15014'", refs: ["c.dep = '15'", "c.reg = '84'", 'true'] },
	{ key: 'departement:46', where: "c.dep = '46'", refs: ["c.reg = '76'", 'true'] },
	{ key: 'selection:46042-46102-46251', where: "c.code IN ('46042', '46102', '46251')", refs: ["c.dep = '46'", "c.reg = '76'", 'true'] }
];

/** An indicator's value over the communes kept by `where`, written by hand: NaN when unknown. */
async function hand(indicator: NumericIndicator, where: string): Promise<number> {
	const both = (n: string, d: string) => `FILTER (WHERE s.${n} IS NOT NULL AND s.${d} IS NOT NULL)`;
	const ratio = (n: string, d: string) => `sum(s.${n}) ${both(n, d)} / NULLIF(sum(s.${d}) ${both(n, d)}, 0)`;
	const expression =
		indicator.kind === 'count'
			? 'sum(s.num)'
			: indicator.kind === 'ratio'
				? `${indicator.factor} * ${ratio('num', 'den')}`
				: `${indicator.factor} * (${ratio('num', 'den')} - ${ratio('num_before', 'den_before')})`;
	const rows = measureSql(indicator.measure);
	const table = await source.db.query(`SELECT (${expression})::DOUBLE AS v FROM (${rows.text}) s JOIN communes c ON c.code = s.code WHERE ${where}`, rows.params);
	const v = table.get(0)?.toJSON().v as number | null | undefined;
	return v === null || v === undefined ? NaN : Number(v);
}

function expectSame(actual: number, expected: number, what: string) {
	if (Number.isNaN(expected)) expect(actual, what).toBeNaN();
	else expect(Math.abs(actual - expected), `${what}: ${actual} ≠ ${expected}`).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(expected)));
}

async function resolved(key: string): Promise<ResolvedTerritory> {
	const t = await resolveTerritory(source, parseKey(key)!, { clsList: SHIPPED_CLS, membership });
	if (!t) throw new Error(key);
	return t;
}

const numeric = (ids: readonly string[]) => ids.map(getIndicator).filter((i): i is NumericIndicator => i.kind !== 'class');

describe('figures of the portrait, the comparison and the CLS page = independent SQL', () => {
	for (const c of CASES) {
		it(`portrait of ${c.key}: the territory, its département, région and France`, async () => {
			const p = await buildPortrait(source, await resolved(c.key));
			expect(p.rows.size).toBe(numeric(PORTRAIT_INDICATORS).length);
			for (const indicator of numeric(PORTRAIT_INDICATORS)) {
				const values = p.rows.get(indicator.id)!.values;
				const expected = [await hand(indicator, c.where), ...(await Promise.all(c.refs.map((r) => hand(indicator, r))))];
				expect(values, indicator.id).toHaveLength(expected.length);
				values.forEach((v, i) => expectSame(v, expected[i], `${c.key} ${indicator.id} [${i}]`));
			}
		});
	}

	it('comparison of the four, then the references of the first (Lot, Occitanie, France), every numeric indicator', async () => {
		const territories = await Promise.all(CASES.map((c) => resolved(c.key)));
		const comparison = await buildComparison(source, territories);
		const wheres = [...CASES.map((c) => c.where), ...CASES[0].refs];
		expect(comparison.columns).toHaveLength(wheres.length);
		const indicators = INDICATORS.filter((i): i is NumericIndicator => i.kind !== 'class');
		expect(comparison.rows.map((r) => r.indicator.id)).toEqual(indicators.map((i) => i.id));
		for (const row of comparison.rows) {
			for (let i = 0; i < wheres.length; i++) expectSame(row.values[i], await hand(row.indicator, wheres[i]), `${row.indicator.id} ${comparison.columns[i].id}`);
		}
	});

	it('CLS page: the key indicators of Cauvaldor beside the Lot, Occitanie and France', async () => {
		const cauvaldor = (await resolved('cls:cauvaldor')).communes;
		const profile = await communesProfile(source, cauvaldor, CLS_KEY_INDICATORS);
		expect(profile.columns).toEqual(['Lot', 'Occitanie', 'France']);
		expect(profile.rows.map((r) => r.indicator.id)).toEqual([...CLS_KEY_INDICATORS]);
		for (const row of profile.rows) {
			const expected = [await hand(row.indicator, CASES[0].where), ...(await Promise.all(CASES[0].refs.map((r) => hand(row.indicator, r))))];
			row.values.forEach((v, i) => expectSame(v, expected[i], `${row.indicator.id} [${i}]`));
		}
	});
});
