/**
 * COG 2025 reference geography and the remap of older commune codes onto it.
 * Rule (README of the raw data): counts are summed, rates weighted by population,
 * zoning classes take the worst value and flag communes whose merged parts disagree.
 */
import { join } from 'node:path';
import { normalizeCommuneCode } from '../src/lib/territory/insee-code';
import { SourceError, readCsv } from './lib/csv';

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
	return { communes, byCode, passage };
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
