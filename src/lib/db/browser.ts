import * as duckdb from '@duckdb/duckdb-wasm';
import ehWasmUrl from '@duckdb/duckdb-wasm/dist/duckdb-eh.wasm?url';
import ehWorkerUrl from '@duckdb/duckdb-wasm/dist/duckdb-browser-eh.worker.js?url';
import { type FileDb, type QuerySession, type SqlParam, OFFLINE_SETTINGS, takeRows } from './connector';
import { NETWORK_LOST, fetchBytes } from './fetch';

/** The engine's two files, downloaded (or being downloaded) by the page, and their URLs in the app. */
export interface EngineFiles {
	wasm: Promise<Blob>;
	worker: Promise<Blob>;
	wasmUrl: string;
	workerUrl: string;
}

/**
 * Downloads the engine's wasm and worker script: little CPU, so it may run while the first view is
 * drawn. The page downloads them itself and hands them to the worker as blobs (not as URLs the worker
 * would fetch), because duckdb-wasm's worker never reports a failed download (the start would hang):
 * here a lost network is an error, in French, naming the file, and « Réessayer » downloads again.
 * Blobs, not the HTTP cache: a private window's in-memory cache may not keep 34 MB.
 */
export function downloadEngine(): EngineFiles {
	return {
		wasm: download(ehWasmUrl, 'application/wasm'),
		worker: download(ehWorkerUrl, 'text/javascript'),
		wasmUrl: ehWasmUrl,
		workerUrl: ehWorkerUrl
	};
}

async function download(url: string, type: string): Promise<Blob> {
	const file = url.slice(url.lastIndexOf('/') + 1);
	try {
		return new Blob([(await fetchBytes(url)) as Uint8Array<ArrayBuffer>], { type });
	} catch (error) {
		const why = error instanceof Error && error.message.startsWith('HTTP') ? error.message : NETWORK_LOST;
		throw new Error(`Le moteur de calcul (${file}) n’a pas pu être téléchargé (${why}).`);
	}
}

/**
 * duckdb-wasm in a Web Worker, with the "eh" bundle served by the app itself (no CDN).
 * Only that bundle is shipped: every browser we target has WebAssembly exceptions.
 * This module is imported dynamically, in the browser only (it cannot be prerendered).
 */
export async function openBrowserDb(files: EngineFiles): Promise<FileDb> {
	const [wasm, script] = await Promise.all([files.wasm, files.worker]);
	const urls = [URL.createObjectURL(wasm), URL.createObjectURL(script)];
	const worker = new Worker(urls[1]);
	const db = new duckdb.AsyncDuckDB(new duckdb.VoidLogger(), worker);
	try {
		await db.instantiate(urls[0]);
	} finally {
		urls.forEach((url) => URL.revokeObjectURL(url));
	}
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
		async registerFile(name: string, source: Uint8Array | Blob) {
			if (source instanceof Uint8Array) await db.registerFileBuffer(name, source);
			// The worker reads slices of the file on demand (FileReaderSync): no copy of it in wasm memory.
			else await db.registerFileHandle(name, source, duckdb.DuckDBDataProtocol.BROWSER_FILEREADER, true);
		},
		async dropFile(name: string) {
			await db.dropFile(name);
		},
		async openSession() {
			return browserSession(await db.connect());
		},
		async close() {
			await conn.close();
			await db.terminate();
			worker.terminate();
		}
	};
}

/** A console connection: statements sent as pending queries, so that `cancelSent` can stop them between steps. */
function browserSession(conn: duckdb.AsyncDuckDBConnection): QuerySession {
	let cancelled = false;
	return {
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
