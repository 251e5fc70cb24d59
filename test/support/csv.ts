import { parseCsv as parseRecords } from '../../src/lib/text/csv';

/** Reads the `;` CSV the app writes (UTF-8 with BOM, CRLF) with the atlas's own reader: rows of cells, blank rows kept. */
export function parseCsv(text: string): string[][] {
	return parseRecords(text.replace(/^\uFEFF/, ''), ';', { keepEmptyLines: true }).map((r) => r.fields);
}
