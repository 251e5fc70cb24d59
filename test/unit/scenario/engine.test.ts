import { describe, expect, it } from 'vitest';
import { CONSULTATIONS_PER_GP, DREES_WEIGHT, type TravelPairs } from '../../../src/lib/scenario/engine';
import { type Baseline, ScenarioError, ScenarioModel } from '../../../src/lib/scenario/scenario';
import { formatScenario, parseScenario } from '../../../src/lib/scenario/text';
import { readMatrixCsv } from '../../../src/lib/scenario/matrix';
import { whereToInstall } from '../../../src/lib/scenario/placement';

// FICTITIOUS fixture: six made-up communes (codes 99001–99006 do not exist), made-up populations, supplies and
// road times. Times are directed (resident → doctor) and not symmetric, to catch a transposed engine.
const CODES = ['99001', '99002', '99003', '99004', '99005', '99006'];
const PSTD = [1200, 300, 5000, 80, 650, 0];
const SUPPLY = [9000, 0, 30000, 0, 5400, 0];
// T[i][j]: minutes from commune i to commune j (Infinity: out of reach).
const T = [
	[0, 8, 12, 19, 25, Infinity],
	[9, 0, 16, 14, Infinity, Infinity],
	[11, 15, 0, 21, 18, Infinity],
	[19.5, 14, 22, 0, 9.9, Infinity],
	[26, Infinity, 17, 10, 0, Infinity],
	[Infinity, Infinity, Infinity, Infinity, Infinity, 0]
];

/** DREES's weights, written again here from the « Paramètres » sheet, not imported. */
const weight = (t: number) => (t < 10 ? 1 : t < 15 ? 2 / 3 : t <= 20 ? 1 / 3 : 0);

/** A full 2SFCA over the fixture, independent of the engine: APL_i = Σ_j w(t_ij)·s_j / Σ_k w(t_kj)·P_k. */
function fullApl(supply: readonly number[]): number[] {
	const n = CODES.length;
	const demandOf = (j: number) => CODES.reduce((sum, _, k) => sum + weight(T[k][j]) * PSTD[k], 0);
	return CODES.map((_, i) => {
		let apl = 0;
		for (let j = 0; j < n; j++) {
			const d = demandOf(j);
			if (d > 0) apl += (weight(T[i][j]) * supply[j]) / d;
		}
		return apl;
	});
}

function pairsOf(): TravelPairs {
	const from: number[] = [];
	const to: number[] = [];
	const minutes: number[] = [];
	T.forEach((row, i) =>
		row.forEach((t, j) => {
			if (i !== j && Number.isFinite(t)) {
				from.push(i);
				to.push(j);
				minutes.push(t);
			}
		})
	);
	return { from: Int32Array.from(from), to: Int32Array.from(to), minutes: Float64Array.from(minutes) };
}

function fixture(supply: readonly number[] = SUPPLY): ScenarioModel {
	const base = fullApl(supply);
	// The « under 65 » column of the fixture: commune 99003 has one doctor of 65 or more (5,400 consultations).
	const under65 = fullApl(supply.map((s, j) => (j === 2 ? s - CONSULTATIONS_PER_GP : s)));
	const baseline: Baseline = {
		annee: 2023,
		codes: CODES,
		pstd: Float64Array.from(PSTD),
		population: Float64Array.from(PSTD, (p) => Math.round(p * 0.97)),
		apl: Float64Array.from(base.map((v, i) => (PSTD[i] > 0 ? v : Number.NaN))),
		aplMoins65: Float64Array.from(under65.map((v, i) => (PSTD[i] > 0 ? v : Number.NaN))),
		passage: new Map([['99007', '99003']])
	};
	return new ScenarioModel(baseline, pairsOf());
}

describe('the scenario engine (fictitious fixture)', () => {
	it('takes DREES’s weights at their bounds', () => {
		expect([0, 9.99, 10, 14.99, 15, 20, 20.01].map(DREES_WEIGHT)).toEqual([1, 1, 2 / 3, 2 / 3, 1 / 3, 1 / 3, 0]);
	});

	it('gives the change a full 2SFCA recomputation gives', () => {
		const model = fixture();
		const scenario = parseScenario('ajout:99002:1;retrait:99003:2;etp:99004:0,5;regroupement:99001:1,99005:1>99003');
		const supply = [...SUPPLY];
		supply[1] += 5400;
		supply[2] += -2 * 5400 + 2 * 5400;
		supply[3] += 2700;
		supply[0] -= 5400;
		supply[4] -= 5400;
		const expected = fullApl(supply).map((v, i) => v - fullApl(SUPPLY)[i]);
		const result = model.run(scenario);
		for (let i = 0; i < CODES.length - 1; i++) expect(result.delta[i]).toBeCloseTo(expected[i], 12);
		expect(result.delta.some((d) => Math.abs(d) > 0.01)).toBe(true);
	});

	it('conserves the added supply: Σ ΔAPL·Pstd = Δs', () => {
		const result = fixture().run(parseScenario('msp:99004:3;ajout:99005:1'));
		const absorbed = result.delta.reduce((s, d, i) => s + d * PSTD[i], 0);
		expect(result.consultations).toBe(4 * CONSULTATIONS_PER_GP);
		expect(Math.abs(absorbed - result.consultations) / result.consultations).toBeLessThan(1e-3);
	});

	it('gives back the baseline exactly when the same supply is added then removed', () => {
		const model = fixture();
		const zero = model.run(parseScenario('ajout:99001:2;etp:99004:0,5;ajout:99003:1;retrait:99001:2;retrait:99003:1;etp:99004:0,5'.replace(/etp:99004:0,5$/, 'regroupement:99004:1>99005;regroupement:99005:1>99004')));
		// Half an ETP stays at 99004: not the baseline, on purpose.
		expect(zero.after[3]).toBeGreaterThan(model.baseline.aplMoins65[3]);
		const back = model.run(parseScenario('ajout:99001:2;msp:99004:3;ajout:99003:1;retrait:99001:2;retrait:99003:1;retrait:99004:3'));
		expect(Array.from(back.after)).toEqual(Array.from(model.baseline.aplMoins65));
		expect(back.consultations).toBe(0);
	});

	it('retires the GPs of 65 or more by DREES’s under-65 column, without a model', () => {
		const model = fixture();
		const result = model.run(parseScenario('depart65'));
		expect(Array.from(result.before)).toEqual(Array.from(model.baseline.apl));
		expect(Array.from(result.after)).toEqual(Array.from(model.baseline.aplMoins65));
		// The fixture's under-65 column is one doctor fewer at 99003: the engine's own retrait finds it too.
		const modelled = model.run(parseScenario('ajout:99003:1'));
		modelled.after.forEach((v, i) => PSTD[i] > 0 && expect(v).toBeCloseTo(model.baseline.apl[i], 12));
	});

	it('never lets an APL go below 0, and says where', () => {
		const result = fixture().run(parseScenario('retrait:99005:40'));
		expect(result.floored.length).toBeGreaterThan(0);
		expect(Math.min(...Array.from(result.after).filter((v) => !Number.isNaN(v)))).toBe(0);
	});

	it('says when supply reaches nobody', () => {
		expect(fixture().run(parseScenario('ajout:99006:1')).unreached).toEqual(['99006']);
	});

	it('refuses unknown and merged codes and text instead of numbers, in French', () => {
		const model = fixture();
		expect(() => model.run(parseScenario('ajout:99999:1'))).toThrow(/Code commune inconnu : 99999/);
		expect(() => model.run(parseScenario('ajout:99007:1'))).toThrow(/fusionné dans 99003/);
		expect(() => parseScenario('ajout:99001:deux')).toThrow(ScenarioError);
		expect(() => parseScenario('ajout:99001:deux')).toThrow(/« deux » n’est pas un nombre/);
		expect(() => parseScenario('ajout:99001:1,5')).toThrow(/entier/);
		expect(() => parseScenario('ajout:99001:0')).toThrow(/supérieur à 0/);
		expect(() => parseScenario('bonus:99001:1')).toThrow(/Changement inconnu/);
	});

	it('writes a scenario as text and reads it back', () => {
		const text = 'ajout:99001:1;etp:99002:0,5;msp:99003:4;retrait:99004:2;regroupement:99001:1,99005:2>99003;depart65';
		expect(formatScenario(parseScenario(text))).toBe(text);
	});
});

describe('an imported time matrix (fictitious)', () => {
	it('replaces the times and reports unknown codes, text minutes, duplicates and a missing diagonal', () => {
		const model = fixture();
		const csv = [
			'commune_origine;commune_destination;minutes',
			...T.flatMap((row, i) => row.flatMap((t, j) => (Number.isFinite(t) && i !== 1 ? [`${CODES[i]};${CODES[j]};${String(t).replace('.', ',')}`] : []))),
			...T[1].flatMap((t, j) => (Number.isFinite(t) && j !== 1 ? [`${CODES[1]};${CODES[j]};${t}`] : [])),
			'99001;99002;8',
			'99998;99001;5',
			'99007;99001;5',
			'99001;99003;douze'
		].join('\n');
		const { pairs, report } = readMatrixCsv(csv, model.baseline);
		expect(report.join('\n')).toMatch(/1 codes inconnus.*99998/);
		expect(report.join('\n')).toMatch(/1 anciens codes.*99007 → 99003/);
		expect(report.join('\n')).toMatch(/1 temps qui ne sont pas des nombres.*douze/);
		expect(report.join('\n')).toMatch(/1 couples en double/);
		expect(report.join('\n')).toMatch(/1 communes sans leur propre ligne.*99002/);
		const imported = new ScenarioModel(model.baseline, pairs).run(parseScenario('ajout:99003:1'));
		expect(Array.from(imported.delta)).toEqual(Array.from(model.run(parseScenario('ajout:99003:1')).delta));
	});

	it('refuses a file without the expected header', () => {
		expect(() => readMatrixCsv('origine;destination;temps\n99001;99002;5', fixture().baseline)).toThrow(/commune_origine;commune_destination;minutes/);
	});
});

describe('« Où installer ? » (fictitious fixture)', () => {
	/** Inhabitants of `inside` lifted to 2.5 or more by `text`, from the scenario engine itself (brute force). */
	function lifted(model: ScenarioModel, base: string, text: string, inside: readonly string[]): number {
		const before = base ? model.run(parseScenario(base)).after : model.baseline.aplMoins65;
		const after = model.run(parseScenario(base ? `${base};${text}` : text)).after;
		return inside.reduce((s, code) => {
			const i = CODES.indexOf(code);
			return s + (before[i] < 2.5 && after[i] >= 2.5 ? model.baseline.population[i] : 0);
		}, 0);
	}

	it('ranks the communes by the population lifted above 2.5, and places n GPs greedily', () => {
		// Scarcer supply than the other tests: most communes under 2.5, some a GP away from it.
		const model = fixture([8000, 0, 14000, 0, 2000, 0]);
		const perimeter = CODES.slice(0, 5);
		const { top, chosen } = whereToInstall(model, perimeter, 2);
		expect(top.map((p) => p.lifted)).toEqual(perimeter.map((c) => lifted(model, '', `ajout:${c}:1`, perimeter)).sort((a, b) => b - a));
		const best = Math.max(...perimeter.map((c) => lifted(model, '', `ajout:${c}:1`, perimeter)));
		expect(chosen[0].lifted).toBe(best);
		const second = Math.max(...perimeter.map((c) => lifted(model, `ajout:${chosen[0].code}:1`, `ajout:${c}:1`, perimeter)));
		expect(chosen[1].lifted).toBe(second);
		expect(chosen.length).toBe(2);
		expect(best).toBeGreaterThan(0);
		expect(new Set(top.map((p) => p.lifted)).size).toBeGreaterThan(1);
	});
});
