/**
 * XLSX files as CSV for the importers, so that every file, whatever its container, is read by DuckDB's
 * `read_csv` by the same code: a DREES APL workbook in the atlas's APL layout (formats/apl.ts); any other
 * workbook as the sheet the user chose, or its first sheet with data, from its header row (the first row
 * with two cells or more: title lines above it are skipped). Unzipping and parsing (workbook-convert.ts) run in a worker in the browser
 * (workbook-worker.ts), never on the page's main thread, and stay out of the pages' code; directly in Node.
 */
import { ImportError } from './import-kit';
import type { ConvertedWorkbook } from './workbook-convert';

export interface WorkbookCsv {
	/** UTF-8 CSV, `;`-separated. */
	csv: Uint8Array;
	/** What was read, in French, for the import report. */
	note: string;
	/** The sheet read, and every sheet that could be (see workbook-convert.ts). */
	sheet?: string;
	sheets: string[];
}

type Reply = Partial<ConvertedWorkbook> & { error?: string };

/**
 * The workbook as CSV (from `sheet` when given: the user's choice): in a worker in the browser, directly
 * elsewhere. Refusals are French `ImportError`s.
 */
export async function workbookToCsv(bytes: Uint8Array, label: string, sheet?: string): Promise<WorkbookCsv> {
	const encode = (r: Reply): WorkbookCsv => ({ csv: new TextEncoder().encode(r.csv ?? ''), note: r.note ?? '', sheet: r.sheet, sheets: r.sheets ?? [] });
	if (typeof window === 'undefined' || typeof Worker === 'undefined') return encode((await import('./workbook-convert')).convertWorkbook(bytes, label, sheet));
	const worker = new Worker(new URL('./workbook-worker.ts', import.meta.url), { type: 'module' });
	try {
		const reply = await new Promise<Reply>((resolve, reject) => {
			worker.onmessage = (event: MessageEvent<Reply>) => resolve(event.data);
			worker.onerror = (event) => reject(new ImportError(`« ${label} » : lecture du classeur interrompue (${event.message || 'erreur du lecteur'}).`));
			// A copy: the caller keeps its bytes (they are stored once the import succeeds).
			const copy = bytes.slice();
			worker.postMessage({ bytes: copy, label, sheet }, [copy.buffer]);
		});
		if (reply.error !== undefined) throw new ImportError(reply.error);
		return encode(reply);
	} finally {
		worker.terminate();
	}
}
