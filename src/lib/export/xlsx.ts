/**
 * XLSX for an exported table: the header in bold and frozen, numbers stored as numbers (full
 * precision) with a format showing the table's decimals, every text cell, codes included, stored
 * as a string — never as a formula, so « =cmd|… » stays text and « 01004 » keeps its zero —, and
 * the footer lines below the table after an empty row.
 */
import type { Cell, SheetData } from 'write-excel-file/browser';
import type { ExportTable, TableCell } from './table';

/** Options of the single sheet, as write-excel-file takes them. */
interface XlsxSheetOptions {
	sheet: string;
	columns: { width: number }[];
	stickyRowsCount: number;
}

/** Thousands grouped and `precision` decimals; the spreadsheet's locale picks the separators (« 12 345,67 » in French). */
export function numberFormat(precision: number): string {
	return precision > 0 ? `#,##0.${'0'.repeat(precision)}` : '#,##0';
}

/** A sheet name Excel accepts: at most 31 characters, none of []:*?/\, no apostrophe at either end. */
export function sheetName(title: string): string {
	const name = title
		.replace(/[[\]:*?/\\]/g, ' ')
		.replace(/\s+/g, ' ')
		.trim()
		.replace(/^'+|'+$/g, '')
		.slice(0, 31)
		.trim();
	return name || 'Tableau';
}

/** Excel's limit for the text of a cell. */
export const XLSX_MAX_TEXT = 32_767;

/**
 * Text a cell can hold: without the control characters XML forbids (NUL…), and cut at Excel's
 * 32,767 characters with a marker saying so (Excel refuses to open a longer cell).
 */
export function xlsxText(text: string): string {
	// eslint-disable-next-line no-control-regex -- exactly the characters XML 1.0 forbids
	const clean = text.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, '');
	if (clean.length <= XLSX_MAX_TEXT) return clean;
	const marker = ` […] (texte tronqué : ${clean.length} caractères)`;
	return clean.slice(0, XLSX_MAX_TEXT - marker.length) + marker;
}

function xlsxCell(cell: TableCell): Cell {
	if (cell === null || cell === undefined || cell === '') return null;
	// Always a String cell (a shared string): the writer makes a formula of type 'Formula' only, so « =cmd|… » stays text.
	if (typeof cell === 'string') return { value: xlsxText(cell), type: String };
	const value = typeof cell === 'number' ? cell : cell.value;
	if (!Number.isFinite(value)) return null;
	return typeof cell === 'number' ? { value, type: Number } : { value, type: Number, format: numberFormat(cell.precision) };
}

/** Characters a cell needs about: its text, or its number as displayed with grouping. */
function cellWidth(cell: TableCell): number {
	if (cell === null || cell === undefined) return 0;
	if (typeof cell === 'string') return cell.length;
	const value = typeof cell === 'number' ? cell : cell.value;
	if (!Number.isFinite(value)) return 0;
	const digits = Math.abs(Math.trunc(value)).toString().length;
	const precision = typeof cell === 'number' ? 0 : cell.precision;
	return digits + Math.floor((digits - 1) / 3) + (precision ? precision + 1 : 0) + (value < 0 ? 1 : 0);
}

/** Sheet data and options of a table: the footer lines do not widen the columns (they overflow to the right). */
function xlsxSheet(table: ExportTable): { data: SheetData; options: XlsxSheetOptions } {
	const header = table.header.map((h) => ({ value: xlsxText(h), type: String, fontWeight: 'bold' as const }));
	const data: SheetData = [
		header,
		...table.rows.map((row) => row.map(xlsxCell)),
		[],
		...table.footer.map((line) => [xlsxCell(line)])
	];
	const count = Math.max(table.header.length, ...table.rows.map((r) => r.length));
	const columns = Array.from({ length: count }, (_, i) => ({
		width: Math.min(50, Math.max(8, cellWidth(table.header[i]), ...table.rows.map((r) => cellWidth(r[i]))) + 2)
	}));
	return { data, options: { sheet: sheetName(table.title), columns, stickyRowsCount: 1 } };
}

/** The workbook as a Blob. The writer is loaded on the first export only, out of the page's bundle. */
export async function xlsxBlob(table: ExportTable): Promise<Blob> {
	const { default: writeExcelFile } = await import('write-excel-file/browser');
	const { data, options } = xlsxSheet(table);
	return writeExcelFile(data, options).toBlob();
}
