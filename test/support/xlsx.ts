import { strFromU8, unzipSync } from 'fflate';
import { unescapeXml } from '../../src/lib/data/imports/xlsx';

/** Reads back the XLSX files the app writes (unit and end-to-end tests). */

export interface XlsxCell {
	/** `s` for a shared string, `n` (or none) for a number. */
	type: string | null;
	/** The shared string's text, or the number as written. */
	text: string;
	style: number;
}

export interface Workbook {
	cells: Map<string, XlsxCell>;
	sheetXml: string;
	workbookXml: string;
	stylesXml: string;
	sharedStrings: string[];
}

/** Unzips the file and reads its cells: a few regular expressions are enough for what the writer emits. */
export function readWorkbook(bytes: Uint8Array): Workbook {
	const files = unzipSync(bytes);
	const text = (name: string) => (files[name] ? strFromU8(files[name]) : '');
	const sheetXml = text('xl/worksheets/sheet1.xml');
	const sharedStrings = [...text('xl/sharedStrings.xml').matchAll(/<si><t[^>]*>([\s\S]*?)<\/t><\/si>/g)].map((m) => unescapeXml(m[1]));
	const cells = new Map<string, XlsxCell>();
	for (const m of sheetXml.matchAll(/<c ([^>]*?)(?:\/>|>([\s\S]*?)<\/c>)/g)) {
		const attrs = Object.fromEntries([...m[1].matchAll(/(\w+)="([^"]*)"/g)].map((a) => [a[1], a[2]]));
		const v = /<v>([\s\S]*?)<\/v>/.exec(m[2] ?? '')?.[1] ?? '';
		cells.set(attrs.r, {
			type: attrs.t ?? null,
			text: attrs.t === 's' ? sharedStrings[Number(v)] : v,
			style: Number(attrs.s ?? 0)
		});
	}
	return { cells, sheetXml, workbookXml: text('xl/workbook.xml'), stylesXml: text('xl/styles.xml'), sharedStrings };
}

/** The attributes of each cell style (<xf> of <cellXfs>), by style index. */
function cellStyles(wb: Workbook): Record<string, string>[] {
	const xfs = /<cellXfs[^>]*>([\s\S]*?)<\/cellXfs>/.exec(wb.stylesXml)?.[1] ?? '';
	return [...xfs.matchAll(/<xf([^>]*)>/g)].map((m) => Object.fromEntries([...m[1].matchAll(/(\w+)="([^"]*)"/g)].map((a) => [a[1], a[2]])));
}

/** The number format code of a cell, through cellXfs → numFmts. */
export function formatOf(wb: Workbook, cell: XlsxCell): string | null {
	const id = cellStyles(wb)[cell.style]?.numFmtId;
	const fmt = id ? new RegExp(`<numFmt numFmtId="${id}" formatCode="([^"]*)"`).exec(wb.stylesXml) : null;
	return fmt ? unescapeXml(fmt[1]) : null;
}

/** Whether a cell's font is bold, through cellXfs → fonts. */
export function isBold(wb: Workbook, cell: XlsxCell): boolean {
	const fonts = (/<fonts[^>]*>([\s\S]*?)<\/fonts>/.exec(wb.stylesXml)?.[1] ?? '').split('</font>');
	return fonts[Number(cellStyles(wb)[cell.style]?.fontId ?? 0)].includes('<b/>');
}

/** The cells of the first row whose column A reads `label`, from column A on (undefined when empty); 26 columns at most. */
export function rowStartingWith(wb: Workbook, label: string, count: number): (XlsxCell | undefined)[] {
	const address = [...wb.cells].find(([a, c]) => /^A\d+$/.test(a) && c.text === label)?.[0];
	if (!address) throw new Error(`no row starts with « ${label} »`);
	const row = address.slice(1);
	return Array.from({ length: count }, (_, i) => wb.cells.get(`${String.fromCharCode(65 + i)}${row}`));
}
