/**
 * The territory vocabulary of the whole atlas.
 *
 * - `Level`: a level of the map, one row of a table of the atlas (commune, EPCI, département, région);
 *   every level above the commune is computed from the commune rows.
 * - `TerritoryKey`: any territory the app names, a level of the atlas, a CLS perimeter or a selection
 *   of communes made on the map, written `level:code` in URLs (`commune:46102`, `epci:200066371`,
 *   `cls:cauvaldor`, `selection:46042-46102-46251`).
 * - `NamedTerritory`: a territory of the atlas with its name (a parent, a reference column).
 * - `Area`: what a figure is computed on: one territory of the atlas, an explicit list of communes
 *   (a CLS perimeter, a selection), or France (`FRANCE`, null).
 */
import { isCommuneCode, normalizeCommuneCode, normalizeDepartementCode } from './insee-code';

/** Map levels; every level above the commune is computed from the commune rows. */
export const LEVELS = ['commune', 'epci', 'departement', 'region'] as const;
export type Level = (typeof LEVELS)[number];

/** Every kind of territory the app names: the atlas levels, a CLS perimeter, a selection of communes. */
export const TERRITORY_LEVELS = [...LEVELS, 'cls', 'selection'] as const;
export type TerritoryLevel = (typeof TERRITORY_LEVELS)[number];

export interface TerritoryKey {
	level: TerritoryLevel;
	code: string;
}

/** A territory of the atlas and its name. */
export interface NamedTerritory {
	level: Level;
	code: string;
	nom: string;
}

/** What a figure is computed on: a territory of the atlas, a list of communes, or France (null). */
export type Area = { level: Level; code: string } | { codes: readonly string[] } | null;

export const FRANCE: Area = null;

/** French label of each kind of territory (singular, for a badge or a kicker). */
export const LEVEL_LABELS: Record<TerritoryLevel, string> = {
	commune: 'Commune',
	epci: 'EPCI',
	departement: 'Département',
	region: 'Région',
	cls: 'Périmètre de CLS',
	selection: 'Sélection de communes'
};

/** French label of each map level, plural (the level switch of the explorer). */
export const LEVEL_PLURALS: Record<Level, string> = {
	commune: 'Communes',
	epci: 'EPCI',
	departement: 'Départements',
	region: 'Régions'
};

/** Enough for a large EPCI or a département, short enough for a URL (6 characters a commune). */
export const MAX_SELECTION = 1000;

/**
 * Communes of a selection: codes INSEE (a lost leading zero put back), invalid ones dropped, without
 * duplicates, sorted, at most `MAX_SELECTION`.
 */
export function normalizeSelection(codes: Iterable<string>): string[] {
	return [...distinctCommunes(codes)].sort().slice(0, MAX_SELECTION);
}

/** How many distinct valid communes, before any cap: to refuse a selection that would be cut. */
export function countCommunes(codes: Iterable<string>): number {
	return distinctCommunes(codes).size;
}

function distinctCommunes(codes: Iterable<string>): Set<string> {
	return new Set([...codes].map(normalizeCommuneCode).filter((c): c is string => c !== null));
}

/** The code of a selection in URLs: its communes, normalised, joined by `-`. */
export function selectionCode(communes: Iterable<string>): string {
	return normalizeSelection(communes).join('-');
}

export function selectionCommunes(code: string): string[] {
	return code.split('-');
}

export function isTerritoryLevel(value: string): value is TerritoryLevel {
	return (TERRITORY_LEVELS as readonly string[]).includes(value);
}

export function isLevel(value: string): value is Level {
	return (LEVELS as readonly string[]).includes(value);
}

/** The code is plausible for its level (a name is checked against the data later). */
export function validKey(level: TerritoryLevel, code: string): boolean {
	switch (level) {
		case 'commune':
			return isCommuneCode(code);
		case 'epci':
			return /^\d{9}$/.test(code);
		case 'departement':
			return /^(\d{2}|2[AB]|97\d)$/.test(code);
		case 'region':
			return /^\d{2}$/.test(code);
		case 'cls':
			return /^[a-z0-9][a-z0-9-]{0,99}$/.test(code);
		case 'selection': {
			const communes = selectionCommunes(code);
			return communes.length <= MAX_SELECTION && communes.every(isCommuneCode);
		}
	}
}

export function formatKey(key: TerritoryKey): string {
	return `${key.level}:${key.code}`;
}

/**
 * A code repaired as the explorer repairs it (`1004` → `01004`, `2a004` → `2A004`, `1` → `01`, a
 * selection sorted without duplicates), or null when it cannot be one of its level.
 */
export function normalizeKeyCode(niveau: TerritoryLevel, code: string): string | null {
	const repaired =
		niveau === 'commune'
			? normalizeCommuneCode(code)
			: niveau === 'departement'
				? (normalizeDepartementCode(code) ?? code)
				: niveau === 'selection'
					? selectionCommunes(code).every((c) => normalizeCommuneCode(c) !== null) && countCommunes(selectionCommunes(code)) <= MAX_SELECTION
						? selectionCode(selectionCommunes(code))
						: null
					: code;
	return repaired !== null && validKey(niveau, repaired) ? repaired : null;
}

export function parseKey(text: string): TerritoryKey | null {
	const i = text.indexOf(':');
	if (i < 0) return null;
	const level = text.slice(0, i).trim();
	if (!isTerritoryLevel(level)) return null;
	const code = normalizeKeyCode(level, text.slice(i + 1).trim());
	return code === null ? null : { level, code };
}

/** How many territories the comparison shows side by side. */
export const MAX_COMPARED = 6;

/** `?t=commune:46102,epci:200066371` → keys, de-duplicated, invalid ones dropped, at most `max`. */
export function parseKeyList(param: string | null, max = MAX_COMPARED): TerritoryKey[] {
	return parseKeyListReport(param, max).keys;
}

/** The same, with what was left out of the link, in French (for the user). */
export function parseKeyListReport(param: string | null, max = MAX_COMPARED): { keys: TerritoryKey[]; ignored: string[] } {
	const keys: TerritoryKey[] = [];
	const invalid: string[] = [];
	let beyond = 0;
	for (const part of (param ?? '').split(',')) {
		if (!part.trim()) continue;
		const key = parseKey(part);
		if (!key) invalid.push(part);
		else if (keys.some((k) => k.level === key.level && k.code === key.code)) continue;
		else if (keys.length >= max) beyond++;
		else keys.push(key);
	}
	const ignored: string[] = [];
	if (invalid.length)
		ignored.push(`territoire${invalid.length > 1 ? 's' : ''} invalide${invalid.length > 1 ? 's' : ''} ${invalid.slice(0, 3).map(quoteParam).join(', ')}${invalid.length > 3 ? '…' : ''}`);
	if (beyond) ignored.push(`${beyond} territoire${beyond > 1 ? 's' : ''} au-delà de ${max} comparés`);
	return { keys, ignored };
}

/** A URL value as said back to the user: short, on one line, between guillemets. */
export function quoteParam(text: string): string {
	const flat = text.replace(/\s+/g, ' ').trim();
	return `« ${flat.length > 40 ? `${flat.slice(0, 39)}…` : flat} »`;
}

export function formatKeyList(keys: readonly TerritoryKey[]): string {
	return keys.map(formatKey).join(',');
}

/**
 * Path (without base) of a territory's portrait: `/territoire/commune/46102`.
 * Use with `resolve()` of `$app/paths`: `resolve(portraitPath('commune', code))`.
 */
export function portraitPath(level: TerritoryLevel, code: string): `/territoire/${string}/${string}` {
	return `/territoire/${level}/${encodeURIComponent(code)}`;
}

/** Path (without base) of the comparison of some territories: `/comparer?t=commune:46102,…`. */
export function comparePath(keys: readonly TerritoryKey[]): string {
	return `/comparer?t=${formatKeyList(keys)}`;
}
