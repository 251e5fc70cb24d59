import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openNodeSource, type NodeSource } from '../../../src/lib/data/queries/node';
import type { DbConnector } from '../../../src/lib/data/engine/connector';
import { figures } from '../../../src/lib/data/queries/values';
import { SHIPPED_CLS } from '../../../src/lib/register/register';
import { getIndicator, sourceLine, type NumericIndicator } from '../../../src/lib/indicators/catalogue';
import { resolveTerritory, type ResolvedTerritory } from '../../../src/lib/data/queries/territories';
import { buildPortrait, clsTouching } from '../../../src/lib/features/portrait/portrait';
import { buildComparison, comparisonTable } from '../../../src/lib/features/portrait/compare';
import { portraitTable } from '../../../src/lib/features/portrait/figures-table';
import { formatRank, rankAmong } from '../../../src/lib/features/portrait/rank';
import { rankDirection } from '../../../src/lib/indicators/catalogue';
import { parseKeyList, portraitPath, comparePath } from '../../../src/lib/territory/key';
import { tableCsvRows, toCsv } from '../../../src/lib/export/csv';
import { parseCsv } from '../../support/csv';
import { measureSql } from '../../../src/lib/data/queries/measure';

let source: NodeSource;
let db: DbConnector;
let membership: Map<string, string | null>;

beforeAll(async () => {
	source = await openNodeSource();
	db = source.db;
	// Every table, for the hand-written SQL the layer's answers are checked against.
	await source.prefetch();
	const t = await db.query('SELECT code, epci FROM communes');
	membership = new Map(t.toArray().map((r) => [String(r.code), (r.epci as string | null) ?? null]));
});
afterAll(() => source?.close());

const num = (id: string) => getIndicator(id) as NumericIndicator;

async function scalar(sql: string, params: (string | number)[] = []): Promise<number> {
	const v = (await db.query(sql, params)).get(0)!.toJSON().v as number | null;
	return v === null ? NaN : Number(v);
}

async function resolve(key: string): Promise<ResolvedTerritory> {
	const [k] = parseKeyList(key);
	const t = await resolveTerritory(source, k, { clsList: SHIPPED_CLS, membership });
	if (!t) throw new Error(`introuvable : ${key}`);
	return t;
}

describe('territory keys', () => {
	it('parses, de-duplicates and caps the URL list', () => {
		expect(parseKeyList('commune:46102,commune:46102,epci:200066371,cls:cauvaldor,commune:x,pays:1')).toEqual([
			{ level: 'commune', code: '46102' },
			{ level: 'epci', code: '200066371' },
			{ level: 'cls', code: 'cauvaldor' }
		]);
		expect(parseKeyList('commune:46102,commune:46042,commune:46251,commune:46001,commune:46003,commune:46004,commune:46005')).toHaveLength(6);
		expect(portraitPath('commune', '2A004')).toBe('/territoire/commune/2A004');
		expect(comparePath([{ level: 'commune', code: '46102' }])).toBe('/comparer?t=commune:46102');
	});
});

describe('portrait of Cauvaldor', () => {
	for (const key of ['cls:cauvaldor', 'epci:200066371']) {
		it(`${key}: 77 communes, population = sum of its communes`, async () => {
			const t = await resolve(key);
			expect(t.communes).toHaveLength(77);
			expect(t.departement?.code).toBe('46');
			expect(t.region?.code).toBe('76');
			const p = await buildPortrait(source, t);
			const sum = await scalar('SELECT sum(population)::DOUBLE AS v FROM communes WHERE epci = ?', ['200066371']);
			expect(p.population).toBe(sum);
			expect(p.radon.reduce((s, r) => s + r.communes, 0)).toBe(77);
			expect(p.densite.reduce((s, r) => s + r.population, 0)).toBe(sum);
			const msp = await scalar(
				"SELECT count(*)::DOUBLE AS v FROM finess f JOIN communes c ON c.code = f.code_commune WHERE c.epci = ? AND f.categorie = 'msp'",
				['200066371']
			);
			expect(p.facilities.find((f) => f.categorie === 'msp')?.n).toBe(msp);
			// DREES's reference APL 2023 (GPs under 65) as the hand-written ratio of sums.
			const apl = await scalar(
				'SELECT sum(a.apl_mg_moins65 * a.pop_standardisee) / sum(a.pop_standardisee) AS v FROM apl a JOIN communes c USING (code) WHERE c.epci = ? AND a.annee = 2023',
				['200066371']
			);
			expect(p.rows.get('apl_mg_moins65_2023')!.values[0]).toBeCloseTo(apl, 10);
			expect(p.references).toEqual(['Lot', 'Occitanie', 'France']);
		});
	}

	it('its exported table carries every figure, numbers as numbers, and its sources', async () => {
		const p = await buildPortrait(source, await resolve('cls:cauvaldor'));
		const table = portraitTable(p, new Date(2026, 10, 22));
		expect(table.header).toEqual(['Indicateur', 'Unité', 'Source', 'Contrat local de santé de Cauvaldor', 'Lot', 'Occitanie', 'France', 'Donnée manquante ou partielle']);
		const row = (label: string) => table.rows.find((r) => r[0] === label)!;
		expect(row(num('apl_mg_moins65_2023').label).slice(3, 7)).toEqual(p.rows.get('apl_mg_moins65_2023')!.values.map((value) => ({ value, precision: 2 })));
		expect(row('Établissements FINESS — Maisons de santé pluriprofessionnelles')[3]).toEqual({
			value: p.facilities.find((f) => f.categorie === 'msp')!.n,
			precision: 0
		});
		const radonShares = table.rows.filter((r) => /^Radon, .* — part des communes$/.test(String(r[0]))).map((r) => (r[3] as { value: number }).value);
		expect(radonShares.reduce((a, b) => a + b, 0)).toBeCloseTo(100, 9);
		expect(table.footer).toContain(`Source : ${sourceLine(num('apl_mg_moins65_2023'))}`);
		expect(table.footer.at(-1)).toBe('Exporté de cls-atlas le 22 novembre 2026.');
	});

	it('its exported table says, in the row, that a re-established commune’s APL is its former commune’s', async () => {
		const p = await buildPortrait(source, await resolve('commune:15031'));
		const table = portraitTable(p, new Date(2026, 10, 22));
		const row = table.rows.find((r) => r[0] === num('apl_mg_moins65_2023').label)!;
		expect(row.at(-1)).toMatch(new RegExp(`^${p.territory.nom} : valeur de la commune d’origine Neussargues en Pinatelle \\(15141\\)`));
		// Only the figures of the APL workbook are the former commune's: the others' last cell does not say it.
		const noted = table.rows.filter((r) => String(r.at(-1)).includes('commune d’origine'));
		expect(noted.length).toBeLessThan(table.rows.length);
		expect(noted.every((r) => String(r[2]).startsWith(sourceLine(num('apl_mg_moins65_2023')).split(',')[0]))).toBe(true);
	});

	it('the CLS covering the EPCI is Cauvaldor', async () => {
		const t = await resolve('epci:200066371');
		expect(clsTouching(SHIPPED_CLS, membership, t.communes).map((c) => c.cls.id)).toContain('cauvaldor');
	});
});

describe('custom selection', () => {
	it('resolves to its communes, named after them; an unknown code makes it unknown', async () => {
		const t = await resolve('selection:46251-46102-46042');
		expect(t.communes).toEqual(['46042', '46102', '46251']);
		expect(t.nom).toBe('Cahors, Figeac et Saint-Céré');
		expect(t.departement?.code).toBe('46');
		expect(await resolveTerritory(source, { level: 'selection', code: '46102-99999' }, { clsList: SHIPPED_CLS, membership })).toBeNull();
	});

	it('aggregate = hand SQL ratio of sums', async () => {
		const codes = ['46102', '46042', '46251'];
		for (const id of ['apl_mg_2023', 'dist_msp_km', 'medecin_omnipraticien_bpe2013', 'part_75_ans_plus_bv_2022']) {
			const indicator = num(id);
			if (indicator.kind !== 'ratio') throw new Error(id);
			const [v] = (await figures(source, [{ codes }], [indicator]))[0].values;
			const rows = measureSql(indicator.measure);
			const hand = await scalar(
				`SELECT ${indicator.factor} * sum(num) FILTER (WHERE num IS NOT NULL AND den IS NOT NULL) / sum(den) FILTER (WHERE num IS NOT NULL AND den IS NOT NULL) AS v FROM (${rows.text}) s WHERE s.code IN ('46102', '46042', '46251')`,
				[...(rows.params as (string | number)[])]
			);
			expect(v, id).toBeCloseTo(hand, 9);
		}
	});

	it('a commune set equals the level value for the same communes', async () => {
		const t = await resolve('cls:cauvaldor');
		for (const id of ['apl_mg_evolution_2022_2023', 'population', 'densite_population']) {
			const [a, b] = (await figures(source, [{ codes: t.communes }, { level: 'epci', code: '200066371' }], [num(id)]))[0].values;
			expect(a, id).toBeCloseTo(b, 9);
		}
	});
});

describe('ranks', () => {
	it('competition ranking, 1 = most favourable, NaN ignored', () => {
		const values = [5, 3, 3, NaN, 1];
		expect(rankAmong(5, values, 'higher_better')).toEqual({ rank: 1, total: 4, tied: 0 });
		expect(rankAmong(3, values, 'higher_better')).toEqual({ rank: 2, total: 4, tied: 1 });
		expect(rankAmong(1, values, 'higher_better')).toEqual({ rank: 4, total: 4, tied: 0 });
		expect(rankAmong(NaN, values, 'higher_better')).toBeNull();
		expect(formatRank({ rank: 3, total: 312, tied: 0 })).toBe('3e / 312');
		expect(formatRank({ rank: 1, total: 312, tied: 1 })).toBe('1er ex æquo / 312');
	});

	it('a smaller distance ranks better when a higher value is worse; a neutral one ranks highest first', () => {
		// A Saint-Céré-like case (fictitious distances, km): 1.2 km from an MSP among farther communes.
		const km = [1.2, 8, 15.5, 3, 8];
		expect(rankAmong(1.2, km, 'higher_worse')).toEqual({ rank: 1, total: 5, tied: 0 });
		expect(rankAmong(8, km, 'higher_worse')).toEqual({ rank: 3, total: 5, tied: 1 });
		expect(rankAmong(15.5, km, 'higher_worse')).toEqual({ rank: 5, total: 5, tied: 0 });
		expect(rankAmong(1.2, km, 'neutral')).toEqual({ rank: 5, total: 5, tied: 0 });
		expect(rankDirection(num('dist_msp_km'))).toBe('1er = valeur la plus favorable (la plus faible)');
		expect(rankDirection(num('population'))).toMatch(/^1er = valeur la plus élevée/);
	});
});

describe('comparison', () => {
	it('Figeac, Cahors, Saint-Céré: values, references, ranks and CSV', async () => {
		const ts = await Promise.all(['commune:46102', 'commune:46042', 'commune:46251'].map(resolve));
		const c = await buildComparison(source, ts);
		expect(c.columns.map((col) => col.label)).toEqual(['Figeac', 'Cahors', 'Saint-Céré', 'Lot', 'Occitanie', 'France']);
		const apl = c.rows.find((r) => r.indicator.id === 'apl_mg_moins65_2023')!;
		expect(c.rows[0]).toBe(apl);
		const cahors = await scalar("SELECT apl_mg_moins65 AS v FROM apl WHERE code = '46042' AND annee = 2023");
		expect(apl.values[1]).toBeCloseTo(cahors, 10);
		const lot = await scalar(
			"SELECT sum(a.apl_mg_moins65 * a.pop_standardisee) / sum(a.pop_standardisee) AS v FROM apl a JOIN communes c USING (code) WHERE c.dep = '46' AND a.annee = 2023"
		);
		expect(apl.values[3]).toBeCloseTo(lot, 10);
		const rank = await scalar(
			"SELECT 1 + count(*) FILTER (WHERE a.apl_mg_moins65 > (SELECT apl_mg_moins65 FROM apl WHERE code = '46042' AND annee = 2023))::DOUBLE AS v FROM apl a JOIN communes c USING (code) WHERE c.dep = '46' AND a.annee = 2023 AND a.apl_mg_moins65 IS NOT NULL"
		);
		expect(apl.ranks[1]?.rank).toBe(rank);
		expect(apl.ranks[3]).toBeNull();
		// Distance to an MSP: rank 1 is the nearest commune, so Saint-Céré counts the communes strictly nearer than it.
		const msp = c.rows.find((r) => r.indicator.id === 'dist_msp_km')!;
		const nearer = await scalar(
			"SELECT 1 + count(*) FILTER (WHERE a.dist_msp_km < (SELECT dist_msp_km FROM acces WHERE code = '46251'))::DOUBLE AS v FROM acces a JOIN communes c USING (code) WHERE c.dep = '46' AND a.dist_msp_km IS NOT NULL"
		);
		expect(msp.ranks[2]?.rank).toBe(nearer);
		expect(msp.ranks[2]!.rank).toBeLessThan(msp.ranks[2]!.total / 2);
		// Bassin-de-vie values and BPE 2013 counts are not ranked between communes.
		for (const id of ['part_75_ans_plus_bv_2022', 'medecin_omnipraticien_bpe2013']) {
			expect(c.rows.find((r) => r.indicator.id === id)!.ranks.every((r) => r === null), id).toBe(true);
		}
		const table = comparisonTable(c, new Date(2026, 0, 1));
		const lines = toCsv(tableCsvRows(table)).split('\r\n');
		expect(lines[0]).toBe('\uFEFFIndicateur;Unité;Source;Figeac;Cahors;Saint-Céré;Lot (référence);Occitanie (référence);France (référence);Donnée manquante ou partielle');
		expect(lines[1]).toBe('Code du territoire;;;46102;46042;46251;46;76;;');
		// Ranks are numbers in the export, with the number of communes they are counted among.
		const cells = parseCsv(lines.join('\r\n'));
		const mspRank = cells.find((l) => l[0] === `${msp.indicator.label} — rang dans le département`)!;
		expect(mspRank[5]).toBe(String(nearer));
		const mspTotal = cells.find((l) => l[0] === `${msp.indicator.label} — communes classées dans le département`)!;
		expect(mspTotal[5]).toBe(String(msp.ranks[2]!.total));
		const bvRank = lines.find((l) => l.startsWith(`${num('part_75_ans_plus_bv_2022').label} — rang`));
		expect(bvRank).toContain(';non classé (mesuré au bassin de vie);non classé (mesuré au bassin de vie);non classé (mesuré au bassin de vie);;;;');
		expect(table.footer).toContain(`Source : ${sourceLine(apl.indicator)}`);
		expect(table.footer.at(-1)).toBe('Exporté de cls-atlas le 1 janvier 2026.');
	});
});
