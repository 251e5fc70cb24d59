/**
 * The « Rapport de diagnostic » as data: sections of blocks (text, tables, figures) that the Word and PDF
 * writers lay out alike. Pure: no DOM, no engine; figures are specs that a renderer turns into PNG.
 */
import type { LegendRow } from '../../../export/map-image';
import type { Rgba } from '../../../indicators/palettes';
import { walkActions, type Cls } from '../../../register/schema';

/** The sections a writer can choose, in their default order. */
export const REPORT_SECTIONS = [
	{ id: 'population', title: 'Population et vieillissement' },
	{ id: 'offre', title: 'Offre de soins' },
	{ id: 'acces', title: 'Accès aux soins' },
	{ id: 'environnement', title: 'Environnement : radon et quartiers prioritaires' },
	{ id: 'cls', title: 'Le contrat local de santé' },
	{ id: 'scenarios', title: 'Scénarios attachés aux actions' },
	{ id: 'sources', title: 'Sources et méthode' }
] as const;

export type SectionId = (typeof REPORT_SECTIONS)[number]['id'];

/** Whether an action of the programme (its history left out) carries an « Et si… ? » scenario: the « Scénarios » section exists then only. */
export function carriesScenarios(cls: Cls): boolean {
	for (const { action } of walkActions(cls, { historique: false })) if (action.scenario) return true;
	return false;
}

/** Sections a territory's report can have: the CLS one for a CLS perimeter only, the scenarios one when an action carries a scenario. */
export function sectionsFor(cls: Cls | null | undefined): SectionId[] {
	return REPORT_SECTIONS.map((s) => s.id).filter((id) => (id !== 'cls' && id !== 'scenarios') || (cls && (id === 'cls' || carriesScenarios(cls))));
}

export const SECTION_TITLES: Record<SectionId, string> = Object.fromEntries(REPORT_SECTIONS.map((s) => [s.id, s.title])) as Record<SectionId, string>;

export function isSectionId(id: string): id is SectionId {
	return REPORT_SECTIONS.some((s) => s.id === id);
}

/** A choropleth of the perimeter's communes: colours by commune code, legend rows, sources. */
export interface MapSpec {
	kind: 'map';
	title: string;
	subtitle: string;
	unit: string;
	legend: LegendRow[];
	colors: [string, Rgba][];
	attribution: string;
}

/** Horizontal bars: one group per indicator, one bar per area (territory, département, région, France). */
export interface ChartSpec {
	kind: 'chart';
	title: string;
	series: string[];
	groups: { label: string; values: number[]; formatted: string[] }[];
	attribution: string;
}

export type FigureSpec = MapSpec | ChartSpec;

export interface TextBlock {
	kind: 'text';
	/** A reading is the generated plain-French statement of the numbers, that the writer edits. */
	role: 'reading' | 'body' | 'note';
	text: string;
}

export interface SubheadingBlock {
	kind: 'subheading';
	text: string;
}

export interface TableBlock {
	kind: 'table';
	caption: string;
	header: string[];
	/** Right-aligned columns (numbers, fr-FR). */
	numeric: boolean[];
	rows: string[][];
	source: string;
}

export interface FigureBlock {
	kind: 'figure';
	/** Unique in the report: the key of its rendered image. */
	id: string;
	caption: string;
	spec: FigureSpec;
	/** Printed size; the image is rendered at 300 dpi of it. */
	widthMm: number;
	heightMm: number;
}

export type Block = TextBlock | SubheadingBlock | TableBlock | FigureBlock;

export interface ReportSection {
	id: SectionId;
	title: string;
	blocks: Block[];
}

export interface ReportDoc {
	title: string;
	/** « Communauté de communes … — 77 communes, 48 000 habitants » */
	subtitle: string;
	editedOn: string;
	sections: ReportSection[];
}

export const PRINT_DPI = 300;

/** Pixels of a printed length at 300 dpi. */
export const mmToPx = (mm: number) => Math.round((mm / 25.4) * PRINT_DPI);

/** A rendered figure: PNG for Word (crisp text), JPEG for the PDF (embedded as is, where a PNG is decoded and recompressed in JavaScript). */
export interface RenderedImage {
	bytes: Uint8Array;
	type: 'png' | 'jpeg';
	width: number;
	height: number;
}

export function figureBlocks(doc: ReportDoc): FigureBlock[] {
	return doc.sections.flatMap((s) => s.blocks.filter((b): b is FigureBlock => b.kind === 'figure'));
}

/**
 * Text any writer can hold: XML 1.0 refuses C0 controls and lone surrogates (a pasted title can carry them),
 * so they are dropped; everything else (`<`, `&`, quotes, emojis) is kept and escaped by the writers.
 */
export function cleanText(text: string): string {
	// eslint-disable-next-line no-control-regex
	return text.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '').replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '');
}

/** The first `max` characters of a text (whole code points: an emoji is never cut in two), « … » when cut. */
export function clip(text: string, max: number): string {
	const chars = [...text];
	return chars.length <= max ? text : `${chars.slice(0, max - 2).join('')} …`;
}
