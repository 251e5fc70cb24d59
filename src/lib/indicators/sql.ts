import type { Indicator, Level, NumericIndicator } from './catalogue';
import type { SqlParam } from '../db/connector';
import { isCommuneCode } from '../territory/insee-code';

/**
 * The SQL of the catalogue for any level and scope. Indicator SQL and column names come from
 * constants of this module and of the catalogue; codes chosen by the user are always bound
 * parameters (`?`), never spliced into the text.
 */

/** Column of `communes` that holds each level's code. */
const KEY: Record<Level, string> = { commune: 'code', epci: 'epci', departement: 'dep', region: 'reg' };

/** Table listing the territories of each level, in the order of its geometry artefact. */
const TERRITORIES: Record<Exclude<Level, 'commune'>, string> = {
	epci: 'epci',
	departement: 'departements',
	region: 'regions'
};

/** The area the map shows and classifies: all France, or one territory. */
export type Scope =
	| { level: 'france' }
	| { level: Exclude<Level, 'commune'>; code: string }
	/** A list of communes: a CLS perimeter, a selection made on the map. */
	| { level: 'communes'; codes: readonly string[] };

export const FRANCE: Scope = { level: 'france' };

/** A commune counts in a ratio only when both its numerator and denominator are known. */
function paired(num: string, den: string): string {
	return `CASE WHEN ${num} IS NULL OR ${den} IS NULL THEN NULL ELSE ${num} END AS ${num}, CASE WHEN ${num} IS NULL OR ${den} IS NULL THEN NULL ELSE ${den} END AS ${den}`;
}

/** `code` + the columns the aggregate needs, one row per commune. */
function communeRows(indicator: NumericIndicator): string {
	switch (indicator.kind) {
		case 'ratio':
			return `SELECT code, ${paired('num', 'den')} FROM (${indicator.sql})`;
		case 'change':
			return `SELECT code, ${paired('num', 'den')}, ${paired('num_before', 'den_before')} FROM (${indicator.sql})`;
		case 'count':
			return indicator.sql;
	}
}

/**
 * The aggregate over the rows of a group: a ratio of sums (or a sum, or a difference of ratios),
 * optionally restricted by a FILTER condition so that several territories come out of one scan.
 */
function aggregate(indicator: NumericIndicator, condition = ''): string {
	const sum = (column: string) => `sum(s.${column})${condition ? ` FILTER (WHERE ${condition})` : ''}`;
	switch (indicator.kind) {
		case 'ratio':
			return `CAST(${indicator.factor} AS DOUBLE) * ${sum('num')} / NULLIF(${sum('den')}, 0)`;
		case 'change':
			return `CAST(${indicator.factor} AS DOUBLE) * (${sum('num')} / NULLIF(${sum('den')}, 0) - ${sum('num_before')} / NULLIF(${sum('den_before')}, 0))`;
		case 'count':
			return `CAST(${sum('num')} AS DOUBLE)`;
	}
}

/** The value of one commune row: the aggregate of a single row, without a GROUP BY over 35k communes. */
function rowValue(indicator: NumericIndicator): string {
	switch (indicator.kind) {
		case 'ratio':
			return `CAST(${indicator.factor} AS DOUBLE) * s.num / NULLIF(s.den, 0)`;
		case 'change':
			return `CAST(${indicator.factor} AS DOUBLE) * (s.num / NULLIF(s.den, 0) - s.num_before / NULLIF(s.den_before, 0))`;
		case 'count':
			return 'CAST(s.num AS DOUBLE)';
	}
}

export interface BoundSql {
	sql: string;
	params: SqlParam[];
}

/** Communes of a territory of the atlas, of an explicit list (a CLS perimeter, a selection), or of France (null). */
export type CommuneSet = { level: Level; code: string } | { codes: readonly string[] } | null;

/** The condition on `communes c` that keeps the communes of a set. */
export function communeSetCondition(set: CommuneSet): BoundSql {
	if (set === null) return { sql: 'true', params: [] };
	if ('codes' in set) return { sql: "c.code IN (SELECT unnest(string_split(?, ',')))", params: [set.codes.join(',')] };
	return { sql: `c.${KEY[set.level]} = ?`, params: [set.code] };
}

function scopeCondition(scope: Scope): BoundSql {
	switch (scope.level) {
		case 'france':
			return communeSetCondition(null);
		case 'communes':
			return communeSetCondition({ codes: scope.codes });
		default:
			return communeSetCondition(scope);
	}
}

/** The numerator and denominator shown beside a value: a ratio's sums, a count's sum; none for a change or a class. */
function terms(indicator: NumericIndicator, summed: boolean): string {
	const column = (c: string) => (summed ? `CAST(sum(s.${c}) AS DOUBLE)` : `CAST(s.${c} AS DOUBLE)`);
	switch (indicator.kind) {
		case 'ratio':
			return `${column('num')} AS num, ${column('den')} AS den`;
		case 'count':
			return `${column('num')} AS num, CAST(NULL AS DOUBLE) AS den`;
		case 'change':
			return 'CAST(NULL AS DOUBLE) AS num, CAST(NULL AS DOUBLE) AS den';
	}
}

/**
 * One row per territory of `level`, ordered by code like its geometry: `value` (null when unknown),
 * `num` and `den` (the sums it is computed from, see `terms`) and `in_scope` (the territory has at
 * least one commune in the scope).
 */
export function territoryValuesSql(indicator: Indicator, level: Level, scope: Scope): BoundSql {
	const inScope = scopeCondition(scope);
	if (indicator.kind === 'class') {
		if (level !== 'commune') throw new Error(`« ${indicator.label} » n’existe qu’à la commune`);
		return {
			sql: `SELECT c.code, CAST(s.value AS DOUBLE) AS value, CAST(NULL AS DOUBLE) AS num, CAST(NULL AS DOUBLE) AS den, ${inScope.sql} AS in_scope FROM communes c LEFT JOIN (${indicator.sql}) s ON s.code = c.code ORDER BY c.code`,
			params: inScope.params
		};
	}
	const rows = communeRows(indicator);
	if (level === 'commune') {
		// Indicator SQL gives one row per commune: its value needs no aggregation.
		return {
			sql: `SELECT c.code, ${rowValue(indicator)} AS value, ${terms(indicator, false)}, ${inScope.sql} AS in_scope FROM communes c LEFT JOIN (${rows}) s ON s.code = c.code ORDER BY c.code`,
			params: inScope.params
		};
	}
	return {
		sql: `SELECT t.code, ${aggregate(indicator)} AS value, ${terms(indicator, true)}, coalesce(bool_or(${inScope.sql}), false) AS in_scope FROM ${TERRITORIES[level]} t LEFT JOIN communes c ON c.${KEY[level]} = t.code LEFT JOIN (${rows}) s ON s.code = c.code GROUP BY t.code ORDER BY t.code`,
		params: inScope.params
	};
}

/**
 * Values of several territories (null = France), computed from their communes in one scan:
 * columns `v0`, `v1`… in the order given.
 */
export function territoriesValueSql(indicator: NumericIndicator, territories: readonly ({ level: Level; code: string } | null)[]): BoundSql {
	const columns: string[] = [];
	const params: SqlParam[] = [];
	territories.forEach((t, i) => {
		const expression = aggregate(indicator, t ? `c.${KEY[t.level]} = ?` : '');
		// The condition is repeated in every sum of the aggregate: one parameter each time.
		for (let n = expression.split('?').length - 1; n > 0; n--) params.push(t!.code);
		columns.push(`${expression} AS v${i}`);
	});
	return { sql: `SELECT ${columns.join(', ')} FROM communes c JOIN (${communeRows(indicator)}) s ON s.code = c.code`, params };
}

/**
 * The value of a set of communes (a CLS perimeter, an action's target area, a custom selection):
 * the list is bound as one parameter and split in SQL; each code is checked first.
 */
export function communeSetValueSql(indicator: NumericIndicator, codes: readonly string[]): BoundSql {
	for (const c of codes) if (!isCommuneCode(c)) throw new Error(`« ${c} » n’est pas un code commune INSEE`);
	return {
		sql: `SELECT ${aggregate(indicator)} AS value FROM (${communeRows(indicator)}) s WHERE s.code IN (SELECT unnest(string_split(?, ',')))`,
		params: [codes.join(',')]
	};
}
