/**
 * The indicators the atlas ships: each declared here once, with its definition, unit, producer and millésime, and
 * its measure (indicators/measure.ts): the table and columns that give, per commune, a numerator and a denominator
 * (the tables to load follow from it, `tablesOf`); the data layer builds the SQL.
 * Any aggregate (EPCI, département…) is then a ratio of sums, never a mean of rates.
 */
import type { Source } from './provenance';
import type { ChangeIndicator, Direction, Indicator, PaletteName, RatioIndicator, Terms, Threshold } from './types';

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

/** The APL's numerator and denominator, in words (the imported APL workbooks' too). */
export const APL_TERMS: Terms = { num: 'consultations accessibles', den: 'population standardisée' };
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
		missing: '',
		measure: { kind: 'listed', table: 'qpv' },
		classes: [
			{ value: 0, label: 'Sans QPV', color: '#e8e4da' },
			{ value: 1, label: 'Avec au moins un QPV', color: '#6a3d9a' }
		]
	}
];
