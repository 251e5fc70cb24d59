/**
 * A table as the app exports it, whatever the file format: a header, the rows, then lines below
 * it (territories, sources and millésimes, export date). The CSV and XLSX writers both read this
 * one model, so the two files always say the same thing.
 */

/**
 * A cell: text (codes INSEE, SIREN… are text, so « 01004 » and « 2A004 » survive), a number
 * written with `precision` decimals, or nothing (null, undefined, NaN).
 */
export type TableCell = string | number | null | undefined | { value: number; precision: number };

export interface ExportTable {
	/** A short name for the table: the sheet name of a workbook. */
	title: string;
	header: string[];
	rows: TableCell[][];
	/** Lines written below the table, after an empty row. */
	footer: string[];
}

/** « Exporté de cls-atlas le 3 mars 2026. », the last line of every exported table. */
export function exportedOnLine(date: Date): string {
	return `Exporté de cls-atlas le ${new Intl.DateTimeFormat('fr-FR', { dateStyle: 'long' }).format(date)}.`;
}
