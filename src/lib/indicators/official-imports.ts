/**
 * The indicators of the official files a user may import on /donnees (INSEE population by age, BPE, Annuaire Santé,
 * DREES APL workbooks): declared like the shipped ones, marked by `importedFrom`, offered once their table is in.
 */
import { ANS_KINDS, ANS_TABLE } from './ans-professions';
import { BPE_KINDS, BPE_TABLE } from './bpe-equipment';
import { APL_PROFESSIONS, aplTable, type AplProfession } from './apl-professions';
import type { Source } from './provenance';
import type { CountIndicator, Direction, Indicator, RatioIndicator } from './types';
import { APL_SOUS_DENSITE, APL_TERMS, LICENCE } from './shipped';

/** Tables made by importing an official file on /donnees (src/lib/data/imports/imports.ts), and the label of their format. */
export const POPULATION_AGES_IMPORT = 'population_ages';
export const IMPORTED_FORMAT_LABELS = {
	[POPULATION_AGES_IMPORT]: 'INSEE « base-cc-evol-struct-pop » ou « base-ic-evol-struct-pop » (population par âge et sexe, base communale ou IRIS)',
	[BPE_TABLE]: 'INSEE BPE, fichier communal au format long (base permanente des équipements, millésime 2021 ou suivant ; DS_BPE depuis 2024)',
	[ANS_TABLE]: 'ANS Annuaire Santé, extraction « personne / activité » (PS_LibreAcces_Personne_activite_AAAAMMJJhhmm.txt)'
} as const;

/** The label of a DREES APL workbook's format (one per profession, table `apl_<slug>`). */
export const aplFormatLabel = (p: AplProfession) => `DREES, APL aux ${p.label} (classeur XLSX, une feuille « APL AAAA » par millésime)`;

const IMPORTED_MILLESIME = 'millésime du fichier importé';
const IMPORTED_SOURCES: Record<keyof typeof IMPORTED_FORMAT_LABELS, Source> = {
	[POPULATION_AGES_IMPORT]: { producer: 'INSEE', dataset: 'Évolution et structure de la population (base-cc-evol-struct-pop ou base-ic-evol-struct-pop)', millesime: IMPORTED_MILLESIME, licence: LICENCE },
	[BPE_TABLE]: { producer: 'INSEE', dataset: 'Base permanente des équipements (fichier communal) ; populations légales 2022', millesime: IMPORTED_MILLESIME, licence: LICENCE },
	[ANS_TABLE]: { producer: 'ANS', dataset: 'Annuaire Santé (extraction « personne / activité ») ; populations légales 2022', millesime: IMPORTED_MILLESIME, licence: LICENCE }
};
const HOW = {
	[BPE_TABLE]: { what: 'recensés par la BPE (lieux d’exercice : un professionnel exerçant en deux lieux compte deux fois)', id: 'bpe', short: 'BPE' },
	[ANS_TABLE]: { what: 'inscrits à l’Annuaire Santé avec une activité dans la commune (une personne comptée une fois par commune ; au-delà de la commune, une personne exerçant dans plusieurs communes compte dans chacune)', id: 'ans', short: 'Annuaire Santé' }
} as const;

/** The BPE 2013 density a recent file's density of the same profession replaces. */
const BPE_2013_OF: Partial<Record<string, string>> = {
	generalistes: 'medecin_omnipraticien_bpe2013',
	infirmiers: 'infirmier_bpe2013',
	dentistes: 'chirurgien_dentiste_bpe2013',
	kines: 'masseur_kinesitherapeute_bpe2013',
	pharmacies: 'pharmacie_bpe2013'
};

/** Head count and density per 10,000 inhabitants of one kind of an imported offer table; a commune absent from the file has 0. */
function importedOffer(table: typeof BPE_TABLE | typeof ANS_TABLE, column: string, label: string, short: string): [CountIndicator, RatioIndicator] {
	const how = HOW[table];
	const base = {
		theme: 'Accès aux soins' as const,
		source: IMPORTED_SOURCES[table],
		trueLevel: 'commune' as const,
		palette: 'YlGnBu' as const,
		direction: 'higher_better' as const,
		importedFrom: IMPORTED_FORMAT_LABELS[table]
	};
	const capitalised = label[0].toUpperCase() + label.slice(1);
	return [
		{
			...base,
			id: `${column}_${how.id}`,
			kind: 'count',
			label: `${capitalised} (${how.short})`,
			shortLabel: `${short} (${how.short})`,
			definition: `Nombre de ${label} ${how.what}, au millésime du fichier importé ; une commune absente du fichier en compte 0.`,
			unit: label,
			precision: 0,
			missing: 'fichier non importé',
			measure: { kind: 'count', from: { table, absentIsZero: true }, column }
		},
		{
			...base,
			id: `${column}_${how.id}_densite`,
			kind: 'ratio',
			label: `${capitalised} pour 10 000 habitants (${how.short})`,
			shortLabel: `${short} / 10 000 hab. (${how.short})`,
			definition:
				`Nombre de ${label} ${how.what}, rapporté à la population municipale 2022 ; ` +
				'au-delà de la commune, somme des effectifs sur somme des populations.',
			unit: 'pour 10 000 hab.',
			precision: 1,
			missing: 'population inconnue ou nulle',
			supersedes: BPE_2013_OF[column],
			measure: { kind: 'ratio', from: { table, absentIsZero: true }, num: [column], den: 'population' },
			factor: 10_000
		}
	];
}

/**
 * Share of an age group in the census population, from an imported INSEE base (db/formats/population-ages.ts):
 * ratio of sums at every level. The commune base's bands (0–14, 15–29, 30–44, 45–59, 60–74, 75–89, 90+) give
 * 15, 30, 60 and 75; « moins de 25 ans » needs the IRIS base's finer bands, « 65 ans ou plus » its 65P column
 * (or the commune base's men and women aged 65+): a commune the file gives no figure for is missing.
 */
function ageShare(id: string, label: string, short: string, columns: readonly string[], direction: Direction, missing = 'commune absente du fichier importé, ou tranche sous secret statistique'): RatioIndicator {
	return {
		id,
		kind: 'ratio',
		label: `Part des ${label} (recensement)`,
		shortLabel: `Part ${short}`,
		theme: 'Population et besoins',
		definition: `Population des ${label} rapportée à la population du recensement (base INSEE « évolution et structure de la population » importée) ; au-delà de la commune, somme sur somme.`,
		unit: '%',
		source: IMPORTED_SOURCES[POPULATION_AGES_IMPORT],
		trueLevel: 'commune',
		precision: 1,
		palette: 'BuPu',
		direction,
		importedFrom: IMPORTED_FORMAT_LABELS[POPULATION_AGES_IMPORT],
		missing,
		measure: { kind: 'ratio', from: { table: POPULATION_AGES_IMPORT }, num: columns, den: 'pop' },
		factor: 100
	};
}

/**
 * The APL of an imported DREES workbook, on its most recent year: Σ apl·pop_standardisee / Σ pop_standardisee,
 * as the shipped APL; for GPs, the reference variant (GPs under 65) with the sous-densité threshold too.
 */
function importedApl(p: AplProfession): RatioIndicator[] {
	const table = aplTable(p);
	const gp = p.slug === 'medecins_generalistes';
	const variants = gp ? (['apl', 'apl_moins65'] as const) : (['apl'] as const);
	return variants.map((column) => {
		const under65 = column === 'apl_moins65';
		const label = `APL aux ${p.label}${under65 ? ' de moins de 65 ans' : ''}`;
		return {
			id: `${table}${under65 ? '_moins65' : ''}_importe`,
			kind: 'ratio',
			label: `${label} (classeur DREES importé)`,
			shortLabel: `APL ${p.short}${under65 ? ' < 65 ans' : ''} (importé)`,
			theme: 'Accès aux soins',
			definition:
				`${label}, au millésime le plus récent du classeur DREES importé. ` +
				'Au-delà de la commune, moyenne des APL communales pondérée par la population standardisée (règle de la DREES).',
			unit: p.unit,
			source: { producer: 'DREES', dataset: `Accessibilité potentielle localisée (APL) aux ${p.label}`, millesime: IMPORTED_MILLESIME, licence: LICENCE },
			trueLevel: 'commune',
			precision: gp ? 2 : 1,
			palette: 'RdYlBu',
			direction: 'higher_better',
			thresholds: under65 ? [APL_SOUS_DENSITE] : undefined,
			importedFrom: aplFormatLabel(p),
			missing: 'commune absente du classeur importé',
			terms: APL_TERMS,
			measure: { kind: 'mean', from: { table, year: 'latest' }, value: column, weight: { column: 'pop_standardisee' } },
			factor: 1
		};
	});
}

/**
 * Indicators reading a table the user imports on /donnees (none ships): declared here like the others, marked by
 * `importedFrom`, and offered only once their table is in the engine.
 */
export const IMPORTED_INDICATORS: readonly Indicator[] = [
	ageShare('part_moins_15', 'moins de 15 ans', 'moins de 15 ans', ['age_0014'], 'neutral'),
	ageShare('part_moins_25', 'moins de 25 ans', 'moins de 25 ans', ['age_0024'], 'neutral', 'tranches fines de 0 à 24 ans absentes du fichier importé (la base IRIS les donne), ou commune absente du fichier'),
	ageShare('part_moins_30', 'moins de 30 ans', 'moins de 30 ans', ['age_0014', 'age_1529'], 'neutral'),
	ageShare('part_60_plus', '60 ans ou plus', '60 ans et +', ['age_6074', 'age_75p'], 'neutral'),
	ageShare('part_65_plus', '65 ans ou plus', '65 ans et +', ['age_65p'], 'neutral', '65 ans ou plus absents du fichier importé, ou commune absente du fichier'),
	{ ...ageShare('part_75_plus', '75 ans ou plus', '75 ans et +', ['age_75p'], 'neutral'), supersedes: 'part_75_ans_plus_bv_2022' },
	...BPE_KINDS.flatMap((k) => importedOffer(BPE_TABLE, k.column, k.label, k.short)),
	...ANS_KINDS.flatMap((k) => importedOffer(ANS_TABLE, k.column, k.label, k.short)),
	...APL_PROFESSIONS.flatMap(importedApl)
];
