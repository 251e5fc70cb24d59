/**
 * Persistence of the user's changes: CLS created or modified, which replace the shipped CLS
 * with the same id. No framework (the interface wraps it in a Svelte 5 `$state`).
 *
 * - `MemoryClsStore` for the tests and server-side rendering;
 * - `IndexedDbClsStore` for the browser (the raw IndexedDB API, no dependency).
 *
 * Everything read is validated again: a corrupt entry is dropped and reported, never passed on.
 */
import { merge3, type MergeConflict, type MergePreference } from '../../register/merge';
import { describeError, validateCls, type Cls } from '../../register/schema';

/** What a tab has loaded: the changes and the version of each (incremented at every write). */
export interface LoadedEdits {
	edits: Cls[];
	versions: Record<string, number>;
	rejected: { id: string; errors: string[] }[];
}

/** A change made in one tab: `next` derives from `base` (the version shown, `version`). */
export interface ClsUpdate {
	base: Cls;
	next: Cls;
	/** Version the tab knew (0: never saved). */
	version: number;
	/** The shipped CLS with the same id, if any: the current version when nothing is saved. */
	shipped?: Cls;
	/** What to do with two different changes of the same field: ask (error), keep this one, keep the other. */
	prefer?: MergePreference;
}

export interface ClsStore {
	/** The saved changes (whole CLS, validated again; order not guaranteed). */
	loadEdits(): Promise<LoadedEdits>;
	/** Saves (creates or replaces) a CLS, after validation. */
	save(cls: Cls): Promise<void>;
	/** Saves several CLS in one transaction: all or nothing. */
	saveAll(list: readonly Cls[]): Promise<void>;
	/**
	 * Writes only what the tab changed: if another tab has saved this CLS meanwhile,
	 * the two changes are merged (field by field, action by action); a conflict throws
	 * `ClsConflictError` and writes nothing (with `prefer: 'ask'`).
	 */
	update(u: ClsUpdate): Promise<{ cls: Cls; version: number; merged: boolean }>;
	/** Creates a CLS; `ClsExistsError` if the same id has just been created elsewhere (another tab). */
	create(cls: Cls): Promise<{ cls: Cls; version: number }>;
	/** Removes the change of a CLS (the shipped CLS with the same id comes back). */
	remove(id: string): Promise<void>;
	/** Clears every change. */
	reset(): Promise<void>;
}

export class ClsConflictError extends Error {
	constructor(
		readonly id: string,
		readonly conflicts: MergeConflict[]
	) {
		super(
			`Ce CLS a été modifié dans un autre onglet pendant que vous le modifiiez ici, et les deux modifications touchent ${conflicts
				.map((c) => c.label)
				.join(', ')}.`
		);
		this.name = 'ClsConflictError';
	}
}

export class ClsGoneError extends Error {
	constructor(readonly id: string) {
		super(`Le CLS « ${id} » a été supprimé dans un autre onglet : votre modification n’a pas été enregistrée.`);
		this.name = 'ClsGoneError';
	}
}

export class ClsExistsError extends Error {
	constructor(readonly id: string) {
		super(`Un CLS d’identifiant « ${id} » existe déjà (créé dans un autre onglet).`);
		this.name = 'ClsExistsError';
	}
}

export class InvalidClsError extends Error {
	constructor(
		readonly id: string,
		readonly errors: string[]
	) {
		super(`CLS « ${id} » invalide :\n${errors.join('\n')}`);
		this.name = 'InvalidClsError';
	}
}

function checked(cls: unknown): Cls {
	const r = validateCls(cls);
	if (!r.ok) {
		const id = cls !== null && typeof cls === 'object' && 'id' in cls ? String((cls as { id: unknown }).id) : '?';
		throw new InvalidClsError(id, r.errors.map(describeError));
	}
	return r.cls;
}

/** A saved entry: `{ id, version, cls }`; a bare CLS (the format before versions) counts as version 0. */
interface StoredRecord {
	id: string;
	version: number;
	cls: unknown;
}

function unwrap(item: unknown): StoredRecord {
	const r = item as Partial<StoredRecord> | null;
	if (r && typeof r === 'object' && typeof r.version === 'number' && 'cls' in r) return { id: String(r.id), version: r.version, cls: r.cls };
	return { id: r && typeof r === 'object' && 'id' in r ? String(r.id) : '?', version: 0, cls: item };
}

function record(cls: Cls, version: number): StoredRecord {
	// JSON copy: no functions nor prototypes, and the caller can no longer modify the saved state.
	return { id: cls.id, version, cls: JSON.parse(JSON.stringify(cls)) as unknown };
}

function revalidate(raw: unknown[]): LoadedEdits {
	const edits: Cls[] = [];
	const versions: Record<string, number> = {};
	const rejected: { id: string; errors: string[] }[] = [];
	for (const item of raw) {
		const r = unwrap(item);
		try {
			const cls = checked(r.cls);
			edits.push(cls);
			versions[cls.id] = r.version;
		} catch (e) {
			if (e instanceof InvalidClsError) rejected.push({ id: e.id, errors: e.errors });
			else throw e;
		}
	}
	return { edits, versions, rejected };
}

/**
 * What to write for `u`, given what is saved (`stored`): the tab's CLS if nothing
 * changed since it read it, otherwise its changes merged into the saved version.
 */
function resolveUpdate(u: ClsUpdate, stored: unknown): { write: StoredRecord; cls: Cls; merged: boolean } {
	const next = checked(u.next);
	const current = stored === undefined ? undefined : unwrap(stored);
	const version = current?.version ?? 0;
	if (version === u.version) return { write: record(next, version + 1), cls: next, merged: false };
	const theirs = current ? checked(current.cls) : u.shipped;
	if (!theirs) throw new ClsGoneError(u.next.id);
	const { value, conflicts } = merge3<Cls>(u.base, next, theirs, u.prefer ?? 'ask');
	if (conflicts.length) throw new ClsConflictError(u.next.id, conflicts);
	const cls = checked(value);
	return { write: record(cls, version + 1), cls, merged: true };
}

/** Shipped CLS, then changes: a change replaces the shipped CLS with the same id. */
export function mergeWithShipped(shipped: readonly Cls[], edits: readonly Cls[]): Cls[] {
	const byId = new Map(edits.map((c) => [c.id, c]));
	const out = shipped.map((c) => byId.get(c.id) ?? c);
	for (const e of edits) if (!shipped.some((s) => s.id === e.id)) out.push(e);
	return out;
}

/** Ids changed from the shipped CLS (to show « modifié » / « créé »). */
export function editKind(shipped: readonly Cls[], id: string, edits: readonly Cls[]): 'livré' | 'modifié' | 'créé' {
	const edited = edits.some((e) => e.id === id);
	if (!edited) return 'livré';
	return shipped.some((s) => s.id === id) ? 'modifié' : 'créé';
}

export class MemoryClsStore implements ClsStore {
	// JSON copies: the caller cannot modify the saved state by reference.
	private data = new Map<string, string>();

	private read(id: string): unknown {
		const s = this.data.get(id);
		return s === undefined ? undefined : (JSON.parse(s) as unknown);
	}
	private version(id: string): number {
		const s = this.read(id);
		return s === undefined ? 0 : unwrap(s).version;
	}

	async loadEdits() {
		return revalidate([...this.data.keys()].map((id) => this.read(id)));
	}
	async save(cls: Cls) {
		await this.saveAll([cls]);
	}
	async saveAll(list: readonly Cls[]) {
		const valid = list.map(checked);
		for (const c of valid) this.data.set(c.id, JSON.stringify(record(c, this.version(c.id) + 1)));
	}
	async update(u: ClsUpdate) {
		const r = resolveUpdate(u, this.read(u.next.id));
		this.data.set(r.write.id, JSON.stringify(r.write));
		return { cls: r.cls, version: r.write.version, merged: r.merged };
	}
	async create(cls: Cls) {
		const c = checked(cls);
		if (this.data.has(c.id)) throw new ClsExistsError(c.id);
		this.data.set(c.id, JSON.stringify(record(c, 1)));
		return { cls: c, version: 1 };
	}
	async remove(id: string) {
		this.data.delete(id);
	}
	async reset() {
		this.data.clear();
	}
}

const STORE_NAME = 'cls';

export function promisify<T>(req: IDBRequest<T>): Promise<T> {
	return new Promise((resolve, reject) => {
		req.onsuccess = () => resolve(req.result);
		req.onerror = () => reject(req.error);
	});
}

export function done(tx: IDBTransaction): Promise<void> {
	return new Promise((resolve, reject) => {
		tx.oncomplete = () => resolve();
		tx.onerror = () => reject(tx.error);
		tx.onabort = () => reject(tx.error ?? new Error('Transaction IndexedDB annulée'));
	});
}

/** The browser storage's errors, in French (IndexedDB's are in English, or empty). */
export function storageError(e: unknown): Error {
	if (e instanceof ClsConflictError || e instanceof ClsExistsError || e instanceof ClsGoneError || e instanceof InvalidClsError) return e;
	const name = e instanceof Error || (typeof DOMException !== 'undefined' && e instanceof DOMException) ? (e as Error).name : '';
	if (name === 'QuotaExceededError')
		return new Error('L’espace de stockage du navigateur est plein : rien n’a été enregistré. Libérez de la place (données de sites, CLS modifiés) puis réessayez.');
	if (name === 'InvalidStateError' || name === 'UnknownError' || name === 'AbortError')
		return new Error('Le stockage du navigateur est indisponible (données effacées ou navigation privée ?) : rien n’a été enregistré. Réessayez.');
	if (e instanceof Error && /[àâçéèêëîïôûùüÿœ’]/i.test(e.message)) return e;
	return new Error(`Le stockage du navigateur a refusé l’opération${name ? ` (${name})` : ''} : rien n’a été enregistré.`);
}

/** IndexedDB storage: one database, one `cls` store keyed by `id`, one entry `{ id, version, cls }` per changed CLS. */
export class IndexedDbClsStore implements ClsStore {
	private db: Promise<IDBDatabase> | null = null;

	constructor(
		private readonly dbName = 'cls-atlas',
		private readonly factory: IDBFactory | undefined = globalThis.indexedDB
	) {}

	private open(): Promise<IDBDatabase> {
		if (!this.db) {
			const factory = this.factory;
			if (!factory) return Promise.reject(new Error('IndexedDB n’est pas disponible dans cet environnement'));
			const opening: Promise<IDBDatabase> = new Promise((resolve, reject) => {
				const req = factory.open(this.dbName, 1);
				req.onupgradeneeded = () => {
					if (!req.result.objectStoreNames.contains(STORE_NAME)) req.result.createObjectStore(STORE_NAME, { keyPath: 'id' });
				};
				req.onsuccess = () => {
					const db = req.result;
					// Storage cleared by the user, or a newer version elsewhere: drop this connection, the next call reopens.
					const forget = () => {
						if (this.db === opening) this.db = null;
					};
					db.onclose = forget;
					db.onversionchange = () => {
						forget();
						db.close();
					};
					resolve(db);
				};
				req.onerror = () => reject(req.error);
				req.onblocked = () => reject(new Error('Base IndexedDB bloquée par un autre onglet'));
			});
			this.db = opening;
			opening.catch(() => {
				if (this.db === opening) this.db = null;
			});
		}
		return this.db;
	}

	/**
	 * Runs `work` in one transaction and resolves with its result once the transaction has committed.
	 * A connection closed under us (storage cleared mid-session) is reopened once.
	 */
	private async run<T>(mode: IDBTransactionMode, work: (store: IDBObjectStore, result: (value: T) => void, fail: (e: unknown) => void) => void): Promise<T> {
		for (let attempt = 0; ; attempt++) {
			let tx: IDBTransaction;
			try {
				const db = await this.open();
				tx = db.transaction(STORE_NAME, mode);
			} catch (e) {
				this.db = null;
				if (attempt === 0 && e instanceof Error && e.name === 'InvalidStateError') continue;
				throw storageError(e);
			}
			return await new Promise<T>((resolve, reject) => {
				let value: T;
				let failure: unknown = null;
				tx.oncomplete = () => (failure === null ? resolve(value) : reject(storageError(failure)));
				tx.onerror = () => reject(storageError(failure ?? tx.error));
				tx.onabort = () => reject(storageError(failure ?? tx.error ?? new Error('Transaction IndexedDB annulée')));
				try {
					work(
						tx.objectStore(STORE_NAME),
						(v) => (value = v),
						(e) => {
							failure = e;
							tx.abort();
						}
					);
				} catch (e) {
					failure = e;
					tx.abort();
				}
			});
		}
	}

	async loadEdits() {
		const all = await this.run<unknown[]>('readonly', (store, result) => {
			const req = store.getAll();
			req.onsuccess = () => result(req.result);
		});
		return revalidate(all);
	}

	async save(cls: Cls) {
		await this.saveAll([cls]);
	}

	async saveAll(list: readonly Cls[]) {
		const valid = list.map(checked); // validated before any write
		await this.run<void>('readwrite', (store, _result, fail) => {
			for (const c of valid) {
				const get = store.get(c.id);
				get.onsuccess = () => {
					const version = get.result === undefined ? 0 : unwrap(get.result).version;
					store.put(record(c, version + 1));
				};
				get.onerror = () => fail(get.error);
			}
		});
	}

	async update(u: ClsUpdate) {
		return this.run<{ cls: Cls; version: number; merged: boolean }>('readwrite', (store, result, fail) => {
			// Read, merge and write in the same transaction: no other tab can write in between.
			const get = store.get(u.next.id);
			get.onsuccess = () => {
				try {
					const r = resolveUpdate(u, get.result);
					store.put(r.write);
					result({ cls: r.cls, version: r.write.version, merged: r.merged });
				} catch (e) {
					fail(e);
				}
			};
			get.onerror = () => fail(get.error);
		});
	}

	async create(cls: Cls) {
		const c = checked(cls);
		return this.run<{ cls: Cls; version: number }>('readwrite', (store, result, fail) => {
			const add = store.add(record(c, 1));
			add.onsuccess = () => result({ cls: c, version: 1 });
			add.onerror = (ev) => {
				ev.preventDefault();
				fail(add.error?.name === 'ConstraintError' ? new ClsExistsError(c.id) : add.error);
			};
		});
	}

	async remove(id: string) {
		await this.run<void>('readwrite', (store) => void store.delete(id));
	}

	async reset() {
		await this.run<void>('readwrite', (store) => void store.clear());
	}

	close() {
		void this.db?.then((db) => db.close());
		this.db = null;
	}
}
