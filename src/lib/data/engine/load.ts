import type { DbConnector } from './connector';
import { type Manifest, findArtefact, isEngineTable, readArtefact } from './artefacts';

/**
 * Loads artefacts into DuckDB on demand, each table once, named as in the manifest: a view asks
 * for the tables it needs first, the rest follow in the background. Files are fetched and checked
 * as soon as they are asked for, even before the engine is up; inserts run one at a time.
 */
export class TableLoader {
	private readonly loading = new Map<string, Promise<void>>();
	private inserts: Promise<unknown> = Promise.resolve();

	constructor(
		/** The engine, asked for at each load: a failed start is retried by the next one. */
		private readonly db: () => Promise<DbConnector>,
		private readonly manifest: Manifest,
		private readonly read: (file: string) => Promise<Uint8Array>
	) {}

	/** Every table of the manifest but those the app reads itself (geometries, first view's values). */
	get tables(): string[] {
		return this.manifest.artefacts.map((a) => a.table).filter(isEngineTable);
	}

	async ensure(tables: readonly string[]): Promise<void> {
		await Promise.all(tables.map((table) => this.load(table)));
	}

	ensureAll(): Promise<void> {
		return this.ensure(this.tables);
	}

	private load(table: string): Promise<void> {
		let pending = this.loading.get(table);
		if (!pending) {
			const bytes = readArtefact(findArtefact(this.manifest, table), this.read);
			pending = Promise.all([this.db(), bytes]).then(([db, ipc]) => this.serially(() => db.insertArrowStream(table, ipc)));
			this.loading.set(table, pending);
			// A failed load (network lost) is forgotten: the next call tries again.
			const failed = pending;
			failed.catch(() => {
				if (this.loading.get(table) === failed) this.loading.delete(table);
			});
		}
		return pending;
	}

	private serially(insert: () => Promise<void>): Promise<void> {
		const next = this.inserts.then(insert);
		this.inserts = next.catch(() => undefined);
		return next;
	}
}
