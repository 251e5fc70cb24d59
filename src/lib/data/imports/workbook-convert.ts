/**
 * The conversion of a workbook to CSV text (see workbook.ts): run by the worker in the browser, directly in Node.
 */
import { aplWorkbookCsv, readAplWorkbook } from './apl';
import { ImportError } from './import-kit';
import { readXlsx, rowsToCsv } from './xlsx';

/** What a workbook gives: its CSV, what was read (for the report), and the sheets a file of no official format may be read from. */
export interface ConvertedWorkbook {
	csv: string;
	note: string;
	/** The sheet read (none for a DREES APL workbook, read whole). */
	sheet?: string;
	/** Every sheet with a header row, in the workbook's order. */
	sheets: string[];
}

/**
 * The conversion itself (pure; what the worker runs). A workbook of no official format is read from
 * `sheet` when given (the user's choice), else from its first sheet with a header row.
 */
export function convertWorkbook(bytes: Uint8Array, label: string, sheet?: string): ConvertedWorkbook {
	const book = readXlsx(bytes, label);
	const apl = readAplWorkbook(book, label);
	if (apl) return { csv: rowsToCsv(aplWorkbookCsv(apl)), note: `classeur DREES, feuilles ${apl.years.map((y) => `« ${y.sheet} »`).join(', ')}`, sheets: [] };
	if (sheet !== undefined && !book.sheets.includes(sheet)) throw new ImportError(`« ${label} » : ce classeur n’a pas de feuille « ${sheet} ».`);
	// Each sheet parsed once: its header row found, and the rows kept of the one to read.
	const sheets: string[] = [];
	let chosen: { name: string; rows: string[][]; header: number } | null = null;
	for (const name of book.sheets) {
		const rows = book.rows(name);
		const header = rows.findIndex((r) => r.filter((c) => c.trim() !== '').length >= 2);
		if (header < 0) continue;
		sheets.push(name);
		if (!chosen && (sheet === undefined || sheet === name)) chosen = { name, rows, header };
	}
	if (sheet !== undefined && !chosen) throw new ImportError(`« ${label} » : la feuille « ${sheet} » n’a pas de ligne d’en-tête (deux cellules ou plus).`);
	if (!chosen) throw new ImportError(`« ${label} » : aucune feuille du classeur n’a de ligne d’en-tête (deux cellules ou plus).`);
	const { name: read, rows, header } = chosen;
	const others = book.sheets.filter((s) => s !== read);
	const skipped = header > 0 ? ` à partir de sa ligne ${header + 1}` : '';
	return {
		csv: rowsToCsv(rows.slice(header).filter((r) => r.length)),
		note: `feuille « ${read} » lue${skipped}` + (others.length ? ` ; autres feuilles ignorées : ${others.map((s) => `« ${s} »`).join(', ')}` : ''),
		sheet: read,
		sheets
	};
}
