import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openNodeAtlas } from '../../../src/lib/data/engine/node';
import type { FileDb } from '../../../src/lib/data/engine/connector';
import { ImportError, MAX_IMPORT_BYTES, MAX_OFFICIAL_BYTES, NO_LIMIT, OFFICIAL_LIMIT, importOfficialFile, sizeRefusal } from '../../../src/lib/data/imports/imports';

// The importer the app runs in the browser (duckdb-wasm), here on the Node engine with the atlas's own
// communes and cog_passage, on fixtures with fictitious counts in INSEE's layout (test/fixtures/population-ages/README.md).
const VARIANTS = join(import.meta.dirname, '../../fixtures/population-ages');
let db: FileDb;

beforeAll(async () => {
	db = await openNodeAtlas();
});
afterAll(() => db?.close());

const bytesOf = (file: string) => new Uint8Array(readFileSync(join(VARIANTS, file)));
const importOf = (file: string, table = 'population_ages') => importOfficialFile(db, bytesOf(file), file, { table });
async function refusal(file: string, table?: string): Promise<string> {
	const error = await importOf(file, table).then(
		() => null,
		(e: unknown) => e
	);
	expect(error).toBeInstanceOf(ImportError);
	return (error as Error).message;
}
const tableRows = async (table: string) => (await db.query(`SELECT * FROM ${table} ORDER BY code`)).toArray().map((r) => r.toJSON());

describe('import of an official file (shared by the browser and the pipeline)', () => {
	it('recognises the INSEE base by its header and reports rows, remapped, unknown and duplicated codes', async () => {
		const report = await importOf('base-cc-evol-struct-pop-2021-cauvaldor.csv', 'ages_cauvaldor');
		expect(report).toMatchObject({ table: 'population_ages', annee: 2021, rowsRead: 10, duplicates: ['46003'], unknown: ['97501'], remapped: ['46048', '46298'], merged: 2 });
		// The first line of 46003 is kept, the second (P21_POP0014 = 999) is not.
		const alvignac = (await tableRows('ages_cauvaldor')).find((r) => r.code === '46003')!;
		expect(alvignac.age_0014).toBe(101.5);
		// Sousceyrac-en-Quercy (46311) = its own line + its former commune 46048.
		const sousceyrac = (await tableRows('ages_cauvaldor')).find((r) => r.code === '46311')!;
		expect(sousceyrac.age_0014).toBe(60 + 20);
	});

	it('keeps secret (« s ») and blank cells as missing, and counts them', async () => {
		const report = await importOf('secret.csv', 'ages_secret');
		expect(report.missingCells).toBe(2);
		const row = (await tableRows('ages_secret')).find((r) => r.code === '46172')!;
		expect([row.age_6074, row.age_7589, row.age_90p]).toEqual([86.4553, null, null]);
	});

	it('sums the IRIS base to its communes: 0–24 and 65+ from its columns, 75+ in one band, the first line of a doubled IRIS kept', async () => {
		const file = 'base-ic-evol-struct-pop-2021-iris.csv';
		const report = await importOf(file, 'ages_iris');
		expect(report).toMatchObject({ table: 'population_ages', annee: 2021, rowsRead: 9, duplicates: ['460420102'], unknown: ['97501'], remapped: ['46048'] });
		expect(report.notes[0]).toMatch(/^IRIS sommés par commune/);
		// Expected sums read from the file by hand: the lines of Cahors (46042), the doubled IRIS once.
		const lines = readFileSync(join(VARIANTS, file), 'utf8').replace(/^\uFEFF/, '').trim().split(/\r?\n/).map((l) => l.split(';'));
		const [header, ...data] = lines;
		const at = (name: string) => header.indexOf(name);
		const seen = new Set<string>();
		const cahors = data.filter((l) => l[1] === '46042' && !seen.has(l[0]) && seen.add(l[0]));
		expect(cahors).toHaveLength(3);
		const sum = (names: string[]) => cahors.reduce((s, l) => s + names.reduce((t, n) => t + Number(l[at(n)]), 0), 0);
		const row = (await tableRows('ages_iris')).find((r) => r.code === '46042')!;
		expect(row.pop).toBeCloseTo(sum(['P21_POP']), 6);
		expect(row.age_0024).toBeCloseTo(sum(['P21_POP0002', 'P21_POP0305', 'P21_POP0610', 'P21_POP1117', 'P21_POP1824']), 6);
		expect(row.age_65p).toBeCloseTo(sum(['P21_POP65P']), 6);
		expect(row.age_75p).toBeCloseTo(sum(['P21_POP75P']), 6);
		expect(row.h_75p).toBeCloseTo(sum(['P21_H75P']), 6);
		// The IRIS base has no 75–89 / 90+ split.
		expect([row.age_7589, row.age_90p, row.h_7589]).toEqual([null, null, null]);
	});

	it('gives 65+ from the commune base’s men and women, 75+ as 75–89 plus 90+, and says why 0–24 is missing', async () => {
		const report = await importOf('base-cc-evol-struct-pop-2021-cauvaldor.csv', 'ages_groups');
		expect(report.notes).toContain(
			'part des moins de 25 ans non calculable : le fichier n’a pas les tranches fines de 0 à 24 ans (la base communale ne les donne pas ; la base IRIS « base-ic-evol-struct-pop » les donne)'
		);
		const row = (await tableRows('ages_groups')).find((r) => r.code === '46011')!;
		// The fixture's line of 46011: H65P 62.376, F65P 67.574; 7589 60.5, 90P 6.75.
		expect(row.age_65p).toBeCloseTo(62.376 + 67.574, 9);
		expect(row.age_75p).toBeCloseTo(60.5 + 6.75, 9);
		expect(row.age_0024).toBeNull();
	});

	it('refuses, in French and before touching any table: another format, text where a count is expected, an empty or too big file', async () => {
		await importOf('no-sex.csv', 'ages_kept');
		const before = await tableRows('ages_kept');
		expect(await refusal('not-insee.csv', 'ages_kept')).toMatch(/^Format non reconnu : not-insee\.csv\. En-tête lu : « code ; valeur »\. Formats acceptés : INSEE « base-cc-evol-struct-pop »/);
		expect(await refusal('text-count.csv', 'ages_kept')).toBe('text-count.csv, ligne 3 : effectif invalide « soixante-dix » dans la colonne « P21_POP0014 »');
		expect(await refusal('empty.csv', 'ages_kept')).toBe('Fichier vide : empty.csv');
		expect(await tableRows('ages_kept')).toEqual(before);
		expect(sizeRefusal(MAX_IMPORT_BYTES + 1, 'gros.csv')).toBe('Fichier trop volumineux : gros.csv (200 Mo ; limite 200 Mo)');
		expect(sizeRefusal(MAX_IMPORT_BYTES, 'gros.csv')).toBeNull();
		expect(sizeRefusal(MAX_IMPORT_BYTES + 1, 'ans.csv', OFFICIAL_LIMIT)).toBeNull();
		expect(sizeRefusal(MAX_OFFICIAL_BYTES + 1, 'ans.csv', OFFICIAL_LIMIT)).toBe('Fichier trop volumineux : ans.csv (1024 Mo ; limite 1 Go)');
		expect(sizeRefusal(MAX_OFFICIAL_BYTES + 1, 'ans.csv', NO_LIMIT)).toBeNull();
	});

	it('reads a Blob (the browser’s File) like bytes, and refuses by size before reading a byte of it', async () => {
		const file = 'base-cc-evol-struct-pop-2021-cauvaldor.csv';
		const fromBlob = await importOfficialFile(db, new Blob([bytesOf(file)]), file, { table: 'ages_blob' });
		const fromBytes = await importOf(file, 'ages_bytes');
		expect(fromBlob).toEqual(fromBytes);
		expect(await tableRows('ages_blob')).toEqual(await tableRows('ages_bytes'));
		// A Blob that fails when read: refusals on size alone never touch it.
		const unread = (size: number) => ({ size, slice: () => { throw new Error('read'); }, arrayBuffer: () => Promise.reject(new Error('read')) }) as unknown as Blob;
		const tooBig = await importOfficialFile(db, unread(MAX_OFFICIAL_BYTES + 1), 'ans-enorme.txt').catch((e: unknown) => e);
		expect((tooBig as Error).message).toBe('Fichier trop volumineux : ans-enorme.txt (1024 Mo ; limite 1 Go)');
		// A workbook is read whole: above the memory limit it is refused once its first bytes say it is one.
		const zip = new Uint8Array(MAX_IMPORT_BYTES + 1);
		zip.set([0x50, 0x4b, 0x03, 0x04]);
		const workbook = await importOfficialFile(db, zip, 'apl.xlsx').catch((e: unknown) => e);
		expect((workbook as Error).message).toBe('Fichier trop volumineux : apl.xlsx (200 Mo ; limite 200 Mo)');
	});
});
