/**
 * COG 2025 reference geography and the remap of older commune codes onto it.
 * Merges (README of the raw data): counts are summed, rates weighted by population,
 * zoning classes take the worst value and flag communes whose merged parts disagree.
 * Splits (a commune re-established since the source's COG): each re-established commune gets the former
 * commune's rate and zoning class, marked as such, and a share of its counts in proportion to the 2025 population.
 */
import { join } from 'node:path';
import { normalizeCommuneCode } from '../../src/lib/territory/insee-code';
import { type CogHistory, type Split, communesAt, loadHistory, splitsSince } from './cog-history';
import { SourceError, readCsv } from './csv';
import type { RemapRecord } from '../../src/lib/data/engine/artefacts';
import { decoupageCommunes } from './decoupage';

export interface CogCommune {
	code: string;
	nom: string;
	dep: string;
	nomDep: string;
	reg: string;
	nomReg: string;
	/** SIREN of the EPCI; null for the island communes outside any EPCI (INSEE writes ZZZZZZZZZ). */
	epci: string | null;
}

export interface Cog {
	/** Sorted by code. */
	communes: CogCommune[];
	byCode: Map<string, CogCommune>;
	/** Every code valid since 2003 → its COG 2025 commune. */
	passage: Map<string, string>;
	history: CogHistory;
	/** Legal population of each COG 2025 commune (decoupage-administratif): the key that divides a split commune's counts. */
	population: Map<string, number>;
}

export function loadCog(from: string): Cog {
	const communesFile = join(from, 'cog2025/communes.csv');
	const communes = readCsv(communesFile, { required: ['DEPCOM', 'NOM_DEPCOM', 'EPCI', 'DEP', 'NOM_DEP', 'REG', 'NOM_REG'] }).map((row) => {
		const code = normalizeCommuneCode(row.get('DEPCOM')) ?? row.fail(`code commune invalide « ${row.get('DEPCOM')} »`);
		const epci = row.get('EPCI');
		return {
			code,
			nom: row.get('NOM_DEPCOM'),
			dep: row.get('DEP'),
			nomDep: row.get('NOM_DEP'),
			reg: row.get('REG'),
			nomReg: row.get('NOM_REG'),
			epci: /^\d{9}$/.test(epci) ? epci : null
		};
	});
	communes.sort((a, b) => compare(a.code, b.code));
	const byCode = new Map(communes.map((c) => [c.code, c]));
	if (byCode.size !== communes.length) throw new SourceError(`Codes commune en double dans ${communesFile}`);

	const passageFile = join(from, 'cog2025/table_passage_com_historique.csv');
	const passage = new Map<string, string>();
	for (const row of readCsv(passageFile, { required: ['DEPCOM_HIST', 'DEPCOM'] })) {
		const hist = normalizeCommuneCode(row.get('DEPCOM_HIST')) ?? row.fail(`code commune invalide « ${row.get('DEPCOM_HIST')} »`);
		const current = normalizeCommuneCode(row.get('DEPCOM')) ?? row.fail(`code commune invalide « ${row.get('DEPCOM')} »`);
		if (!byCode.has(current)) row.fail(`le code ${current} n'est pas une commune COG 2025`);
		passage.set(hist, current);
	}
	const population = new Map(decoupageCommunes().flatMap((c) => (c.population === undefined ? [] : [[c.code, c.population] as [string, number]])));
	return { communes, byCode, passage, history: loadHistory(from, new Set(byCode.keys())), population };
}

/** Code-point order, the same in every locale: artefacts must not depend on the machine. */
export function compare(a: string, b: string): number {
	return a < b ? -1 : a > b ? 1 : 0;
}

/** COG 2025 code of any historical (or current) code, null if unknown. */
export function toCog2025(cog: Cog, code: string): string | null {
	return cog.passage.get(code) ?? (cog.byCode.has(code) ? code : null);
}

export interface Remapped<T> {
	/** COG 2025 code → the source rows merged into it, in source order; iteration sorted by code. */
	groups: Map<string, T[]>;
	/** Source codes with no COG 2025 commune (reported in the build log). */
	unknown: string[];
}

/** Groups source rows by their COG 2025 commune. */
export function remap<T>(cog: Cog, rows: readonly T[], codeOf: (row: T) => string): Remapped<T> {
	const groups = new Map<string, T[]>();
	const unknown: string[] = [];
	for (const row of rows) {
		const code = toCog2025(cog, codeOf(row));
		if (!code) {
			unknown.push(codeOf(row));
			continue;
		}
		const group = groups.get(code);
		if (group) group.push(row);
		else groups.set(code, [row]);
	}
	const sorted = new Map([...groups].sort(([a], [b]) => compare(a, b)));
	return { groups: sorted, unknown: unknown.sort(compare) };
}

/** Sum of the non-null values; null when every value is missing (never 0 for missing). */
export function sum(values: readonly (number | null)[]): number | null {
	let total: number | null = null;
	for (const v of values) if (v !== null) total = (total ?? 0) + v;
	return total;
}

/**
 * Rate of a merged commune: Σ rate·weight / Σ weight over the parts where both are known.
 * A plain mean would let a hamlet count as much as the town it merged into.
 */
export function weightedRate(parts: readonly { rate: number | null; weight: number | null }[]): number | null {
	const known = parts.filter((p) => p.rate !== null);
	if (known.length === 1) return known[0].rate;
	let num = 0;
	let den = 0;
	for (const { rate, weight } of known) {
		if (weight === null || weight <= 0) continue;
		num += (rate as number) * weight;
		den += weight;
	}
	return den > 0 ? num / den : null;
}

/** Zoning class of a merged commune: worst (max) class, best class, and whether the parts disagree. */
export function worstClass(classes: readonly number[]): { max: number; min: number; mixed: boolean } {
	const max = Math.max(...classes);
	const min = Math.min(...classes);
	return { max, min, mixed: max !== min };
}

/** Municipal arrondissements of Paris, Lyon and Marseille: sources may give them, the passage table sums them. */
const ARRONDISSEMENT = /^(751[0-2]\d|6938\d|132[0-1]\d)$/;

/** One source row's contribution to a COG 2025 commune. */
export interface Part<T> {
	row: T;
	/** Set when the row's commune has been split since the source's COG. */
	split: SplitShare | null;
}

export interface SplitShare {
	/** Code of the former commune, whose rate and class the re-established commune inherits. */
	origin: string;
	/** Shares of every commune the former one became (2025 population over theirs); null when a population is unknown. */
	shares: readonly number[] | null;
	/** This commune's index in `shares`. */
	index: number;
}

export interface AppliedSplit extends Split {
	/** The COG 2025 communes and their share of the former commune's counts. */
	shares: { code: string; share: number | null }[];
}

export interface SourceRemap<T> extends Remapped<Part<T>> {
	/** Splits applied: the source's code shared among the communes re-established since its COG. */
	splits: AppliedSplit[];
	/** COG 2025 communes made of several source codes, with those codes. */
	merges: { code: string; sources: string[] }[];
	/** Source codes that were not communes in the COG the source declares (logged: a sign of a mixed file). */
	notInCog: string[];
}

/**
 * The COG 2025 communes a split commune became and each one's share of its counts: its 2025 legal population
 * over theirs (null for all when one population is unknown).
 */
export function splitShares(cog: Cog, split: Split): { code: string; share: number | null }[] {
	const codes = [...new Set(split.children.map((c) => toCog2025(cog, c) ?? c))].sort(compare);
	const pops = codes.map((c) => cog.population.get(c) ?? null);
	const total = pops.reduce<number>((a, p) => a + (p ?? 0), 0);
	const known = pops.every((p) => p !== null) && total > 0;
	return codes.map((code, i) => ({ code, share: known ? (pops[i] as number) / total : null }));
}

/**
 * Groups source rows, written in the COG of `cogYear`, by COG 2025 commune, merges and splits both:
 * a row whose commune was split since goes to each commune it became, with that commune's share.
 */
export function remapSource<T>(cog: Cog, rows: readonly T[], codeOf: (row: T) => string, cogYear: number): SourceRemap<T> {
	const sourceCodes = new Set(rows.map(codeOf));
	const parents = new Set<string>();
	const splits: AppliedSplit[] = [];
	for (const split of splitsSince(cog.history, cogYear)) {
		// A source that already has a re-established commune apart is not written in the COG it declares: leave it.
		if (!sourceCodes.has(split.parent) || split.children.some((c) => c !== split.parent && sourceCodes.has(c))) continue;
		if (parents.has(split.parent)) throw new SourceError(`Commune ${split.parent} rétablie deux fois depuis le COG ${cogYear} : cas non géré`);
		parents.add(split.parent);
		splits.push({ ...split, shares: splitShares(cog, split) });
	}
	const bySplit = new Map(splits.map((s) => [s.parent, s]));
	const groups = new Map<string, Part<T>[]>();
	const unknown: string[] = [];
	const add = (code: string, part: Part<T>) => {
		const group = groups.get(code);
		if (group) group.push(part);
		else groups.set(code, [part]);
	};
	for (const row of rows) {
		const split = bySplit.get(codeOf(row));
		if (split) {
			const shares = split.shares.every((s) => s.share !== null) ? split.shares.map((s) => s.share as number) : null;
			split.shares.forEach(({ code }, index) => add(code, { row, split: { origin: split.parent, shares, index } }));
			continue;
		}
		const code = toCog2025(cog, codeOf(row));
		if (code) add(code, { row, split: null });
		else unknown.push(codeOf(row));
	}
	const sorted = new Map([...groups].sort(([a], [b]) => compare(a, b)));
	const merges = [...sorted]
		.filter(([, parts]) => parts.length > 1)
		.map(([code, parts]) => ({ code, sources: parts.map((p) => codeOf(p.row)).sort(compare) }));
	const valid = communesAt(cog.history, cogYear);
	return { groups: sorted, unknown: unknown.sort(compare), splits, merges, notInCog: [...sourceCodes].filter((c) => !valid.has(c) && !ARRONDISSEMENT.test(c)).sort(compare) };
}


/**
 * A count of a part: whole, or the commune's share of it. Integer counts (people, equipments) are divided by the
 * largest remainder so the shares are whole numbers that add up to the former commune's count.
 */
export function partCount(value: number | null, split: SplitShare | null, integer: boolean): number | null {
	if (value === null || !split) return value;
	if (!split.shares) return null;
	if (!integer) return value * split.shares[split.index];
	const exact = split.shares.map((s) => value * s);
	const floors = exact.map(Math.floor);
	let left = value - floors.reduce((a, b) => a + b, 0);
	const order = exact.map((e, i) => ({ i, rest: e - floors[i] })).sort((a, b) => b.rest - a.rest || a.i - b.i);
	for (const { i } of order) {
		if (left <= 0) break;
		floors[i]++;
		left--;
	}
	return floors[split.index];
}

/** What the remap did, in French, for each rule: the rate (or class) and count sides of a split and of a merge. */
export interface RemapWording {
	splitRates: string;
	splitCounts: string;
	mergeRule: string;
}

/** Log lines listing every split and merge a remap made, and what it did with the values. */
export function describeRemap(source: string, remapped: SourceRemap<unknown>, what: RemapWording): string[] {
	const share = (s: number | null) => (s === null ? 'part inconnue' : `${(s * 100).toFixed(1)} %`);
	const lines = remapped.splits.map(
		(s) =>
			`${source} : ${s.parent} ${s.parentName} scindée (rétablissement du ${s.date}) → ${s.shares.map((c) => `${c.code} (${share(c.share)})`).join(', ')} ; ` +
			`${what.splitRates}, ${what.splitCounts}`
	);
	if (remapped.merges.length)
		lines.push(`${source} : ${remapped.merges.length} communes 2025 issues de fusions (${what.mergeRule}) : ${remapped.merges.map((m) => `${m.code} ← ${m.sources.join('+')}`).join(' ; ')}`);
	if (remapped.notInCog.length) lines.push(`${source} : ${remapped.notInCog.length} codes hors du COG déclaré (${remapped.notInCog.join(' ')})`);
	return lines;
}

/** Codes of the former communes a split commune's values come from (null for a commune the source has as such). */
export function originOf(parts: readonly Part<unknown>[]): string | null {
	const origins = [...new Set(parts.flatMap((p) => (p.split ? [p.split.origin] : [])))];
	return origins.length ? origins.join(' ') : null;
}

/** Receives what each remap did, for the manifest (pipeline/build.ts). */
export type RemapReport = (record: RemapRecord) => void;

export function remapRecord(source: string, cogYear: number, remapped: SourceRemap<unknown>, unknown = remapped.unknown): RemapRecord {
	return {
		source,
		cog: cogYear,
		fusions: remapped.merges.length,
		scissions: remapped.splits.map((s) => `${s.parent} → ${s.shares.map((c) => c.code).join(' ')}`),
		inconnus: unknown
	};
}
