import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openNodeAtlas } from '../../../src/lib/data/engine/node';
import type { FileDb, SqlParam } from '../../../src/lib/data/engine/connector';
import { ImportError } from '../../../src/lib/data/imports/imports';
import { detectDialect, genericReportLines, importGenericFile, previewGenericFile } from '../../../src/lib/data/imports/generic-import';
import { userIndicators, type UserFileSpec } from '../../../src/lib/indicators/user';
import { buildWorkbook } from '../../support/xlsx-fixture';
import { measureSql } from '../../../src/lib/data/queries/measure';

// The generic importer of /donnees on the Node engine with the atlas's communes and cog_passage,
// on fixtures with fictitious values (test/fixtures/user-files/README.md).
const FILES = join(import.meta.dirname, '../../fixtures/user-files');
let db: FileDb;
beforeAll(async () => {
	db = await openNodeAtlas();
});
afterAll(() => db?.close());

const bytesOf = (file: string) => new Uint8Array(readFileSync(join(FILES, file)));
const rowsOf = async (sql: string, params: readonly SqlParam[] = []) => (await db.query(sql, params)).toArray().map((r) => r.toJSON());
const MEDECINS: UserFileSpec = {
	codeColumn: 0,
	level: 'commune',
	name: 'Médecins fictifs',
	source: 'Test',
	millesime: '2024',
	values: [
		{ column: 2, label: 'Médecins', kind: 'count', weight: 'population', unit: 'médecins' },
		{ column: 3, label: 'Taux équipé', kind: 'rate', weight: 4, unit: '%' },
		{ column: 3, label: 'Taux pondéré par la population', kind: 'rate', weight: 'population', unit: '%' }
	]
};
async function refusal(run: () => Promise<unknown>): Promise<string> {
	const error = await run().then(
		() => null,
		(e: unknown) => e
	);
	expect(error).toBeInstanceOf(ImportError);
	return (error as Error).message;
}

describe('generic import of a user’s file', () => {
	it('detects Latin-1 and `;`, proposes the code column and the numeric ones', async () => {
		const bytes = bytesOf('medecins-latin1.csv');
		expect(detectDialect(bytes, 'm.csv')).toMatchObject({ encoding: 'latin-1', delimiter: ';', columns: ['Code commune', 'Libellé', 'Médecins', 'Taux équipé (%)', 'Ménages'] });
		const preview = await previewGenericFile(db, bytes, 'm.csv');
		expect(preview.codeColumns[0]).toMatchObject({ column: 0, level: 'commune' });
		expect(preview.numericColumns).toEqual(expect.arrayContaining([2, 3, 4]));
		expect(preview.numericColumns).not.toContain(1);
		expect(preview.sample[0]).toEqual(['1001', "L'Abergement-Clémenciat", '2', '45,5', '350']);
	});

	it('pads codes, remaps old ones, keeps the first of duplicates, sums counts and weights rates (ratio of sums)', async () => {
		const report = await importGenericFile(db, bytesOf('medecins-latin1.csv'), 'medecins-latin1.csv', MEDECINS, 'user_test_medecins');
		expect(report).toMatchObject({ encoding: 'latin-1', delimiter: ';', rowsRead: 20, unknown: ['99999'], duplicates: ['01004'], remapped: ['01003'], noCode: 1 });
		expect(report.padded).toBe(17);
		expect(report.decimalCommas).toBeGreaterThanOrEqual(18);
		const table = await rowsOf('SELECT * FROM user_test_medecins ORDER BY code');
		const byCode = new Map(table.map((r) => [r.code as string, r]));
		expect(byCode.get('01004')).toMatchObject({ v1_num: 14, v2_num: 60.2 * 7000, v2_den: 7000 });
		expect(byCode.get('01165')).toMatchObject({ v1_num: 1 });
		expect(byCode.get('2A004')).toMatchObject({ v1_num: 40 });
		expect(byCode.get('01010')!.v1_num).toBeNull();
		const [{ population }] = await rowsOf("SELECT population FROM communes WHERE code = '01004'");
		expect(byCode.get('01004')!.v3_den).toBe(population);
		// The indicators read the table; an aggregate is the ratio of sums.
		const [, rate] = userIndicators('user_test_medecins', 'medecins-latin1.csv', MEDECINS).map((u) => u.indicator);
		expect(rate.importedFrom).toBeTruthy();
		const rows = measureSql(rate.measure);
		const [agg] = await rowsOf(`SELECT sum(num) / sum(den) AS v FROM (${rows.text}) s WHERE code IN ('01001', '01004')`, rows.params);
		expect(agg.v).toBeCloseTo((45.5 * 350 + 60.2 * 7000) / 7350, 6);
		expect(genericReportLines(report, 'medecins-latin1.csv').join('\n')).toMatch(/1 codes inconnus du COG 2025.*99999/);
	});

	it('reads `,` with quoted decimal commas and EPCI codes', async () => {
		const [a, b] = await rowsOf('SELECT code FROM epci ORDER BY code LIMIT 2');
		const text = `siren,"Taux, en %",poids\n${a.code},"12,5",10\n${b.code},20.5,30\n`;
		const spec: UserFileSpec = { codeColumn: 0, level: 'epci', name: 'EPCI', source: 's', millesime: '2024', values: [{ column: 1, label: 'Taux', kind: 'rate', weight: 2, unit: '%' }] };
		const report = await importGenericFile(db, new TextEncoder().encode(text), 'epci.csv', spec, 'user_test_epci');
		expect(report).toMatchObject({ delimiter: ',', encoding: 'utf-8', territories: 2 });
		expect((await rowsOf(`SELECT v1_num, v1_den FROM user_test_epci WHERE code = '${a.code}'`))[0]).toEqual({ v1_num: 125, v1_den: 10 });
	});

	it('refuses in French, writing nothing: empty file, another format, no code column, text in a number column, unknown codes only', async () => {
		const spec = { ...MEDECINS, values: [{ column: 1, label: 'v', kind: 'count' as const, weight: 'population' as const, unit: '' }] };
		expect(await refusal(() => importGenericFile(db, bytesOf('vide.csv'), 'vide.csv', spec, 'user_never'))).toBe('Fichier vide : vide.csv');
		expect(await refusal(() => previewGenericFile(db, bytesOf('classeur.xlsx'), 'classeur.xlsx'))).toMatch(/^« classeur.xlsx » : archive XLSX illisible/);
		expect((await previewGenericFile(db, bytesOf('sans-code.csv'), 'sans-code.csv')).codeColumns).toEqual([]);
		expect(await refusal(() => importGenericFile(db, bytesOf('sans-code.csv'), 'sans-code.csv', { ...spec, codeColumn: 0 }, 'user_never'))).toMatch(
			/aucun code de la colonne « nom » n’est un code de communes/
		);
		expect(await refusal(() => importGenericFile(db, bytesOf('texte-dans-nombres.csv'), 't.csv', { ...spec, codeColumn: 0 }, 'user_never'))).toBe(
			't.csv, ligne 3 : valeur non numérique « douze » dans la colonne « valeur » (attendu : un nombre, ou vide)'
		);
		expect(await rowsOf("SELECT table_name FROM information_schema.tables WHERE table_name = 'user_never'")).toEqual([]);
	});
	it('reads a workbook through its first sheet with data, from its header row, and names the sheet in the report', async () => {
		// FICTITIOUS counts under two title lines, as producers' workbooks have them; the code 46042 written as a number.
		const book = buildWorkbook([
			{ name: 'Lisez-moi', rows: [] },
			{ name: 'Effectifs 2024', rows: [['Effectifs fictifs de test'], [], ['Code commune', 'Commune', 'Effectif'], [46042, 'Cahors', 12], ['1004', 'Ambérieu', 3.5]] }
		]);
		const preview = await previewGenericFile(db, book, 'effectifs.xlsx');
		expect(preview.columns).toEqual(['Code commune', 'Commune', 'Effectif']);
		expect(preview.codeColumns[0]).toMatchObject({ column: 0, level: 'commune' });
		const spec: UserFileSpec = { ...MEDECINS, values: [{ column: 2, label: 'Effectif', kind: 'count', weight: 'population', unit: '' }] };
		const report = await importGenericFile(db, book, 'effectifs.xlsx', spec, 'user_xlsx');
		expect(report).toMatchObject({ rowsRead: 2, territories: 2, padded: 1, sheet: 'feuille « Effectifs 2024 » lue à partir de sa ligne 3 ; autres feuilles ignorées : « Lisez-moi »' });
		expect(genericReportLines(report, 'effectifs.xlsx')).toContain('Classeur XLSX : feuille « Effectifs 2024 » lue à partir de sa ligne 3 ; autres feuilles ignorées : « Lisez-moi »');
		expect(await rowsOf('SELECT code, v1_num AS n FROM user_xlsx ORDER BY code')).toEqual([
			{ code: '01004', n: 3.5 },
			{ code: '46042', n: 12 }
		]);
	});

	it('reads the sheet the user chose, which the import keeps; a sheet that is not there is refused in French', async () => {
		// FICTITIOUS counts on two sheets with data, as a workbook of several years has them.
		const book = buildWorkbook([
			{ name: '2023', rows: [['Code commune', 'Effectif'], ['46042', 10]] },
			{ name: '2024', rows: [['Code', 'Nom', 'Effectif'], ['46042', 'Cahors', 14], ['46102', 'Figeac', 6]] },
			{ name: 'Notes', rows: [['Effectifs fictifs de test']] }
		]);
		const first = await previewGenericFile(db, book, 'effectifs.xlsx');
		expect(first.workbook).toEqual({ sheet: '2023', sheets: ['2023', '2024'] });
		const chosen = await previewGenericFile(db, book, 'effectifs.xlsx', { sheet: '2024' });
		expect(chosen.workbook).toEqual({ sheet: '2024', sheets: ['2023', '2024'] });
		expect(chosen.columns).toEqual(['Code', 'Nom', 'Effectif']);
		const spec: UserFileSpec = { ...MEDECINS, sheet: '2024', values: [{ column: 2, label: 'Effectif', kind: 'count', weight: 'population', unit: '' }] };
		const report = await importGenericFile(db, book, 'effectifs.xlsx', spec, 'user_sheet');
		expect(report.sheet).toBe('feuille « 2024 » lue ; autres feuilles ignorées : « 2023 », « Notes »');
		expect(await rowsOf('SELECT code, v1_num AS n FROM user_sheet ORDER BY code')).toEqual([
			{ code: '46042', n: 14 },
			{ code: '46102', n: 6 }
		]);
		expect(await refusal(() => previewGenericFile(db, book, 'effectifs.xlsx', { sheet: 'Notes' }))).toBe(
			'« effectifs.xlsx » : la feuille « Notes » n’a pas de ligne d’en-tête (deux cellules ou plus).'
		);
		expect(await refusal(() => importGenericFile(db, book, 'effectifs.xlsx', { ...spec, sheet: '2025' }, 'user_gone'))).toBe(
			'« effectifs.xlsx » : ce classeur n’a pas de feuille « 2025 ».'
		);
	});
});
