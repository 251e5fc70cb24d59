import { describe, expect, it } from 'vitest';
import { INDICATORS, getIndicator } from '../../../src/lib/indicators/catalogue';
import type { TerritoryValues } from '../../../src/lib/data/queries/values';
import {
	competitionRanks,
	rankRule,
	filterRows,
	rowsPopulation,
	sortRows,
	territoryExportTable,
	territoryRows,
	type TerritoryRow
} from '../../../src/lib/features/explorer/territory-table';

// Fictitious values (test fixture): five territories, one out of scope, one without a value, a tie.
const CODES = ['46001', '46002', '46003', '46004', '46005', '46006'];
const NAMES = ['Saint-Céré', 'Figeac', 'Cahors', 'Gramat', 'Souillac', 'Écluse'];
const DATA: TerritoryValues = {
	values: Float64Array.from([2.5, 3.1, 2.5, NaN, 4.0, 1.0]),
	num: Float64Array.from([25, 31, 25, NaN, 40, 10]),
	den: Float64Array.from([10, 10, 10, NaN, 10, 10]),
	inScope: Uint8Array.from([1, 1, 1, 1, 1, 0])
};
const APL = getIndicator('apl_mg_moins65_2023');
const MSP = getIndicator('dist_msp_km');

describe('competition ranks', () => {
	it('ties share the best rank and the next value skips; NaN is not ranked', () => {
		expect(competitionRanks([2.5, 3.1, 2.5, NaN, 4.0], false)).toEqual([3, 2, 3, null, 1]);
		expect(competitionRanks([2.5, 3.1, 2.5, NaN, 4.0], true)).toEqual([1, 3, 1, null, 4]);
		expect(competitionRanks([], false)).toEqual([]);
	});
});

describe('rows of the table', () => {
	const rows = territoryRows(APL, 'commune', CODES, NAMES, DATA);

	it('keeps the territories in the scope, ranked among themselves', () => {
		expect(rows.map((r) => r.code)).toEqual(['46001', '46002', '46003', '46004', '46005']);
		expect(rows.map((r) => r.rank)).toEqual([3, 2, 3, null, 1]);
		expect(rows[4]).toMatchObject({ index: 4, name: 'Souillac', value: 4, num: 40, den: 10 });
	});

	it('rank 1 is the most favourable value: the shortest distance to an MSP', () => {
		const distance = territoryRows(MSP, 'commune', CODES, NAMES, DATA);
		expect(distance.map((r) => r.rank)).toEqual([1, 3, 1, null, 4]);
		expect(rankRule(MSP, 'commune')!.label).toMatch(/favorable \(la plus faible\)/);
		expect(rankRule(APL, 'epci')!.label).toMatch(/favorable \(la plus élevée\)/);
	});

	it('communes are not ranked on a value the catalogue says they share (bassin de vie)', () => {
		const shared = INDICATORS.find((i) => i.kind !== 'class' && i.unrankedAtCommune)!;
		expect(rankRule(shared, 'commune')).toBeNull();
		expect(territoryRows(shared, 'commune', CODES, NAMES, DATA).every((r) => r.rank === null)).toBe(true);
		expect(rankRule(shared, 'departement')).not.toBeNull();
		const table = territoryExportTable(shared, territoryRows(shared, 'commune', CODES, NAMES, DATA), { level: 'commune', levelLabel: 'Communes', scopeName: 'Lot', filterText: '', narrowing: [], total: '5 communes' });
		expect(table.header.some((h) => h.startsWith('Rang'))).toBe(false);
		expect(table.footer.some((l) => l.startsWith('Communes non classées'))).toBe(true);
	});

	it('sorts by each column, unknown values last whatever the order, ties by name', () => {
		const byRank = sortRows(rows, { key: 'rank', descending: false });
		expect(byRank.map((r) => r.name)).toEqual(['Souillac', 'Figeac', 'Cahors', 'Saint-Céré', 'Gramat']);
		const byValueDown = sortRows(rows, { key: 'value', descending: true });
		expect(byValueDown.map((r) => r.name)).toEqual(['Souillac', 'Figeac', 'Cahors', 'Saint-Céré', 'Gramat']);
		const byValueUp = sortRows(rows, { key: 'value', descending: false });
		expect(byValueUp.map((r) => r.name)).toEqual(['Cahors', 'Saint-Céré', 'Figeac', 'Souillac', 'Gramat']);
		expect(sortRows(rows, { key: 'name', descending: false }).map((r) => r.name)).toEqual(['Cahors', 'Figeac', 'Gramat', 'Saint-Céré', 'Souillac']);
		expect(sortRows(rows, { key: 'code', descending: true })[0].code).toBe('46005');
	});

	it('filters by name, folding accents, case and « St », or by the start of a code', () => {
		expect(filterRows(rows, 'st cere').map((r) => r.name)).toEqual(['Saint-Céré']);
		expect(filterRows(rows, 'FIG').map((r) => r.name)).toEqual(['Figeac']);
		expect(filterRows(rows, '46003').map((r) => r.name)).toEqual(['Cahors']);
		expect(filterRows(rows, '  ')).toHaveLength(5);
		expect(filterRows(rows, 'Paris')).toHaveLength(0);
	});

	it('exports codes as text and ranks as numbers, in the order shown', () => {
		const sorted: TerritoryRow[] = sortRows(rows, { key: 'rank', descending: false });
		const table = territoryExportTable(APL, sorted, { level: 'commune', levelLabel: 'Communes', scopeName: 'Lot', filterText: '', narrowing: [], total: '5 communes' });
		expect(table.header[0]).toBe('Code');
		expect(table.header.at(-1)).toMatch(/^Rang : 1er = valeur la plus favorable/);
		expect(table.rows[0][0]).toBe('46005');
		expect(table.rows.map((r) => r.at(-1))).toEqual([1, 2, 3, 3, null]);
		expect(table.rows[0][3]).toEqual({ value: 4, precision: APL.precision });
		expect(table.footer.some((l) => l.includes('Lot'))).toBe(true);
	});

	it('writes what the data says of a commune’s value in a last column, only when a row has something to say', () => {
		const context = { level: 'commune' as const, levelLabel: 'Communes', scopeName: 'Lot', filterText: '', narrowing: [], total: '5 communes' };
		const note = (code: string) => (code === '46003' ? 'valeur de la commune d’origine (fictive)' : null);
		const table = territoryExportTable(APL, rows, context, note);
		expect(table.header.at(-1)).toBe('Note sur la valeur');
		expect(table.rows.map((r) => r.at(-1))).toEqual(['', '', 'valeur de la commune d’origine (fictive)', '', '']);
		expect(territoryExportTable(APL, rows, context, () => null).header).not.toContain('Note sur la valeur');
		// Above the communes a note would be read as the territory's own: there is none.
		expect(territoryExportTable(APL, rows, { ...context, level: 'epci' }, note).header).not.toContain('Note sur la valeur');
	});

	it('a class indicator has no rank column', () => {
		const radon = getIndicator('radon_classe');
		const table = territoryExportTable(radon, territoryRows(radon, 'commune', CODES, NAMES, DATA), { level: 'commune', levelLabel: 'Communes', scopeName: 'Lot', filterText: '', narrowing: [], total: '5 communes' });
		expect(table.header.some((h) => h.startsWith('Rang'))).toBe(false);
	});
});

describe('the table follows the map', () => {
	// Fictitious populations (test fixture), one unknown.
	const POPULATION = Float64Array.from([3000, 9800, 19000, NaN, 4000, 700]);

	it('keeps only the retained territories, each with its rank in the scope and its population', () => {
		const rows = territoryRows(APL, 'commune', CODES, NAMES, DATA, POPULATION, [0, 4, 5]);
		// 46006 is out of the scope: retained or not, it is not a row.
		expect(rows.map((r) => r.code)).toEqual(['46001', '46005']);
		expect(rows.map((r) => r.rank)).toEqual([3, 1]);
		expect(rows.map((r) => r.population)).toEqual([3000, 4000]);
		expect(rowsPopulation(rows)).toBe(7000);
	});

	it('gives no total population when one territory has none', () => {
		expect(rowsPopulation(territoryRows(APL, 'commune', CODES, NAMES, DATA, POPULATION))).toBeNull();
		expect(rowsPopulation(territoryRows(APL, 'commune', CODES, NAMES, DATA))).toBeNull();
	});

	it('names the numerator and denominator from the catalogue, says the total and what narrowed the rows', () => {
		const rows = territoryRows(APL, 'commune', CODES, NAMES, DATA, POPULATION, [0, 4]);
		const table = territoryExportTable(APL, rows, { level: 'commune', levelLabel: 'Communes', scopeName: 'Lot', filterText: '', narrowing: ['Classe gardée : 1'], total: '2 communes · 7 000 hab.' });
		expect(table.header.slice(2, 6)).toEqual([
			'Population (hab.)',
			`${APL.label} (${APL.unit})`,
			'Numérateur : consultations accessibles',
			'Dénominateur : population standardisée'
		]);
		expect(table.rows).toHaveLength(2);
		expect(table.rows[0][2]).toEqual({ value: 3000, precision: 0 });
		expect(table.footer).toContain('Total : 2 communes · 7 000 hab.');
		expect(table.footer).toContain('Classe gardée : 1');
	});
});
