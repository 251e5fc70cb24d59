/**
 * What the scenario page shows, computed from a result: the table of affected communes, the headline figures of
 * the perimeter, EPCI and département before and after, the colours of the change (diverging, 0 neutral) and
 * the exported table. Pure functions, tested in Node.
 */
import { schemeRdBu, schemeYlGnBu } from 'd3-scale-chromatic';
import type { ExportTable } from '../../export/table';
import { exportedOnLine } from '../../export/table';
import { hexToRgba, type Rgba } from '../../indicators/palettes';
import { APL_THRESHOLD } from '../../scenario/engine';
import type { LoadedBaseline, RunResult } from '../../data/scenario/client';
import { estimateNote } from '../../scenario/scenario';
import { formatNumber } from '../../territory/number';

export interface AffectedRow {
	code: string;
	nom: string;
	avant: number;
	apres: number;
	variation: number;
	population: number;
	pstd: number;
}

/** Communes whose APL changes, largest change first. */
export function affectedRows(result: RunResult, baseline: LoadedBaseline, names: ReadonlyMap<string, string>): AffectedRow[] {
	const rows: AffectedRow[] = [];
	baseline.codes.forEach((code, i) => {
		const variation = result.after[i] - result.before[i];
		if (!(Math.abs(variation) > 0)) return;
		rows.push({ code, nom: names.get(code) ?? code, avant: result.before[i], apres: result.after[i], variation, population: baseline.population[i], pstd: baseline.pstd[i] });
	});
	return rows.sort((a, b) => Math.abs(b.variation) - Math.abs(a.variation) || (a.code < b.code ? -1 : 1));
}

export interface Headline {
	label: string;
	population: number;
	sousSeuilAvant: number;
	sousSeuilApres: number;
	aplAvant: number | null;
	aplApres: number | null;
}

/** Population under 2.5 (not standardised, as DREES says) and Pstd-weighted APL of `codes`, before and after. */
export function headline(label: string, codes: Iterable<string>, result: RunResult, baseline: LoadedBaseline, index: ReadonlyMap<string, number>): Headline {
	let population = 0;
	let under = [0, 0];
	const weighted = [0, 0];
	let weight = 0;
	for (const code of codes) {
		const i = index.get(code);
		if (i === undefined || Number.isNaN(result.before[i])) continue;
		const pop = baseline.population[i];
		population += pop;
		under = [under[0] + (result.before[i] < APL_THRESHOLD ? pop : 0), under[1] + (result.after[i] < APL_THRESHOLD ? pop : 0)];
		weighted[0] += result.before[i] * baseline.pstd[i];
		weighted[1] += result.after[i] * baseline.pstd[i];
		weight += baseline.pstd[i];
	}
	return {
		label,
		population,
		sousSeuilAvant: under[0],
		sousSeuilApres: under[1],
		aplAvant: weight > 0 ? weighted[0] / weight : null,
		aplApres: weight > 0 ? weighted[1] / weight : null
	};
}

/** Symmetric bounds of the change's classes: ±max/3, ±2max/3, ±max, rounded up. */
export function changeBounds(rows: readonly AffectedRow[]): number[] {
	const max = Math.max(0, ...rows.map((r) => Math.abs(r.variation)));
	if (max === 0) return [];
	const step = max / 3;
	return [1, 2, 3].map((k) => (k === 3 ? max : Number((k * step).toPrecision(2))));
}

/** ColorBrewer RdBu in 7 classes: 3 reds (losses), the neutral middle (0), 3 blues (gains). */
const DIVERGING = schemeRdBu[7].map(hexToRgba);

/** The class of a change: −3 to −1 for losses, 0 unchanged, 1 to 3 for gains. */
export function changeLevel(variation: number, bounds: readonly number[]): number {
	if (variation === 0 || bounds.length === 0) return 0;
	const k = bounds.findIndex((b) => Math.abs(variation) <= b);
	return Math.sign(variation) * (k < 0 ? bounds.length : k + 1);
}

/** Diverging colour of a change: red for a loss, blue for a gain, the neutral middle for 0. */
export function changeColor(variation: number, bounds: readonly number[]): Rgba {
	return DIVERGING[3 + changeLevel(variation, bounds)];
}

const css = (c: Rgba) => `rgb(${c[0]}, ${c[1]}, ${c[2]})`;

/** Legend rows, from the largest loss to the largest gain, each with its class; a side without any commune is left out. */
export function changeLegend(
	bounds: readonly number[],
	format: (n: number) => string,
	sides: { loss: boolean; gain: boolean } = { loss: true, gain: true }
): { label: string; color: string; level: number }[] {
	const from = (k: number) => (k === 0 ? 0 : bounds[k - 1]);
	const rows: { label: string; color: string; level: number }[] = [];
	if (sides.loss) for (let k = bounds.length - 1; k >= 0; k--) rows.push({ label: `${format(-bounds[k])} à ${k === 0 ? '0' : format(-from(k))}`, color: css(DIVERGING[2 - k]), level: -k - 1 });
	rows.push({ label: '0 (inchangée)', color: css(DIVERGING[3]), level: 0 });
	if (sides.gain) for (let k = 0; k < bounds.length; k++) rows.push({ label: `${k === 0 ? '0' : format(from(k))} à ${format(bounds[k])}`, color: css(DIVERGING[4 + k]), level: k + 1 });
	return rows;
}

/** The map of the APL after: classes whose bounds include the 2.5 threshold of the zonage médecin. */
export const APL_BOUNDS = [1.5, 2.5, 3.5, 4.5];
const APL_COLORS = schemeYlGnBu[5].map(hexToRgba);
const NO_APL: Rgba = [200, 200, 200, 255];

/** The class of an APL (0 to 4), or null for a commune without APL. */
const aplClass = (v: number | undefined): number | null => (v === undefined || Number.isNaN(v) ? null : APL_BOUNDS.filter((b) => v >= b).length);

export function aplColor(v: number | undefined): Rgba {
	const k = aplClass(v);
	return k === null ? NO_APL : APL_COLORS[k];
}

export type MapMode = 'variation' | 'apres';

/** A row of the scenario map's legend, with the number of communes of the map in it (for the PNG). */
export interface MapLegendRow {
	label: string;
	color: string;
	count: number;
}

/**
 * The legend of the map shown: the change's classes (the sides some commune has), or the APL after's classes
 * and, when a commune has none, « sans APL ». `shown`: the communes the map colours.
 */
export function mapLegend(mode: MapMode, rows: readonly AffectedRow[], shown: readonly string[], aplAfter: (code: string) => number | undefined): MapLegendRow[] {
	if (mode === 'variation') {
		const bounds = changeBounds(rows);
		const byCode = new Map(rows.map((r) => [r.code, r.variation]));
		const levels = shown.map((code) => changeLevel(byCode.get(code) ?? 0, bounds));
		const legend = changeLegend(bounds, (n) => formatNumber(n, 3), { loss: rows.some((r) => r.variation < 0), gain: rows.some((r) => r.variation > 0) });
		return legend.map(({ label, color, level }) => ({ label, color, count: levels.filter((l) => l === level).length }));
	}
	const classes = shown.map((code) => aplClass(aplAfter(code)));
	const format = (n: number) => formatNumber(n, 1);
	const legend = APL_COLORS.map((c, k) => ({
		label: k === 0 ? `moins de ${format(APL_BOUNDS[0])}` : k === APL_BOUNDS.length ? `${format(APL_BOUNDS[k - 1])} ou plus` : `${format(APL_BOUNDS[k - 1])} à ${format(APL_BOUNDS[k])}`,
		color: css(c),
		count: classes.filter((x) => x === k).length
	}));
	const missing = classes.filter((x) => x === null).length;
	return missing ? [...legend, { label: 'sans APL', color: css(NO_APL), count: missing }] : legend;
}

/** What the figures are estimated from: DREES's millésime, and the imported travel-time matrix's file if any. */
export interface Estimate {
	annee: number;
	matrix: string | null;
}

export const noteOf = (estimate: Estimate): string => estimateNote(estimate.annee, estimate.matrix);

export function exportTable(rows: readonly AffectedRow[], description: string, estimate: Estimate, now = new Date()): ExportTable {
	return {
		title: 'Scénario APL',
		header: ['Code commune', 'Commune', 'APL avant', 'APL après', 'Variation', 'Population', 'Population standardisée'],
		rows: rows.map((r) => [r.code, r.nom, { value: r.avant, precision: 3 }, { value: r.apres, precision: 3 }, { value: r.variation, precision: 4 }, r.population, { value: r.pstd, precision: 1 }]),
		footer: [
			`Scénario : ${description}.`,
			`Valeurs « après » et « variation » : ${noteOf(estimate)}. « Avant » : APL publiée par la DREES (${estimate.annee}).`,
			'APL : consultations ou visites de médecine générale accessibles par an et par habitant standardisé.',
			exportedOnLine(now)
		]
	};
}
