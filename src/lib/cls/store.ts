/**
 * Persistance des modifications de l'utilisateur : CLS créés ou modifiés, qui remplacent les CLS livrés
 * de même identifiant. Sans framework (l'interface l'enveloppe dans un `$state` Svelte 5).
 *
 * - `MemoryClsStore` pour les tests et le rendu côté serveur ;
 * - `IndexedDbClsStore` pour le navigateur (API IndexedDB brute, sans dépendance).
 *
 * Tout ce qui est lu est revalidé : une entrée corrompue est écartée et signalée, jamais propagée.
 */
import { describeError, validateCls, type Cls } from './schema';

export interface ClsStore {
	/** Les modifications enregistrées (CLS complets, revalidés ; ordre non garanti). */
	loadEdits(): Promise<{ edits: Cls[]; rejected: { id: string; errors: string[] }[] }>;
	/** Enregistre (crée ou remplace) un CLS, après validation. */
	save(cls: Cls): Promise<void>;
	/** Enregistre plusieurs CLS en une seule transaction : tout ou rien. */
	saveAll(list: readonly Cls[]): Promise<void>;
	/** Supprime la modification d'un CLS (le CLS livré de même identifiant réapparaît). */
	remove(id: string): Promise<void>;
	/** Efface toutes les modifications. */
	reset(): Promise<void>;
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

function revalidate(raw: unknown[]): { edits: Cls[]; rejected: { id: string; errors: string[] }[] } {
	const edits: Cls[] = [];
	const rejected: { id: string; errors: string[] }[] = [];
	for (const item of raw) {
		try {
			edits.push(checked(item));
		} catch (e) {
			if (e instanceof InvalidClsError) rejected.push({ id: e.id, errors: e.errors });
			else throw e;
		}
	}
	return { edits, rejected };
}

/** CLS livrés, puis modifications : une modification remplace le CLS livré de même identifiant. */
export function mergeWithShipped(shipped: readonly Cls[], edits: readonly Cls[]): Cls[] {
	const byId = new Map(edits.map((c) => [c.id, c]));
	const out = shipped.map((c) => byId.get(c.id) ?? c);
	for (const e of edits) if (!shipped.some((s) => s.id === e.id)) out.push(e);
	return out;
}

/** Identifiants modifiés par rapport aux CLS livrés (pour afficher « modifié » / « créé »). */
export function editKind(shipped: readonly Cls[], id: string, edits: readonly Cls[]): 'livré' | 'modifié' | 'créé' {
	const edited = edits.some((e) => e.id === id);
	if (!edited) return 'livré';
	return shipped.some((s) => s.id === id) ? 'modifié' : 'créé';
}

export class MemoryClsStore implements ClsStore {
	// Copies JSON : l'appelant ne peut pas modifier l'état enregistré par référence.
	private data = new Map<string, string>();

	async loadEdits() {
		return revalidate([...this.data.values()].map((s) => JSON.parse(s) as unknown));
	}
	async save(cls: Cls) {
		const c = checked(cls);
		this.data.set(c.id, JSON.stringify(c));
	}
	async saveAll(list: readonly Cls[]) {
		const valid = list.map(checked);
		for (const c of valid) this.data.set(c.id, JSON.stringify(c));
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

/** Stockage IndexedDB : une base, un magasin `cls` indexé par `id`, une entrée par CLS modifié. */
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
			this.db = new Promise((resolve, reject) => {
				const req = factory.open(this.dbName, 1);
				req.onupgradeneeded = () => {
					if (!req.result.objectStoreNames.contains(STORE_NAME)) req.result.createObjectStore(STORE_NAME, { keyPath: 'id' });
				};
				req.onsuccess = () => resolve(req.result);
				req.onerror = () => reject(req.error);
				req.onblocked = () => reject(new Error('Base IndexedDB bloquée par un autre onglet'));
			});
		}
		return this.db;
	}

	async loadEdits() {
		const db = await this.open();
		const tx = db.transaction(STORE_NAME, 'readonly');
		const all = await promisify(tx.objectStore(STORE_NAME).getAll());
		return revalidate(all as unknown[]);
	}

	async save(cls: Cls) {
		await this.saveAll([cls]);
	}

	async saveAll(list: readonly Cls[]) {
		const valid = list.map(checked); // validation avant toute écriture
		const db = await this.open();
		const tx = db.transaction(STORE_NAME, 'readwrite');
		const store = tx.objectStore(STORE_NAME);
		// Copie JSON : les objets structurés clonés par IndexedDB n'ont ni fonctions ni prototypes.
		for (const c of valid) store.put(JSON.parse(JSON.stringify(c)));
		await done(tx);
	}

	async remove(id: string) {
		const db = await this.open();
		const tx = db.transaction(STORE_NAME, 'readwrite');
		tx.objectStore(STORE_NAME).delete(id);
		await done(tx);
	}

	async reset() {
		const db = await this.open();
		const tx = db.transaction(STORE_NAME, 'readwrite');
		tx.objectStore(STORE_NAME).clear();
		await done(tx);
	}

	close() {
		void this.db?.then((db) => db.close());
		this.db = null;
	}
}
