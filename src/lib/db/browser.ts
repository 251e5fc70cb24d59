import * as duckdb from '@duckdb/duckdb-wasm';
import ehWasmUrl from '@duckdb/duckdb-wasm/dist/duckdb-eh.wasm?url';
import ehWorkerUrl from '@duckdb/duckdb-wasm/dist/duckdb-browser-eh.worker.js?url';
import { type FileDb, type SqlParam, OFFLINE_SETTINGS } from './connector';

/**
 * duckdb-wasm in a Web Worker, with the "eh" bundle served by the app itself (no CDN).
 * Only that bundle is shipped: every browser we target has WebAssembly exceptions.
 * This module is imported dynamically, in the browser only (it cannot be prerendered).
 */
export async function openBrowserDb(): Promise<FileDb> {
	const worker = new Worker(ehWorkerUrl);
	const db = new duckdb.AsyncDuckDB(new duckdb.VoidLogger(), worker);
	await db.instantiate(ehWasmUrl);
	performance.mark('cls:duckdb-instantiated');
	const conn = await db.connect();
	for (const statement of OFFLINE_SETTINGS) await conn.query(statement);

	return {
		async query(sql: string, params: readonly SqlParam[] = []) {
			if (params.length === 0) return conn.query(sql);
			const statement = await conn.prepare(sql);
			try {
				return await statement.query(...params);
			} finally {
				await statement.close();
			}
		},
		async insertArrowStream(table: string, bytes: Uint8Array) {
			await conn.insertArrowFromIPCStream(bytes, { name: table, create: true });
		},
		async registerFile(name: string, bytes: Uint8Array) {
			await db.registerFileBuffer(name, bytes);
		},
		async dropFile(name: string) {
			await db.dropFile(name);
		},
		async close() {
			await conn.close();
			await db.terminate();
			worker.terminate();
		}
	};
}
