/**
 * Rank of a commune among the communes of its département, for one indicator.
 * Competition ranking (« 1224 »): tied values share the best rank, the next value skips.
 * Ranks count in the favourable direction the catalogue declares: rank 1 is the most favourable
 * value (the shortest distance, the highest APL); a neutral indicator ranks by value, highest first.
 * Indicators the catalogue marks `unrankedAtCommune` are not ranked between communes.
 */
import type { Direction } from '../../indicators/catalogue';
import { formatNumber } from '../../territory/number';

export interface Rank {
	rank: number;
	/** Communes of the département with a value. */
	total: number;
	/** Other communes with exactly the same value. */
	tied: number;
}

/**
 * Rank of `value` among `values` (NaN ignored), 1 = most favourable: the lowest value when a higher
 * one is worse, the highest otherwise; null when the value is unknown.
 */
export function rankAmong(value: number, values: ArrayLike<number>, direction: Direction): Rank | null {
	if (!Number.isFinite(value)) return null;
	const lowFirst = direction === 'higher_worse';
	let better = 0;
	let same = 0;
	let total = 0;
	for (let i = 0; i < values.length; i++) {
		const v = values[i];
		if (!Number.isFinite(v)) continue;
		total++;
		if (lowFirst ? v < value : v > value) better++;
		else if (v === value) same++;
	}
	if (same === 0) return null;
	return { rank: better + 1, total, tied: same - 1 };
}

/** « 3e / 312 », « 1er / 312 », « 5e ex æquo / 312 ». */
export function formatRank(r: Rank): string {
	const n = r.rank === 1 ? '1er' : `${formatNumber(r.rank, 0)}e`;
	return `${n}${r.tied > 0 ? ' ex æquo' : ''} / ${formatNumber(r.total, 0)}`;
}

/** What stands for a rank where the catalogue says communes are not ranked: « non classé (mesuré au bassin de vie) ». */
export function unrankedNote(reason: string): string {
	return `non classé (${reason})`;
}

/** A territory's rank among its peers of one scope (« Lot »), or null when it has no value there. */
export interface ScopedRank {
	scope: string;
	rank: Rank | null;
}

/** Rank of territory `code` among `peers` (its own row included), in the favourable direction. */
export function rankOfCode(code: string, peers: { codes: readonly string[]; values: ArrayLike<number> }, direction: Direction): Rank | null {
	const i = peers.codes.indexOf(code);
	return i < 0 ? null : rankAmong(peers.values[i], peers.values, direction);
}

/** « 3e / 312 dans Lot », or « – dans Lot » when the territory has no value. */
export function formatScopedRank(r: ScopedRank): string {
	return `${r.rank ? formatRank(r.rank) : '–'} (${r.scope})`;
}
