import { schemeRdYlBu, schemeYlGnBu, schemeYlOrRd, schemeBuPu, schemeRdBu, schemePuBuGn } from 'd3-scale-chromatic';
import type { Indicator, PaletteName } from './catalogue';

export type Rgba = [number, number, number, number];

/** Drawn for territories without a value: neutral, distinct from every palette. */
export const MISSING_COLOR: Rgba = [200, 200, 200, 255];
/** Territories outside the scope: a pale veil that keeps the context readable. */
export const OUT_OF_SCOPE_COLOR: Rgba = [238, 242, 245, 255];

// ColorBrewer schemes (colour-blind safe), 3 to 9 classes, ordered low → high.
const SCHEMES: Record<PaletteName, readonly (readonly string[])[]> = {
	RdYlBu: schemeRdYlBu,
	YlGnBu: schemeYlGnBu,
	YlOrRd: schemeYlOrRd,
	BuPu: schemeBuPu,
	RdBu: schemeRdBu,
	PuBuGn: schemePuBuGn
};

export function hexToRgba(hex: string): Rgba {
	const n = parseInt(hex.slice(1), 16);
	return [(n >> 16) & 255, (n >> 8) & 255, n & 255, 255];
}

/** Colours of the classes of an indicator, low → high (or in declared order for zonings). */
export function classColors(indicator: Indicator, k: number): string[] {
	if (indicator.kind === 'class') return indicator.classes.map((c) => c.color);
	const scheme = SCHEMES[indicator.palette];
	const size = Math.min(Math.max(k, 3), 9);
	const colors = k < 3 ? [scheme[3][0], scheme[3][2]].slice(0, k) : [...scheme[size]];
	return colors;
}
