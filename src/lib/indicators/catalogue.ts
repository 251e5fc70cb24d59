/**
 * The indicator catalogue: every indicator is declared here once, with its definition, unit,
 * producer and millésime, and the SQL that gives, per commune, a numerator and a denominator.
 * Any aggregate (EPCI, département…) is then a ratio of sums, never a mean of rates.
 * Map, legend, tooltip and exports read this module and nothing else to label or source a figure.
 */

export interface Source {
	producer: string;
	dataset: string;
	millesime: string;
	licence: string;
}

/** Where an indicator is really measured; a bassin-de-vie value repeated on its communes must say so. */
export type TrueLevel = 'commune' | 'bassin_de_vie' | 'departement';

export type PaletteName = 'RdYlBu' | 'YlGnBu' | 'YlOrRd' | 'BuPu' | 'radon';

interface IndicatorBase {
	id: string;
	label: string;
	definition: string;
	unit: string;
	source: Source;
	trueLevel: TrueLevel;
	/** Decimals shown. */
	precision: number;
	palette: PaletteName;
	/** DuckDB tables its SQL reads besides `communes`: loaded before it is first shown. */
	tables: string[];
}

export interface RatioIndicator extends IndicatorBase {
	kind: 'ratio';
	/** SQL giving `code, num, den` per commune (COG 2025); value = factor × num / den. */
	sql: string;
	factor: number;
}

export interface ClassValue {
	value: number;
	label: string;
}

export interface ClassIndicator extends IndicatorBase {
	kind: 'class';
	/** SQL giving `code, value` per commune, value being one of `classes`. */
	sql: string;
	classes: ClassValue[];
}

export type Indicator = RatioIndicator | ClassIndicator;

const LICENCE = 'Licence Ouverte / Etalab 2.0';
const APL_SOURCE = (millesime: string): Source => ({
	producer: 'DREES',
	dataset: 'Accessibilité potentielle localisée (APL) aux médecins généralistes',
	millesime,
	licence: LICENCE
});

function aplIndicator(year: 2022 | 2023, column: 'apl_mg' | 'apl_mg_moins65'): RatioIndicator {
	const under65 = column === 'apl_mg_moins65';
	return {
		id: `${column}_${year}`,
		kind: 'ratio',
		label: `APL aux médecins généralistes${under65 ? ' de moins de 65 ans' : ''} ${year}`,
		definition:
			'Nombre de consultations et visites de médecine générale accessibles par habitant standardisé et par an, ' +
			'compte tenu de l’offre et de la demande des communes voisines et de l’âge de la population. ' +
			'Agrégée par moyenne pondérée par la population standardisée.',
		unit: 'consultations / an / hab. standardisé',
		source: APL_SOURCE(String(year)),
		trueLevel: 'commune',
		precision: 2,
		palette: 'RdYlBu',
		tables: ['apl'],
		sql: `SELECT code, ${column} * pop_standardisee AS num, pop_standardisee AS den FROM apl WHERE annee = ${year}`,
		factor: 1
	};
}

export const INDICATORS: readonly Indicator[] = [
	aplIndicator(2023, 'apl_mg'),
	aplIndicator(2022, 'apl_mg'),
	aplIndicator(2023, 'apl_mg_moins65'),
	{
		id: 'densite_population',
		kind: 'ratio',
		label: 'Densité de population',
		definition: 'Population municipale rapportée à la superficie de la commune.',
		unit: 'hab. / km²',
		source: { producer: 'INSEE, IGN', dataset: 'Populations légales, ADMIN EXPRESS COG CARTO', millesime: '2022 / 2025', licence: LICENCE },
		trueLevel: 'commune',
		precision: 1,
		palette: 'YlGnBu',
		tables: [],
		sql: 'SELECT code, population AS num, area_km2 AS den FROM communes',
		factor: 1
	},
	{
		id: 'radon_classe',
		kind: 'class',
		label: 'Potentiel radon',
		definition:
			'Zonage réglementaire du potentiel radon (arrêté du 27 juin 2018). Pour une commune nouvelle, la zone la plus élevée de ses communes d’origine.',
		unit: 'zone',
		source: { producer: 'IRSN', dataset: 'Zonage du potentiel radon des communes', millesime: '2018', licence: LICENCE },
		trueLevel: 'commune',
		precision: 0,
		palette: 'radon',
		tables: ['radon'],
		sql: 'SELECT code, classe AS value FROM radon',
		classes: [
			{ value: 1, label: 'Zone 1 : potentiel faible' },
			{ value: 2, label: 'Zone 2 : faible, facteurs géologiques aggravants' },
			{ value: 3, label: 'Zone 3 : potentiel significatif' }
		]
	}
];

export const DEFAULT_INDICATOR_ID = 'apl_mg_2023';

export function getIndicator(id: string): Indicator {
	const indicator = INDICATORS.find((i) => i.id === id);
	if (!indicator) throw new Error(`Indicateur inconnu : ${id}`);
	return indicator;
}

/** « DREES – APL …, 2023 » : the attribution line shown under every figure. */
export function sourceLine(indicator: Indicator): string {
	const s = indicator.source;
	return `${s.producer} – ${s.dataset}, ${s.millesime} (${s.licence})`;
}
