import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { MANIFEST_FILE, parseManifest } from '../engine/artefacts';
import { TableLoader } from '../engine/load';
import { DEFAULT_DATA_DIR, openNodeDb } from '../engine/node';
import type { DbConnector } from '../engine/connector';
import { DataSource } from './source';

/** `db`: the engine itself, for tests that check the layer's answers with their own SQL. */
export type NodeSource = DataSource & { db: DbConnector; close(): Promise<void> };

/**
 * A data source on the artefacts of `dataDir` in Node (tests, scripts): tables load on demand, as in
 * the browser. `extra`: more tables as Arrow IPC streams (test fixtures), created at once.
 */
export async function openNodeSource(dataDir = DEFAULT_DATA_DIR, extra: Record<string, Uint8Array> = {}): Promise<NodeSource> {
	const manifest = parseManifest(await readFile(join(dataDir, MANIFEST_FILE), 'utf8'));
	const db = await openNodeDb();
	for (const [table, bytes] of Object.entries(extra)) await db.insertArrowStream(table, bytes);
	const engine = Promise.resolve(db);
	const loader = new TableLoader(() => engine, manifest, async (file) => new Uint8Array(await readFile(join(dataDir, file))));
	return Object.assign(new DataSource(manifest, () => engine, loader, new Set(Object.keys(extra))), { db, close: () => db.close() });
}
