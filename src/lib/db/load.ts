import type { DbConnector } from './connector';
import { type Manifest, isGeometryTable, readArtefact } from './artefacts';

/**
 * Loads every tabular artefact of the manifest into DuckDB, one table each, named as in the manifest.
 * Files are fetched and checked in parallel; inserts then run one after the other (one connection).
 */
export async function loadTables(
	db: DbConnector,
	manifest: Manifest,
	read: (file: string) => Promise<Uint8Array>
): Promise<string[]> {
	const entries = manifest.artefacts.filter((a) => !isGeometryTable(a.table));
	const files = await Promise.all(entries.map((entry) => readArtefact(entry, read)));
	for (const [i, entry] of entries.entries()) {
		await db.insertArrowStream(entry.table, files[i]);
	}
	return entries.map((e) => e.table);
}
