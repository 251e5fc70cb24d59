/**
 * The shape of an indicator of the catalogue (catalogue.ts declares them): what it measures, how to read it,
 * where it comes from, and its per-commune measure (measure.ts), of which the data layer builds the SQL.
 */
import type { Source } from './provenance';
import type { ChangeMeasure, ClassMeasure, CountMeasure, MeanMeasure, RatioMeasure, ShareMeasure } from './measure';

/** Where an indicator is really measured; a bassin-de-vie value repeated on its communes must say so. */
export type TrueLevel = 'commune' | 'bassin_de_vie';


export type PaletteName = 'RdYlBu' | 'YlGnBu' | 'YlOrRd' | 'BuPu' | 'RdBu' | 'PuBuGn';

export const INDICATOR_THEMES = [
	'Accès aux soins',
	'Offre de soins (BPE 2013)',
	'Population et besoins',
	'Santé-environnement',
	'Territoire',
	'Données importées'
] as const;
export type IndicatorTheme = (typeof INDICATOR_THEMES)[number];

interface IndicatorBase {
	id: string;
	label: string;
	/** Short label for tight places (legend title, table headers). */
	shortLabel: string;
	theme: IndicatorTheme;
	definition: string;
	unit: string;
	source: Source;
	trueLevel: TrueLevel;
	/** Decimals shown. */
	precision: number;
	/** Why a commune may have no value: shown in the tooltip. */
	missing: string;
	/** How to read a higher value; declared once here, read by legend, tooltip, portrait, comparison and ranks. */
	direction: Direction;
	/** Reference thresholds drawn in the legend and quoted in tables (e.g. the APL sous-densité threshold). */
	thresholds?: readonly Threshold[];
	/**
	 * Set when communes must not be ranked on this indicator, with what to show instead of a rank:
	 * a bassin-de-vie value shared by its communes, an old count (BPE 2013).
	 */
	unrankedAtCommune?: string;
	/** Set when the indicator reads a table imported by the user on /donnees: the format's label. */
	importedFrom?: string;
	/**
	 * Set on an imported indicator that gives, from the user's file, what a shipped indicator only approximates
	 * (the census share of the 75+ for the bassin-de-vie share, a recent BPE for the BPE 2013): once the file is
	 * in, it is the figure shown, the shipped one a labelled second line (`preferImported`).
	 */
	supersedes?: string;
	/** What the numerator and denominator summed over a territory are, in words (tables, exports). */
	terms?: Terms;
}

/** Names of a ratio's numerator and denominator (a count has a numerator only). */
export interface Terms {
	num: string;
	den?: string;
}

/** The names of an indicator's numerator and denominator, « Numérateur » / « Dénominateur » when the catalogue gives none. */
export function termLabels(indicator: Indicator): { num: string; den: string } {
	return { num: indicator.terms?.num ?? 'Numérateur', den: indicator.terms?.den ?? 'Dénominateur' };
}

/** Whether a higher value is a good sign, a bad sign, or neither (a head count, a density). */
export type Direction = 'higher_better' | 'higher_worse' | 'neutral';

export const DIRECTION_LABELS: Record<Direction, string> = {
	higher_better: 'plus élevé = plus favorable',
	higher_worse: 'plus élevé = plus défavorable',
	neutral: 'sans sens favorable ou défavorable'
};

/** A reference value of an indicator, with who sets it. */
export interface Threshold {
	value: number;
	label: string;
	source: string;
}

/** value = factor × Σ num / Σ den over the communes of a territory. */
export interface RatioIndicator extends IndicatorBase {
	kind: 'ratio';
	/** Gives `num`, `den` per commune (COG 2025). */
	measure: RatioMeasure | MeanMeasure | ShareMeasure;
	factor: number;
	palette: PaletteName;
}

/** value = Σ num (a head count). */
export interface CountIndicator extends IndicatorBase {
	kind: 'count';
	/** Gives `num` per commune. */
	measure: CountMeasure;
	palette: PaletteName;
}

/** value = ratio now − ratio before, both ratios of sums: the change of an aggregate, not the mean of changes. */
export interface ChangeIndicator extends IndicatorBase {
	kind: 'change';
	/** Gives `num`, `den`, `num_before`, `den_before` per commune. */
	measure: ChangeMeasure;
	factor: number;
	palette: PaletteName;
}

export interface ClassValue {
	value: number;
	label: string;
	color: string;
}

/** A categorical zoning, true at commune level only. */
export interface ClassIndicator extends IndicatorBase {
	kind: 'class';
	/** Gives `value` per commune, one of `classes`. */
	measure: ClassMeasure;
	classes: ClassValue[];
}

export type NumericIndicator = RatioIndicator | CountIndicator | ChangeIndicator;
export type Indicator = NumericIndicator | ClassIndicator;
