/**
 * The data layer's door to DuckDB, after Mosaic's Coordinator: every query names the tables it reads
 * and the source loads them first (callers never load tables themselves); results may be cached by
 * key, failures never are (the next call tries again); a client's request superseded by a newer one
 * of the same client resolves as `STALE`, so a slow answer never overwrites a newer one.
 */
import type { Table } from 'apache-arrow';
import type { DbConnector } from '../engine/connector';
import { hasArtefact, type Manifest } from '../engine/artefacts';
import type { TableLoader } from '../engine/load';
import type { Sql } from './sql';

/** What a superseded request resolves to. */
export const STALE: unique symbol = Symbol('stale');
export type Stale = typeof STALE;

export class DataSource {
	private readonly cache = new Map<string, Promise<unknown>>();
	/** Tables the user imported on /donnees (see `data/imports.ts`), already in the engine. */
	private readonly imported = new Set<string>();

	constructor(
		readonly manifest: Manifest,
		/** The engine, asked for at each query: a failed start is retried by the next one. */
		private readonly engine: () => Promise<DbConnector>,
		private readonly loader: TableLoader,
		/** Tables created in the engine by other means than the manifest (tests add fixtures this way). */
		private readonly extra: ReadonlySet<string> = new Set()
	) {}

	/** Whether this build of the atlas ships a table (some are built only when their raw file exists). */
	has(table: string): boolean {
		return this.extra.has(table) || this.imported.has(table) || hasArtefact(this.manifest, table);
	}

	/** A user's import now holds `table` in the engine (or, `present` false, no longer does): cached answers are dropped. */
	markImported(table: string, present: boolean): void {
		if (present) this.imported.add(table);
		else this.imported.delete(table);
		this.cache.clear();
	}

	/**
	 * Re-imports the user's files kept in the browser (set by `atlas.ts`): asked for when a query reads
	 * a table that is neither shipped nor yet imported (an imported indicator opened by a permalink).
	 */
	restoreImports: (() => Promise<void>) | null = null;

	/** Runs a query once the tables it reads are loaded. */
	async query(tables: readonly string[], query: Sql): Promise<Table> {
		if (this.restoreImports && tables.some((t) => !this.has(t))) {
			await this.restoreImports();
			const absent = tables.find((t) => !this.has(t));
			if (absent) throw new Error(`Les données de la table « ${absent} » ne sont pas dans ce navigateur : importez leur fichier sur la page Données.`);
		}
		await this.loader.ensure(tables.filter((t) => !this.extra.has(t) && !this.imported.has(t)));
		const db = await this.engine();
		return db.query(query.text, query.params);
	}

	/** The rows of a query as plain objects. */
	async rows<T>(tables: readonly string[], query: Sql): Promise<T[]> {
		return (await this.query(tables, query)).toArray().map((r) => r.toJSON() as T);
	}

	/** The result of `run`, computed once per key; a failure is forgotten so that the next call retries. */
	cached<T>(key: string, run: () => Promise<T>): Promise<T> {
		let pending = this.cache.get(key) as Promise<T> | undefined;
		if (!pending) {
			pending = run();
			this.cache.set(key, pending);
			pending.catch(() => {
				if (this.cache.get(key) === pending) this.cache.delete(key);
			});
		}
		return pending;
	}

	/** Starts loading tables in the background (a hint: queries load what they need anyway). */
	prefetch(tables: readonly string[] = this.loader.tables): Promise<void> {
		// A user's imported table is not in the manifest: `query` restores it when asked for.
		return this.loader.ensure(tables.filter((t) => hasArtefact(this.manifest, t)));
	}

	/** A client: a view whose newer requests make its older ones stale. */
	client(): DataClient {
		return new DataClient();
	}
}

/** One view's requests (a panel, a map layer): only the answer to the latest one is kept. */
export class DataClient {
	private latest = 0;

	/** Runs a request; resolves as `STALE` when a newer request of this client was made meanwhile. */
	async request<T>(run: () => Promise<T>): Promise<T | Stale> {
		const n = ++this.latest;
		let value: T;
		try {
			value = await run();
		} catch (error) {
			if (n !== this.latest) return STALE;
			throw error;
		}
		return n === this.latest ? value : STALE;
	}

	/** Makes every pending request stale (the view is gone, or shows nothing). */
	cancel(): void {
		this.latest++;
	}
}
