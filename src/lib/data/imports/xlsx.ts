/**
 * A small reader of XLSX workbooks (Office Open XML spreadsheets), enough for the files official producers
 * publish (DREES, INSEE): sheet names in workbook order, and a sheet's cells as text, row by row. Only the
 * parts a sheet needs are inflated, after their declared sizes are checked (a « zip bomb » is refused before
 * it is inflated). Numbers come as written in the file (`1.8280000000000001`), shared and inline strings as
 * text (rich-text runs joined, phonetic runs left out), booleans as 1/0; a formula gives its cached value.
 * Pure functions: the browser runs them in a worker (workbook-worker.ts), the pipeline and tests directly.
 */
import { strFromU8, unzipSync } from 'fflate';
import { ImportError, isZip } from './import-kit';

/** Largest part inflated (sheet XML, shared strings): a real 35,000-row sheet is ~10 MB. */
export const MAX_XLSX_PART_BYTES = 400 * 1024 * 1024;

export interface XlsxWorkbook {
	/** Sheet names, in the workbook's order. */
	sheets: string[];
	/** Rows of a sheet, each as many cells as its last non-empty one; a row absent from the file is []. */
	rows(sheet: string): string[][];
}

const ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

/** XML text → string: the five named entities and numeric references. */
export function unescapeXml(text: string): string {
	return text.replace(/&(#x[0-9a-fA-F]+|#\d+|lt|gt|amp|quot|apos);/g, (_, e: string) =>
		e[0] === '#' ? String.fromCodePoint(e[1] === 'x' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10)) : ENTITIES[e]
	);
}

/** The text of a shared or inline string: every `<t>` run, phonetic guides (`<rPh>`) left out. */
function stringText(xml: string): string {
	const plain = xml.replace(/<rPh\b[\s\S]*?<\/rPh>/g, '');
	let out = '';
	for (const m of plain.matchAll(/<t(?:\s[^>]*)?>([\s\S]*?)<\/t>/g)) out += unescapeXml(m[1]);
	return out;
}

/** `B12` → 1 (zero-based column). */
function columnIndex(ref: string): number {
	let n = 0;
	for (const ch of ref) {
		const c = ch.charCodeAt(0);
		if (c < 65 || c > 90) break;
		n = n * 26 + (c - 64);
	}
	return n - 1;
}

/** 0 → `A`, 27 → `AB`. */
const column = (index: number): string => (index >= 26 ? column(Math.floor(index / 26) - 1) : '') + String.fromCharCode(65 + (index % 26));

const attr = (attrs: string, name: string) => new RegExp(`(?:^|\\s)${name}="([^"]*)"`).exec(attrs)?.[1];

/** Parses a sheet's XML into rows of text; a formula the spreadsheet never computed is refused (its value is not in the file). */
function sheetRows(xml: string, shared: readonly string[], where: string): string[][] {
	const out: string[][] = [];
	for (const row of xml.matchAll(/<row\b([^>]*?)(?:\/>|>([\s\S]*?)<\/row>)/g)) {
		const r = Number(attr(row[1], 'r') ?? out.length + 1);
		const cells: string[] = [];
		for (const c of (row[2] ?? '').matchAll(/<c(?=[\s>/])([^>]*?)(?:\/>|>([\s\S]*?)<\/c>)/g)) {
			const ref = attr(c[1], 'r');
			const at = ref ? columnIndex(ref) : cells.length;
			const type = attr(c[1], 't');
			const body = c[2] ?? '';
			const v = /<v>([\s\S]*?)<\/v>/.exec(body)?.[1];
			if (v === undefined && /<f[\s>/]/.test(body))
				throw new ImportError(`${where}, cellule ${ref ?? `${column(at)}${r}`} : formule sans valeur enregistrée ; ouvrez le classeur dans un tableur, recalculez et enregistrez-le.`);
			let text = '';
			if (type === 's') text = v === undefined ? '' : (shared[Number(v)] ?? '');
			else if (type === 'inlineStr') text = stringText(body);
			else if (type === 'e') text = '';
			else if (v !== undefined) text = unescapeXml(v);
			while (cells.length < at) cells.push('');
			cells[at] = text;
		}
		while (out.length < r - 1) out.push([]);
		// Trailing empty cells carry no value.
		while (cells.length && cells[cells.length - 1] === '') cells.pop();
		out[r - 1] = cells;
	}
	return out;
}

/** Reads a workbook's structure; a file that is not an XLSX workbook is refused in French, naming `label`. */
export function readXlsx(bytes: Uint8Array, label: string, maxPart = MAX_XLSX_PART_BYTES): XlsxWorkbook {
	if (!isZip(bytes)) throw new ImportError(`« ${label} » n’est pas un classeur XLSX.`);
	const inflate = (names: (name: string) => boolean) => {
		const tooBig: string[] = [];
		let files: Record<string, Uint8Array>;
		try {
			files = unzipSync(bytes, {
				filter: (f) => {
					if (!names(f.name)) return false;
					if (f.originalSize > maxPart) tooBig.push(f.name);
					return f.originalSize <= maxPart;
				}
			});
		} catch (error) {
			throw new ImportError(`« ${label} » : archive XLSX illisible (${error instanceof Error ? error.message : String(error)}).`);
		}
		if (tooBig.length)
			throw new ImportError(`« ${label} » : une partie du classeur dépasserait ${Math.round(maxPart / 1024 / 1024)} Mo une fois décompressée (${tooBig[0]}) ; fichier refusé.`);
		return files;
	};
	const meta = inflate((n) => n === 'xl/workbook.xml' || n === 'xl/_rels/workbook.xml.rels' || n === 'xl/sharedStrings.xml');
	const workbook = meta['xl/workbook.xml'];
	if (!workbook) throw new ImportError(`« ${label} » est une archive ZIP sans classeur Excel (XLSX) : enregistrez la feuille au format CSV ou XLSX.`);
	const rels = strFromU8(meta['xl/_rels/workbook.xml.rels'] ?? new Uint8Array());
	const targets = new Map<string, string>();
	for (const m of rels.matchAll(/<Relationship\b([^>]*)\/?>/g)) {
		const id = attr(m[1], 'Id');
		const target = attr(m[1], 'Target');
		if (id && target) targets.set(id, target.startsWith('/') ? target.slice(1) : `xl/${target}`);
	}
	const sheets = new Map<string, string>();
	for (const m of strFromU8(workbook).matchAll(/<sheet\b([^>]*)\/?>/g)) {
		const name = attr(m[1], 'name');
		const path = targets.get(attr(m[1], 'r:id') ?? '');
		if (name !== undefined && path) sheets.set(unescapeXml(name), path);
	}
	if (!sheets.size) throw new ImportError(`« ${label} » : aucune feuille dans le classeur.`);
	let shared: string[] | null = null;
	return {
		sheets: [...sheets.keys()],
		rows(sheet) {
			const path = sheets.get(sheet);
			if (!path) throw new ImportError(`« ${label} » : pas de feuille « ${sheet} ».`);
			shared ??= [...strFromU8(meta['xl/sharedStrings.xml'] ?? new Uint8Array()).matchAll(/<si>([\s\S]*?)<\/si>/g)].map((m) => stringText(m[1]));
			const part = inflate((n) => n === path)[path];
			if (!part) throw new ImportError(`« ${label} » : la feuille « ${sheet} » est absente de l’archive.`);
			return sheetRows(strFromU8(part), shared, `« ${label} », feuille « ${sheet} »`);
		}
	};
}

/** Rows as `;`-separated UTF-8 CSV text, every field quoted when it needs to be. */
export function rowsToCsv(rows: readonly (readonly string[])[]): string {
	const field = (v: string) => (/[;"\r\n]/.test(v) ? `"${v.replaceAll('"', '""')}"` : v);
	return rows.map((r) => r.map(field).join(';')).join('\n') + '\n';
}
