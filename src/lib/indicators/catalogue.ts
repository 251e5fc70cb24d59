/**
 * The indicator catalogue: every indicator is declared here once, with its definition, unit,
 * producer and millésime, and its measure (indicators/measure.ts): the table and columns that give, per commune,
 * a numerator and a denominator; the data layer builds the SQL.
 * Any aggregate (EPCI, département…) is then a ratio of sums, never a mean of rates.
 * Map, legend, tooltip, panels and exports read this module and nothing else to label or source a figure.
 */
import { LEVELS, type Level } from '../territory/key';
import { ANS_KINDS, ANS_TABLE } from './ans-professions';
import { BPE_KINDS, BPE_TABLE } from './bpe-equipment';
import { APL_PROFESSIONS, aplTable, type AplProfession } from './apl-professions';
import type { Source } from './provenance';

export * from './types';
import type { ChangeIndicator, CountIndicator, Direction, Indicator, NumericIndicator, PaletteName, RatioIndicator, Terms, Threshold } from './types';

export const LICENCE = 'Licence Ouverte / Etalab 2.0';

const DREES_APL = (millesime: string): Source => ({
	producer: 'DREES',
	dataset: 'Accessibilité potentielle localisée (APL) aux médecins généralistes',
	millesime,
	licence: LICENCE
});
const BPE_2013: Source = {
	producer: 'INSEE',
	dataset: 'Base permanente des équipements 2013 ; populations légales 2022',
	millesime: '2013',
	licence: LICENCE
};
const CARTOSANTE: Source = {
	producer: 'INSEE, CartoSanté (ARS)',
	dataset: 'Indicateurs par bassin de vie 2022',
	millesime: '2022-2024',
	licence: LICENCE
};
const POPULATION: Source = {
	producer: 'INSEE, IGN',
	dataset: 'Populations légales 2022 (Mayotte : recensement de 2017) ; ADMIN EXPRESS COG CARTO 2025',
	millesime: '2022 / 2025',
	licence: LICENCE
};
const IRSN: Source = { producer: 'IRSN', dataset: 'Zonage du potentiel radon des communes', millesime: '2018', licence: LICENCE };

const APL_TERMS: Terms = { num: 'consultations accessibles', den: 'population standardisée' };
const APL_MISSING = 'commune absente du fichier DREES de ce millésime';
const APL_DEFINITION =
	'Nombre de consultations et visites de médecine générale accessibles par habitant standardisé et par an, ' +
	'compte tenu de l’offre et de la demande des communes voisines et de l’âge de la population. ' +
	'Au-delà de la commune : moyenne pondérée par la population standardisée.';

/**
 * The two APL columns of DREES's workbook. The reference is « APL aux médecins généralistes de moins
 * de 65 ans » (the workbook's own heading): the figure DREES publishes as its national headline
 * (3,3 in 2022 and 2023) and the one the zonage médecins and the 2,5 sous-densité threshold use.
 * The all-ages column is kept as a variant; its ids (`apl_mg_*`) keep the meaning they had in permalinks.
 */
const APL_VARIANTS = {
	apl_mg_moins65: { label: 'APL aux médecins généralistes de moins de 65 ans', short: 'APL MG moins de 65 ans' },
	apl_mg: { label: 'APL aux médecins généralistes de tous âges (variante)', short: 'APL MG tous âges' }
} as const;
type AplColumn = keyof typeof APL_VARIANTS;

/** The usual sous-densité threshold, attached to the reference APL only. */
export const APL_SOUS_DENSITE: Threshold = {
	value: 2.5,
	label: 'seuil de sous-densité',
	source: 'DREES, « Déserts médicaux : comment les définir ? Comment les mesurer ? », Les Dossiers de la DREES n° 17, mai 2017'
};

/** DREES's APL of a year: the communes' APL weighted by their standardised population. */
const aplMean = (year: 2022 | 2023, value: AplColumn) => ({ kind: 'mean', from: { table: 'apl', year }, value, weight: { column: 'pop_standardisee' } }) as const;

function apl(year: 2022 | 2023, column: AplColumn): RatioIndicator {
	const v = APL_VARIANTS[column];
	return {
		id: `${column}_${year}`,
		kind: 'ratio',
		label: `${v.label} ${year}`,
		shortLabel: `${v.short} ${year}`,
		theme: 'Accès aux soins',
		definition:
			APL_DEFINITION +
			(column === 'apl_mg'
				? ' Variante comptant aussi les médecins de 65 ans ou plus : la référence de la DREES est l’APL aux médecins de moins de 65 ans.'
				: ''),
		unit: 'consultations / an / hab. standardisé',
		source: DREES_APL(String(year)),
		trueLevel: 'commune',
		precision: 2,
		palette: 'RdYlBu',
		direction: 'higher_better',
		thresholds: column === 'apl_mg_moins65' ? [APL_SOUS_DENSITE] : undefined,
		tables: ['apl'],
		missing: APL_MISSING,
		terms: APL_TERMS,
		measure: aplMean(year, column),
		factor: 1
	};
}

/** APL 2023 minus APL 2022, each a ratio of sums over the territory. */
function aplEvolution(column: AplColumn): ChangeIndicator {
	const v = APL_VARIANTS[column];
	return {
		id: column === 'apl_mg' ? 'apl_mg_evolution_2022_2023' : `${column}_evolution_2022_2023`,
		kind: 'change',
		label: `Évolution de l’${v.label} 2022 → 2023`,
		shortLabel: `Évol. ${v.short} 2022-2023`,
		theme: 'Accès aux soins',
		definition:
			'APL 2023 moins APL 2022, chacune calculée sur le territoire comme moyenne pondérée par la population standardisée.',
		unit: 'consultations / an / hab. standardisé',
		source: DREES_APL('2022 et 2023'),
		trueLevel: 'commune',
		precision: 2,
		palette: 'RdBu',
		direction: 'higher_better',
		tables: ['apl'],
		missing: 'commune absente de l’un des deux millésimes DREES',
		measure: { kind: 'change', of: aplMean(2023, column), before: 2022 },
		factor: 1
	};
}

/**
 * Share of the population in communes under the sous-densité threshold. DREES's workbook: « pour
 * comptabiliser la population sous un seuil d'APL […], la population non standardisée doit être utilisée ».
 */
function aplBelowThreshold(year: 2022 | 2023): RatioIndicator {
	const t = APL_SOUS_DENSITE;
	return {
		id: `apl_mg_moins65_sous_seuil_${year}`,
		kind: 'ratio',
		label: `Part de la population sous le seuil de 2,5 d’APL aux médecins généralistes de moins de 65 ans ${year}`,
		shortLabel: `Pop. sous APL 2,5 ${year}`,
		theme: 'Accès aux soins',
		definition:
			'Population totale des communes dont l’APL aux médecins généralistes de moins de 65 ans est strictement inférieure à 2,5 ' +
			'consultations par an et par habitant (seuil usuel de sous-densité), rapportée à la population totale.',
		unit: '%',
		source: DREES_APL(String(year)),
		trueLevel: 'commune',
		precision: 1,
		palette: 'YlOrRd',
		direction: 'higher_worse',
		tables: ['apl'],
		missing: APL_MISSING,
		terms: { num: 'population sous le seuil', den: 'population totale' },
		measure: { kind: 'share', from: { table: 'apl', year }, population: 'pop_totale', when: { column: 'apl_mg_moins65', below: t.value } },
		factor: 100
	};
}

/** Practices of one BPE 2013 item per 10,000 inhabitants; communes absent from the BPE have none. */
function bpe(column: string, what: string, short: string): RatioIndicator {
	return {
		id: `${column}_bpe2013`,
		kind: 'ratio',
		label: `${what} pour 10 000 habitants (BPE 2013)`,
		shortLabel: `${short} / 10 000 hab. (2013)`,
		theme: 'Offre de soins (BPE 2013)',
		definition:
			`Nombre de ${what.toLowerCase()} recensés par la BPE en 2013 (lieux d’exercice, non des effectifs en ETP) ` +
			'rapporté à la population municipale 2022, faute de population 2013 dans les données : ' +
			'un ordre de grandeur ancien, à dater comme tel.',
		unit: 'pour 10 000 hab.',
		source: BPE_2013,
		trueLevel: 'commune',
		precision: 1,
		palette: 'YlGnBu',
		direction: 'higher_better',
		unrankedAtCommune: 'BPE 2013',
		tables: ['bpe2013'],
		missing: 'population inconnue ou nulle',
		terms: { num: `${what.toLowerCase()} (2013)`, den: 'population municipale 2022' },
		measure: { kind: 'ratio', from: { table: 'bpe2013', absentIsZero: true }, num: [column], den: 'population' },
		factor: 10_000
	};
}

/** A bassin-de-vie value carried to its communes; aggregates weight it by commune population. */
function bassinDeVie(id: string, column: string, label: string, shortLabel: string, unit: string, scale: number, palette: PaletteName, direction: Direction, definition: string): RatioIndicator {
	return {
		id,
		kind: 'ratio',
		label: `${label} (bassin de vie)`,
		shortLabel,
		theme: 'Population et besoins',
		definition: `${definition} Valeur du bassin de vie 2022 de la commune, identique pour toutes ses communes : ce n’est pas une valeur communale.`,
		unit,
		source: CARTOSANTE,
		trueLevel: 'bassin_de_vie',
		precision: 1,
		palette,
		direction,
		unrankedAtCommune: 'mesuré au bassin de vie',
		tables: ['bassins_vie'],
		missing: 'secret statistique ou valeur non disponible pour ce bassin de vie',
		terms: { num: 'population × valeur du bassin de vie', den: 'population municipale' },
		measure: { kind: 'mean', from: { table: 'bassins_vie', via: 'bv2022' }, value: column, per: scale, weight: 'population' },
		factor: scale
	};
}

const FINESS_DISTANCE: Source = {
	producer: 'FINESS, IGN',
	dataset: 'Établissements FINESS (Occitanie 2025-2026, France 2021) ; centroïdes ADMIN EXPRESS COG CARTO 2025',
	millesime: '2021 / 2026',
	licence: LICENCE
};

/** Straight-line distance from the commune centroid to the nearest establishment of a FINESS category. */
function distance(column: string, what: string, short: string): RatioIndicator {
	return {
		id: column,
		kind: 'ratio',
		label: `Distance ${what}`,
		shortLabel: `Distance ${short} (km)`,
		theme: 'Accès aux soins',
		definition:
			`Distance à vol d’oiseau du centre de la commune ${what} (FINESS géolocalisé ; 2025-2026 en Occitanie, ` +
			'2021 ailleurs), pas un temps de trajet. Au-delà de la commune : moyenne pondérée par la population.',
		unit: 'km',
		source: FINESS_DISTANCE,
		trueLevel: 'commune',
		precision: 1,
		palette: 'YlOrRd',
		direction: 'higher_worse',
		tables: ['acces'],
		missing: 'établissements sans coordonnées dans ce territoire (DROM dans le fichier FINESS 2021)',
		terms: { num: 'distance × population (km·hab.)', den: 'population (au moins 1 par commune)' },
		measure: { kind: 'mean', from: { table: 'acces' }, value: column, weight: 'population_at_least_1' },
		factor: 1
	};
}

export const INDICATORS: readonly Indicator[] = [
	apl(2023, 'apl_mg_moins65'),
	apl(2022, 'apl_mg_moins65'),
	aplEvolution('apl_mg_moins65'),
	aplBelowThreshold(2023),
	apl(2023, 'apl_mg'),
	apl(2022, 'apl_mg'),
	aplEvolution('apl_mg'),
	distance('dist_msp_km', 'à la maison de santé pluriprofessionnelle la plus proche', 'MSP'),
	distance('dist_hopital_km', 'à l’hôpital ou la clinique le plus proche', 'hôpital'),
	distance('dist_pharmacie_km', 'à la pharmacie la plus proche', 'pharmacie'),
	bpe('medecin_omnipraticien', 'Médecins généralistes', 'Médecins généralistes'),
	bpe('infirmier', 'Infirmiers', 'Infirmiers'),
	bpe('chirurgien_dentiste', 'Chirurgiens-dentistes', 'Dentistes'),
	bpe('masseur_kinesitherapeute', 'Masseurs-kinésithérapeutes', 'Kinés'),
	bpe('pharmacie', 'Pharmacies', 'Pharmacies'),
	{
		id: 'population',
		kind: 'count',
		label: 'Population municipale 2022',
		shortLabel: 'Population 2022',
		theme: 'Population et besoins',
		definition: 'Population municipale légale (millésime 2022, en vigueur au 1er janvier 2025).',
		unit: 'habitants',
		source: POPULATION,
		trueLevel: 'commune',
		precision: 0,
		palette: 'PuBuGn',
		direction: 'neutral',
		tables: [],
		missing: 'population non publiée',
		terms: { num: 'population municipale' },
		measure: { kind: 'count', from: { table: 'communes' }, column: 'population' }
	},
	{
		id: 'population_apl_2023',
		kind: 'count',
		label: 'Population retenue par la DREES pour l’APL 2023',
		shortLabel: 'Population (DREES, APL 2023)',
		theme: 'Population et besoins',
		definition:
			'Population totale à laquelle la DREES rapporte l’offre de soins dans l’APL 2023 : celle de l’année de ses données, ' +
			'non la population légale 2022 de l’atlas. Les deux chiffres diffèrent par leur date ; l’APL et ses parts de population se lisent avec celle-ci.',
		unit: 'habitants',
		source: DREES_APL('2023'),
		trueLevel: 'commune',
		precision: 0,
		palette: 'PuBuGn',
		direction: 'neutral',
		tables: ['apl'],
		missing: APL_MISSING,
		terms: { num: 'population totale (DREES)' },
		measure: { kind: 'count', from: { table: 'apl', year: 2023 }, column: 'pop_totale' }
	},
	{
		id: 'densite_population',
		kind: 'ratio',
		label: 'Densité de population',
		shortLabel: 'Densité',
		theme: 'Population et besoins',
		definition: 'Population municipale rapportée à la superficie.',
		unit: 'hab. / km²',
		source: POPULATION,
		trueLevel: 'commune',
		precision: 1,
		palette: 'PuBuGn',
		direction: 'neutral',
		tables: [],
		missing: 'population non publiée',
		terms: { num: 'population municipale', den: 'superficie (km²)' },
		measure: { kind: 'ratio', from: { table: 'communes' }, num: ['population'], den: 'area_km2' },
		factor: 1
	},
	{
		id: 'besoin_age_2023',
		kind: 'ratio',
		label: 'Indice de besoin de soins lié à l’âge 2023',
		shortLabel: 'Besoin lié à l’âge 2023',
		theme: 'Population et besoins',
		definition:
			'Population standardisée de la DREES rapportée à la population totale : au-dessus de 1, la structure par âge ' +
			'appelle plus de consultations de médecine générale que la moyenne nationale.',
		unit: 'pop. standardisée / pop. totale',
		source: DREES_APL('2023'),
		trueLevel: 'commune',
		precision: 3,
		palette: 'YlOrRd',
		direction: 'higher_worse',
		tables: ['apl'],
		missing: APL_MISSING,
		terms: { num: 'population standardisée', den: 'population totale' },
		measure: { kind: 'ratio', from: { table: 'apl', year: 2023 }, num: ['pop_standardisee'], den: 'pop_totale' },
		factor: 1
	},
	bassinDeVie(
		'part_75_ans_plus_bv_2022',
		'part_75p_2022',
		'Part des 75 ans ou plus 2022',
		'75 ans ou + (BV) 2022',
		'%',
		100,
		'BuPu',
		'higher_worse',
		'Part des personnes âgées de 75 ans ou plus dans la population.'
	),
	bassinDeVie(
		'densite_mg_bv_2024',
		'densite_mg_2024',
		'Médecins généralistes libéraux pour 10 000 habitants 2024',
		'MG libéraux / 10 000 hab. (BV) 2024',
		'pour 10 000 hab.',
		10_000,
		'YlGnBu',
		'higher_better',
		'Densité de médecins généralistes libéraux.'
	),
	{
		id: 'radon_classe',
		kind: 'class',
		label: 'Potentiel radon (zonage réglementaire)',
		shortLabel: 'Zone radon',
		theme: 'Santé-environnement',
		definition:
			'Zonage réglementaire du potentiel radon (arrêté du 27 juin 2018). Pour une commune nouvelle, la zone la plus élevée de ses communes d’origine.',
		unit: 'zone',
		source: IRSN,
		trueLevel: 'commune',
		precision: 0,
		direction: 'higher_worse',
		tables: ['radon'],
		missing: 'commune absente du fichier IRSN',
		measure: { kind: 'class', from: { table: 'radon' }, column: 'classe' },
		classes: [
			{ value: 1, label: 'Zone 1 : potentiel faible', color: '#fff7bc' },
			{ value: 2, label: 'Zone 2 : faible, facteurs aggravants', color: '#fe9929' },
			{ value: 3, label: 'Zone 3 : potentiel significatif', color: '#993404' }
		]
	},
	{
		id: 'radon_part_population_zone3',
		kind: 'ratio',
		label: 'Part de la population en zone radon 3',
		shortLabel: 'Pop. en zone radon 3',
		theme: 'Santé-environnement',
		definition: 'Population des communes classées en zone 3 (potentiel significatif) rapportée à la population.',
		unit: '%',
		source: IRSN,
		trueLevel: 'commune',
		precision: 1,
		palette: 'YlOrRd',
		direction: 'higher_worse',
		tables: ['radon'],
		missing: 'commune absente du fichier IRSN ou population inconnue',
		terms: { num: 'population en zone 3', den: 'population municipale' },
		measure: { kind: 'share', from: { table: 'radon' }, population: 'population', when: { column: 'classe', equals: 3 } },
		factor: 100
	},
	{
		id: 'grille_densite',
		kind: 'class',
		label: 'Grille communale de densité (7 niveaux)',
		shortLabel: 'Grille de densité',
		theme: 'Territoire',
		definition: 'Niveau de la grille communale de densité de l’INSEE, en 7 niveaux.',
		unit: 'niveau',
		source: { producer: 'INSEE, ANCT', dataset: 'Grille communale de densité (Observatoire des territoires)', millesime: '2025', licence: LICENCE },
		trueLevel: 'commune',
		precision: 0,
		direction: 'neutral',
		tables: ['typologies'],
		missing: 'commune absente de la grille',
		measure: { kind: 'class', from: { table: 'typologies' }, column: 'densite_niveau' },
		classes: [
			{ value: 1, label: 'Grands centres urbains', color: '#6a1b4d' },
			{ value: 2, label: 'Centres urbains intermédiaires', color: '#a8326e' },
			{ value: 3, label: 'Ceintures urbaines', color: '#d66a93' },
			{ value: 4, label: 'Petites villes', color: '#eea8bd' },
			{ value: 5, label: 'Bourgs ruraux', color: '#b7d7a8' },
			{ value: 6, label: 'Rural à habitat dispersé', color: '#79b26a' },
			{ value: 7, label: 'Rural à habitat très dispersé', color: '#3f7f3a' }
		]
	},
	{
		id: 'qpv_2024',
		kind: 'class',
		label: 'Commune comptant un quartier prioritaire (QPV 2024)',
		shortLabel: 'QPV 2024',
		theme: 'Territoire',
		definition:
			'Commune sur laquelle s’étend au moins un quartier prioritaire de la politique de la ville (liste 2024, périmètres non disponibles ici ; liste possiblement incomplète).',
		unit: '',
		source: { producer: 'ANCT', dataset: 'Quartiers prioritaires de la politique de la ville', millesime: '2024', licence: LICENCE },
		trueLevel: 'commune',
		precision: 0,
		direction: 'neutral',
		tables: ['qpv'],
		missing: '',
		measure: { kind: 'listed', table: 'qpv' },
		classes: [
			{ value: 0, label: 'Sans QPV', color: '#e8e4da' },
			{ value: 1, label: 'Avec au moins un QPV', color: '#6a3d9a' }
		]
	}
];

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
		tables: [table],
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
		tables: [POPULATION_AGES_IMPORT],
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
			tables: [table],
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
	return indicator.importedFrom ? importedFiles.get(indicator.tables[0]) : undefined;
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
