/**
 * The report as a PDF (pdf-lib, loaded only when a report is written), with the app's own font embedded
 * (Source Sans 3, subset): a title page with the contents, each section from a new page, tables whose
 * header row repeats after a page break, figures at 300 dpi, a header and a numbered footer on every page.
 */
import { PDFDocument, rgb, type PDFFont, type PDFPage } from 'pdf-lib';
import fontkit from '@pdf-lib/fontkit';
import { type Block, type FigureBlock, type RenderedImage, type ReportDoc, type TableBlock } from './model';

export interface PdfFonts {
	regular: Uint8Array;
	bold: Uint8Array;
}

export interface PdfResult {
	bytes: Uint8Array;
	pages: number;
	/** First and last page (1-based) of each section. */
	sections: { id: string; title: string; first: number; last: number }[];
}

const PAGE = { width: 595.28, height: 841.89 };
const MARGIN = { left: 50, right: 50, top: 60, bottom: 60 };
const WIDTH = PAGE.width - MARGIN.left - MARGIN.right;
const INK = rgb(0.07, 0.09, 0.15);
const GREY = rgb(0.29, 0.33, 0.39);
const RULE = rgb(0.82, 0.84, 0.86);
const ACCENT = rgb(0.15, 0.39, 0.92);
/** A cell longer than this is cut in the PDF (a row cannot be taller than a page); the Word file keeps it whole. */
const CELL_MAX = 1200;
const mmToPt = (mm: number) => (mm * 72) / 25.4;

/** Characters the subset font lacks (emojis, other scripts) print as « ? » rather than as nothing; its missing arrow as a dash. */
function printable(glyphs: ReadonlySet<number>, text: string): string {
	let out = '';
	for (const ch of text.replace(/[\r\n\t]+/g, ' ').replaceAll('→', '–')) out += glyphs.has(ch.codePointAt(0)!) ? ch : glyphs.has(0xfffd) ? '\ufffd' : '?';
	return out;
}

class Layout {
	readonly pdf: PDFDocument;
	readonly regular: PDFFont;
	readonly bold: PDFFont;
	private readonly glyphs: Map<PDFFont, Set<number>>;
	page!: PDFPage;
	y = 0;
	tables = 0;
	figures = 0;

	constructor(pdf: PDFDocument, regular: PDFFont, bold: PDFFont) {
		this.pdf = pdf;
		this.regular = regular;
		this.bold = bold;
		this.glyphs = new Map([regular, bold].map((f) => [f, new Set(f.getCharacterSet())]));
	}

	text(font: PDFFont, text: string): string {
		return printable(this.glyphs.get(font)!, text);
	}

	newPage(): void {
		this.page = this.pdf.addPage([PAGE.width, PAGE.height]);
		this.y = PAGE.height - MARGIN.top;
	}

	ensure(height: number): void {
		if (this.y - height < MARGIN.bottom) this.newPage();
	}

	/** Lines of at most `width` points; a word wider than a line is cut. */
	wrap(raw: string, font: PDFFont, size: number, room: number): string[] {
		const text = this.text(font, raw);
		// A word measured to fill the column exactly must fit it (sums of widths are not exact).
		const width = room + 0.01;
		const lines: string[] = [];
		const space = font.widthOfTextAtSize(' ', size);
		let line = '';
		let w = 0;
		for (const word of text.split(' ')) {
			let ww = font.widthOfTextAtSize(word, size);
			let rest = word;
			while (ww > width) {
				// Cut the long word where it fills the line.
				let cut = '';
				let cw = 0;
				for (const ch of rest) {
					const chw = font.widthOfTextAtSize(ch, size);
					if (cw + chw > width - (line ? w + space : 0) && cut) break;
					cut += ch;
					cw += chw;
				}
				if (line) lines.push(line);
				lines.push(cut);
				line = '';
				w = 0;
				rest = rest.slice(cut.length);
				ww = font.widthOfTextAtSize(rest, size);
			}
			if (!rest) continue;
			if (line && w + space + ww > width) {
				lines.push(line);
				line = rest;
				w = ww;
			} else {
				line = line ? `${line} ${rest}` : rest;
				w = line === rest ? ww : w + space + ww;
			}
		}
		if (line || lines.length === 0) lines.push(line);
		return lines;
	}

	paragraph(text: string, opts: { font?: PDFFont; size?: number; color?: ReturnType<typeof rgb>; indent?: number; after?: number; bar?: boolean } = {}): void {
		const font = opts.font ?? this.regular;
		const size = opts.size ?? 10;
		const indent = opts.indent ?? 0;
		const lead = size * 1.3;
		for (const line of this.wrap(text, font, size, WIDTH - indent)) {
			this.ensure(lead);
			if (opts.bar) this.page.drawRectangle({ x: MARGIN.left, y: this.y - lead + 2, width: 2.5, height: lead, color: ACCENT });
			this.page.drawText(line, { x: MARGIN.left + indent, y: this.y - size, size, font, color: opts.color ?? INK });
			this.y -= lead;
		}
		this.y -= opts.after ?? 6;
	}

	table(b: TableBlock): void {
		this.tables++;
		this.ensure(60);
		this.paragraph(`Tableau ${this.tables} : ${b.caption}`, { size: 8.5, color: GREY, after: 2 });
		const size = 7.5;
		const pad = 3;
		const lead = size * 1.25;
		const rows = b.rows.map((r) => r.map((c) => (c.length > CELL_MAX ? `${c.slice(0, CELL_MAX)} … (texte complet dans le document Word)` : c)));
		// Each column gets its longest word at least, then a share of the rest in proportion to its longer lines.
		const sample = rows.slice(0, 200);
		const measure = (font: PDFFont, t: string) => font.widthOfTextAtSize(this.text(font, t), size);
		const longestWord = (font: PDFFont, t: string) => Math.max(0, ...t.split(/\s+/).map((w) => measure(font, w)));
		const minimum = b.header.map((h, i) => Math.min(WIDTH / 3, Math.max(longestWord(this.bold, h), ...sample.map((r) => longestWord(this.regular, r[i] ?? '')))) + 2 * pad);
		const natural = b.header.map((h, i) => Math.min(240, Math.max(measure(this.bold, h), ...sample.map((r) => measure(this.regular, r[i] ?? '')))) + 2 * pad);
		const base = minimum.reduce((s, w) => s + w, 0);
		const extra = natural.map((n, i) => Math.max(0, n - minimum[i]));
		const extraTotal = extra.reduce((s, w) => s + w, 0);
		const widths =
			base >= WIDTH
				? minimum.map((w) => (w * WIDTH) / base)
				: minimum.map((w, i) => w + (extraTotal > 0 ? (extra[i] / extraTotal) * Math.min(WIDTH - base, extraTotal) : 0));
		const spare = WIDTH - widths.reduce((s, w) => s + w, 0);
		if (spare > 0) widths[widths.length - 1] += spare;

		const drawRow = (cells: string[], header: boolean) => {
			const font = header ? this.bold : this.regular;
			const wrapped = cells.map((c, i) => this.wrap(c, font, size, widths[i] - 2 * pad));
			const height = Math.max(...wrapped.map((l) => l.length)) * lead + 2 * pad;
			const fresh = this.y - height < MARGIN.bottom;
			if (fresh) {
				this.newPage();
				if (!header) drawRow(b.header, true);
			}
			if (header) this.page.drawRectangle({ x: MARGIN.left, y: this.y - height, width: WIDTH, height, color: rgb(0.9, 0.91, 0.92) });
			let x = MARGIN.left;
			wrapped.forEach((lines, i) => {
				lines.forEach((line, j) => {
					const w = font.widthOfTextAtSize(line, size);
					const lx = b.numeric[i] ? x + widths[i] - pad - w : x + pad;
					this.page.drawText(line, { x: lx, y: this.y - pad - size - j * lead + 1.5, size, font, color: INK });
				});
				x += widths[i];
			});
			this.y -= height;
			this.page.drawLine({ start: { x: MARGIN.left, y: this.y }, end: { x: MARGIN.left + WIDTH, y: this.y }, thickness: 0.5, color: RULE });
		};
		drawRow(b.header, true);
		for (const r of rows) drawRow(r, false);
		this.y -= 3;
		this.paragraph(`Source : ${b.source}`, { size: 7.5, color: GREY, after: 10 });
	}

	async figure(b: FigureBlock, image: RenderedImage | undefined): Promise<void> {
		this.figures++;
		const label = `Figure ${this.figures} : ${b.caption}`;
		if (!image) {
			this.paragraph(`${label} (non rendue)`, { size: 8.5, color: GREY });
			return;
		}
		const png = image.type === 'jpeg' ? await this.pdf.embedJpg(image.bytes) : await this.pdf.embedPng(image.bytes);
		let w = Math.min(WIDTH, mmToPt(b.widthMm));
		let h = (w * image.height) / image.width;
		const room = PAGE.height - MARGIN.top - MARGIN.bottom - 30;
		if (h > room) {
			w *= room / h;
			h = room;
		}
		this.ensure(h + 24);
		this.page.drawImage(png, { x: MARGIN.left + (WIDTH - w) / 2, y: this.y - h, width: w, height: h });
		this.y -= h + 4;
		this.paragraph(label, { size: 8.5, color: GREY, after: 10 });
	}
}

async function block(l: Layout, b: Block, images: ReadonlyMap<string, RenderedImage>): Promise<void> {
	switch (b.kind) {
		case 'subheading':
			l.ensure(40);
			l.y -= 4;
			l.paragraph(b.text, { font: l.bold, size: 12, after: 4 });
			return;
		case 'text':
			if (b.role === 'reading') l.paragraph(b.text, { indent: 9, bar: true, after: 10 });
			else if (b.role === 'note') l.paragraph(b.text, { size: 8.5, color: GREY });
			else l.paragraph(b.text);
			return;
		case 'table':
			l.table(b);
			return;
		case 'figure':
			await l.figure(b, images.get(b.id));
	}
}

export async function reportPdf(doc: ReportDoc, images: ReadonlyMap<string, RenderedImage>, fonts: PdfFonts): Promise<PdfResult> {
	const pdf = await PDFDocument.create();
	pdf.registerFontkit(fontkit);
	pdf.setTitle(doc.title);
	pdf.setSubject(doc.subtitle);
	pdf.setCreator('cls-atlas');
	pdf.setProducer('cls-atlas (pdf-lib)');
	pdf.setLanguage('fr-FR');
	const l = new Layout(pdf, await pdf.embedFont(fonts.regular, { subset: true }), await pdf.embedFont(fonts.bold, { subset: true }));

	l.newPage();
	const cover = l.page;
	l.y -= 120;
	l.paragraph(doc.title, { font: l.bold, size: 22, after: 10 });
	l.paragraph(doc.subtitle, { size: 13, color: GREY, after: 4 });
	l.paragraph(`Édité le ${doc.editedOn} avec cls-atlas`, { size: 10, color: GREY, after: 30 });
	l.paragraph('Sommaire', { font: l.bold, size: 14, after: 8 });
	const tocTop = l.y;

	const sections: PdfResult['sections'] = [];
	for (const s of doc.sections) {
		l.newPage();
		const first = pdf.getPageCount();
		l.paragraph(s.title, { font: l.bold, size: 17, after: 10 });
		for (const b of s.blocks) await block(l, b, images);
		sections.push({ id: s.id, title: s.title, first, last: pdf.getPageCount() });
	}

	// The contents, now that the pages are known.
	let y = tocTop;
	for (const s of sections) {
		const title = l.text(l.regular, s.title);
		const page = String(s.first);
		cover.drawText(title, { x: MARGIN.left, y: y - 11, size: 11, font: l.regular, color: INK });
		cover.drawText(page, { x: PAGE.width - MARGIN.right - l.regular.widthOfTextAtSize(page, 11), y: y - 11, size: 11, font: l.regular, color: INK });
		y -= 18;
	}

	const pages = pdf.getPages();
	const header = l.wrap(doc.title, l.regular, 7.5, WIDTH)[0];
	pages.forEach((page, i) => {
		if (i > 0) {
			page.drawText(header, { x: PAGE.width - MARGIN.right - l.regular.widthOfTextAtSize(header, 7.5), y: PAGE.height - 35, size: 7.5, font: l.regular, color: GREY });
			page.drawLine({ start: { x: MARGIN.left, y: PAGE.height - 40 }, end: { x: PAGE.width - MARGIN.right, y: PAGE.height - 40 }, thickness: 0.5, color: RULE });
		}
		const footer = l.text(l.regular, `Page ${i + 1} sur ${pages.length} — cls-atlas, ${doc.editedOn}`);
		page.drawText(footer, { x: (PAGE.width - l.regular.widthOfTextAtSize(footer, 7.5)) / 2, y: 30, size: 7.5, font: l.regular, color: GREY });
	});
	return { bytes: await pdf.save(), pages: pages.length, sections };
}
