/**
 * Rank of a commune among the communes of its département, for one indicator.
 * Competition ranking (« 1224 »): tied values share the best rank, the next value skips.
 * Rank 1 is the highest value; the page says whether high is good or bad for the indicator.
 */
import type { NumericIndicator } from '../indicators/catalogue';
import { formatNumber } from '../indicators/format';

export interface Rank {
	rank: number;
	/** Communes of the département with a value. */
	total: number;
	/** Other communes with exactly the same value. */
	tied: number;
}

/** Rank of `value` (1 = highest) among `values` (NaN ignored); null when the value is unknown. */
export function rankAmong(value: number, values: ArrayLike<number>): Rank | null {
	if (!Number.isFinite(value)) return null;
	let above = 0;
	let same = 0;
	let total = 0;
	for (let i = 0; i < values.length; i++) {
		const v = values[i];
		if (!Number.isFinite(v)) continue;
		total++;
		if (v > value) above++;
		else if (v === value) same++;
	}
	if (same === 0) return null;
	return { rank: above + 1, total, tied: same - 1 };
}

/** « 3e / 312 », « 1er / 312 », « 5e ex æquo / 312 ». */
export function formatRank(r: Rank): string {
	const n = r.rank === 1 ? '1er' : `${formatNumber(r.rank, 0)}e`;
	return `${n}${r.tied > 0 ? ' ex æquo' : ''} / ${formatNumber(r.total, 0)}`;
}

/** What rank 1 means for an indicator. */
export function rankDirection(indicator: NumericIndicator): string {
	const good = indicator.highIsWorse ? 'défavorable' : 'favorable';
	return indicator.kind === 'count' || indicator.id === 'densite_population'
		? '1er = valeur la plus élevée'
		: `1er = valeur la plus élevée (la plus ${good})`;
}
