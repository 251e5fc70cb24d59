import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openNodeAtlas, DEFAULT_DATA_DIR } from '../../../src/lib/data/engine/node';
import { MANIFEST_FILE, parseManifest } from '../../../src/lib/data/engine/artefacts';
import type { FileDb } from '../../../src/lib/data/engine/connector';
import { ImportError } from '../../../src/lib/data/imports/imports';
import { importUserFile, removeUserImport, storageFailure, storedSpecs, useImportStore, userImports, type ImportData, type ImportStore, type StoredImport } from '../../../src/lib/data/imports/user-imports';
import type { UserFileSpec } from '../../../src/lib/indicators/user';

// The browser's keeping of imports, with a store in memory standing for IndexedDB (one that can be
// full), on the Node engine; files of test/fixtures/user-files (fictitious values).
const FILES = join(import.meta.dirname, '../../fixtures/user-files');
let db: FileDb;
const manifest = parseManifest(readFileSync(join(DEFAULT_DATA_DIR, MANIFEST_FILE), 'utf8'));
beforeAll(async () => {
	db = await openNodeAtlas();
});
afterAll(() => db?.close());

class MemoryStore implements ImportStore {
	entries = new Map<string, StoredImport>();
	full = false;
	async all() {
		return [...this.entries.values()];
	}
	async put(entry: StoredImport) {
		if (this.full) throw storageFailure(Object.assign(new Error('quota'), { name: 'QuotaExceededError' }));
		this.entries.set(entry.table, entry);
	}
	async delete(table: string) {
		this.entries.delete(table);
	}
}


/** A page load: its own engine state seen through a new data object (the tables of the engine stay, as a reload re-imports them anyway). */
const pageLoad = (): ImportData => ({ manifest, tables: { ensure: async () => undefined }, engine: Promise.resolve(db) }) as unknown as ImportData;
const fileOf = (name: string) => new File([readFileSync(join(FILES, name))], name);
const SPEC: UserFileSpec = {
	codeColumn: 0,
	level: 'commune',
	name: 'Médecins fictifs',
	source: 'Test',
	millesime: '2024',
	values: [{ column: 2, label: 'Médecins', kind: 'count', weight: 'population', unit: '' }]
};
const sumOf = async (table: string) => Number((await db.query(`SELECT sum(v1_num) AS s FROM ${table}`)).toArray()[0].toJSON().s);

describe('imports kept in the browser', () => {
	it('keeps a generic file with its description, restores it at the next load, and a broken or unstorable file changes nothing', async () => {
		const store = new MemoryStore();
		const previous = useImportStore(store);
		try {
			const fractions: number[] = [];
			const added = await importUserFile(pageLoad(), fileOf('medecins-latin1.csv'), SPEC, (p) => fractions.push(p.fraction));
			expect(added).toMatchObject({ table: 'user_medecins_fictifs', kind: 'generic', error: null });
			expect(fractions.at(-1)).toBe(1);
			expect(fractions).toEqual([...fractions].sort((a, b) => a - b));
			const total = await sumOf('user_medecins_fictifs');
			expect((await storedSpecs()).map((s) => s.spec)).toEqual([SPEC]);

			// A 500 MB file: refused before a byte is read, with the limit said.
			const huge = { name: 'enorme.csv', size: 500 * 1024 * 1024, arrayBuffer: () => Promise.reject(new Error('read')), stream: () => { throw new Error('read'); } } as unknown as File;
			expect(((await importUserFile(pageLoad(), huge, SPEC).catch((e: unknown) => e)) as Error).message).toBe('Fichier trop volumineux : enorme.csv (500 Mo ; limite 200 Mo)');
			// An official file is read by slices: its limit is larger, and said.
			const hugeOfficial = { ...huge, name: 'ans-enorme.txt', size: 1536 * 1024 * 1024, slice: () => { throw new Error('read'); } } as unknown as File;
			expect(((await importUserFile(pageLoad(), hugeOfficial).catch((e: unknown) => e)) as Error).message).toBe('Fichier trop volumineux : ans-enorme.txt (1536 Mo ; limite 1 Go)');
			// A broken file after it: refused, the good one kept.
			const broken = await importUserFile(pageLoad(), fileOf('texte-dans-nombres.csv'), { ...SPEC, name: 'Cassé', values: [{ ...SPEC.values[0], column: 1 }] }).catch((e: unknown) => e);
			expect(broken).toBeInstanceOf(ImportError);
			// The storage full: a French message, nothing kept, the good one untouched.

			store.full = true;
			const full = await importUserFile(pageLoad(), fileOf('medecins-latin1.csv'), { ...SPEC, name: 'Autre nom' }).catch((e: unknown) => e);
			expect((full as Error).message).toMatch(/^Espace de stockage du navigateur plein/);
			store.full = false;
			expect([...store.entries.keys()]).toEqual(['user_medecins_fictifs']);

			// The next page load re-reads the kept file.
			await db.query('DROP TABLE user_medecins_fictifs');
			const restored = await userImports(pageLoad());
			expect(restored.map((i) => [i.table, i.error])).toEqual([['user_medecins_fictifs', null]]);
			expect(await sumOf('user_medecins_fictifs')).toBe(total);

			const load = pageLoad();
			await userImports(load);
			await removeUserImport(load, 'user_medecins_fictifs');
			expect(store.entries.size).toBe(0);
			expect(await storedSpecs()).toEqual([]);
		} finally {
			useImportStore(previous);
		}
	});
});
