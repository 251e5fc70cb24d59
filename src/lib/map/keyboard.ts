/** Moving from a territory to its neighbour with the arrow keys (KeyboardNavigation.svelte). */

export type Direction = 'up' | 'down' | 'left' | 'right';

export const ARROWS: Record<string, Direction> = { ArrowUp: 'up', ArrowDown: 'down', ArrowLeft: 'left', ArrowRight: 'right' };

/** Compass bearing of each arrow, in degrees (0 = north, clockwise). */
const BEARING: Record<Direction, number> = { up: 0, right: 90, down: 180, left: 270 };

/** A neighbour further than this from the arrow's bearing is not « in that direction ». */
export const MAX_DEVIATION = 75;

export interface Place {
	code: string;
	lon: number;
	lat: number;
}

/** Bearing from `a` to `b` on a local flat projection (longitudes shrunk by cos(latitude)), in [0, 360). */
export function bearing(a: { lon: number; lat: number }, b: { lon: number; lat: number }): number {
	const dx = (b.lon - a.lon) * Math.cos((((a.lat + b.lat) / 2) * Math.PI) / 180);
	const dy = b.lat - a.lat;
	return ((Math.atan2(dx, dy) * 180) / Math.PI + 360) % 360;
}

/**
 * The neighbour of `from` that lies most nearly in `direction` (smallest angle between its bearing and
 * the arrow's, ties to the closer one), or null when none lies within MAX_DEVIATION of it.
 */
export function neighbourToward(from: Place, neighbours: readonly Place[], direction: Direction): Place | null {
	let best: Place | null = null;
	let bestScore = Infinity;
	for (const n of neighbours) {
		if (n.lon === from.lon && n.lat === from.lat) continue;
		const deviation = Math.abs(((bearing(from, n) - BEARING[direction] + 540) % 360) - 180);
		if (deviation > MAX_DEVIATION) continue;
		const distance = Math.hypot(n.lon - from.lon, n.lat - from.lat);
		const score = deviation + distance * 1e-6;
		if (score < bestScore) {
			bestScore = score;
			best = n;
		}
	}
	return best;
}

export const DIRECTION_NAMES: Record<Direction, string> = { up: 'au nord', down: 'au sud', left: 'à l’ouest', right: 'à l’est' };
