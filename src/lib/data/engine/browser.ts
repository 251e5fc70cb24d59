import * as duckdb from '@duckdb/duckdb-wasm';
import { type FileDb, type QuerySession, type SqlParam, ENGINE_SETTINGS, takeRows } from './connector';
import type { EngineWorker } from './engine-worker';

/**
 * duckdb-wasm driven in its Web Worker (src/lib/data/engine/engine-worker.ts), which has been compiling the
 * engine since the page started it. This module (duckdb-wasm's page side and Arrow) is imported
 * dynamically, in the browser only (it cannot be prerendered).
 */
export async function openBrowserDb({ worker, failed, compiledModuleUrl, started }: EngineWorker): Promise<FileDb> {
	const db = new duckdb.AsyncDuckDB(new duckdb.VoidLogger(), worker);
	try {
		await Promise.race([db.instantiate(compiledModuleUrl), failed]);
	} catch (error) {
		worker.terminate();
		throw error;
	}
	started();
	performance.mark('cls:duckdb-instantiated');
	const conn = await db.connect();
	for (const statement of ENGINE_SETTINGS) await conn.query(statement);

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
		async registerFile(name: string, source: Uint8Array | Blob) {
			if (source instanceof Uint8Array) await db.registerFileBuffer(name, source);
			// The worker reads slices of the file on demand (FileReaderSync): no copy of it in wasm memory.
			else await db.registerFileHandle(name, source, duckdb.DuckDBDataProtocol.BROWSER_FILEREADER, true);
		},
		async dropFile(name: string) {
			await db.dropFile(name);
		},
		async openSession() {
			return browserSession(db, await db.connect());
		},
		async close() {
			await conn.close();
			await db.terminate();
			worker.terminate();
		}
	};
}

/** A console connection: statements sent as pending queries, so that `cancelSent` can stop them between steps. */
function browserSession(db: duckdb.AsyncDuckDB, conn: duckdb.AsyncDuckDBConnection): QuerySession {
	let cancelled = false;
	return {
		async tokenize(sql) {
			return db.tokenize(sql);
		},
		async tableNames(sql) {
			return conn.getTableNames(sql);
		},
		async run(sql) {
			await conn.query(sql);
		},
		async prepareOnly(sql) {
			await (await conn.prepare(sql)).close();
		},
		async stream(sql, maxRows) {
			cancelled = false;
			const reader = await conn.send(sql, true);
			const result = await takeRows(reader, maxRows, () => cancelled);
			// Rows left unread: stop the engine producing them.
			if (result.truncated || cancelled) await conn.cancelSent();
			return result;
		},
		async cancel() {
			cancelled = true;
			return conn.cancelSent();
		},
		async close() {
			await conn.close();
		}
	};
}
