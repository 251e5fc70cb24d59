import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openNodeAtlas } from '../../../src/lib/data/engine/node';
import type { FileDb } from '../../../src/lib/data/engine/connector';
import { ImportError, importOfficialFile } from '../../../src/lib/data/imports/imports';
import { MAX_COLUMNS, reason } from '../../../src/lib/data/imports/import-kit';
import { importGenericFile, previewGenericFile } from '../../../src/lib/data/imports/generic-import';
import type { UserFileSpec } from '../../../src/lib/indicators/user';

// Hostile files for the importers, built here (fictitious values, test content only).
let db: FileDb;
beforeAll(async () => {
	db = await openNodeAtlas();
});
afterAll(() => db?.close());

const encode = (text: string) => new TextEncoder().encode(text);
async function refusal(run: () => Promise<unknown>): Promise<string> {
	const error = await run().then(
		() => null,
		(e: unknown) => e
	);
	expect(error).toBeInstanceOf(ImportError);
	return (error as Error).message;
}

describe('a file too wide', () => {
	const wide = (columns: number) =>
		encode(`${Array.from({ length: columns }, (_, i) => `col${i}`).join(';')}\n${Array.from({ length: columns }, (_, i) => (i === 0 ? '46102' : String(i))).join(';')}\n`);

	it('of 10,000 columns is refused before reading, by both importers, with the limits stated', async () => {
		const messages = [await refusal(() => previewGenericFile(db, wide(10_000), 'large.csv')), await refusal(() => importOfficialFile(db, wide(10_000), 'large.csv'))];
		for (const message of messages) expect(message).toMatch(/^« large\.csv » a 10\u202f000 colonnes : l’atlas en lit au plus 500 \(et (200 Mo par fichier|1 Go pour un fichier officiel, 200 Mo pour tout autre)\)/);
		// The engine was never given the file.
		expect((await db.query("SELECT count(*)::INTEGER AS n FROM duckdb_tables() WHERE table_name LIKE 'generic_%' OR table_name LIKE 'import_%'")).get(0)!.toJSON().n).toBe(0);
	});

	it('of a single line longer than 256 Kio is refused too; one of the limit’s width is read', async () => {
		const line = encode(`code;${'x'.repeat(300 * 1024)}`);
		expect(await refusal(() => previewGenericFile(db, line, 'ligne.csv'))).toMatch(/première ligne dépasse 256 Kio/);
		const preview = await previewGenericFile(db, wide(MAX_COLUMNS), 'juste.csv');
		expect(preview.columns).toHaveLength(MAX_COLUMNS);
		expect(preview.sample[0][0]).toBe('46102');
	});
});

describe('markup in a file', () => {
	const spec: UserFileSpec = {
		codeColumn: 0,
		level: 'commune',
		name: '<script>alert(1)</script> balises',
		source: '<b>Source</b>',
		millesime: '2024',
		values: [{ column: 1, label: '<img src=x onerror=alert(1)>', kind: 'count', weight: 'population', unit: 'u' }]
	};
	const file = encode('code;<b class="x">valeur</b>;<script>alert(2)</script>\n46102;12;<a href="x">y</a>\n46042;3;"<img src=""x"" onerror=""alert(1)"">"\n');

	it('is read as text: header, cells and the values kept', async () => {
		const preview = await previewGenericFile(db, file, 'balises.csv');
		expect(preview.columns[2]).toBe('<script>alert(2)</script>');
		expect(preview.sample[0]).toEqual(['46102', '12', '<a href="x">y</a>']);
		expect(preview.sample[1][2]).toBe('<img src="x" onerror="alert(1)">');
		const report = await importGenericFile(db, file, 'balises.csv', spec, 'user_test_balises');
		expect(report).toMatchObject({ rowsRead: 2, territories: 2 });
		const rows = (await db.query('SELECT code, v1_num FROM user_test_balises ORDER BY code')).toArray().map((r) => r.toJSON());
		expect(rows).toEqual([
			{ code: '46042', v1_num: 3 },
			{ code: '46102', v1_num: 12 }
		]);
	});
});

describe('a DuckDB error said to a user', () => {
	it('is French, with DuckDB’s original on a detail line', () => {
		expect(reason(new Error('Out of Memory Error: Allocation failure'))).toBe(
			'la mémoire du navigateur ne suffit pas pour ce fichier.\nDétail (DuckDB) : Out of Memory Error: Allocation failure'
		);
		expect(reason(new Error('Invalid Input Error: Error when sniffing file "x.csv".\nIt was not possible…'))).toMatch(
			/^il n’a pas pu être lu comme un tableau CSV .*\nDétail \(DuckDB\) : Invalid Input Error: Error when sniffing file "x\.csv"\.$/
		);
		expect(reason('Something new')).toBe('le moteur DuckDB l’a refusé.\nDétail (DuckDB) : Something new');
	});
});
