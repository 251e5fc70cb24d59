import { schemeRdYlBu, schemeYlGnBu, schemeYlOrRd, schemeBuPu } from 'd3-scale-chromatic';
import type { PaletteName } from './catalogue';

export type Rgba = [number, number, number, number];

/** Drawn for communes without a value: neutral, distinct from every palette. */
export const MISSING_COLOR: Rgba = [200, 200, 200, 255];

// ColorBrewer schemes (colour-blind safe), 3 to 9 classes.
const SCHEMES: Record<Exclude<PaletteName, 'radon'>, readonly (readonly string[])[]> = {
	RdYlBu: schemeRdYlBu,
	YlGnBu: schemeYlGnBu,
	YlOrRd: schemeYlOrRd,
	BuPu: schemeBuPu
};

// IRSN's own zoning colours are not colour-blind safe; a yellow → red ramp keeps the order readable.
const RADON = ['#fee391', '#fe9929', '#cc4c02'];

export function hexToRgba(hex: string): Rgba {
	const n = parseInt(hex.slice(1), 16);
	return [(n >> 16) & 255, (n >> 8) & 255, n & 255, 255];
}

/** k colours of the named palette, as hex strings. */
export function paletteColors(name: PaletteName, k: number): string[] {
	if (name === 'radon') return RADON.slice(0, k);
	const scheme = SCHEMES[name];
	const size = Math.min(Math.max(k, 3), 9);
	const colors = [...scheme[size]];
	return k < 3 ? colors.slice(0, k) : colors;
}
