/**
 * A scenario: changes of GP supply at communes, applied to DREES's published APL through the catchments of
 * engine.ts. Its text form (`ajout:46128:1;retrait:46102:2`) is the same in the URL, the CLI and a CLS action.
 */
import { normalizeCommuneCode } from '../territory/insee-code';
import { APL_THRESHOLD, CONSULTATIONS_PER_GP, Catchments, type TravelPairs } from './engine';

/** One change at one or several communes. Counts of doctors are whole numbers; ETP may be fractional. */
export type Change =
	| { kind: 'ajout' | 'msp' | 'retrait'; code: string; medecins: number }
	| { kind: 'etp'; code: string; etp: number }
	/** n doctors leave each origin for `to`: the total is unchanged. */
	| { kind: 'regroupement'; from: { code: string; medecins: number }[]; to: string };

export interface Scenario {
	changes: Change[];
	/** « Départ des médecins de 65 ans ou plus » everywhere: the after is DREES's under-65 column, no model. */
	depart65: boolean;
}

export const EMPTY_SCENARIO: Scenario = { changes: [], depart65: false };

/** What every figure of a scenario says it is, with the DREES millésime; `matrix`: the imported travel times' file. */
export function estimateNote(annee: number, matrix: string | null = null): string {
	return `estimation cls-atlas, méthode APL de la DREES (APL ${annee}), ${matrix ? `temps de trajet importés (${matrix})` : 'temps de trajet approchés'}`;
}

/** A bad input, said in French; the scenario being edited is left as it was. */
export class ScenarioError extends Error {
	constructor(message: string) {
		super(message);
		this.name = 'ScenarioError';
	}
}

/** DREES's published APL of one millésime, per commune, in the order of `codes` (NaN: no APL, e.g. Mayotte). */
export interface Baseline {
	annee: number;
	codes: readonly string[];
	pstd: Float64Array;
	population: Float64Array;
	/** All GPs (« APL aux médecins généralistes »). */
	apl: Float64Array;
	/** GPs under 65: DREES's reference APL, the scenarios' baseline. */
	aplMoins65: Float64Array;
	/** Old code → COG 2025 code, to name a merged commune in an error. */
	passage: ReadonlyMap<string, string>;
}

export interface ScenarioResult {
	before: Float64Array;
	after: Float64Array;
	/** The modelled change of the supply changes alone, before any floor at 0 (conservation holds on it). */
	delta: Float64Array;
	/** Σ Δs, consultations a year. */
	consultations: number;
	/** Codes whose APL would have gone below 0: set to 0 (more removed than the estimate had there). */
	floored: string[];
	/** Supply communes with no demand within 20 minutes: their change reaches nobody. */
	unreached: string[];
}

/** Consultations a year of each change, per supply commune (negative: removed). */
function supplyChanges(change: Change): [string, number][] {
	switch (change.kind) {
		case 'ajout':
		case 'msp':
			return [[change.code, change.medecins * CONSULTATIONS_PER_GP]];
		case 'etp':
			return [[change.code, change.etp * CONSULTATIONS_PER_GP]];
		case 'retrait':
			return [[change.code, -change.medecins * CONSULTATIONS_PER_GP]];
		case 'regroupement': {
			const moved = change.from.reduce((s, f) => s + f.medecins, 0);
			return [...change.from.map((f): [string, number] => [f.code, -f.medecins * CONSULTATIONS_PER_GP]), [change.to, moved * CONSULTATIONS_PER_GP]];
		}
	}
}

export class ScenarioModel {
	readonly catchments: Catchments;
	private readonly index: Map<string, number>;

	constructor(
		readonly baseline: Baseline,
		pairs: TravelPairs
	) {
		this.catchments = new Catchments(baseline.codes.length, pairs, baseline.pstd);
		this.index = new Map(baseline.codes.map((c, i) => [c, i]));
	}

	/** The index of a commune code, or a French error naming an unknown or merged code. */
	indexOf(raw: string): number {
		const code = normalizeCommuneCode(raw);
		if (code === null) throw new ScenarioError(`« ${raw} » n’est pas un code commune INSEE (5 caractères, ex. 46128).`);
		const i = this.index.get(code);
		if (i !== undefined) return i;
		const now = this.baseline.passage.get(code);
		if (now && now !== code) throw new ScenarioError(`La commune ${code} n’existe plus : elle a fusionné dans ${now} (COG 2025). Utilisez ${now}.`);
		throw new ScenarioError(`Code commune inconnu : ${code} (ni commune du COG 2025, ni ancien code).`);
	}

	/** Checks every code of the scenario; throws the first French error. */
	validate(scenario: Scenario): void {
		for (const change of scenario.changes) for (const [code] of supplyChanges(change)) this.indexOf(code);
	}

	run(scenario: Scenario): ScenarioResult {
		this.validate(scenario);
		const n = this.baseline.codes.length;
		// Net change per supply commune first: adding then removing the same supply gives back exactly 0.
		const net = new Map<number, number>();
		for (const change of scenario.changes) {
			for (const [code, amount] of supplyChanges(change)) {
				const j = this.indexOf(code);
				net.set(j, (net.get(j) ?? 0) + amount);
			}
		}
		const delta = new Float64Array(n);
		let consultations = 0;
		const unreached: string[] = [];
		for (const [j, amount] of [...net].sort((a, b) => a[0] - b[0])) {
			if (amount === 0) continue;
			consultations += amount;
			if (!this.catchments.spread(j, amount, delta)) unreached.push(this.baseline.codes[j]);
		}
		const before = scenario.depart65 ? this.baseline.apl : this.baseline.aplMoins65;
		const start = this.baseline.aplMoins65;
		const after = new Float64Array(n);
		const floored: string[] = [];
		for (let i = 0; i < n; i++) {
			const value = start[i] + delta[i];
			if (value < 0) floored.push(this.baseline.codes[i]);
			after[i] = Number.isNaN(start[i]) ? Number.NaN : Math.max(0, value);
		}
		return { before, after, delta, consultations, floored, unreached };
	}
}

/** Population (not standardised, as DREES says) of `rows` with an APL under 2.5, and their Pstd-weighted APL. */
export function summarize(values: ArrayLike<number>, baseline: { population: ArrayLike<number>; pstd: ArrayLike<number> }, rows: Iterable<number>): { sousSeuil: number; apl: number | null; population: number } {
	let sousSeuil = 0;
	let population = 0;
	let weighted = 0;
	let weight = 0;
	for (const i of rows) {
		const v = values[i];
		if (Number.isNaN(v)) continue;
		population += baseline.population[i];
		if (v < APL_THRESHOLD) sousSeuil += baseline.population[i];
		weighted += v * baseline.pstd[i];
		weight += baseline.pstd[i];
	}
	return { sousSeuil, apl: weight > 0 ? weighted / weight : null, population };
}
