/**
 * « Où installer ? » : given a perimeter and n GPs, the communes of the perimeter where one more GP lifts the most
 * inhabitants of the perimeter above the 2.5 threshold; ties broken by the reduction of the shortfall
 * Σ population · (min(2.5, APL after) − min(2.5, APL before)). For n > 1, greedily: the best commune takes one GP,
 * the APL is updated, and the search starts again (a commune may be chosen more than once).
 */
import { APL_THRESHOLD, CONSULTATIONS_PER_GP } from './engine';
import type { ScenarioModel } from './scenario';

export interface Placement {
	code: string;
	/** Inhabitants of the perimeter whose commune crosses 2.5 thanks to this GP. */
	lifted: number;
	/** Reduction of the shortfall below 2.5, in consultations·inhabitants a year. */
	shortfall: number;
}

export interface PlacementResult {
	/** The n choices, in the greedy order. */
	chosen: Placement[];
	/** For the first GP: the ten best candidates and their gains. */
	top: Placement[];
}

/** The gain of `consultations` more at supply commune j on the perimeter's communes, from the APL `current`. */
function gain(model: ScenarioModel, j: number, current: Float64Array, inside: Uint8Array): { lifted: number; shortfall: number } {
	const c = model.catchments;
	const d = c.denominator[j];
	if (!(d > 0)) return { lifted: 0, shortfall: 0 };
	const ratio = CONSULTATIONS_PER_GP / d;
	let lifted = 0;
	let shortfall = 0;
	for (let p = c.start[j]; p < c.start[j + 1]; p++) {
		const i = c.demand[p];
		if (!inside[i] || Number.isNaN(current[i])) continue;
		const before = current[i];
		const after = before + c.weight[p] * ratio;
		const pop = model.baseline.population[i];
		if (before < APL_THRESHOLD && after >= APL_THRESHOLD) lifted += pop;
		shortfall += pop * (Math.min(APL_THRESHOLD, after) - Math.min(APL_THRESHOLD, before));
	}
	return { lifted, shortfall };
}

const better = (a: Placement, b: Placement) => b.lifted - a.lifted || b.shortfall - a.shortfall || (a.code < b.code ? -1 : 1);

/** `progress(k, n)` after each GP placed. */
export function whereToInstall(model: ScenarioModel, perimeter: readonly string[], gps: number, progress: (done: number, total: number) => void = () => {}): PlacementResult {
	const n = model.baseline.codes.length;
	const inside = new Uint8Array(n);
	const candidates = perimeter.map((code) => model.indexOf(code));
	for (const i of candidates) inside[i] = 1;
	const current = Float64Array.from(model.baseline.aplMoins65);
	const chosen: Placement[] = [];
	let top: Placement[] = [];
	for (let k = 0; k < gps; k++) {
		const ranked = candidates.map((j) => ({ code: model.baseline.codes[j], ...gain(model, j, current, inside) })).sort(better);
		if (k === 0) top = ranked.slice(0, 10);
		const best = ranked[0];
		if (!best) break;
		chosen.push(best);
		model.catchments.spread(model.indexOf(best.code), CONSULTATIONS_PER_GP, current);
		progress(k + 1, gps);
	}
	return { chosen, top };
}
