import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { type FileDb, type QuerySession, type SqlParam, ENGINE_SETTINGS, takeRows } from './connector';
import { MANIFEST_FILE, parseManifest } from './artefacts';
import { TableLoader } from './load';

type NodeBlockingModule = typeof import('../../../../node_modules/@duckdb/duckdb-wasm/dist/types/src/targets/duckdb-node-blocking');

/**
 * The same duckdb-wasm engine as the browser, through its blocking Node bundle, so that
 * `npm run sql` and the tests answer with exactly the numbers the app shows.
 * The package's export map hides that bundle: it is required by absolute path.
 */
export async function openNodeDb(): Promise<FileDb> {
	const require = createRequire(import.meta.url);
	const dist = dirname(require.resolve('@duckdb/duckdb-wasm/dist/duckdb-node-blocking.cjs'));
	const duckdb = require(join(dist, 'duckdb-node-blocking.cjs')) as NodeBlockingModule;
	const bundles = {
		mvp: { mainModule: join(dist, 'duckdb-mvp.wasm'), mainWorker: '' },
		eh: { mainModule: join(dist, 'duckdb-eh.wasm'), mainWorker: '' }
	};
	const db = await duckdb.createDuckDB(bundles, new duckdb.VoidLogger(), duckdb.NODE_RUNTIME);
	await db.instantiate();
	const conn = db.connect();
	for (const statement of ENGINE_SETTINGS) conn.query(statement);

	return {
		async query(sql: string, params: readonly SqlParam[] = []) {
			if (params.length === 0) return conn.query(sql);
			const statement = conn.prepare(sql);
			try {
				return statement.query(...params);
			} finally {
				statement.close();
			}
		},
		async insertArrowStream(table: string, bytes: Uint8Array) {
			conn.insertArrowFromIPCStream(bytes, { name: table, create: true });
		},
		async registerFile(name: string, source: Uint8Array | Blob) {
			db.registerFileBuffer(name, source instanceof Uint8Array ? source : new Uint8Array(await source.arrayBuffer()));
		},
		async dropFile(name: string) {
			db.dropFile(name);
		},
		async openSession(): Promise<QuerySession> {
			const session = db.connect();
			return {
				async tokenize(sql) {
					return db.tokenize(sql);
				},
				async tableNames(sql) {
					return session.getTableNames(sql);
				},
				async run(sql) {
					session.query(sql);
				},
				async prepareOnly(sql) {
					session.prepare(sql).close();
				},
				async stream(sql, maxRows) {
					// The blocking reader is iterable, not async iterable.
					const reader = await session.send(sql, true);
					const batches = reader[Symbol.iterator]();
					return takeRows({ get schema() { return reader.schema; }, [Symbol.iterator]: () => batches }, maxRows);
				},
				async cancel() {
					return session.cancelSent();
				},
				async close() {
					session.close();
				}
			};
		},
		async close() {
			conn.close();
			db.reset();
		}
	};
}

/** The committed artefacts, as the app serves them. */
export const DEFAULT_DATA_DIR = resolve(import.meta.dirname, '../../../../static/data');

/** Opens DuckDB in Node with every table of the manifest in `dataDir` loaded and verified. */
export async function openNodeAtlas(dataDir = DEFAULT_DATA_DIR): Promise<FileDb> {
	const manifest = parseManifest(await readFile(join(dataDir, MANIFEST_FILE), 'utf8'));
	const db = await openNodeDb();
	await new TableLoader(() => Promise.resolve(db), manifest, async (file) => new Uint8Array(await readFile(join(dataDir, file)))).ensureAll();
	return db;
}
