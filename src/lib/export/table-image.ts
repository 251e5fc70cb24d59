/**
 * An exported table as a picture for a report: its title, the header in bold, numbers right-aligned
 * in fr-FR, and the footer lines (territories, sources, export date) below. Drawn on a canvas from
 * the same table model as the CSV and XLSX, so the three files say the same thing.
 */
import { formatNumber } from '../territory/number';
import type { ExportTable, TableCell } from './table';

const FONT = "'Source Sans 3', system-ui, sans-serif";
const ROW = 20;
const PAD = 12;
const GAP = 14;
/** A label longer than this is cut with « … »: a picture has no horizontal scroll. */
const MAX_COLUMN = 360;

/**
 * No column is wider than MAX_COLUMN px at 12 px, i.e. well under this many characters: longer text is
 * cut before it is ever measured (measuring a 100,000-character name froze the tab).
 */
const MAX_CHARS = 400;

/** `text` cut to MAX_CHARS with « … ». */
export function capText(text: string, max = MAX_CHARS): string {
	return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

function cellText(cell: TableCell): string {
	if (cell === null || cell === undefined) return '–';
	if (typeof cell === 'string') return capText(cell);
	const value = typeof cell === 'number' ? cell : cell.value;
	if (!Number.isFinite(value)) return '–';
	return typeof cell === 'number' ? String(value).replace('.', ',') : formatNumber(cell.value, cell.precision);
}

/** The longest prefix of `text` that fits `width` with « … » (binary search: a few measures, whatever the length). */
export function fit(ctx: Pick<CanvasRenderingContext2D, 'measureText'>, text: string, width: number): string {
	const capped = capText(text);
	if (ctx.measureText(capped).width <= width) return capped;
	let lo = 0; // fits
	let hi = capped.length; // does not fit
	while (hi - lo > 1) {
		const mid = (lo + hi) >> 1;
		if (ctx.measureText(`${capped.slice(0, mid)}…`).width <= width) lo = mid;
		else hi = mid;
	}
	return `${capped.slice(0, Math.max(1, lo))}…`;
}

/** `omit`: header labels of columns left out of the picture (e.g. « Source », written below instead). */
export function tableImage(table: ExportTable, omit: readonly string[], scale = 2): HTMLCanvasElement {
	const kept = table.header.map((h, i) => (omit.includes(h) ? -1 : i)).filter((i) => i >= 0);
	const rows = table.rows.map((row) => kept.map((i) => row[i]));
	const header = kept.map((i) => table.header[i]);
	const numeric = kept.map((_, k) => rows.some((r) => r[k] !== null && typeof r[k] === 'object') || rows.every((r) => typeof r[k] !== 'string'));

	const canvas = document.createElement('canvas');
	const ctx = canvas.getContext('2d')!;
	const widths = kept.map((_, k) => {
		ctx.font = `600 12px ${FONT}`;
		let w = ctx.measureText(capText(header[k])).width;
		ctx.font = `400 12px ${FONT}`;
		for (const r of rows) w = Math.max(w, ctx.measureText(cellText(r[k])).width);
		return Math.min(MAX_COLUMN, Math.ceil(w));
	});
	const tableWidth = widths.reduce((a, b) => a + b, 0) + GAP * (widths.length - 1);
	ctx.font = `400 11px ${FONT}`;
	const footer = table.footer.map((line) => capText(line, 4 * MAX_CHARS));
	const footerWidth = Math.max(0, ...footer.map((line) => ctx.measureText(line).width));
	const width = Math.ceil(Math.max(tableWidth, Math.min(footerWidth, tableWidth * 1.5)) + 2 * PAD);
	const top = 40;
	const height = top + ROW * (rows.length + 1) + 10 + table.footer.length * 15 + PAD;

	canvas.width = width * scale;
	canvas.height = height * scale;
	ctx.scale(scale, scale);
	ctx.fillStyle = '#ffffff';
	ctx.fillRect(0, 0, width, height);
	ctx.textBaseline = 'alphabetic';
	ctx.fillStyle = '#111827';
	ctx.font = `700 16px ${FONT}`;
	ctx.fillText(capText(table.title), PAD, 24, width - 2 * PAD);

	const drawRow = (cells: readonly string[], y: number, weight: number) => {
		ctx.font = `${weight} 12px ${FONT}`;
		let x = PAD;
		cells.forEach((text, k) => {
			const shown = fit(ctx, text, widths[k]);
			ctx.textAlign = numeric[k] && k > 0 ? 'right' : 'left';
			ctx.fillText(shown, numeric[k] && k > 0 ? x + widths[k] : x, y);
			x += widths[k] + GAP;
		});
		ctx.textAlign = 'left';
	};
	drawRow(header, top + 14, 600);
	ctx.strokeStyle = '#111827';
	ctx.beginPath();
	ctx.moveTo(PAD, top + ROW - 0.5);
	ctx.lineTo(PAD + tableWidth, top + ROW - 0.5);
	ctx.stroke();
	ctx.strokeStyle = '#e5e7eb';
	rows.forEach((r, i) => {
		const y = top + ROW * (i + 1);
		ctx.fillStyle = '#111827';
		drawRow(r.map(cellText), y + 14, 400);
		ctx.beginPath();
		ctx.moveTo(PAD, y + ROW - 0.5);
		ctx.lineTo(PAD + tableWidth, y + ROW - 0.5);
		ctx.stroke();
	});
	ctx.font = `400 11px ${FONT}`;
	ctx.fillStyle = '#374151';
	footer.forEach((line, i) => ctx.fillText(line, PAD, top + ROW * (rows.length + 1) + 20 + i * 15, width - 2 * PAD));
	return canvas;
}
