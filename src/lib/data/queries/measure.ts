/**
 * The per-commune rows of an indicator, built from its Measure (indicators/measure.ts): `code, num, den`
 * (a count: `code, num`; a change: also `num_before, den_before`; a class: `code, value`). Names are checked
 * against the columns measures may read and quoted; millésimes, thresholds and scales are bound.
 */
import { knownColumn, knownTable, type Measure, type MeanMeasure, type Rows, type Weight } from '../../indicators/measure';
import { ident, joinSql, sql, type Sql } from './sql';

/** The table's alias in the rows built here; `communes` is always `c`. */
function alias(rows: Rows): Sql {
	return rows.table === 'communes' ? sql`c` : sql`t`;
}

function checked(table: string, column: string): void {
	if (!knownTable(table)) throw new Error(`Table inconnue pour une mesure : ${table}`);
	if (!knownColumn(table, column)) throw new Error(`Colonne inconnue pour une mesure : ${table}.${column}`);
}

/** A column of the measure's table, 0 for a commune it does not list when so declared. */
function column(rows: Rows, name: string): Sql {
	checked(rows.table, name);
	const c = sql`${alias(rows)}.${ident(name)}`;
	return rows.absentIsZero ? sql`coalesce(${c}, 0)` : c;
}

/** `FROM communes c [LEFT] JOIN <table> t ON …`, the millésime kept in the join. */
function source(rows: Rows): Sql {
	if (!knownTable(rows.table)) throw new Error(`Table inconnue pour une mesure : ${rows.table}`);
	if (rows.table === 'communes') return sql`FROM communes c`;
	const table = ident(rows.table);
	const year =
		rows.year === undefined ? sql`` : rows.year === 'latest' ? sql` AND t.annee = (SELECT max(annee) FROM ${table})` : sql` AND t.annee = ${rows.year}`;
	return sql`FROM communes c ${rows.absentIsZero ? sql`LEFT JOIN` : sql`JOIN`} ${table} t ON t.code = c.${ident(rows.via ?? 'code')}${year}`;
}

/** The commune's population, or a column of the table. */
function population(rows: Rows, name: string | 'population'): Sql {
	return name === 'population' ? sql`c.population` : column(rows, name);
}

/** Uninhabited communes weigh 1, so that they keep their own value (or their territory's). */
const AT_LEAST_1 = sql`greatest(coalesce(c.population, 0), 1)`;

function weight(rows: Rows, w: Weight): Sql {
	if (w === 'population') return sql`c.population`;
	if (w === 'population_at_least_1') return AT_LEAST_1;
	return column(rows, w.column);
}

function where(conditions: readonly Sql[]): Sql {
	return conditions.length ? sql` WHERE ${joinSql(conditions, ' AND ')}` : sql``;
}

function mean(m: MeanMeasure): Sql {
	const w = weight(m.from, m.weight);
	const value = m.over ? sql`${column(m.from, m.value)} / ${column(m.from, m.over)}` : column(m.from, m.value);
	const scaled = m.per === undefined ? value : sql`${value} / ${m.per}`;
	const conditions = [sql`${column(m.from, m.value)} IS NOT NULL`, ...(m.over ? [sql`${column(m.from, m.over)} > 0`] : [])];
	return sql`SELECT c.code, ${scaled} * ${w} AS num, ${w} AS den ${source(m.from)}${where(conditions)}`;
}

/** The SQL of a measure's rows, one per commune. */
export function measureSql(m: Measure): Sql {
	switch (m.kind) {
		case 'count': {
			const value = column(m.from, m.column);
			if (!m.shared) return sql`SELECT c.code, ${value} AS num ${source(m.from)}`;
			const key = ident(m.from.via ?? 'code');
			return sql`SELECT c.code, ${value} * ${AT_LEAST_1} / s.w AS num ${source(m.from)} JOIN (SELECT ${key} AS k, sum(greatest(coalesce(population, 0), 1)) AS w FROM communes GROUP BY ${key}) s ON s.k = c.${key}`;
		}
		case 'ratio': {
			const nums = m.num.map((n) => column(m.from, n));
			const known = m.from.absentIsZero ? [] : nums.map((n) => sql`${n} IS NOT NULL`);
			return sql`SELECT c.code, ${joinSql(nums, ' + ')} AS num, ${population(m.from, m.den)} AS den ${source(m.from)}${where(known)}`;
		}
		case 'mean':
			return mean(m);
		case 'share': {
			const p = population(m.from, m.population);
			const test = 'below' in m.when ? sql`${column(m.from, m.when.column)} < ${m.when.below}` : sql`${column(m.from, m.when.column)} = ${m.when.equals}`;
			return sql`SELECT c.code, CASE WHEN ${test} THEN ${p} ELSE 0 END AS num, ${p} AS den ${source(m.from)}`;
		}
		case 'change': {
			const before = { ...m.of, from: { ...m.of.from, year: m.before } };
			return sql`SELECT a.code, a.num, a.den, b.num AS num_before, b.den AS den_before FROM (${mean(m.of)}) a JOIN (${mean(before)}) b ON b.code = a.code`;
		}
		case 'class':
			return sql`SELECT c.code, ${column(m.from, m.column)} AS value ${source(m.from)}`;
		case 'listed':
			if (!knownTable(m.table)) throw new Error(`Table inconnue pour une mesure : ${m.table}`);
			return sql`SELECT c.code, CASE WHEN EXISTS (SELECT 1 FROM ${ident(m.table)} l WHERE l.code = c.code) THEN 1 ELSE 0 END AS value FROM communes c`;
	}
}
