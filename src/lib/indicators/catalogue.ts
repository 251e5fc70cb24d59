/**
 * The indicator catalogue: the shipped indicators (shipped.ts), those of the official imports (official-imports.ts)
 * and the user's own files, and the lookups over them all.
 * Map, legend, tooltip, panels and exports read this module and nothing else to label or source a figure.
 */
import { LEVELS, type Level } from '../territory/key';
import { tablesOf } from './measure';
import type { Indicator, NumericIndicator } from './types';
import { INDICATORS } from './shipped';
import { IMPORTED_INDICATORS } from './official-imports';

export * from './types';
export * from './shipped';
export * from './official-imports';
export { tablesOf } from './measure';

/** The catalogue without the user's own files: shipped indicators and those of the official imports. */
const ATLAS_INDICATORS: readonly Indicator[] = [...INDICATORS, ...IMPORTED_INDICATORS];

/** DREES's reference APL (GPs under 65), 2023. */
export const DEFAULT_INDICATOR_ID = 'apl_mg_moins65_2023';

/**
 * The user's own indicators (generic files imported on /donnees), registered by the data layer once
 * their definitions are read from the browser's storage; they live beside INDICATORS, never in it.
 */
let userIndicators: readonly Indicator[] = [];
/** Levels a user indicator is true at (a file of EPCI or département values is not a commune value). */
const userLevels = new Map<string, readonly Level[]>();
const listeners = new Set<() => void>();

/** Replaces the user's indicators (ids of the static catalogue are never shadowed). */
export function setUserIndicators(list: readonly { indicator: Indicator; levels: readonly Level[] }[]): void {
	const fixed = new Set(ATLAS_INDICATORS.map((i) => i.id));
	const kept = list.filter((u) => !fixed.has(u.indicator.id));
	userIndicators = kept.map((u) => u.indicator);
	userLevels.clear();
	for (const u of kept) userLevels.set(u.indicator.id, u.levels);
	for (const listener of listeners) listener();
}

/** The file an official import's table was read from, and the millésime it gives (census year, BPE year…). */
export interface ImportedFile {
	table: string;
	fileName: string;
	annee: number | null;
}
const importedFiles = new Map<string, ImportedFile>();

/** Registers the official files this browser holds (the data layer, as it loads them): their figures name them. */
export function setImportedFiles(files: readonly ImportedFile[]): void {
	importedFiles.clear();
	for (const f of files) importedFiles.set(f.table, f);
}

/** The file an imported indicator reads, when this browser holds it. */
export function importedFile(indicator: Indicator): ImportedFile | undefined {
	return indicator.importedFrom ? importedFiles.get(tablesOf(indicator)[0]) : undefined;
}

/** « INSEE, 2021 »: the producer and the millésime of a figure, the imported file's own year when known. */
export function millesimeOf(indicator: Indicator): string {
	const year = importedFile(indicator)?.annee;
	return `${indicator.source.producer}, ${year ?? indicator.source.millesime}`;
}

/** Calls `listener` whenever the user's indicators change; returns the unsubscribe function. */
export function onIndicatorsChange(listener: () => void): () => void {
	listeners.add(listener);
	return () => listeners.delete(listener);
}

/** The whole catalogue: the atlas's indicators, those of the official files a user may import, then the user's own. */
export function allIndicators(): readonly Indicator[] {
	return userIndicators.length ? [...ATLAS_INDICATORS, ...userIndicators] : ATLAS_INDICATORS;
}

export function findIndicator(id: string): Indicator | undefined {
	return ATLAS_INDICATORS.find((i) => i.id === id) ?? userIndicators.find((i) => i.id === id);
}

/**
 * `ids` in order, each preceded by the imported indicators that replace it (`supersedes`) when `loaded`
 * says their file is in: the figure of the user's file first, the shipped approximation after it.
 */
export function preferImported(ids: readonly string[], loaded: (indicator: Indicator) => boolean): string[] {
	const by = new Map<string, string[]>();
	for (const i of IMPORTED_INDICATORS) if (i.supersedes && loaded(i)) by.set(i.supersedes, [...(by.get(i.supersedes) ?? []), i.id]);
	return [...new Set(ids.flatMap((id) => [...(by.get(id) ?? []), id]))];
}

export function getIndicator(id: string): Indicator {
	const indicator = findIndicator(id);
	if (!indicator) throw new Error(`Indicateur inconnu : ${id}`);
	return indicator;
}

/** Categorical zonings are only true at commune level; a user's file at its own level and above. */
export function levelsOf(indicator: Indicator): readonly Level[] {
	if (indicator.kind === 'class') return ['commune'];
	return userLevels.get(indicator.id) ?? LEVELS;
}

/** The « importé » mark of an indicator read from a user's file, or ''. */
export function importedMark(indicator: Indicator): string {
	return indicator.importedFrom ? ' (importé)' : '';
}

/** « DREES – APL …, 2023 » : the attribution line shown under every figure. */
export function sourceLine(indicator: Indicator): string {
	const s = indicator.source;
	const file = importedFile(indicator);
	const line = `${s.producer} – ${s.dataset}, ${file?.annee ?? s.millesime} (${s.licence})`;
	if (!indicator.importedFrom) return line;
	return `${line} — importé par l’utilisateur (${indicator.importedFrom}${file ? `, fichier « ${file.fileName} »` : ''})`;
}

/** What rank 1 means for an indicator (the portrait's ranks and the explorer's table rank alike). */
export function rankDirection(indicator: NumericIndicator): string {
	switch (indicator.direction) {
		case 'higher_better':
			return '1er = valeur la plus favorable (la plus élevée)';
		case 'higher_worse':
			return '1er = valeur la plus favorable (la plus faible)';
		case 'neutral':
			return '1er = valeur la plus élevée (sans sens favorable ou défavorable)';
	}
}
