import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openNodeSource, type NodeSource } from '../../../src/lib/data/queries/node';
import type { DbConnector } from '../../../src/lib/data/engine/connector';
import { getShippedCls } from '../../../src/lib/register/register';
import { resolvePerimeter } from '../../../src/lib/register/perimeter';
import { CLS_KEY_INDICATORS } from '../../../src/lib/register/key-indicators';
import { communesProfile } from '../../../src/lib/data/queries/profile';
import { communeReferences as perimeterReferences } from '../../../src/lib/data/queries/territories';
import { radonZone3Communes } from '../../../src/lib/data/queries/counts';
import { communeList } from '../../../src/lib/data/queries/sql';
import { figures } from '../../../src/lib/data/queries/values';
import { INDICATORS, getIndicator, type NumericIndicator } from '../../../src/lib/indicators/catalogue';
import type { Area } from '../../../src/lib/territory/key';

let source: NodeSource;
let db: DbConnector;
let membership: Map<string, string | null>;
let cauvaldor: string[];

/** The value of a list of communes, through `figures()`. */
async function queryCommunesValue(indicator: NumericIndicator, codes: readonly string[]): Promise<number> {
	return (await figures(source, [{ codes }], [indicator]))[0].values[0];
}

/** The value of a territory of the atlas or of France, through `figures()`. */
async function queryTerritoryValue(indicator: NumericIndicator, area: Area): Promise<number> {
	return (await figures(source, [area], [indicator]))[0].values[0];
}

beforeAll(async () => {
	source = await openNodeSource();
	db = source.db;
	// Every table, for the hand-written SQL the layer's answers are checked against.
	await source.prefetch();
	const t = await db.query('SELECT code, epci FROM communes');
	membership = new Map(t.toArray().map((r) => [String(r.code), (r.epci as string | null) ?? null]));
	cauvaldor = resolvePerimeter(getShippedCls('cauvaldor')!, membership);
});
afterAll(() => source?.close());

const num = (id: string) => getIndicator(id) as NumericIndicator;

async function scalar(sql: string, params: (string | number)[] = []): Promise<number> {
	const v = (await db.query(sql, params)).get(0)!.toJSON().v as number | null;
	return v === null ? NaN : Number(v);
}

describe('perimeter aggregate = ratio of sums over its communes', () => {
	it('Cauvaldor has 77 communes', () => {
		expect(cauvaldor).toHaveLength(77);
	});

	it('APL 2023 of Cauvaldor = hand SQL Σ(apl × pop std) / Σ pop std', async () => {
		const hand = await scalar(
			"SELECT sum(a.apl_mg * a.pop_standardisee) / sum(a.pop_standardisee) AS v FROM apl a JOIN communes c USING (code) WHERE c.epci = '200066371' AND a.annee = 2023"
		);
		const value = await queryCommunesValue(num('apl_mg_2023'), cauvaldor);
		expect(hand).toBeGreaterThan(1);
		expect(value).toBeCloseTo(hand, 10);
	});

	it('population and radon zone 3 share of Cauvaldor = hand SQL', async () => {
		expect(await queryCommunesValue(num('population'), cauvaldor)).toBe(
			await scalar("SELECT sum(population)::DOUBLE AS v FROM communes WHERE epci = '200066371'")
		);
		const hand = await scalar(
			"SELECT 100.0 * sum(CASE WHEN r.classe = 3 THEN c.population ELSE 0 END) / sum(c.population) AS v FROM communes c JOIN radon r USING (code) WHERE c.epci = '200066371'"
		);
		expect(await queryCommunesValue(num('radon_part_population_zone3'), cauvaldor)).toBeCloseTo(hand, 10);
	});

	it('equals the EPCI value of the atlas for every numeric indicator of the catalogue', async () => {
		for (const indicator of INDICATORS) {
			if (indicator.kind === 'class') continue;
			const epci = await queryTerritoryValue(indicator, { level: 'epci', code: '200066371' });
			const mine = await queryCommunesValue(indicator, cauvaldor);
			if (Number.isNaN(epci)) expect(mine, indicator.id).toBeNaN();
			else expect(mine, indicator.id).toBeCloseTo(epci, 9);
		}
	});

	it('binds the list as one parameter and refuses anything but commune codes', async () => {
		const { text, params } = communeList(['46042', '2A004']);
		expect(text).not.toContain('46042');
		expect(params).toEqual(['46042,2A004']);
		expect(() => communeList(["46042') OR ('1'='1"])).toThrow(/code commune/);
		await expect(figures(source, [{ codes: ['46042', "x' OR '1'='1"] }], ['population'])).rejects.toThrow(/code commune/);
	});

	it('an empty list has no value', async () => {
		expect(await queryCommunesValue(num('apl_mg_2023'), [])).toBeNaN();
	});
});

describe('references and radon communes', () => {
	it('Cauvaldor lies in the Lot, Occitanie', async () => {
		const refs = await perimeterReferences(source, cauvaldor);
		expect(refs.departement).toEqual({ level: 'departement', code: '46', nom: 'Lot' });
		expect(refs.departements).toBe(1);
		expect(refs.region?.code).toBe('76');
	});

	it('Grand Figeac touches two départements, the Lot first', async () => {
		const figeac = resolvePerimeter(getShippedCls('grand-figeac')!, membership);
		const refs = await perimeterReferences(source, figeac);
		expect(refs.departement?.code).toBe('46');
		expect(refs.departements).toBe(2);
	});

	it('counts the communes in radon zone 3 like a hand count', async () => {
		const r = await radonZone3Communes(source, cauvaldor);
		const hand = await scalar("SELECT count(*)::INTEGER AS v FROM communes c JOIN radon r USING (code) WHERE c.epci = '200066371' AND r.classe = 3");
		expect(r).toEqual({ zone3: hand, known: 77, total: 77 });
	});

	it('profile: perimeter, Lot, Occitanie, France for the key indicators', async () => {
		const p = await communesProfile(source, cauvaldor, CLS_KEY_INDICATORS);
		expect(p.columns).toEqual(['Lot', 'Occitanie', 'France']);
		expect(p.rows.map((r) => r.indicator.id)).toEqual([...CLS_KEY_INDICATORS]);
		const apl = p.rows[0];
		expect(apl.values[1]).toBeCloseTo(await queryTerritoryValue(apl.indicator, { level: 'departement', code: '46' }), 10);
		expect(apl.values[3]).toBeCloseTo(await queryTerritoryValue(apl.indicator, null), 10);
	});
});
