import { describe, expect, it } from 'vitest';
import { affectedRows, changeBounds, changeColor, changeLegend, exportTable, headline, mapLegend } from '../../../src/lib/features/scenario/view';
import type { LoadedBaseline, RunResult } from '../../../src/lib/data/scenario/client';
import { actionSchema } from '../../../src/lib/register/schema';
import { scenarioMapOptions } from '../../../src/lib/features/scenario/map-export';
import { readScenarioLink, scenarioQuery, territoryScenario } from '../../../src/lib/links/scenario';

// FICTITIOUS values: three made-up communes.
const baseline: LoadedBaseline = {
	codes: ['99001', '99002', '99003', '99004'],
	pstd: Float64Array.from([1000, 500, 2000, 0]),
	population: Float64Array.from([900, 600, 2100, 0]),
	aplMoins65: Float64Array.from([2.4, 3, 2, Number.NaN]),
	apl: Float64Array.from([2.6, 3.2, 2.2, Number.NaN]),
	lon: Float64Array.from([1, 2, 3, 4]),
	lat: Float64Array.from([45, 45, 45, 45])
};
const result: RunResult = {
	before: baseline.aplMoins65,
	// 99004 has no APL (as Mayotte): never an affected commune.
	after: Float64Array.from([2.6, 3, 1.9, Number.NaN]),
	delta: Float64Array.from([0.2, 0, -0.1, 0]),
	consultations: 0,
	floored: [],
	unreached: [],
	ms: 1
};

describe('the scenario page’s figures (fictitious)', () => {
	it('lists the affected communes, largest change first', () => {
		const rows = affectedRows(result, baseline, new Map([['99001', 'Aval']]));
		expect(rows.map((r) => [r.code, r.nom])).toEqual([
			['99001', 'Aval'],
			['99003', '99003']
		]);
		expect(rows[0].variation).toBeCloseTo(0.2, 12);
	});

	it('counts the population under 2.5 and the Pstd-weighted APL before and after', () => {
		const index = new Map(baseline.codes.map((c, i) => [c, i]));
		const h = headline('Test', baseline.codes, result, baseline, index);
		expect(h.sousSeuilAvant).toBe(900 + 2100);
		expect(h.sousSeuilApres).toBe(2100);
		expect(h.aplAvant).toBeCloseTo((2.4 * 1000 + 3 * 500 + 2 * 2000) / 3500, 12);
		expect(h.aplApres).toBeCloseTo((2.6 * 1000 + 3 * 500 + 1.9 * 2000) / 3500, 12);
	});

	it('colours a gain blue, a loss red and 0 neutral, with a legend from loss to gain', () => {
		const rows = affectedRows(result, baseline, new Map());
		const bounds = changeBounds(rows);
		expect(bounds[bounds.length - 1]).toBeCloseTo(0.2, 12);
		const [gain, zero, loss] = [changeColor(0.2, bounds), changeColor(0, bounds), changeColor(-0.1, bounds)];
		expect(gain[2]).toBeGreaterThan(gain[0]);
		expect(loss[0]).toBeGreaterThan(loss[2]);
		expect(Math.abs(zero[0] - zero[2])).toBeLessThan(10);
		const legend = changeLegend(bounds, String);
		expect(legend).toHaveLength(7);
		expect(legend[3].label).toBe('0 (inchangée)');
		expect(legend[4].label).toBe('0 à 0.067');
		const two = (n: number) => n.toFixed(2);
		expect(changeLegend(bounds, two, { loss: false, gain: true }).map((r) => r.label)).toEqual(['0 (inchangée)', '0 à 0.07', '0.07 à 0.13', '0.13 à 0.20']);
	});

	it('exports the table with the estimate note and the DREES millésime', () => {
		const rows = affectedRows(result, baseline, new Map());
		const t = exportTable(rows, '+1 médecin à 99001', { annee: 2023, matrix: null }, new Date(2026, 11, 6));
		expect(t.header).toContain('Variation');
		expect(t.footer.join('\n')).toMatch(/estimation cls-atlas, méthode APL de la DREES \(APL 2023\), temps de trajet approchés/);
		const imported = exportTable(rows, '+1 médecin à 99001', { annee: 2022, matrix: 'metric.csv' }, new Date(2026, 11, 6));
		expect(imported.footer.join('\n')).toMatch(/méthode APL de la DREES \(APL 2022\), temps de trajet importés \(metric\.csv\)/);
	});

	it('counts the communes of the map in each class of its legend, for the PNG', () => {
		const rows = affectedRows(result, baseline, new Map());
		const after = (code: string) => result.after[baseline.codes.indexOf(code)];
		// 99002 is unchanged, 99001 gains the most (top class), 99003 loses half as much (middle loss class).
		const variation = mapLegend('variation', rows, baseline.codes, after);
		expect(variation.map((r) => r.count)).toEqual([0, 1, 0, 2, 0, 0, 1]);
		expect(variation.reduce((s, r) => s + r.count, 0)).toBe(baseline.codes.length);
		expect(variation[3].label).toBe('0 (inchangée)');
		// APL after: 2.6 and 3 in 2.5–3.5, 1.9 in 1.5–2.5, 99004 without APL.
		const apres = mapLegend('apres', rows, baseline.codes, after);
		expect(apres.map((r) => [r.label, r.count])).toEqual([
			['moins de 1,5', 0],
			['1,5 à 2,5', 1],
			['2,5 à 3,5', 2],
			['3,5 à 4,5', 0],
			['4,5 ou plus', 0],
			['sans APL', 1]
		]);
		expect(mapLegend('apres', rows, ['99001'], after).map((r) => r.label)).not.toContain('sans APL');
	});
});

describe('the scenario map’s PNG (fictitious)', () => {
	it('says it is an estimate, with the method, the times and DREES’s millésime, and lists the ranking', () => {
		const rows = affectedRows(result, baseline, new Map());
		const legend = mapLegend('variation', rows, baseline.codes, () => undefined);
		const map = { title: 'Variation de l’APL — +1 médecin à 99001', mode: 'variation' as const, legend, scope: 'Département 99', estimate: { annee: 2022, matrix: null }, ranked: true };
		const options = scenarioMapOptions(map, 100);
		expect(options.subtitle).toBe('Estimation cls-atlas, méthode APL de la DREES (APL 2022), temps de trajet approchés — Département 99');
		expect(options.attribution).toMatch(/DREES.*2022/);
		expect(options.legend.map((r) => r.count)).toEqual(legend.map((r) => r.count));
		expect(options.layers.map((l) => l.label)).toEqual(['« Où installer ? » : rang']);
		expect(scenarioMapOptions({ ...map, ranked: false, estimate: { annee: 2023, matrix: 'metric.csv' } }, 100)).toMatchObject({
			layers: [],
			subtitle: expect.stringMatching(/APL 2023\), temps de trajet importés \(metric\.csv\)/)
		});
	});
});

describe('a scenario attached to a CLS action', () => {
	const action = {
		id: 'a',
		titre: 'MSP',
		themes: ['exercice coordonné'],
		cible: { type: 'perimetre' },
		statut: 'prévue',
		source: { document: 'saisie', titre: 'Saisie' }
	};
	it('is validated by the scenario parser, in French', () => {
		const ok = actionSchema.safeParse({ ...action, scenario: { texte: 'msp:46128:4' } });
		expect(ok.success && ok.data.scenario).toEqual({ texte: 'msp:46128:4', annee: 2023 });
		const bad = actionSchema.safeParse({ ...action, scenario: { texte: 'msp:46128:quatre' } });
		expect(bad.success).toBe(false);
		expect(JSON.stringify(bad.error?.issues)).toMatch(/« quatre » n’est pas un nombre/);
	});
	it('opens from a territory on the « Et si… ? » page', () => {
		expect(decodeURIComponent(scenarioQuery(territoryScenario('commune', '46128')))).toBe('s=ajout:46128:1&p=departement:46');
		expect(decodeURIComponent(scenarioQuery(territoryScenario('commune', '2A004')))).toBe('s=ajout:2A004:1&p=departement:2A');
		expect(decodeURIComponent(scenarioQuery(territoryScenario('epci', '200066744')))).toBe('p=epci:200066744');
		expect(decodeURIComponent(scenarioQuery(territoryScenario('cls', 'cauvaldor')))).toBe('p=cls:cauvaldor');
	});
	it('writes and reads the page’s URL: the scenario, its perimeter and its millésime round-trip', () => {
		const link = { s: 'ajout:46128:1;regroupement:46102:1,46042:2>46128', p: 'cls:cauvaldor', a: 2022 } as const;
		expect(readScenarioLink(new URLSearchParams(scenarioQuery(link)))).toEqual(link);
		// 2023 is the default: not written; other parameters of the page are kept.
		expect(scenarioQuery({ s: 'msp:46128:4', a: 2023 }, { x: '1', s: 'old' })).toBe('x=1&s=msp%3A46128%3A4');
		expect(readScenarioLink(new URLSearchParams('a=2021'))).toEqual({ s: '', p: '', a: 2023 });
	});
});
