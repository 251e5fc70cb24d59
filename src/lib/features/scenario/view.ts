/**
 * What the scenario page shows, computed from a result: the table of affected communes, the headline figures of
 * the perimeter, EPCI and département before and after, the colours of the change (diverging, 0 neutral) and
 * the exported table. Pure functions, tested in Node.
 */
import { schemeRdBu } from 'd3-scale-chromatic';
import type { ExportTable } from '../../export/table';
import { exportedOnLine } from '../../export/table';
import { hexToRgba, type Rgba } from '../../indicators/palettes';
import { APL_THRESHOLD } from '../../scenario/engine';
import type { LoadedBaseline, RunResult } from '../../data/scenario/client';
import { estimateNote } from '../../scenario/scenario';

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

/** Diverging colour of a change: red for a loss, blue for a gain, the neutral middle for 0. */
export function changeColor(variation: number, bounds: readonly number[]): Rgba {
	if (variation === 0 || bounds.length === 0) return DIVERGING[3];
	const k = bounds.findIndex((b) => Math.abs(variation) <= b);
	const level = k < 0 ? bounds.length : k + 1;
	return DIVERGING[3 + Math.sign(variation) * level];
}

/** Legend rows, from the largest loss to the largest gain; a side without any commune is left out. */
export function changeLegend(bounds: readonly number[], format: (n: number) => string, sides: { loss: boolean; gain: boolean } = { loss: true, gain: true }): { label: string; color: string }[] {
	const css = (c: Rgba) => `rgb(${c[0]}, ${c[1]}, ${c[2]})`;
	const from = (k: number) => (k === 0 ? 0 : bounds[k - 1]);
	const rows: { label: string; color: string }[] = [];
	if (sides.loss) for (let k = bounds.length - 1; k >= 0; k--) rows.push({ label: `${format(-bounds[k])} à ${k === 0 ? '0' : format(-from(k))}`, color: css(changeColor(-bounds[k], bounds)) });
	rows.push({ label: '0 (inchangée)', color: css(changeColor(0, bounds)) });
	if (sides.gain) for (let k = 0; k < bounds.length; k++) rows.push({ label: `${k === 0 ? '0' : format(from(k))} à ${format(bounds[k])}`, color: css(changeColor(bounds[k], bounds)) });
	return rows;
}

export function exportTable(rows: readonly AffectedRow[], description: string, annee: number, now = new Date()): ExportTable {
	return {
		title: 'Scénario APL',
		header: ['Code commune', 'Commune', 'APL avant', 'APL après', 'Variation', 'Population', 'Population standardisée'],
		rows: rows.map((r) => [r.code, r.nom, { value: r.avant, precision: 3 }, { value: r.apres, precision: 3 }, { value: r.variation, precision: 4 }, r.population, { value: r.pstd, precision: 1 }]),
		footer: [
			`Scénario : ${description}.`,
			`Valeurs « après » et « variation » : ${estimateNote(annee)}. « Avant » : APL publiée par la DREES (${annee}).`,
			'APL : consultations ou visites de médecine générale accessibles par an et par habitant standardisé.',
			exportedOnLine(now)
		]
	};
}
