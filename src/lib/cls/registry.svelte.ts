/**
 * The CLS of the app (shipped, then the user's edits read from IndexedDB), as Svelte 5 state
 * shared by the /cls pages. Every write goes through the store, which validates before writing.
 */
import { SHIPPED_CLS } from './register';
import { IndexedDbClsStore, MemoryClsStore, editKind, mergeWithShipped, type ClsStore } from './store';
import type { Cls } from './schema';

export class ClsRegistry {
	/** Shipped CLS with the user's edits applied, then the CLS the user created. */
	list = $state.raw<Cls[]>([...SHIPPED_CLS]);
	edits = $state.raw<Cls[]>([]);
	/** Stored entries that no longer validate: set aside, never shown as data. */
	rejected = $state.raw<{ id: string; errors: string[] }[]>([]);
	loaded = $state(false);
	error = $state<string | null>(null);
	private loading: Promise<void> | null = null;

	constructor(private readonly store: ClsStore) {}

	load(): Promise<void> {
		this.loading ??= this.store
			.loadEdits()
			.then(({ edits, rejected }) => {
				this.edits = edits;
				this.rejected = rejected;
				this.list = mergeWithShipped(SHIPPED_CLS, edits);
			})
			.catch((e: unknown) => {
				this.error = `Les modifications enregistrées n’ont pas pu être lues : ${e instanceof Error ? e.message : String(e)}`;
			})
			.finally(() => (this.loaded = true));
		return this.loading;
	}

	get(id: string): Cls | undefined {
		return this.list.find((c) => c.id === id);
	}

	kind(id: string): 'livré' | 'modifié' | 'créé' {
		return editKind(SHIPPED_CLS, id, this.edits);
	}

	/** Saves CLS (validated by the store, all or nothing) and shows them. */
	async saveAll(list: readonly Cls[]): Promise<void> {
		await this.store.saveAll(list);
		const ids = list.map((c) => c.id);
		this.edits = [...this.edits.filter((e) => !ids.includes(e.id)), ...list];
		this.list = mergeWithShipped(SHIPPED_CLS, this.edits);
	}

	save(cls: Cls): Promise<void> {
		return this.saveAll([cls]);
	}

	/** Drops the user's version: a shipped CLS comes back as shipped, a created one disappears. */
	async remove(id: string): Promise<void> {
		await this.store.remove(id);
		this.edits = this.edits.filter((e) => e.id !== id);
		this.list = mergeWithShipped(SHIPPED_CLS, this.edits);
	}
}

let shared: ClsRegistry | null = null;

/** The page's registry, on IndexedDB when the browser has it (in memory otherwise). */
export function clsRegistry(): ClsRegistry {
	shared ??= new ClsRegistry(globalThis.indexedDB ? new IndexedDbClsStore() : new MemoryClsStore());
	void shared.load();
	return shared;
}
