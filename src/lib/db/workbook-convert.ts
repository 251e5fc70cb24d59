/**
 * The conversion of a workbook to CSV text (see workbook.ts): run by the worker in the browser, directly in Node.
 */
import { aplWorkbookCsv, readAplWorkbook } from './formats/apl';
import { ImportError } from './import-kit';
import { readXlsx, rowsToCsv } from './xlsx';

/** The conversion itself (pure; what the worker runs). */
export function convertWorkbook(bytes: Uint8Array, label: string): { csv: string; note: string } {
	const book = readXlsx(bytes, label);
	const apl = readAplWorkbook(book, label);
	if (apl) return { csv: rowsToCsv(aplWorkbookCsv(apl)), note: `classeur DREES, feuilles ${apl.years.map((y) => `« ${y.sheet} »`).join(', ')}` };
	for (const sheet of book.sheets) {
		const rows = book.rows(sheet);
		const header = rows.findIndex((r) => r.filter((c) => c.trim() !== '').length >= 2);
		if (header < 0) continue;
		const others = book.sheets.filter((s) => s !== sheet);
		const skipped = header > 0 ? ` à partir de sa ligne ${header + 1}` : '';
		return {
			csv: rowsToCsv(rows.slice(header).filter((r) => r.length)),
			note: `feuille « ${sheet} » lue${skipped}` + (others.length ? ` ; autres feuilles ignorées : ${others.map((s) => `« ${s} »`).join(', ')}` : '')
		};
	}
	throw new ImportError(`« ${label} » : aucune feuille du classeur n’a de ligne d’en-tête (deux cellules ou plus).`);
}
