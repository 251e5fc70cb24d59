/**
 * The user's own datasets: official files imported on /donnees, kept in IndexedDB (the file itself,
 * so a new version of the app re-reads it with its own rules) and re-imported into the page's engine
 * on each page load. Browser only.
 */
import { done, promisify } from '../cls/store';
import type { AtlasData } from './atlas';
import { hasArtefact } from './artefacts';
import type { FileDb } from './connector';
import { COMMUNES_TABLE, ImportError, PASSAGE_TABLE, commitImport, dropTable, importOfficialFile, sizeRefusal, type ImportReport } from './imports';

export interface StoredImport {
	/** The table it makes (one file per table). */
	table: string;
	fileName: string;
	size: number;
	/** ISO date of the import. */
	importedAt: string;
	file: Blob;
	report: ImportReport;
}

/** An import as the page shows it; `error` when a stored file no longer imports (kept until removed). */
export interface UserImport extends Omit<StoredImport, 'file'> {
	error: string | null;
}

const DB_NAME = 'cls-atlas-imports';
const STORE = 'files';
/** Where an import is read before it replaces its table. */
const CANDIDATE = 'import_candidate';

let idb: Promise<IDBDatabase> | null = null;

function open(): Promise<IDBDatabase> {
	idb ??= new Promise((resolve, reject) => {
		if (!globalThis.indexedDB) return reject(new ImportError('Ce navigateur ne permet pas de garder des fichiers (IndexedDB indisponible).'));
		const req = indexedDB.open(DB_NAME, 1);
		req.onupgradeneeded = () => req.result.createObjectStore(STORE, { keyPath: 'table' });
		req.onsuccess = () => resolve(req.result);
		req.onerror = () => reject(req.error);
		req.onblocked = () => reject(new ImportError('Stockage des fichiers bloqué par un autre onglet de l’atlas.'));
	});
	return idb;
}

async function storedImports(): Promise<StoredImport[]> {
	const db = await open();
	return (await promisify(db.transaction(STORE, 'readonly').objectStore(STORE).getAll())) as StoredImport[];
}

async function write(change: (store: IDBObjectStore) => void): Promise<void> {
	const tx = (await open()).transaction(STORE, 'readwrite');
	change(tx.objectStore(STORE));
	try {
		await done(tx);
	} catch (error) {
		if (error instanceof DOMException && error.name === 'QuotaExceededError')
			throw new ImportError('Espace de stockage du navigateur plein : le fichier n’a pas pu être gardé. Supprimez des imports ou libérez de la place.');
		throw error;
	}
}

/** The engine with the tables an import joins on. */
async function importDb(data: AtlasData): Promise<{ db: FileDb; passage: boolean }> {
	const passage = hasArtefact(data.manifest, PASSAGE_TABLE);
	await data.tables.ensure(passage ? [COMMUNES_TABLE, PASSAGE_TABLE] : [COMMUNES_TABLE]);
	return { db: await data.engine, passage };
}

/** Imports run one at a time: each uses the engine's staging tables. */
let queue: Promise<unknown> = Promise.resolve();
function serially<T>(run: () => Promise<T>): Promise<T> {
	const next = queue.then(run);
	queue = next.catch(() => undefined);
	return next;
}

const restored = new WeakMap<AtlasData, Promise<UserImport[]>>();

/** The stored imports, re-imported once per page load into its engine (a shipped table of the same name is replaced). */
export function userImports(data: AtlasData): Promise<UserImport[]> {
	let pending = restored.get(data);
	if (!pending) {
		pending = serially(async () => {
			const stored = globalThis.indexedDB ? await storedImports() : [];
			if (stored.length === 0) return [];
			const { db, passage } = await importDb(data);
			const out: UserImport[] = [];
			for (const { file, ...entry } of stored) {
				if (hasArtefact(data.manifest, entry.table)) await data.tables.ensure([entry.table]);
				try {
					const report = await importOfficialFile(db, new Uint8Array(await file.arrayBuffer()), entry.fileName, { passage, table: CANDIDATE });
					await commitImport(db, CANDIDATE, entry.table);
					out.push({ ...entry, report, error: null });
				} catch (error) {
					out.push({ ...entry, error: error instanceof Error ? error.message : String(error) });
				}
			}
			return out.sort((a, b) => a.table.localeCompare(b.table));
		});
		restored.set(data, pending);
	}
	return pending;
}

/** Whether the page's engine holds a user's import of `table`. */
export async function hasUserImport(data: AtlasData, table: string): Promise<boolean> {
	return (await userImports(data)).some((i) => i.table === table && i.error === null);
}

/**
 * Imports one file: refused (ImportError, French) before reading when empty or too big, when its header
 * is of no known format, when a file of the same dataset is already imported, or when the browser cannot
 * keep it. Nothing imported before changes unless the new file is valid and stored.
 */
export function importUserFile(data: AtlasData, file: File): Promise<UserImport> {
	const refusal = sizeRefusal(file.size, file.name);
	if (refusal) return Promise.reject(new ImportError(refusal));
	const before = userImports(data);
	return serially(async () => {
		const current = await before;
		const { db, passage } = await importDb(data);
		// Read under a candidate name: the table in use stays until the file is known good and kept.
		const report = await importOfficialFile(db, new Uint8Array(await file.arrayBuffer()), file.name, { passage, table: CANDIDATE });
		const { table } = report;
		try {
			const previous = (await storedImports()).find((s) => s.table === table);
			if (previous)
				throw new ImportError(
					previous.report.annee === report.annee
						? `« ${file.name} » : ce jeu de données (${report.dataset}, ${report.annee}) est déjà importé depuis « ${previous.fileName} ».`
						: `« ${file.name} » : un autre millésime de ce jeu de données (${previous.report.annee}, « ${previous.fileName} ») est déjà importé : supprimez-le avant d’importer ${report.annee}.`
				);
			await write((store) => store.put({ table, fileName: file.name, size: file.size, importedAt: new Date().toISOString(), file, report } satisfies StoredImport));
		} catch (error) {
			await dropTable(db, CANDIDATE);
			throw error;
		}
		if (hasArtefact(data.manifest, table)) await data.tables.ensure([table]);
		await commitImport(db, CANDIDATE, table);
		const added: UserImport = { table, fileName: file.name, size: file.size, importedAt: new Date().toISOString(), report, error: null };
		restored.set(data, Promise.resolve([...current.filter((i) => i.table !== table), added]));
		return added;
	});
}

/** Forgets an import: the file leaves the browser and its table the engine. */
export function removeUserImport(data: AtlasData, table: string): Promise<void> {
	return serially(async () => {
		await write((store) => store.delete(table));
		await dropTable(await data.engine, table);
		const current = (await restored.get(data)) ?? [];
		restored.set(data, Promise.resolve(current.filter((i) => i.table !== table)));
	});
}
