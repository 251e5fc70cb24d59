/**
 * Indicator values: the map's values of every territory of a level, and `figures()`, the values of
 * some indicators on some areas (a territory, its references, a list of communes, France) that the
 * explorer panel, the portrait, the comparison and the CLS pages all show.
 *
 * Every aggregate is a ratio of sums over the communes (or a sum, or a difference of ratios); the
 * indicator's per-commune rows are built from its catalogue Measure (measure.ts); codes are bound parameters.
 */
import type { Table } from 'apache-arrow';
import { getIndicator, tablesOf, type Indicator, type NumericIndicator } from '../../indicators/catalogue';
import type { Area, Level } from '../../territory/key';
import { communeList, joinSql, raw, sql, type Sql } from './sql';
import { measureSql } from './measure';
import type { DataSource } from './source';
import type { CommuneNote } from '../engine/artefacts';
import { MIN_COVERAGE, type Coverage } from '../../indicators/coverage';

/** Column of `communes` that holds each level's code. */
const KEY: Record<Level, string> = { commune: 'code', epci: 'epci', departement: 'dep', region: 'reg' };

/** Table listing the territories of each level, in the order of its geometry artefact. */
const TERRITORIES: Record<Exclude<Level, 'commune'>, string> = {
	epci: 'epci',
	departement: 'departements',
	region: 'regions'
};

/** Tables an indicator's values read. */
export function indicatorTables(indicators: readonly Indicator[]): string[] {
	return [...new Set(['communes', ...indicators.flatMap((i) => tablesOf(i))])];
}

/** A commune counts in a ratio only when both its numerator and denominator are known. */
function paired(num: string, den: string): string {
	return `CASE WHEN ${num} IS NULL OR ${den} IS NULL THEN NULL ELSE ${num} END AS ${num}, CASE WHEN ${num} IS NULL OR ${den} IS NULL THEN NULL ELSE ${den} END AS ${den}`;
}

/** `code` + the columns the aggregate needs, one row per commune. */
function communeRows(indicator: NumericIndicator): Sql {
	switch (indicator.kind) {
		case 'ratio':
			return sql`SELECT code, ${raw(paired('num', 'den'))} FROM (${measureSql(indicator.measure)})`;
		case 'change':
			return sql`SELECT code, ${raw(paired('num', 'den'))}, ${raw(paired('num_before', 'den_before'))} FROM (${measureSql(indicator.measure)})`;
		case 'count':
			return measureSql(indicator.measure);
	}
}

/** Whether a commune row (`s`, LEFT JOINed to `communes c`) has the indicator's value. */
function hasValue(indicator: NumericIndicator): Sql {
	return indicator.kind === 'change' ? sql`s.num IS NOT NULL AND s.num_before IS NOT NULL` : sql`s.num IS NOT NULL`;
}

/** Communes with a value, and communes that could have one (inhabited, or with a value), in the group (and the condition). */
function coverageCounts(indicator: NumericIndicator, condition: Sql | null): { covered: Sql; expected: Sql } {
	const where = (test: Sql) => (condition ? sql`(${condition}) AND (${test})` : test);
	return {
		covered: sql`count(*) FILTER (WHERE ${where(hasValue(indicator))})`,
		expected: sql`count(*) FILTER (WHERE ${where(sql`c.population > 0 OR ${hasValue(indicator)}`)})`
	};
}

/**
 * The aggregate over the rows of a group: a ratio of sums (or a sum, or a difference of ratios),
 * optionally restricted by a FILTER condition so that several areas come out of one scan; NULL when
 * fewer than MIN_COVERAGE of the group's communes have a value (indicators/coverage.ts).
 */
function aggregate(indicator: NumericIndicator, condition: Sql | null = null): Sql {
	const sum = (column: string) => (condition ? sql`sum(s.${raw(column)}) FILTER (WHERE ${condition})` : sql`sum(s.${raw(column)})`);
	const { covered, expected } = coverageCounts(indicator, condition);
	const guarded = (value: Sql) => sql`CASE WHEN ${covered} >= ${raw(String(MIN_COVERAGE))} * ${expected} THEN ${value} END`;
	switch (indicator.kind) {
		case 'ratio':
			return guarded(sql`${factor(indicator)} * ${sum('num')} / NULLIF(${sum('den')}, 0)`);
		case 'change':
			return guarded(sql`${factor(indicator)} * (${sum('num')} / NULLIF(${sum('den')}, 0) - ${sum('num_before')} / NULLIF(${sum('den_before')}, 0))`);
		case 'count':
			return guarded(sql`CAST(${sum('num')} AS DOUBLE)`);
	}
}

function factor(indicator: NumericIndicator & { factor: number }): Sql {
	return sql`CAST(${raw(String(indicator.factor))} AS DOUBLE)`;
}

/** The value of one commune row: the aggregate of a single row, without a GROUP BY over 35k communes. */
function rowValue(indicator: NumericIndicator): Sql {
	switch (indicator.kind) {
		case 'ratio':
			return sql`${factor(indicator)} * s.num / NULLIF(s.den, 0)`;
		case 'change':
			return sql`${factor(indicator)} * (s.num / NULLIF(s.den, 0) - s.num_before / NULLIF(s.den_before, 0))`;
		case 'count':
			return sql`CAST(s.num AS DOUBLE)`;
	}
}

/** The condition on `communes c` that keeps the communes of an area. */
export function areaCondition(area: Area): Sql {
	if (area === null) return sql`true`;
	if ('codes' in area) return sql`c.code IN ${communeList(area.codes)}`;
	return sql`c.${raw(KEY[area.level])} = ${area.code}`;
}

/** A stable text for an area, for cache keys. */
export function areaId(area: Area): string {
	if (area === null) return 'france';
	return 'codes' in area ? `communes:${area.codes.join(',')}` : `${area.level}:${area.code}`;
}

/** A numeric column as a Float64Array with NaN for nulls (reading the raw buffer would show nulls as 0). */
export function floatColumn(table: Table, name: string): Float64Array {
	const column = table.getChild(name);
	if (!column) throw new Error(`colonne « ${name} » absente du résultat`);
	const out = new Float64Array(table.numRows);
	let i = 0;
	for (const v of column) out[i++] = v === null ? NaN : Number(v);
	return out;
}

export interface TerritoryValues {
	/** One value per territory of the level, in geometry order; NaN when unknown. */
	values: Float64Array;
	/** The numerator and denominator of each value (sums over its communes); NaN when the indicator has none. */
	num: Float64Array;
	den: Float64Array;
	/** 1 when the territory lies (at least partly) in the area. */
	inScope: Uint8Array;
}

/** The numerator and denominator shown beside a value: a ratio's sums, a count's sum; none for a change or a class. */
function terms(indicator: NumericIndicator, summed: boolean): Sql {
	const column = (c: string) => (summed ? sql`CAST(sum(s.${raw(c)}) AS DOUBLE)` : sql`CAST(s.${raw(c)} AS DOUBLE)`);
	switch (indicator.kind) {
		case 'ratio':
			return sql`${column('num')} AS num, ${column('den')} AS den`;
		case 'count':
			return sql`${column('num')} AS num, CAST(NULL AS DOUBLE) AS den`;
		case 'change':
			return sql`CAST(NULL AS DOUBLE) AS num, CAST(NULL AS DOUBLE) AS den`;
	}
}

/**
 * One row per territory of `level`, ordered by code like its geometry: `value` (null when unknown),
 * `num` and `den` (the sums it is computed from, see `terms`) and `in_scope` (the territory has at
 * least one commune in the area).
 */
export function territoryValuesSql(indicator: Indicator, level: Level, area: Area): Sql {
	const inScope = areaCondition(area);
	if (indicator.kind === 'class') {
		if (level !== 'commune') throw new Error(`« ${indicator.label} » n’existe qu’à la commune`);
		return sql`SELECT c.code, CAST(s.value AS DOUBLE) AS value, CAST(NULL AS DOUBLE) AS num, CAST(NULL AS DOUBLE) AS den, ${inScope} AS in_scope FROM communes c LEFT JOIN (${measureSql(indicator.measure)}) s ON s.code = c.code ORDER BY c.code`;
	}
	const rows = communeRows(indicator);
	if (level === 'commune') {
		// Indicator SQL gives one row per commune: its value needs no aggregation.
		return sql`SELECT c.code, ${rowValue(indicator)} AS value, ${terms(indicator, false)}, ${inScope} AS in_scope FROM communes c LEFT JOIN (${rows}) s ON s.code = c.code ORDER BY c.code`;
	}
	return sql`SELECT t.code, ${aggregate(indicator)} AS value, ${terms(indicator, true)}, coalesce(bool_or(${inScope}), false) AS in_scope FROM ${raw(TERRITORIES[level])} t LEFT JOIN communes c ON c.${raw(KEY[level])} = t.code LEFT JOIN (${rows}) s ON s.code = c.code GROUP BY t.code ORDER BY t.code`;
}

/**
 * The map's values: every territory of `level`, and which lie in `area` (the area classified).
 * Not cached: a view asks for it once per change, and it is as large as the level.
 */
export async function territoryValues(source: DataSource, indicator: Indicator, level: Level, area: Area): Promise<TerritoryValues> {
	const tables = [...indicatorTables([indicator]), ...(level === 'commune' ? [] : [TERRITORIES[level]])];
	const table = await source.query(tables, territoryValuesSql(indicator, level, area));
	const inScope = new Uint8Array(table.numRows);
	let i = 0;
	for (const v of table.getChild('in_scope')!) inScope[i++] = v ? 1 : 0;
	return { values: floatColumn(table, 'value'), num: floatColumn(table, 'num'), den: floatColumn(table, 'den'), inScope };
}

export interface CommuneValues {
	codes: string[];
	values: Float64Array;
}

/**
 * Values of the territories of `level` that lie in `area` (a value may be NaN), by code: the peers a territory
 * is ranked among, a distribution. Cached.
 */
export function peerValues(source: DataSource, indicator: NumericIndicator, level: Level, area: Area): Promise<CommuneValues> {
	return source.cached(`peers|${indicator.id}|${level}|${areaId(area)}`, async () => {
		const tables = [...indicatorTables([indicator]), ...(level === 'commune' ? [] : [TERRITORIES[level]])];
		const table = await source.query(tables, sql`SELECT code, value FROM (${territoryValuesSql(indicator, level, area)}) WHERE in_scope`);
		return { codes: table.getChild('code')!.toArray() as string[], values: floatColumn(table, 'value') };
	});
}

/** Values of every commune of a département (a value may be NaN): ranks, distributions. Cached. */
export function departementCommuneValues(source: DataSource, indicator: NumericIndicator, dep: string): Promise<CommuneValues> {
	return peerValues(source, indicator, 'commune', { level: 'departement', code: dep });
}

/** Every commune code, in the order of the map's rows (and of the commune geometry). */
export function communeCodes(source: DataSource): Promise<string[]> {
	return source.cached('communes|codes', async () =>
		(await source.query(['communes'], sql`SELECT code FROM communes ORDER BY code`)).getChild('code')!.toArray() as string[]
	);
}

/** The values of an indicator on each area, in the order given; NaN when unknown. */
export interface Figure {
	indicator: NumericIndicator;
	/** NaN when unknown, or withheld for want of coverage (then `coverage` says why). */
	values: number[];
	/** For each area, how many of its communes the value sums. */
	coverage: Coverage[];
	/** For a commune: its value is its former commune's, or not published (the shipped data's note). */
	note?: CommuneNote;
}

/**
 * Values of several indicators on several areas: every level area and France in one scan per
 * indicator, each list of communes in its own query (an empty list has no value). Cached per
 * indicator and areas.
 */
export async function figures(source: DataSource, areas: readonly Area[], indicators: readonly (NumericIndicator | string)[]): Promise<Figure[]> {
	const list = indicators.map((i) => (typeof i === 'string' ? getIndicator(i) : i)).filter((i): i is NumericIndicator => i.kind !== 'class');
	const out: Figure[] = [];
	for (const indicator of list) {
		const { values, coverage } = await source.cached(`figures|${indicator.id}|${areas.map(areaId).join('|')}`, () => areaValues(source, indicator, areas));
		out.push({ indicator, values, coverage });
	}
	return out;
}

async function areaValues(source: DataSource, indicator: NumericIndicator, areas: readonly Area[]): Promise<{ values: number[]; coverage: Coverage[] }> {
	const tables = indicatorTables([indicator]);
	const values = new Array<number>(areas.length).fill(NaN);
	const coverage: Coverage[] = areas.map(() => ({ covered: 0, expected: 0 }));
	const read = (table: Table, i: number, k: number) => {
		values[i] = floatColumn(table, `v${k}`)[0];
		coverage[i] = { covered: Number(floatColumn(table, `covered${k}`)[0]), expected: Number(floatColumn(table, `expected${k}`)[0]) };
	};
	const columns = (k: number, condition: Sql | null) => {
		const { covered, expected } = coverageCounts(indicator, condition);
		return sql`${aggregate(indicator, condition)} AS ${raw(`v${k}`)}, ${covered} AS ${raw(`covered${k}`)}, ${expected} AS ${raw(`expected${k}`)}`;
	};
	const rows = sql`FROM communes c LEFT JOIN (${communeRows(indicator)}) s ON s.code = c.code`;
	const scanned: number[] = [];
	for (let i = 0; i < areas.length; i++) {
		const area = areas[i];
		if (area !== null && 'codes' in area) {
			if (area.codes.length === 0) continue;
			read(await source.query(tables, sql`SELECT ${columns(0, null)} ${rows} WHERE c.code IN ${communeList(area.codes)}`), i, 0);
		} else scanned.push(i);
	}
	if (scanned.length) {
		const table = await source.query(tables, sql`SELECT ${joinSql(scanned.map((i, k) => columns(k, areas[i] === null ? null : areaCondition(areas[i]))))} ${rows}`);
		scanned.forEach((i, k) => read(table, i, k));
	}
	return { values, coverage };
}
