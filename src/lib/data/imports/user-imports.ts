/**
 * The user's own datasets: official files imported on /donnees, and any other CSV/TSV with a code column
 * described by the user (`generic-import.ts`), kept in IndexedDB with that description (the file itself,
 * so a new version of the app re-reads it with its own rules) and re-imported into the page's engine
 * on each page load. Browser only (tests give a store of their own).
 */
import { done, promisify } from '../storage/store';
import type { AtlasData } from '../engine/atlas';
import { hasArtefact } from '../engine/artefacts';
import type { FileDb } from '../engine/connector';
import { COMMUNES_TABLE, ImportError, OFFICIAL_LIMIT, PASSAGE_TABLE, SPLITS_TABLE, commitImport, dropTable, importOfficialFile, sizeRefusal, type ImportReport } from './imports';
import { genericTables, importGenericFile, type GenericReport, type OnProgress } from './generic-import';
import { userTableName, type UserFileSpec } from '../../indicators/user';

interface StoredBase {
	/** The table it makes (one file per table). */
	table: string;
	fileName: string;
	size: number;
	/** ISO date of the import. */
	importedAt: string;
	file: Blob;
}

/** An official file, recognised by its header (entries written before generic files existed have no `kind`). */
export interface StoredOfficial extends StoredBase {
	kind?: 'official';
	report: ImportReport;
}

/** A file of the user's own, with what the user said of it. */
export interface StoredGeneric extends StoredBase {
	kind: 'generic';
	spec: UserFileSpec;
	report: GenericReport;
}

export type StoredImport = StoredOfficial | StoredGeneric;

/** An import as the page shows it; `error` when a stored file no longer imports (kept until removed). */
export type UserImport = (Omit<StoredOfficial, 'file'> | Omit<StoredGeneric, 'file'>) & { error: string | null };

/** Where the files are kept: IndexedDB in the browser; tests give one of their own. */
export interface ImportStore {
	all(): Promise<StoredImport[]>;
	put(entry: StoredImport): Promise<void>;
	delete(table: string): Promise<void>;
}

/** The page's engine and tables, as an import needs them. */
export type ImportData = Pick<AtlasData, 'manifest' | 'tables' | 'engine'>;

export type { ImportProgress, OnProgress } from './generic-import';

const DB_NAME = 'cls-atlas-imports';
const STORE = 'files';
/** Where an import is read before it replaces its table. */
const CANDIDATE = 'import_candidate';

/** The browser's storage errors, in French: a full quota leaves what was kept before as it was. */
export function storageFailure(error: unknown): unknown {
	const name = error instanceof Error || (typeof DOMException !== 'undefined' && error instanceof DOMException) ? (error as Error).name : '';
	if (name === 'QuotaExceededError')
		return new ImportError('Espace de stockage du navigateur plein : le fichier n’a pas pu être gardé, et vos imports précédents sont intacts. Supprimez des imports ou libérez de la place.');
	return error;
}

class IndexedDbImportStore implements ImportStore {
	private idb: Promise<IDBDatabase> | null = null;

	private open(): Promise<IDBDatabase> {
		this.idb ??= new Promise((resolve, reject) => {
			if (!globalThis.indexedDB) return reject(new ImportError('Ce navigateur ne permet pas de garder des fichiers (IndexedDB indisponible).'));
			const req = indexedDB.open(DB_NAME, 1);
			req.onupgradeneeded = () => req.result.createObjectStore(STORE, { keyPath: 'table' });
			req.onsuccess = () => resolve(req.result);
			req.onerror = () => reject(req.error);
			req.onblocked = () => reject(new ImportError('Stockage des fichiers bloqué par un autre onglet de l’atlas.'));
		});
		return this.idb;
	}

	async all(): Promise<StoredImport[]> {
		if (!globalThis.indexedDB) return [];
		const db = await this.open();
		return (await promisify(db.transaction(STORE, 'readonly').objectStore(STORE).getAll())) as StoredImport[];
	}

	private async write(change: (store: IDBObjectStore) => void): Promise<void> {
		const tx = (await this.open()).transaction(STORE, 'readwrite');
		change(tx.objectStore(STORE));
		try {
			await done(tx);
		} catch (error) {
			throw storageFailure(error);
		}
	}

	put(entry: StoredImport): Promise<void> {
		return this.write((store) => store.put(entry));
	}

	delete(table: string): Promise<void> {
		return this.write((store) => store.delete(table));
	}
}

let store: ImportStore = new IndexedDbImportStore();

/** Replaces the store (tests); returns the previous one. */
export function useImportStore(next: ImportStore): ImportStore {
	const previous = store;
	store = next;
	return previous;
}

/** The engine with the tables an import joins on. */
async function importDb(data: ImportData, tables: (passage: boolean) => string[] = (passage) => (passage ? [COMMUNES_TABLE, PASSAGE_TABLE, SPLITS_TABLE] : [COMMUNES_TABLE])): Promise<{ db: FileDb; passage: boolean }> {
	const passage = hasArtefact(data.manifest, PASSAGE_TABLE);
	await data.tables.ensure(tables(passage).filter((t) => hasArtefact(data.manifest, t)));
	return { db: await data.engine, passage };
}

/** Imports run one at a time: each uses the engine's staging tables. */
let queue: Promise<unknown> = Promise.resolve();
function serially<T>(run: () => Promise<T>): Promise<T> {
	const next = queue.then(run);
	queue = next.catch(() => undefined);
	return next;
}

const restored = new WeakMap<ImportData, Promise<UserImport[]>>();

/**
 * Reads a stored or chosen file again into the candidate table. An official file goes to the engine as it is
 * (a handle the worker reads by slices, up to OFFICIAL_LIMIT); a generic one is read into memory first.
 */
async function readInto(data: ImportData, entry: StoredImport | { kind: 'generic'; spec: UserFileSpec } | { kind?: 'official' }, file: Blob, fileName: string, progress?: OnProgress) {
	if (entry.kind === 'generic') {
		const bytes = await readBytes(file, progress, 0.3);
		const { db, passage } = await importDb(data, (p) => genericTables(entry.spec.level, p));
		return { kind: 'generic' as const, report: await importGenericFile(db, bytes, fileName, entry.spec, CANDIDATE, { passage, progress }) };
	}
	const { db, passage } = await importDb(data);
	progress?.({ fraction: 0.3, stage: 'Lecture et contrôle par le moteur de données' });
	return { kind: 'official' as const, report: await importOfficialFile(db, file, fileName, { passage, table: CANDIDATE }) };
}

/** The stored imports, re-imported once per page load into its engine (a shipped table of the same name is replaced). */
export function userImports(data: ImportData): Promise<UserImport[]> {
	let pending = restored.get(data);
	if (!pending) {
		pending = serially(async () => {
			const stored = await store.all();
			if (stored.length === 0) return [];
			const db = await data.engine;
			const out: UserImport[] = [];
			for (const { file, ...entry } of stored) {
				if (hasArtefact(data.manifest, entry.table)) await data.tables.ensure([entry.table]);
				try {
					const read = await readInto(data, entry as StoredImport, file, entry.fileName);
					await commitImport(db, CANDIDATE, entry.table);
					out.push({ ...entry, ...read, error: null } as UserImport);
				} catch (error) {
					await dropTable(db, CANDIDATE);
					out.push({ ...entry, error: error instanceof Error ? error.message : String(error) } as UserImport);
				}
			}
			return out.sort((a, b) => a.table.localeCompare(b.table));
		});
		restored.set(data, pending);
	}
	return pending;
}

/** What the user said of each generic file kept in the browser, without reading the files (cheap: for the catalogue at page load). */
export async function storedSpecs(): Promise<{ table: string; fileName: string; spec: UserFileSpec }[]> {
	return (await store.all()).flatMap((s) => (s.kind === 'generic' ? [{ table: s.table, fileName: s.fileName, spec: s.spec }] : []));
}

/** Whether the page's engine holds a user's import of `table`. */
export async function hasUserImport(data: ImportData, table: string): Promise<boolean> {
	return (await userImports(data)).some((i) => i.table === table && i.error === null);
}

/** The bytes of a file, read in chunks so that the progress bar moves (0 → `upTo`). */
async function readBytes(file: Blob, progress: OnProgress | undefined, upTo: number): Promise<Uint8Array> {
	if (!progress || typeof file.stream !== 'function') return new Uint8Array(await file.arrayBuffer());
	const out = new Uint8Array(file.size);
	const reader = file.stream().getReader();
	let at = 0;
	for (;;) {
		const { done: end, value } = await reader.read();
		if (end) break;
		out.set(value, at);
		at += value.byteLength;
		progress({ fraction: (upTo * at) / Math.max(file.size, 1), stage: `Lecture du fichier (${Math.round((100 * at) / Math.max(file.size, 1))} %)` });
	}
	return out.subarray(0, at);
}

/**
 * Imports one file: refused (ImportError, French) before reading when empty or too big, when its header
 * is of no known format (`UnknownFormatError`: the page then asks the user to describe it, `spec`),
 * when a file of the same dataset is already imported, or when the browser cannot keep it.
 * Nothing imported before changes unless the new file is valid and stored.
 */
export function importUserFile(data: ImportData, file: File, spec?: UserFileSpec, progress?: OnProgress): Promise<UserImport> {
	// A generic file is read into memory; an official one is recognised by its header and read by slices.
	const refusal = sizeRefusal(file.size, file.name, spec ? undefined : OFFICIAL_LIMIT);
	if (refusal) return Promise.reject(new ImportError(refusal));
	const before = userImports(data);
	return serially(async () => {
		const current = await before;
		const stored = await store.all();
		// Read under a candidate name: the table in use stays until the file is known good and kept.
		const read = await readInto(data, spec ? { kind: 'generic', spec } : {}, file, file.name, progress);
		const db = await data.engine;
		const table = read.kind === 'generic' ? userTableName(spec!.name, new Set(stored.map((s) => s.table))) : read.report.table;
		const entry = { table, fileName: file.name, size: file.size, importedAt: new Date().toISOString() };
		try {
			if (read.kind === 'official') {
				const report = read.report;
				const previous = stored.find((s): s is StoredOfficial => s.table === table && s.kind !== 'generic');
				if (previous)
					throw new ImportError(
						previous.report.annee === report.annee
							? `« ${file.name} » : ce jeu de données (${report.dataset}, ${report.annee}) est déjà importé depuis « ${previous.fileName} ».`
							: `« ${file.name} » : un autre millésime de ce jeu de données (${previous.report.annee}, « ${previous.fileName} ») est déjà importé : supprimez-le avant d’importer ${report.annee}.`
					);
			}
			progress?.({ fraction: 0.95, stage: 'Enregistrement dans ce navigateur' });
			await store.put(read.kind === 'generic' ? { ...entry, kind: 'generic', spec: spec!, report: read.report, file } : { ...entry, kind: 'official', report: read.report, file });
		} catch (error) {
			await dropTable(db, CANDIDATE);
			throw error;
		}
		if (hasArtefact(data.manifest, table)) await data.tables.ensure([table]);
		await commitImport(db, CANDIDATE, table);
		const added = (read.kind === 'generic' ? { ...entry, kind: 'generic', spec: spec!, report: read.report, error: null } : { ...entry, kind: 'official', report: read.report, error: null }) as UserImport;
		restored.set(data, Promise.resolve([...current.filter((i) => i.table !== table), added]));
		progress?.({ fraction: 1, stage: 'Terminé' });
		return added;
	});
}

/** Forgets an import: the file leaves the browser and its table the engine. */
export function removeUserImport(data: ImportData, table: string): Promise<void> {
	return serially(async () => {
		await store.delete(table);
		await dropTable(await data.engine, table);
		const current = (await restored.get(data)) ?? [];
		restored.set(data, Promise.resolve(current.filter((i) => i.table !== table)));
	});
}
