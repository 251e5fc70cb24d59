import { METHOD_LABELS, MISSING, OUT_OF_SCOPE, type Classification, type Method } from '../../indicators/classify';
import type { Level } from '../../territory/key';
import { formatNumber } from '../../territory/number';
import { getIndicator, type Indicator } from '../../indicators/catalogue';
import { legendRows } from '../../map/legend-rows';
import { CRITERION_OPS, type CriterionFilter } from '../../links/view-state';

/**
 * The territories the analyst narrowed the map to (classes kept in the legend, criterion on the
 * communes), within the scope. The retained list, the table behind the map and their exports all
 * read this one function, so that they show the territories the legend counts, and no others.
 */

export interface Narrowing {
	classification: Classification;
	/** Classes kept in the legend (empty: all). */
	keptClasses: readonly number[];
	/** Communes the criterion keeps (1), or null without criterion; it applies at commune level only. */
	filterMask: Uint8Array | null;
	level: Level;
}

/** Whether the map is narrowed at all: a class kept, or a criterion at commune level. */
export function isNarrowed(n: Pick<Narrowing, 'keptClasses' | 'filterMask' | 'level'>): boolean {
	return n.keptClasses.length > 0 || (n.level === 'commune' && n.filterMask !== null);
}

/** Whether territory i is drawn as retained: in scope, with a value, in a kept class and passing the criterion. */
export function isRetained(n: Narrowing, i: number): boolean {
	const c = n.classification.classOf[i];
	if (c === OUT_OF_SCOPE || c === MISSING) return false;
	if (n.keptClasses.length && !n.keptClasses.includes(c)) return false;
	const mask = n.level === 'commune' ? n.filterMask : null;
	return !mask || mask[i] === 1;
}

/** Positions (geometry order) of the retained territories; null when nothing narrows the map. */
export function retainedIndices(n: Narrowing): number[] | null {
	if (!isNarrowed(n)) return null;
	const out: number[] = [];
	for (let i = 0; i < n.classification.classOf.length; i++) if (isRetained(n, i)) out.push(i);
	return out;
}

/** « 167 communes · 58 066 hab. »: how many territories, and their population when every one is known. */
export function countAndPopulation(count: number, noun: readonly [string, string], population: number | null): string {
	const territories = `${formatNumber(count, 0)} ${count > 1 ? noun[1] : noun[0]}`;
	return population === null || !Number.isFinite(population) ? territories : `${territories} · ${formatNumber(population, 0)} hab.`;
}

/** Sum of the populations of some territories; null when one of them has none (the total would be wrong). */
export function populationOf(indices: readonly number[], population: ArrayLike<number> | null): number | null {
	if (!population) return null;
	let sum = 0;
	for (const i of indices) {
		const p = population[i];
		if (!Number.isFinite(p)) return null;
		sum += p;
	}
	return sum;
}

/** Singular and plural of a level's territories. */
export const LEVEL_NOUNS: Record<Level, readonly [string, string]> = {
	commune: ['commune', 'communes'],
	epci: ['EPCI', 'EPCI'],
	departement: ['département', 'départements'],
	region: ['région', 'régions']
};

/**
 * What narrowed the map, for the lines under an export: « Classe gardée : 1 (0,00 – < 2,50 …) »
 * with the bounds the legend shows and the method, and the criterion.
 */
export function narrowingLines(
	indicator: Indicator,
	classification: Classification,
	view: { keptClasses: readonly number[]; method: Method; filter: CriterionFilter | null },
	level: Level
): string[] {
	const lines: string[] = [];
	const kept = view.keptClasses;
	if (kept.length) {
		const rows = legendRows(indicator, classification);
		const named = kept.map((c) => `${c + 1} (${rows.find((r) => r.classIndex === c)?.label ?? '?'}${indicator.kind === 'class' ? '' : ` ${indicator.unit}`})`);
		const method = indicator.kind === 'class' ? '' : `, méthode ${METHOD_LABELS[view.method].toLowerCase()} en ${classification.counts.length} classes`;
		lines.push(`Classe${kept.length > 1 ? 's' : ''} gardée${kept.length > 1 ? 's' : ''} : ${named.join(' ; ')}${method}`);
	}
	if (view.filter && level === 'commune') {
		const criterion = getIndicator(view.filter.indicator);
		lines.push(`Critère : ${criterion.label} ${CRITERION_OPS[view.filter.op]} ${formatNumber(view.filter.value, criterion.precision)} ${criterion.unit}`);
	}
	return lines;
}
