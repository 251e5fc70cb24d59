/**
 * What an indicator measures, as data: the table, the columns and how a commune's numerator and denominator
 * come of them. No query text lives here; the data layer (data/queries/measure.ts) builds it from a Measure,
 * so that adding an indicator is adding one declaration, and every aggregate stays a ratio of sums.
 */
import { ANS_KINDS, ANS_TABLE } from './ans-professions';
import { BPE_KINDS, BPE_TABLE } from './bpe-equipment';
import { APL_PROFESSIONS, aplTable } from './apl-professions';

/**
 * The columns measures may read, per table the atlas ships or an official import creates
 * (data/SOURCES.md describes them); a measure naming any other column is refused when its query is built.
 */
export const TABLE_COLUMNS: Readonly<Record<string, readonly string[]>> = {
	communes: ['population', 'area_km2'],
	apl: ['apl_mg', 'apl_mg_moins65', 'pop_standardisee', 'pop_totale'],
	acces: ['dist_msp_km', 'dist_hopital_km', 'dist_pharmacie_km'],
	bpe2013: ['medecin_omnipraticien', 'infirmier', 'chirurgien_dentiste', 'masseur_kinesitherapeute', 'pharmacie'],
	bassins_vie: ['part_75p_2022', 'densite_mg_2024'],
	radon: ['classe'],
	typologies: ['densite_niveau'],
	qpv: [],
	population_ages: ['pop', 'age_0014', 'age_0024', 'age_1529', 'age_6074', 'age_65p', 'age_75p'],
	[BPE_TABLE]: BPE_KINDS.map((k) => k.column),
	[ANS_TABLE]: ANS_KINDS.map((k) => k.column),
	...Object.fromEntries(APL_PROFESSIONS.map((p) => [aplTable(p), ['apl', 'apl_moins65', 'pop_standardisee']]))
};

/** A user's imported file: its table (`user_…`) has value columns `vN_num`, `vN_den` only (indicators/user.ts). */
const USER_TABLE = /^user_[a-z0-9_]+$/;
const USER_COLUMN = /^v[0-9]+_(num|den)$/;

/** Whether `column` is one a measure may read in `table`. */
export function knownColumn(table: string, column: string): boolean {
	if (USER_TABLE.test(table)) return USER_COLUMN.test(column);
	return TABLE_COLUMNS[table]?.includes(column) ?? false;
}

/** Whether `table` is one a measure may read. */
export function knownTable(table: string): boolean {
	return USER_TABLE.test(table) || table in TABLE_COLUMNS;
}

/** A column of `communes` a table's `code` may be: a bassin de vie's or a territory's value is carried to its communes. */
export type Via = 'bv2022' | 'epci' | 'dep';

/** Where a commune's figures are read. */
export interface Rows {
	table: string;
	/** Keeps the rows of one millésime of the table's `annee`, or of its most recent. */
	year?: number | 'latest';
	/** The column of `communes` the table's `code` matches, when not the commune's own code. */
	via?: Via;
	/** A commune the table does not list has 0 (a file of counts lists only communes with some). */
	absentIsZero?: boolean;
}

/**
 * The weight of a mean: a column of the table, the commune's population, or its population counted at least 1
 * (so that an uninhabited commune keeps its own value).
 */
export type Weight = { column: string } | 'population' | 'population_at_least_1';

/** Σ column: a head count; `shared` spreads a territory's count over its communes in proportion of their population (at least 1). */
export interface CountMeasure {
	kind: 'count';
	from: Rows;
	column: string;
	shared?: boolean;
}

/** Σ (num₁ + num₂ …) / Σ den, over the communes whose numerator columns are all known. */
export interface RatioMeasure {
	kind: 'ratio';
	from: Rows;
	num: readonly string[];
	/** A column of the table, or the commune's population. */
	den: string | 'population';
}

/**
 * Σ value·weight / Σ weight over the communes with a value: a weighted mean. `per` divides the value first
 * (a percentage carried as a share); `over` makes the value the ratio of two columns, read where it is positive.
 */
export interface MeanMeasure {
	kind: 'mean';
	from: Rows;
	value: string;
	over?: string;
	weight: Weight;
	per?: number;
}

/** Σ population of the communes meeting a condition / Σ population. */
export interface ShareMeasure {
	kind: 'share';
	from: Rows;
	/** A column of the table, or the commune's population. */
	population: string | 'population';
	when: { column: string; below: number } | { column: string; equals: number };
}

/** The mean of `of`'s millésime minus the same mean in `before`: the change of an aggregate, not a mean of changes. */
export interface ChangeMeasure {
	kind: 'change';
	of: MeanMeasure & { from: Rows & { year: number } };
	before: number;
}

/** A class per commune: a column's value, or 1 for a commune the table lists and 0 otherwise. */
export type ClassMeasure = { kind: 'class'; from: Rows; column: string } | { kind: 'listed'; table: string };

export type NumericMeasure = CountMeasure | RatioMeasure | MeanMeasure | ShareMeasure | ChangeMeasure;
export type Measure = NumericMeasure | ClassMeasure;

/**
 * The DuckDB tables an indicator's measure reads besides `communes` (always loaded): loaded before it is first
 * shown, and the one a user's import must have put in the engine.
 */
export function tablesOf(indicator: { measure: Measure }): string[] {
	const { table } = measureColumns(indicator.measure);
	return table === 'communes' ? [] : [table];
}

/** The table and columns a measure reads (the validation of the data layer, the tests). */
export function measureColumns(m: Measure): { table: string; columns: string[] } {
	switch (m.kind) {
		case 'count':
			return { table: m.from.table, columns: [m.column] };
		case 'ratio':
			return { table: m.from.table, columns: [...m.num, ...(m.den === 'population' ? [] : [m.den])] };
		case 'mean':
			return { table: m.from.table, columns: [m.value, ...(m.over ? [m.over] : []), ...(typeof m.weight === 'object' ? [m.weight.column] : [])] };
		case 'share':
			return { table: m.from.table, columns: [m.when.column, ...(m.population === 'population' ? [] : [m.population])] };
		case 'change':
			return measureColumns(m.of);
		case 'class':
			return { table: m.from.table, columns: [m.column] };
		case 'listed':
			return { table: m.table, columns: [] };
	}
}
