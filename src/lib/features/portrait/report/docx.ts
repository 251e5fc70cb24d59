/**
 * The report as a Word document (`docx` library, loaded only when a report is written): real headings, a
 * table of contents field filled from them, numbered captions (SEQ fields), Word tables with right-aligned
 * fr-FR numbers and a header row repeated on each page, figures as 300 dpi PNG, page numbers in the footer.
 */
import {
	AlignmentType,
	Document,
	Footer,
	Header,
	HeadingLevel,
	ImageRun,
	Packer,
	PageBreak,
	PageNumber,
	Paragraph,
	SequentialIdentifier,
	ShadingType,
	Table,
	TableCell,
	TableOfContents,
	TableRow,
	TextRun,
	WidthType,
	type FileChild
} from 'docx';
import { PRINT_DPI, type Block, type FigureBlock, type RenderedImage, type ReportDoc, type TableBlock } from './model';

const FONT = 'Calibri';
/** Word lays images out at 96 px per inch: a 300 dpi image is shown at this fraction of its pixels. */
const SCREEN_PER_PRINT = 96 / PRINT_DPI;

function caption(kind: 'Tableau' | 'Figure', text: string): Paragraph {
	return new Paragraph({ style: 'Caption', keepNext: kind === 'Tableau', children: [new TextRun(`${kind} `), new SequentialIdentifier(kind), new TextRun(` : ${text}`)] });
}

const source = (text: string) => new Paragraph({ style: 'SourceNote', children: [new TextRun(`Source : ${text}`)] });

function table(b: TableBlock): FileChild[] {
	const cell = (text: string, i: number, header: boolean) =>
		new TableCell({
			shading: header ? { type: ShadingType.CLEAR, fill: 'E5E7EB', color: 'auto' } : undefined,
			children: [new Paragraph({ alignment: b.numeric[i] ? AlignmentType.RIGHT : AlignmentType.LEFT, children: [new TextRun({ text, bold: header, size: 18 })] })]
		});
	const rows = [
		new TableRow({ tableHeader: true, cantSplit: true, children: b.header.map((h, i) => cell(h, i, true)) }),
		...b.rows.map((r) => new TableRow({ children: r.map((v, i) => cell(v, i, false)) }))
	];
	return [caption('Tableau', b.caption), new Table({ rows, width: { size: 100, type: WidthType.PERCENTAGE } }), source(b.source)];
}

function figure(b: FigureBlock, image: RenderedImage | undefined): FileChild[] {
	if (!image) return [new Paragraph({ style: 'SourceNote', children: [new TextRun(`Figure non rendue : ${b.caption}`)] })];
	return [
		new Paragraph({
			keepNext: true,
			alignment: AlignmentType.CENTER,
			children: [new ImageRun({ type: image.type === 'png' ? 'png' : 'jpg', data: image.bytes, transformation: { width: Math.round(image.width * SCREEN_PER_PRINT), height: Math.round(image.height * SCREEN_PER_PRINT) }, altText: { name: b.id, title: b.caption, description: b.caption } })]
		}),
		caption('Figure', b.caption)
	];
}

function block(b: Block, images: ReadonlyMap<string, RenderedImage>): FileChild[] {
	switch (b.kind) {
		case 'subheading':
			return [new Paragraph({ heading: HeadingLevel.HEADING_2, text: b.text })];
		case 'text':
			return [new Paragraph({ style: b.role === 'reading' ? 'Reading' : b.role === 'note' ? 'SourceNote' : undefined, children: [new TextRun(b.text)] })];
		case 'table':
			return table(b);
		case 'figure':
			return figure(b, images.get(b.id));
	}
}

export async function reportDocx(doc: ReportDoc, images: ReadonlyMap<string, RenderedImage>): Promise<Uint8Array> {
	const body: FileChild[] = [
		new Paragraph({ heading: HeadingLevel.TITLE, text: doc.title }),
		new Paragraph({ children: [new TextRun({ text: doc.subtitle, size: 26 })] }),
		new Paragraph({ children: [new TextRun({ text: `Édité le ${doc.editedOn} avec cls-atlas`, color: '4B5563' })] }),
		new TableOfContents('Sommaire', { hyperlink: true, headingStyleRange: '1-2' })
	];
	for (const s of doc.sections) {
		body.push(new Paragraph({ children: [new PageBreak()] }), new Paragraph({ heading: HeadingLevel.HEADING_1, text: s.title }));
		for (const b of s.blocks) body.push(...block(b, images));
	}
	const document = new Document({
		creator: 'cls-atlas',
		title: doc.title,
		description: doc.subtitle,
		features: { updateFields: true },
		styles: {
			default: { document: { run: { font: FONT, size: 21 } } },
			paragraphStyles: [
				{ id: 'Caption', name: 'caption', basedOn: 'Normal', next: 'Normal', quickFormat: true, run: { italics: true, size: 18, color: '374151' }, paragraph: { spacing: { before: 120, after: 60 } } },
				{ id: 'Reading', name: 'Lecture', basedOn: 'Normal', quickFormat: true, paragraph: { spacing: { before: 120, after: 120 }, border: { left: { style: 'single', size: 12, color: '2563EB', space: 8 } } } },
				{ id: 'SourceNote', name: 'Source', basedOn: 'Normal', quickFormat: true, run: { size: 16, color: '4B5563' }, paragraph: { spacing: { after: 160 } } }
			]
		},
		sections: [
			{
				properties: { page: { margin: { top: 1134, bottom: 1134, left: 1134, right: 1134 } } },
				headers: { default: new Header({ children: [new Paragraph({ alignment: AlignmentType.RIGHT, children: [new TextRun({ text: doc.title, size: 16, color: '6B7280' })] })] }) },
				footers: {
					default: new Footer({
						children: [
							new Paragraph({
								alignment: AlignmentType.CENTER,
								children: [new TextRun({ size: 16, color: '6B7280', children: ['Page ', PageNumber.CURRENT, ' sur ', PageNumber.TOTAL_PAGES, ` — cls-atlas, ${doc.editedOn}`] })]
							})
						]
					})
				},
				children: body
			}
		]
	});
	return Packer.pack(document, 'uint8array');
}
