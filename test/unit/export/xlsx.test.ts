import { describe, expect, it } from 'vitest';
import { numberFormat, sheetName, xlsxBlob } from '../../../src/lib/export/xlsx';
import { tableCsvRows, toCsv } from '../../../src/lib/export/csv';
import type { ExportTable } from '../../../src/lib/export/table';
import { comparisonTable, type Comparison } from '../../../src/lib/features/portrait/compare';
import { getIndicator, sourceLine, type NumericIndicator } from '../../../src/lib/indicators/catalogue';
import { formatOf, isBold, readWorkbook } from '../../support/xlsx';

const readBlob = async (blob: Promise<Blob>) => readWorkbook(new Uint8Array(await (await blob).arrayBuffer()));

const TABLE: ExportTable = {
	title: 'Communes : [test]/essai*?',
	header: ['Code', 'Commune', 'Valeur', 'Unité', 'Note'],
	rows: [
		['01004', 'Ambérieu-en-Bugey', { value: 3.4567, precision: 2 }, 'consultations / an', ''],
		['2A004', '=cmd|\' /C calc\'!A0', { value: -12345.5, precision: 0 }, 'hab.', ''],
		['46102', '<script>alert(1)</script>', { value: NaN, precision: 2 }, 'consultations / an', 'secret statistique']
	],
	footer: ['Source : DREES – APL, 2023 (Licence Ouverte / Etalab 2.0)', 'Exporté de cls-atlas le 1 janvier 2026.']
};

describe('XLSX writer', () => {
	it('stores numbers as numbers at full precision, with a format showing the table’s decimals', async () => {
		const wb = await readBlob(xlsxBlob(TABLE));
		const c2 = wb.cells.get('C2')!;
		expect(c2.type === null || c2.type === 'n').toBe(true);
		expect(Number(c2.text)).toBe(3.4567);
		expect(formatOf(wb, c2)).toBe('#,##0.00');
		const c3 = wb.cells.get('C3')!;
		expect(Number(c3.text)).toBe(-12345.5);
		expect(formatOf(wb, c3)).toBe('#,##0');
		// A missing value is an empty cell; the reason stays in the note column.
		expect(wb.cells.has('C4')).toBe(false);
		expect(wb.cells.get('E4')?.text).toBe('secret statistique');
	});

	it('stores codes as text: leading zeros and Corsican codes kept', async () => {
		const wb = await readBlob(xlsxBlob(TABLE));
		expect(wb.cells.get('A2')).toMatchObject({ type: 's', text: '01004' });
		expect(wb.cells.get('A3')).toMatchObject({ type: 's', text: '2A004' });
		expect(wb.cells.get('A4')).toMatchObject({ type: 's', text: '46102' });
	});

	it('writes a bold header row, then the footer after an empty row', async () => {
		const wb = await readBlob(xlsxBlob(TABLE));
		expect(['A1', 'B1', 'C1', 'D1', 'E1'].map((a) => wb.cells.get(a)?.text)).toEqual(TABLE.header);
		expect(isBold(wb, wb.cells.get('A1')!)).toBe(true);
		expect(isBold(wb, wb.cells.get('E1')!)).toBe(true);
		expect(isBold(wb, wb.cells.get('A2')!)).toBe(false);
		expect(wb.sheetXml).toMatch(/<row r="5"[^>]*(\/>|><\/row>)/);
		expect(wb.cells.get('A6')?.text).toBe(TABLE.footer[0]);
		expect(wb.cells.get('A7')?.text).toBe('Exporté de cls-atlas le 1 janvier 2026.');
	});

	it('never writes a formula, even for text starting with =; markup stays text', async () => {
		const wb = await readBlob(xlsxBlob(TABLE));
		expect(wb.sheetXml).not.toMatch(/<f[ >]/);
		expect(wb.cells.get('B3')).toMatchObject({ type: 's', text: "=cmd|' /C calc'!A0" });
		expect(wb.cells.get('B4')).toMatchObject({ type: 's', text: '<script>alert(1)</script>' });
	});

	it('names the sheet within Excel’s rules', async () => {
		expect(sheetName('Communes : [test]/essai*?')).toBe('Communes test essai');
		expect(sheetName('x'.repeat(40))).toHaveLength(31);
		expect(sheetName("'?'")).toBe('Tableau');
		const wb = await readBlob(xlsxBlob(TABLE));
		expect(wb.workbookXml).toContain('name="Communes test essai"');
		expect(numberFormat(3)).toBe('#,##0.000');
	});
});

describe('comparison export', () => {
	const apl = getIndicator('apl_mg_2023') as NumericIndicator;
	const comparison: Comparison = {
		columns: [
			{ id: 'commune:01004', label: 'Ambérieu-en-Bugey', detail: 'Commune · Ain', code: '01004', reference: false, territory: null },
			{ id: 'commune:2A004', label: 'Ajaccio', detail: 'Commune · Corse-du-Sud', code: '2A004', reference: false, territory: null },
			{ id: 'ref:france', label: 'France', detail: 'Référence', code: null, reference: true, territory: null }
		],
		rows: [{ indicator: apl, values: [3.21, NaN, 3.4], coverage: [1, 0, 34_000].map((n) => ({ covered: n, expected: n })), ranks: [{ rank: 2, total: 393, tied: 0 }, null, null] }]
	};
	const table = comparisonTable(comparison, new Date(2026, 0, 1));

	it('CSV and XLSX carry the same header, codes, values, missing-value reason and sources', async () => {
		const csv = toCsv(tableCsvRows(table)).slice(1).split('\r\n');
		expect(csv[0]).toBe('Indicateur;Unité;Source;Ambérieu-en-Bugey;Ajaccio;France (référence);Donnée manquante ou partielle');
		expect(csv[1]).toBe('Code du territoire;;;01004;2A004;;');
		expect(csv[2]).toBe(`${apl.label};${apl.unit};${sourceLine(apl)};3,21;;3,40;${apl.missing}`);
		expect(csv).toContain(`Source : ${sourceLine(apl)}`);

		const wb = await readBlob(xlsxBlob(table));
		expect(['A1', 'B1', 'C1', 'D1', 'E1', 'F1', 'G1'].map((a) => wb.cells.get(a)?.text)).toEqual(table.header);
		expect(wb.cells.get('D2')).toMatchObject({ type: 's', text: '01004' });
		expect(wb.cells.get('E2')).toMatchObject({ type: 's', text: '2A004' });
		expect(Number(wb.cells.get('D3')!.text)).toBe(3.21);
		expect(formatOf(wb, wb.cells.get('D3')!)).toBe('#,##0.00');
		expect(wb.cells.has('E3')).toBe(false);
		expect(wb.cells.get('G3')?.text).toBe(apl.missing);
		// The rank is a number a spreadsheet can sort, the count of ranked communes on the next row.
		expect(wb.cells.get('D4')).toMatchObject({ type: null, text: '2' });
		expect(wb.cells.get('D5')).toMatchObject({ type: null, text: '393' });
		expect(wb.sharedStrings).toContain(`Source : ${sourceLine(apl)}`);
		expect(wb.sharedStrings).toContain('Exporté de cls-atlas le 1 janvier 2026.');
	});
});

describe('XLSX text limits', () => {
	it('cuts a cell at Excel’s 32,767 characters with a marker, and drops the control characters XML forbids', async () => {
		const { xlsxText, XLSX_MAX_TEXT } = await import('../../../src/lib/export/xlsx');
		const long = xlsxText('a'.repeat(100_000));
		expect(long.length).toBe(XLSX_MAX_TEXT);
		expect(long).toMatch(/\(texte tronqué : 100000 caractères\)$/);
		expect(xlsxText('a\u0000b\u0007c\td')).toBe('abc\td');
		const wb = await readBlob(xlsxBlob({ ...TABLE, rows: [['01004', 'x'.repeat(40_000), { value: 1, precision: 0 }, '', '']] }));
		expect(wb.cells.get('B2')!.text.length).toBeLessThanOrEqual(32_767);
	});
});
