import { readFileSync } from 'node:fs';
import { strToU8, unzipSync, zipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sharedPath } from '../../support/shared';
import { openNodeAtlas } from '../../../src/lib/data/engine/node';
import type { FileDb } from '../../../src/lib/data/engine/connector';
import { ImportError, importOfficialFile } from '../../../src/lib/data/imports/imports';
import { readXlsx } from '../../../src/lib/data/imports/xlsx';
import { convertWorkbook } from '../../../src/lib/data/imports/workbook-convert';
import { aplWorkbook, buildWorkbook } from '../../support/xlsx-fixture';

const refusal = (run: () => unknown) => {
	try {
		run();
	} catch (error) {
		expect(error).toBeInstanceOf(ImportError);
		return (error as Error).message;
	}
	throw new Error('not refused');
};

describe('XLSX reader', () => {
	it('finds sheets by their relationships, joins rich-text runs without the phonetic guide, reads inline strings, numbers and gaps', () => {
		const book = readXlsx(
			buildWorkbook([
				{ name: 'Notes & sources', rows: [['Titre']] },
				{ name: 'Données', rows: [['code', { rich: ['APL aux ', 'infirmiers'] }, { inline: 'libellé <inline>' }], [], ['46042', 3.25, null, 'fin']] }
			]),
			'test.xlsx'
		);
		expect(book.sheets).toEqual(['Notes & sources', 'Données']);
		expect(book.rows('Notes & sources')).toEqual([['Titre']]);
		expect(book.rows('Données')).toEqual([['code', 'APL aux infirmiers', 'libellé <inline>'], [], ['46042', '3.25', '', 'fin']]);
	});

	it('refuses in French: a file that is no zip, a zip without a workbook, a part that would inflate past the limit', () => {
		expect(refusal(() => readXlsx(strToU8('code;valeur\n'), 'a.xlsx'))).toBe('« a.xlsx » n’est pas un classeur XLSX.');
		expect(refusal(() => readXlsx(zipSync({ 'word/document.xml': strToU8('<w/>') }), 'b.docx'))).toMatch(/^« b\.docx » est une archive ZIP sans classeur Excel/);
		// A sheet of 2 MB of zeros compresses to a few kB: refused on its declared size, before it is inflated.
		const bomb = buildWorkbook([{ name: 'S', rows: [['x'.repeat(10)]] }]);
		const big = zipSync({ ...unzipSync(bomb), 'xl/worksheets/sheet1.xml': new Uint8Array(2 * 1024 * 1024) });
		expect(refusal(() => readXlsx(big, 'c.xlsx', 1024 * 1024).rows('S'))).toBe(
			'« c.xlsx » : une partie du classeur dépasserait 1 Mo une fois décompressée (xl/worksheets/sheet1.xml) ; fichier refusé.'
		);
	});

	it('refuses a formula whose value the spreadsheet never saved, naming the cell; a computed one gives its value', () => {
		const book = buildWorkbook([{ name: 'Calculs', rows: [['a']] }]);
		const sheet = (cells: string) =>
			zipSync({
				...unzipSync(book),
				'xl/worksheets/sheet1.xml': strToU8(`<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="2">${cells}</row></sheetData></worksheet>`)
			});
		expect(readXlsx(sheet('<c r="B2"><f>1+1</f><v>2</v></c>'), 'ok.xlsx').rows('Calculs')).toEqual([[], ['', '2']]);
		expect(refusal(() => readXlsx(sheet('<c r="C2"><f>SUM(A1:A9)</f></c>'), 'f.xlsx').rows('Calculs'))).toBe(
			'« f.xlsx », feuille « Calculs », cellule C2 : formule sans valeur enregistrée ; ouvrez le classeur dans un tableur, recalculez et enregistrez-le.'
		);
	});

	it('writes any other workbook as the CSV of its first sheet with data, from its header row', () => {
		const { csv, note } = convertWorkbook(
			buildWorkbook([
				{ name: 'Vide', rows: [] },
				{ name: 'Effectifs', rows: [['Effectifs de test (fictifs)'], [], ['Code', 'Nom; ville', 'Valeur'], ['46042', 'Cahors "centre"', 12]] }
			]),
			'effectifs.xlsx'
		);
		expect(csv).toBe('Code;"Nom; ville";Valeur\n46042;"Cahors ""centre""";12\n');
		expect(note).toBe('feuille « Effectifs » lue à partir de sa ligne 3 ; autres feuilles ignorées : « Vide »');
	});
});

// The real DREES workbook (see ../shared/data/apl-drees/SOURCE.txt); CI has ../shared beside the checkout.
const DREES = sharedPath('data/apl-drees/raw/apl_generalistes.xlsx');

describe('the DREES APL workbook, as published', () => {
	it('is read in the atlas’s APL layout: its two years, Cahors’s APL, the Lot’s communes and population (SOURCE.txt checks)', () => {
		const { csv, note } = convertWorkbook(new Uint8Array(readFileSync(DREES)), 'apl_generalistes.xlsx');
		expect(note).toBe('classeur DREES, feuilles « APL 2022 », « APL 2023 »');
		const lines = csv.trim().split('\n').map((l) => l.split(';'));
		expect(lines[0]).toEqual(['code_commune', 'annee', 'apl_medecins_generalistes', 'apl_medecins_generalistes_moins65', 'pop_standardisee', 'pop_totale']);
		const of = (year: string) => lines.filter((l) => l[1] === year);
		expect([of('2022').length, of('2023').length]).toEqual([34_964, 34_954]);
		expect(Number(of('2022').find((l) => l[0] === '46042')![2])).toBeCloseTo(4.113, 9);
		expect(Number(of('2023').find((l) => l[0] === '46042')![2])).toBeCloseTo(4.166, 9);
		const lot = (year: string) => of(year).filter((l) => l[0].startsWith('46'));
		expect(lot('2022')).toHaveLength(313);
		expect(lot('2022').reduce((s, l) => s + Number(l[5]), 0)).toBe(174_670);
		expect(lot('2023').reduce((s, l) => s + Number(l[5]), 0)).toBe(174_942);
	});
});

describe('import of a DREES APL workbook (fictitious values)', () => {
	let db: FileDb;
	beforeAll(async () => {
		db = await openNodeAtlas();
	});
	afterAll(() => db?.close());

	const NURSES = aplWorkbook('infirmiers', 'En nombre d’ETP accessibles pour 100 000 habitants standardisés', [
		{ annee: 2022, lines: [['46042', 'Cahors', 90, 1000, 1100]] },
		{
			annee: 2023,
			lines: [
				['46042', 'Cahors', 100, 2000, 2100],
				// Pern (46217) and Lhospitalet (46172) merged into 46172 in 2025: the APL weighted by the standardised population.
				['46217', 'Pern', 50, 300, 310],
				['46172', 'Lhospitalet', 80, 100, 90],
				['99999', 'Inconnue', 10, 10, 10]
			]
		}
	]);

	it('recognises the profession from its header, keeps every year, merges communes with DREES’s weighting, reports unknown codes', async () => {
		const report = await importOfficialFile(db, NURSES, 'apl-infirmiers.xlsx');
		expect(report).toMatchObject({ table: 'apl_infirmiers', annee: 2023, rowsRead: 5, unknown: ['99999'], remapped: ['46217'], communes: 2 });
		expect(report.notes).toEqual(['classeur DREES, feuilles « APL 2022 », « APL 2023 »', 'millésimes 2022, 2023 (le plus récent sur la carte)']);
		const rows = (await db.query(`SELECT code, annee, apl, pop_standardisee, pop_totale FROM apl_infirmiers ORDER BY code, annee`)).toArray().map((r) => r.toJSON());
		expect(rows).toEqual([
			{ code: '46042', annee: 2022, apl: 90, pop_standardisee: 1000, pop_totale: 1100 },
			{ code: '46042', annee: 2023, apl: 100, pop_standardisee: 2000, pop_totale: 2100 },
			{ code: '46172', annee: 2023, apl: (50 * 300 + 80 * 100) / 400, pop_standardisee: 400, pop_totale: 400 }
		]);
	});

	it('refuses a workbook whose units row says another unit, and a profession it does not know, leaving the table as it was', async () => {
		const before = (await db.query('SELECT count(*) AS n FROM apl_infirmiers')).toArray()[0].toJSON().n;
		const wrongUnit = aplWorkbook('infirmiers', 'En nombre de consultations par habitant', [{ annee: 2024, lines: [['46042', 'Cahors', 1, 1, 1]] }]);
		await expect(importOfficialFile(db, wrongUnit, 'faux.xlsx')).rejects.toThrow(
			'« faux.xlsx », feuille « APL 2024 » : unité inattendue pour l’APL aux infirmiers (« En nombre de consultations par habitant » ; attendu : ETP / 100 000 hab. standardisés).'
		);
		const vets = aplWorkbook('vétérinaires', 'ETP', [{ annee: 2024, lines: [['46042', 'Cahors', 1, 1, 1]] }]);
		await expect(importOfficialFile(db, vets, 'veto.xlsx')).rejects.toThrow(/^« veto\.xlsx », feuille « APL 2024 » : profession « APL aux vétérinaires » non prise en charge/);
		expect((await db.query('SELECT count(*) AS n FROM apl_infirmiers')).toArray()[0].toJSON().n).toBe(before);
	});
});
