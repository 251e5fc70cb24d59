/**
 * Indicators the user declares when importing a file of their own on /donnees (any CSV/TSV with a
 * commune, EPCI or département code column): the description kept with the file, and the catalogue
 * indicators it makes. The description is rebuilt into indicators by this code at each page load,
 * so a new version of the app keeps reading files imported by an older one.
 * Every name a measure reads is made here of `[a-z0-9_]` only (table `user_…`, columns `vN_num`).
 */
import type { Level } from '../territory/key';
import type { Indicator } from './catalogue';
import type { Measure } from './measure';

export type CodeLevel = 'commune' | 'epci' | 'departement';

export const CODE_LEVEL_LABELS: Record<CodeLevel, string> = {
	commune: 'communes (code INSEE)',
	epci: 'EPCI (SIREN)',
	departement: 'départements'
};

/** The label of the generic format, carried by its indicators (`importedFrom`). */
export const GENERIC_FORMAT_LABEL = 'fichier CSV ou TSV de l’utilisateur';

/** One value column of the file: a count (summed) or a rate (weighted by the population or by another column). */
export interface UserValue {
	/** Index of the column in the file. */
	column: number;
	label: string;
	kind: 'count' | 'rate';
	/** 'population' (of the territory) or the index of the weight column. */
	weight: 'population' | number;
	unit: string;
}

/** What the user said about a file: kept with it in the browser. */
export interface UserFileSpec {
	codeColumn: number;
	level: CodeLevel;
	/** The dataset's name, as the user gave it. */
	name: string;
	/** Who produced the figures, as the user typed it. */
	source: string;
	millesime: string;
	values: UserValue[];
	/** For an XLSX workbook, the sheet the user chose (else its first sheet with data is read). */
	sheet?: string;
}

/** Levels of the map a file's values are true at. */
export const SPEC_LEVELS: Record<CodeLevel, readonly Level[]> = {
	commune: ['commune', 'epci', 'departement', 'region'],
	epci: ['epci'],
	departement: ['departement', 'region']
};

/** `[a-z0-9_]` of a French name: « Médecins (2024) » → `medecins_2024`. */
export function slug(text: string, max = 32): string {
	const s = text
		.normalize('NFD')
		.replace(/[\u0300-\u036f]/g, '')
		.toLowerCase()
		.replace(/[^a-z0-9]+/g, '_')
		.replace(/^_+|_+$/g, '')
		.slice(0, max)
		.replace(/_+$/, '');
	return s || 'donnees';
}

/** The table of a user's file: `user_<slug>`, not among `taken`. */
export function userTableName(name: string, taken: ReadonlySet<string>): string {
	const stem = `user_${slug(name)}`;
	let table = stem;
	for (let n = 2; taken.has(table); n++) table = `${stem}_${n}`;
	return table;
}

/** Column names of the table of a user's file, in the order of `spec.values`. */
export const valueColumns = (i: number) => ({ num: `v${i + 1}_num`, den: `v${i + 1}_den` });

const GROUP: Record<Exclude<CodeLevel, 'commune'>, 'epci' | 'dep'> = { epci: 'epci', departement: 'dep' };
/**
 * A commune's value of a file's column; a territory's rate is carried to its communes weighted by population
 * (uninhabited ones weigh 1, so that they keep their territory's value), its count shared in proportion of it.
 */
function indicatorMeasure(table: string, level: CodeLevel, i: number, kind: UserValue['kind']): Measure {
	const { num, den } = valueColumns(i);
	if (level === 'commune') return kind === 'count' ? { kind: 'count', from: { table }, column: num } : { kind: 'ratio', from: { table }, num: [num], den };
	const from = { table, via: GROUP[level] } as const;
	if (kind === 'rate') return { kind: 'mean', from, value: num, over: den, weight: 'population_at_least_1' };
	return { kind: 'count', from, column: num, shared: true };
}

/** The catalogue indicators of a user's file, with the levels they are true at. */
export function userIndicators(table: string, fileName: string, spec: UserFileSpec): { indicator: Indicator; levels: readonly Level[] }[] {
	const ids = new Set<string>();
	return spec.values.map((value, i) => {
		let id = `${table}_${slug(value.label, 24)}`;
		for (let n = 2; ids.has(id); n++) id = `${table}_${slug(value.label, 24)}_${n}`;
		ids.add(id);
		const label = value.label.trim() || `Valeur ${i + 1}`;
		const of = spec.level === 'commune' ? '' : spec.level === 'epci' ? 'de l’EPCI' : 'du département';
		const indicator: Indicator = {
			id,
			label: `${label} (${spec.name.trim()})`,
			shortLabel: label.slice(0, 40),
			theme: 'Données importées',
			definition:
				`Colonne « ${label} » du fichier « ${fileName} » importé par l’utilisateur (${CODE_LEVEL_LABELS[spec.level]}). ` +
				(value.kind === 'count' ? 'Effectif : sommé sur les territoires.' : `Taux : moyenne pondérée par ${value.weight === 'population' ? 'la population' : 'la colonne de poids choisie'} (rapport des sommes).`) +
				(of ? ` Valeur ${of}, portée sur ses communes.` : ''),
			unit: value.unit.trim(),
			source: { producer: spec.source.trim() || 'source non précisée', dataset: `${spec.name.trim()}, fichier « ${fileName} »`, millesime: spec.millesime.trim() || 'millésime non précisé', licence: 'licence non précisée' },
			trueLevel: 'commune',
			precision: value.kind === 'count' ? 0 : 2,
			missing: 'territoire absent du fichier importé ou valeur manquante',
			direction: 'neutral',
			importedFrom: GENERIC_FORMAT_LABEL,
			unrankedAtCommune: of ? `valeur ${of}` : undefined,
			palette: 'YlGnBu',
			measure: indicatorMeasure(table, spec.level, i, value.kind),
			...(value.kind === 'count' ? { kind: 'count' as const } : { kind: 'ratio' as const, factor: 1 })
		} as Indicator;
		return { indicator, levels: SPEC_LEVELS[spec.level] };
	});
}
