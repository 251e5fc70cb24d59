import type { Table } from 'apache-arrow';
import type { DbConnector } from '../db/connector';
import type { Indicator, Level, NumericIndicator } from './catalogue';
import { territoriesValueSql, territoryValuesSql, type Scope } from './sql';

export interface TerritoryValues {
	/** One value per territory of the level, in geometry order; NaN when unknown. */
	values: Float64Array;
	/** The numerator and denominator of each value (sums over its communes); NaN when the indicator has none. */
	num: Float64Array;
	den: Float64Array;
	/** 1 when the territory lies (at least partly) in the scope. */
	inScope: Uint8Array;
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

export async function queryTerritoryValues(
	db: DbConnector,
	indicator: Indicator,
	level: Level,
	scope: Scope
): Promise<TerritoryValues> {
	const { sql, params } = territoryValuesSql(indicator, level, scope);
	const table = await db.query(sql, params);
	const inScope = new Uint8Array(table.numRows);
	let i = 0;
	for (const v of table.getChild('in_scope')!) inScope[i++] = v ? 1 : 0;
	return { values: floatColumn(table, 'value'), num: floatColumn(table, 'num'), den: floatColumn(table, 'den'), inScope };
}

/** Values of several territories (null = France) in one query, in the order given; NaN when unknown. */
export async function queryTerritoriesValue(
	db: DbConnector,
	indicator: NumericIndicator,
	territories: readonly ({ level: Level; code: string } | null)[]
): Promise<number[]> {
	const { sql, params } = territoriesValueSql(indicator, territories);
	const table = await db.query(sql, params);
	return territories.map((_, i) => floatColumn(table, `v${i}`)[0]);
}

/** The value of a territory, or of France with `territory` null; NaN when unknown. */
export async function queryTerritoryValue(
	db: DbConnector,
	indicator: NumericIndicator,
	territory: { level: Level; code: string } | null
): Promise<number> {
	return (await queryTerritoriesValue(db, indicator, [territory]))[0];
}
