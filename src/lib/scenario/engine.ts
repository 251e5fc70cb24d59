/**
 * « Et si… ? » : what a change of GP supply does to every commune's APL, by DREES's own method.
 * DREES's APL is a two-step floating catchment, linear in supply: a change Δs_j of the consultations offered at
 * commune j changes the APL of every commune i by
 *
 *     ΔAPL_i = w(t_ij) · Δs_j / Σ_k w(t_kj) · Pstd_k
 *
 * with DREES's weights w and DREES's standardised population Pstd. The baseline stays DREES's published APL; only
 * the change is modelled, on approximate (or imported) travel times. Pure TypeScript: the same code runs in the
 * browser's worker, in Node (`npm run scenario`) and in the tests.
 */

/** DREES's « Paramètres » sheet: 1 under 10 minutes, 2/3 from 10 to 15, 1/3 from 15 to 20, 0 beyond. */
export function DREES_WEIGHT(minutes: number): number {
	if (minutes < 10) return 1;
	if (minutes < 15) return 2 / 3;
	if (minutes <= 20) return 1 / 3;
	return 0;
}

/** DREES's imputed activity of a GP with no past activity: « +1 médecin » adds this many consultations a year. */
export const CONSULTATIONS_PER_GP = 5400;

/** The threshold of the zonage médecin: a commune under 2.5 consultations per standardised inhabitant. */
export const APL_THRESHOLD = 2.5;

/** Directed travel times: demand commune `from[k]` (residents) to supply commune `to[k]` (doctors), indices into codes. */
export interface TravelPairs {
	from: Int32Array;
	to: Int32Array;
	minutes: Float32Array | Float64Array;
}

/**
 * The catchment of each supply commune j: the demand communes k with w(t_kj) > 0, their weights, and the
 * denominator Σ_k w(t_kj) · Pstd_k. Compressed rows (CSR) by j; the commune itself (0 minute) is always in.
 * Pairs are taken as given: duplicates are the importer's to refuse (scenario/matrix.ts).
 */
export class Catchments {
	readonly start: Int32Array;
	readonly demand: Int32Array;
	readonly weight: Float64Array;
	readonly denominator: Float64Array;

	constructor(n: number, pairs: TravelPairs, pstd: ArrayLike<number>) {
		const count = new Int32Array(n + 1);
		const keep: number[] = [];
		for (let k = 0; k < pairs.from.length; k++) {
			if (pairs.from[k] === pairs.to[k] || DREES_WEIGHT(pairs.minutes[k]) === 0) continue;
			keep.push(k);
			count[pairs.to[k] + 1]++;
		}
		// Row starts; each row has one more slot, first: the commune itself.
		for (let j = 0; j < n; j++) count[j + 1] += count[j] + 1;
		this.start = count;
		const size = this.start[n];
		this.demand = new Int32Array(size);
		this.weight = new Float64Array(size);
		const cursor = this.start.slice(0, n);
		for (let j = 0; j < n; j++) {
			this.demand[cursor[j]] = j;
			this.weight[cursor[j]++] = 1;
		}
		for (const k of keep) {
			const j = pairs.to[k];
			this.demand[cursor[j]] = pairs.from[k];
			this.weight[cursor[j]++] = DREES_WEIGHT(pairs.minutes[k]);
		}
		this.denominator = new Float64Array(n);
		for (let j = 0; j < n; j++) {
			let d = 0;
			for (let p = this.start[j]; p < this.start[j + 1]; p++) d += this.weight[p] * (pstd[this.demand[p]] || 0);
			this.denominator[j] = d;
		}
	}

	/**
	 * Adds to `delta` (per commune, in consultations per standardised inhabitant) the effect of `consultations`
	 * more (or fewer) at supply commune j. Returns false when no demand lies within reach (the supply reaches nobody).
	 */
	spread(j: number, consultations: number, delta: Float64Array): boolean {
		const d = this.denominator[j];
		if (!(d > 0)) return false;
		const ratio = consultations / d;
		for (let p = this.start[j]; p < this.start[j + 1]; p++) delta[this.demand[p]] += this.weight[p] * ratio;
		return true;
	}
}

/** Symmetric pairs (each unordered pair once, as the shipped artefact) → directed pairs both ways. */
export function bothWays(a: Int32Array, b: Int32Array, minutes: ArrayLike<number>): TravelPairs {
	const m = a.length;
	const from = new Int32Array(2 * m);
	const to = new Int32Array(2 * m);
	const out = new Float32Array(2 * m);
	from.set(a);
	from.set(b, m);
	to.set(b);
	to.set(a, m);
	for (let k = 0; k < m; k++) out[k] = out[k + m] = minutes[k];
	return { from, to, minutes: out };
}
