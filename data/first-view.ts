/**
 * What the explorer's first view needs without the engine: the communes' names (for the tooltip)
 * and every catalogue indicator's value per commune over France, one Float64 column each (null
 * when unknown), rows in code order like the commune geometry. The values are the engine's own: the catalogue's SQL run here by the same
 * duckdb-wasm on the same tables, so the app classifies exactly the numbers it would query.
 */
import { tableToIPC, type Table } from 'apache-arrow';
import { openNodeDb } from '../src/lib/db/node';
import { INDICATORS } from '../src/lib/indicators/catalogue';
import { territoryValuesSql } from '../src/lib/data/values';
import { type Column, f64, makeTable, utf8 } from './lib/arrow';

export async function buildCommuneValues(tables: Record<string, Table>): Promise<Table> {
	const db = await openNodeDb();
	try {
		const needed = new Set(['communes', ...INDICATORS.flatMap((i) => i.tables)]);
		for (const name of [...needed].sort()) {
			const table = tables[name];
			if (!table) throw new Error(`Table ${name} non construite`);
			await db.insertArrowStream(name, tableToIPC(table, 'stream'));
		}
		const communes = await db.query('SELECT code, nom FROM communes ORDER BY code');
		const codes = communes.getChild('code')!.toArray() as string[];
		const columns: Column[] = [utf8('code', codes), utf8('nom', communes.getChild('nom')!.toArray() as string[])];
		for (const indicator of INDICATORS) {
			const query = territoryValuesSql(indicator, 'commune', null);
			const result = await db.query(query.text, query.params);
			const rowCodes = result.getChild('code')!.toArray() as string[];
			if (rowCodes.length !== codes.length || rowCodes.some((c, i) => c !== codes[i])) {
				throw new Error(`${indicator.id} : communes dans un autre ordre que la table des communes`);
			}
			columns.push(f64(indicator.id, Array.from(result.getChild('value')!, (v) => (v === null ? null : Number(v)))));
		}
		return makeTable(columns);
	} finally {
		await db.close();
	}
}
