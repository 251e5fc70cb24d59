/**
 * What the explorer's first view needs without the engine, over France at every level:
 * - `commune_values`: the communes' names (for the tooltip) and every catalogue indicator's value
 *   per commune, one Float64 column each (null when unknown), rows in code order like the commune geometry;
 * - `territory_values`: the same for the EPCI, départements and régions (column `level`), each
 *   indicator's value with the numerator and denominator it is computed from (`<id>:num`, `<id>:den`),
 *   rows of a level in code order like its geometry.
 * The values are the engine's own: the data layer's SQL (ratio of sums over the communes) run here by
 * the same duckdb-wasm on the same tables, so the app classifies exactly the numbers it would query.
 */
import { tableToIPC, type Table } from 'apache-arrow';
import { openNodeDb } from '../src/lib/data/engine/node';
import type { FileDb } from '../src/lib/data/engine/connector';
import { INDICATORS, levelsOf, tablesOf } from '../src/lib/indicators/catalogue';
import { territoryValuesSql } from '../src/lib/data/queries/values';
import { FIRST_VIEW_LEVELS, firstViewColumn } from '../src/lib/data/engine/artefacts';
import type { Level } from '../src/lib/territory/key';
import { type Column, f64, makeTable, utf8 } from './lib/arrow';

const TERRITORY_TABLE: Record<Level, string> = { commune: 'communes', epci: 'epci', departement: 'departements', region: 'regions' };

export interface FirstViewTables {
	communes: Table;
	territories: Table;
}

const numbers = (table: Table, name: string) => Array.from(table.getChild(name)!, (v) => (v === null ? null : Number(v)));

/** Rows of `level` (code, name), in code order. */
async function territories(db: FileDb, level: Level): Promise<{ codes: string[]; names: string[] }> {
	const table = await db.query(`SELECT code, nom FROM ${TERRITORY_TABLE[level]} ORDER BY code`);
	return { codes: table.getChild('code')!.toArray() as string[], names: table.getChild('nom')!.toArray() as string[] };
}

/** The data layer's values of an indicator at `level` over France, checked to be in the order of `codes`. */
async function levelValues(db: FileDb, id: string, level: Level, codes: readonly string[]): Promise<Table> {
	const indicator = INDICATORS.find((i) => i.id === id)!;
	const query = territoryValuesSql(indicator, level, null);
	const result = await db.query(query.text, query.params);
	const rowCodes = result.getChild('code')!.toArray() as string[];
	if (rowCodes.length !== codes.length || rowCodes.some((c, i) => c !== codes[i])) {
		throw new Error(`${id} : territoires (${level}) dans un autre ordre que leur table`);
	}
	return result;
}

export async function buildFirstView(tables: Record<string, Table>): Promise<FirstViewTables> {
	const db = await openNodeDb();
	try {
		const needed = new Set([...Object.values(TERRITORY_TABLE), ...INDICATORS.flatMap((i) => tablesOf(i))]);
		for (const name of [...needed].sort()) {
			const table = tables[name];
			if (!table) throw new Error(`Table ${name} non construite`);
			await db.insertArrowStream(name, tableToIPC(table, 'stream'));
		}
		const communes = await territories(db, 'commune');
		const communeColumns: Column[] = [utf8('code', communes.codes), utf8('nom', communes.names)];
		for (const indicator of INDICATORS) {
			communeColumns.push(f64(indicator.id, numbers(await levelValues(db, indicator.id, 'commune', communes.codes), 'value')));
		}

		const levels = await Promise.all(FIRST_VIEW_LEVELS.map(async (level) => ({ level, ...(await territories(db, level)) })));
		const rows = levels.reduce((n, l) => n + l.codes.length, 0);
		const territoryColumns: Column[] = [
			utf8('level', levels.flatMap((l) => l.codes.map(() => l.level))),
			utf8('code', levels.flatMap((l) => l.codes)),
			utf8('nom', levels.flatMap((l) => l.names))
		];
		for (const indicator of INDICATORS) {
			if (!levelsOf(indicator).some((l) => l !== 'commune')) continue;
			const parts = { value: [] as (number | null)[], num: [] as (number | null)[], den: [] as (number | null)[] };
			for (const { level, codes } of levels) {
				const result = levelsOf(indicator).includes(level) ? await levelValues(db, indicator.id, level, codes) : null;
				for (const part of ['value', 'num', 'den'] as const) {
					parts[part].push(...(result ? numbers(result, part) : codes.map(() => null)));
				}
			}
			for (const part of ['value', 'num', 'den'] as const) territoryColumns.push(f64(firstViewColumn(indicator.id, part), parts[part]));
		}
		const territoriesTable = makeTable(territoryColumns);
		if (territoriesTable.numRows !== rows) throw new Error('territory_values : nombre de lignes inattendu');
		return { communes: makeTable(communeColumns), territories: territoriesTable };
	} finally {
		await db.close();
	}
}
