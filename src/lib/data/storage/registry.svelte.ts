/**
 * The CLS of the app (shipped, then the user's edits read from IndexedDB), as Svelte 5 state
 * shared by the /cls pages. Every write goes through the store, which validates before writing.
 *
 * Several tabs may edit the same CLS: a save writes only what this tab changed (the store merges it
 * into what another tab saved meanwhile, and the user is asked when both changed the same field),
 * and every write is announced on a BroadcastChannel so the other tabs reload the edits.
 */
import { SHIPPED_CLS } from '../../register/register';
import { uniqueId } from '../../register/edit';
import { ClsConflictError, ClsExistsError, IndexedDbClsStore, MemoryClsStore, editKind, mergeWithShipped, type ClsStore } from './store';
import type { Cls } from '../../register/schema';

const CHANNEL = 'cls-atlas-edits';

const takenIds = (list: readonly Cls[]): ReadonlySet<string> => new Set(list.map((c) => c.id));

/** What the other tabs are told: which CLS changed (they reload the edits). */
export interface ClsChannel {
	postMessage(message: { ids: string[] }): void;
}

export class ClsRegistry {
	/** Shipped CLS with the user's edits applied, then the CLS the user created. */
	list = $state.raw<Cls[]>([...SHIPPED_CLS]);
	edits = $state.raw<Cls[]>([]);
	/** Stored entries that no longer validate: set aside, never shown as data. */
	rejected = $state.raw<{ id: string; errors: string[] }[]>([]);
	loaded = $state(false);
	error = $state<string | null>(null);
	/** Said once after another tab's change was merged into this tab's save (or shown here). */
	notice = $state<string | null>(null);
	/** Version of each stored CLS as this tab last read or wrote it. */
	private versions: Record<string, number> = {};
	private loading: Promise<void> | null = null;

	constructor(
		private readonly store: ClsStore,
		private readonly channel: ClsChannel | null = null,
		/** Asks the user a yes/no question (OK: keep this tab's version). */
		private readonly ask: (question: string) => boolean = (q) => globalThis.confirm?.(q) ?? false
	) {}

	load(): Promise<void> {
		this.loading ??= this.refresh();
		return this.loading;
	}

	/** Reads the stored edits again (another tab saved). */
	refresh(): Promise<void> {
		return this.store
			.loadEdits()
			.then(({ edits, versions, rejected }) => {
				this.edits = edits;
				this.versions = versions;
				this.rejected = rejected;
				this.list = mergeWithShipped(SHIPPED_CLS, edits);
				this.error = null;
			})
			.catch((e: unknown) => {
				this.error = `Les modifications enregistrées n’ont pas pu être lues : ${e instanceof Error ? e.message : String(e)}`;
			})
			.finally(() => (this.loaded = true));
	}

	get(id: string): Cls | undefined {
		return this.list.find((c) => c.id === id);
	}

	kind(id: string): 'livré' | 'modifié' | 'créé' {
		return editKind(SHIPPED_CLS, id, this.edits);
	}

	private show(saved: readonly { cls: Cls; version: number }[]) {
		const ids = saved.map((s) => s.cls.id);
		for (const s of saved) this.versions[s.cls.id] = s.version;
		this.edits = [...this.edits.filter((e) => !ids.includes(e.id)), ...saved.map((s) => s.cls)];
		this.list = mergeWithShipped(SHIPPED_CLS, this.edits);
		this.channel?.postMessage({ ids });
	}

	/** Replaces CLS as a whole (import: validated by the store, all or nothing) and shows them. */
	async saveAll(list: readonly Cls[]): Promise<void> {
		await this.store.saveAll(list);
		await this.refresh();
		this.channel?.postMessage({ ids: list.map((c) => c.id) });
	}

	/**
	 * Saves an edit of a CLS shown by this tab (or creates it): only what changed since this tab read it
	 * is written. Resolves with the CLS as saved (merged with another tab's changes, or renamed when
	 * another tab created the same id).
	 */
	async save(cls: Cls): Promise<Cls> {
		const base = this.get(cls.id);
		if (!base) return this.create(cls);
		const shipped = SHIPPED_CLS.find((c) => c.id === cls.id);
		const update = { base, next: cls, version: this.versions[cls.id] ?? 0, shipped };
		let saved;
		try {
			saved = await this.store.update(update);
		} catch (e) {
			if (!(e instanceof ClsConflictError)) throw e;
			const mine = this.ask(`${e.message}\n\nOK : garder votre version de ces champs.\nAnnuler : garder celle de l’autre onglet.`);
			saved = await this.store.update({ ...update, prefer: mine ? 'mine' : 'theirs' });
		}
		this.notice = saved.merged ? 'Ce CLS avait été modifié dans un autre onglet : vos changements y ont été ajoutés.' : null;
		this.show([saved]);
		return saved.cls;
	}

	private async create(cls: Cls): Promise<Cls> {
		try {
			const saved = await this.store.create(cls);
			this.show([saved]);
			return saved.cls;
		} catch (e) {
			if (!(e instanceof ClsExistsError)) throw e;
			// Another tab created the same id: keep both, this one under a free id.
			await this.refresh();
			const id = uniqueId(cls.id, takenIds(this.list));
			const saved = await this.store.create({ ...cls, id });
			this.notice = `Un autre onglet a créé un CLS d’identifiant « ${cls.id} » : celui-ci est enregistré sous « ${id} ».`;
			this.show([saved]);
			return saved.cls;
		}
	}

	/** Drops the user's version: a shipped CLS comes back as shipped, a created one disappears. */
	async remove(id: string): Promise<void> {
		await this.store.remove(id);
		delete this.versions[id];
		this.edits = this.edits.filter((e) => e.id !== id);
		this.list = mergeWithShipped(SHIPPED_CLS, this.edits);
		this.channel?.postMessage({ ids: [id] });
	}
}

let shared: ClsRegistry | null = null;

/** The page's registry, on IndexedDB when the browser has it (in memory otherwise), kept in step with the other tabs. */
export function clsRegistry(): ClsRegistry {
	if (!shared) {
		const channel = typeof BroadcastChannel === 'undefined' ? null : new BroadcastChannel(CHANNEL);
		shared = new ClsRegistry(globalThis.indexedDB ? new IndexedDbClsStore() : new MemoryClsStore(), channel);
		const registry = shared;
		if (channel) channel.onmessage = () => void registry.refresh();
	}
	void shared.load();
	return shared;
}
