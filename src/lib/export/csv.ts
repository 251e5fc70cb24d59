/**
 * CSV for spreadsheets set to French: `;` between cells, decimal comma, UTF-8 with a BOM (so that
 * Excel reads the accents), CRLF line ends. Text cells are guarded against formula injection
 * (a cell starting with = + - @ tab or CR gets a leading apostrophe); numbers are written as
 * numbers, never guarded (a negative number must stay a number).
 */

import type { ExportTable, TableCell } from './table';
import { csvText } from '../text/csv';

export const BOM = '\uFEFF';
export const SEPARATOR = ';';
export const EOL = '\r\n';

/** 1234.5 → « 1234,5 »: decimal comma, no thousands separator, no sign for zero, empty when unknown. */
export function csvNumber(value: number, precision?: number): string {
	if (!Number.isFinite(value)) return '';
	let text = precision === undefined ? String(value) : value.toFixed(precision);
	if (/^-0(\.0*)?$/.test(text)) text = text.slice(1);
	if (/e/i.test(text)) text = value.toFixed(Math.min(20, precision ?? 12)).replace(/\.?0+$/, '');
	return text.replace('.', ',');
}

export function csvCell(value: TableCell, separator = SEPARATOR): string {
	if (value === null || value === undefined) return '';
	if (typeof value === 'number') return csvNumber(value);
	if (typeof value === 'object') return csvNumber(value.value, value.precision);
	return csvText(value, separator);
}

/** Rows → CSV text, BOM first, CRLF after every row. */
export function toCsv(rows: readonly (readonly TableCell[])[], separator = SEPARATOR): string {
	return BOM + rows.map((r) => r.map((c) => csvCell(c, separator)).join(separator) + EOL).join('');
}

/** An exported table as CSV rows: header, rows, an empty row, then one line per footer line. */
export function tableCsvRows(table: ExportTable): TableCell[][] {
	return [table.header, ...table.rows, [], ...table.footer.map((line) => [line])];
}

/** A CSV file, UTF-8 (the BOM is in the text). */
export function csvBlob(table: ExportTable): Blob {
	return new Blob([toCsv(tableCsvRows(table))], { type: 'text/csv;charset=utf-8' });
}
