import type { Table } from 'apache-arrow';
import type { DbConnector } from '../db/connector';
import type { Indicator, Level, NumericIndicator } from './catalogue';
import { territoryValueSql, territoryValuesSql, type Scope } from './sql';

export interface TerritoryValues {
	/** One value per territory of the level, in geometry order; NaN when unknown. */
	values: Float64Array;
	/** 1 when the territory lies (at least partly) in the scope. */
	inScope: Uint8Array;
}

/** A numeric column as a Float64Array with NaN for nulls (reading the raw buffer would show nulls as 0). */
function floatColumn(table: Table, name: string): Float64Array {
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
	return { values: floatColumn(table, 'value'), inScope };
}

/** The value of a territory, or of France with `territory` null; NaN when unknown. */
export async function queryTerritoryValue(
	db: DbConnector,
	indicator: NumericIndicator,
	territory: { level: Level; code: string } | null
): Promise<number> {
	const { sql, params } = territoryValueSql(indicator, territory);
	return floatColumn(await db.query(sql, params), 'value')[0];
}
