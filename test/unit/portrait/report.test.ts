import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { unzipSync, strFromU8 } from 'fflate';
import { openNodeSource, type NodeSource } from '../../../src/lib/data/queries/node';
import { SHIPPED_CLS } from '../../../src/lib/register/register';
import { communeDirectory, resolveTerritory } from '../../../src/lib/data/queries/territories';
import { formatNumber } from '../../../src/lib/territory/number';
import { collectReport, type ReportData } from '../../../src/lib/features/portrait/report/collect';
import { buildReport } from '../../../src/lib/features/portrait/report/build';
import { reportDocx } from '../../../src/lib/features/portrait/report/docx';
import { reportPdf, type PdfFonts } from '../../../src/lib/features/portrait/report/pdf';
import { figureBlocks, mmToPx, REPORT_SECTIONS, sectionsFor, type RenderedImage, type ReportDoc, type SectionId } from '../../../src/lib/features/portrait/report/model';
import { portraitView } from '../../../src/lib/features/portrait/view';
import { solidPng } from '../../support/png';
import { parseManifest } from '../../../src/lib/data/queries/artefacts';
import { DEFAULT_DATA_DIR } from '../../../src/lib/data/engine/node';
import { loadScenarioInputs } from '../../../src/lib/data/scenario/inputs';
import { estimateNote, ScenarioModel } from '../../../src/lib/scenario/scenario';
import { parseScenario } from '../../../src/lib/scenario/text';
import { walkActions, type Cls } from '../../../src/lib/register/schema';
import type { ScenarioRunner } from '../../../src/lib/features/portrait/report/scenario-figures';
import { decodeXml, xmlProblem } from '../../support/xml';

let source: NodeSource;
let data: ReportData;
let dir: string;
const FONTS = resolve(import.meta.dirname, '../../../node_modules/@fontsource/source-sans-3/files');
const fonts: PdfFonts = {
	regular: readFileSync(join(FONTS, 'source-sans-3-latin-400-normal.woff')),
	bold: readFileSync(join(FONTS, 'source-sans-3-latin-700-normal.woff'))
};

/** Node has no canvas: each figure is a plain PNG of its 300 dpi size (the browser draws the real ones, see the e2e test). */
function stubImages(doc: ReportDoc): Map<string, RenderedImage> {
	return new Map(
		figureBlocks(doc).map((f, i) => {
			const width = mmToPx(f.widthMm);
			const height = mmToPx(f.heightMm);
			// A colour of its own: Word stores identical images once.
			return [f.id, { bytes: solidPng(width, height, [200, 200, i]), type: 'png' as const, width, height }];
		})
	);
}

async function scalarRow(sql: string, params: (string | number)[]): Promise<Record<string, number>> {
	const row = (await source.db.query(sql, params)).get(0)!.toJSON();
	return Object.fromEntries(Object.entries(row).map(([k, v]) => [k, Number(v)]));
}

/** The paragraphs of word/document.xml as text, with their style. */
function paragraphs(xml: string): { style: string | null; text: string }[] {
	return [...xml.matchAll(/<w:p[ >][^]*?<\/w:p>/g)].map(([p]) => ({
		style: p.match(/<w:pStyle w:val="([^"]+)"/)?.[1] ?? null,
		text: decodeXml([...p.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join(''))
	}));
}

/** Rows of each Word table: cells as text, and whether the cell is right-aligned. */
function tables(xml: string): { text: string; right: boolean }[][][] {
	return [...xml.matchAll(/<w:tbl>[^]*?<\/w:tbl>/g)].map(([t]) =>
		[...t.matchAll(/<w:tr[ >][^]*?<\/w:tr>/g)].map(([r]) =>
			[...r.matchAll(/<w:tc>[^]*?<\/w:tc>/g)].map(([c]) => ({
				text: decodeXml([...c.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join('')),
				right: c.includes('<w:jc w:val="right"/>')
			}))
		)
	);
}

/** The text of a PDF (or of one page), its spaces (no-break ones included) made one. */
const pdftotext = (file: string, page?: number) =>
	flat(execFileSync('pdftotext', [...(page ? ['-f', String(page), '-l', String(page)] : []), '-layout', file, '-'], { encoding: 'utf8' }));
const flat = (text: string) => text.replace(/\s+/g, ' ');
/** `includes` that does not print the whole text when it fails. */
const holds = (text: string, part: string) => expect(text.includes(flat(part)), part).toBe(true);
const pdfPages = (file: string) => Number(execFileSync('pdfinfo', [file], { encoding: 'utf8' }).match(/Pages:\s+(\d+)/)![1]);

beforeAll(async () => {
	source = await openNodeSource();
	dir = mkdtempSync(join(tmpdir(), 'rapport-'));
	const directory = await communeDirectory(source);
	const territory = await resolveTerritory(source, { level: 'cls', code: 'cauvaldor' }, { clsList: SHIPPED_CLS, membership: directory.membership });
	data = await collectReport(source, territory!, { communeNames: directory.communeNames, membership: directory.membership, editedOn: '6 décembre 2026' });
}, 300_000);
afterAll(async () => {
	await source?.close();
	if (dir) rmSync(dir, { recursive: true, force: true });
});

/** The APL 2023 of the perimeter, its département's, and the communes under 2,5, by hand-written SQL. */
async function expectedApl() {
	const codes = data.portrait.territory.communes;
	const marks = codes.map(() => '?').join(',');
	const own = await scalarRow(`SELECT sum(apl_mg_moins65 * pop_standardisee) / sum(pop_standardisee) AS v FROM apl WHERE annee = 2023 AND code IN (${marks})`, codes);
	const lot = await scalarRow(
		`SELECT sum(a.apl_mg_moins65 * a.pop_standardisee) / sum(a.pop_standardisee) AS v FROM apl a JOIN communes c USING (code) WHERE a.annee = 2023 AND c.dep = ?`,
		[data.portrait.territory.departement!.code]
	);
	const below = await scalarRow(
		`SELECT count(*) AS n, sum(c.population) AS pop FROM apl a JOIN communes c USING (code) WHERE a.annee = 2023 AND a.apl_mg_moins65 < 2.5 AND a.code IN (${marks})`,
		codes
	);
	return { own: formatNumber(own.v, 2), lot: formatNumber(lot.v, 2), below: `${formatNumber(below.n, 0)} communes, ${formatNumber(below.pop, 0)} habitants, sont sous le seuil de 2,5` };
}

describe('Rapport de diagnostic of the Cauvaldor CLS, every section', () => {
	let doc: ReportDoc;
	let xml: string;
	let files: Record<string, Uint8Array>;

	beforeAll(async () => {
		const sections = sectionsFor(data.cls?.cls);
		expect(sections).toEqual(REPORT_SECTIONS.map((s) => s.id).filter((id) => id !== 'scenarios'));
		doc = buildReport(data, sections);
		files = unzipSync(await reportDocx(doc, stubImages(doc)));
		xml = strFromU8(files['word/document.xml']);
	}, 120_000);

	it('is well-formed Word XML with a heading per section, in order, and a table of contents field', () => {
		expect(xmlProblem(xml)).toBeNull();
		const h1 = paragraphs(xml).filter((p) => p.style === 'Heading1');
		expect(h1.map((p) => p.text)).toEqual(doc.sections.map((s) => s.title));
		expect(xml).toMatch(/<w:instrText[^>]*>\s*TOC /);
		expect(paragraphs(xml).some((p) => p.style === 'Caption' && p.text.startsWith('Tableau '))).toBe(true);
	});

	it('prints the APL of the perimeter and of the Lot as the SQL ratio of sums, right-aligned, and the communes under 2,5', async () => {
		const expected = await expectedApl();
		const rows = tables(xml).flat();
		const apl = rows.find((r) => r[0]?.text === 'APL aux médecins généralistes de moins de 65 ans 2023');
		expect(apl, 'ligne de l’APL 2023').toBeDefined();
		expect(apl![2]).toEqual({ text: expected.own, right: true });
		expect(apl![3]).toEqual({ text: expected.lot, right: true });
		const reading = paragraphs(xml).filter((p) => p.style === 'Reading').map((p) => p.text);
		expect(reading.some((t) => t.includes(`L’APL 2023 du territoire (${expected.own} `) && t.includes(expected.below))).toBe(true);
	});

	it('embeds one 300 dpi PNG per figure and lists every source with its millésime', () => {
		const figures = figureBlocks(doc);
		expect(figures.length).toBeGreaterThanOrEqual(9);
		const media = Object.keys(files).filter((f) => f.startsWith('word/media/') && f.endsWith('.png'));
		expect(media).toHaveLength(figures.length);
		expect(xml.match(/<w:drawing>/g)).toHaveLength(figures.length);
		// 160 mm at 300 dpi is 1 890 px, shown by Word at 96 px per inch: 605 px of 9 525 EMU.
		expect(xml).toContain(`cx="${Math.round((mmToPx(160) * 96) / 300) * 9525}"`);
		const text = paragraphs(xml)
			.map((p) => p.text)
			.join('\n');
		const cells = tables(xml)
			.flat(2)
			.map((c) => c.text);
		for (const line of portraitView(data.portrait).notes.lines) expect(cells.includes(line) || text.includes(line), line).toBe(true);
		expect(cells.some((c) => /DREES – Accessibilité potentielle localisée \(APL\) aux médecins généralistes, 2023/.test(c))).toBe(true);
	});

	it('lists the FINESS establishments of the perimeter, and the actions of the programme with their target communes', () => {
		const all = tables(xml);
		const finess = all.find((t) => t[0].map((c) => c.text).join('|') === 'Catégorie|Établissement|Commune|N° FINESS|Millésime');
		expect(finess!.length - 1).toBe(data.facilities.length);
		expect(data.facilities.length).toBeGreaterThan(10);
		const actions = all.find((t) => t[0][1]?.text === 'Action');
		expect(actions!.length - 1).toBe(data.cls!.actions.length);
	});
});

describe('the PDF', () => {
	let full: Awaited<ReturnType<typeof reportPdf>>;
	const file = () => join(dir, 'complet.pdf');

	beforeAll(async () => {
		const doc = buildReport(data, sectionsFor(data.cls?.cls));
		full = await reportPdf(doc, stubImages(doc), fonts);
		writeFileSync(file(), full.bytes);
	}, 120_000);

	it('has the pages it says, the same figures as the SQL, and each section from its own page', async () => {
		expect(pdfPages(file())).toBe(full.pages);
		const expected = await expectedApl();
		const text = pdftotext(file());
		holds(text, expected.own);
		holds(text, expected.lot);
		holds(text, expected.below);
		for (const s of full.sections) holds(pdftotext(file(), s.first), s.title);
		holds(pdftotext(file(), 1), 'Sommaire');
		holds(pdftotext(file(), full.pages), `Page ${full.pages} sur ${full.pages}`);
	});

	it('counts as many pages as the sections chosen: the title page, then each chosen section’s own', async () => {
		const chosen: SectionId[] = ['sources', 'acces'];
		const doc = buildReport(data, chosen);
		const part = await reportPdf(doc, stubImages(doc), fonts);
		writeFileSync(join(dir, 'partiel.pdf'), part.bytes);
		const span = (id: string) => {
			const s = full.sections.find((x) => x.id === id)!;
			return s.last - s.first + 1;
		};
		expect(part.sections.map((s) => s.id)).toEqual(chosen);
		expect(pdfPages(join(dir, 'partiel.pdf'))).toBe(1 + span('sources') + span('acces'));
	});
});

describe('the scenarios attached to actions', () => {
	const GRAMAT = '46128';
	const TEXT = `msp:${GRAMAT}:4`;
	let model: ScenarioModel;
	let runs: string[];
	let withScenario: ReportData;

	/**
	 * The Cauvaldor programme as a coordinator could edit it: its first action aimed at Gramat and a neighbour,
	 * with a scenario; the second with a scenario naming an unknown commune.
	 */
	function programme(): Cls {
		const cls = structuredClone(data.cls!.cls);
		const [first, second] = [...walkActions(cls, { historique: false })].map((l) => l.action);
		first.cible = { type: 'communes', communes: [GRAMAT, data.cls!.perimeter.find((c) => c !== GRAMAT)!] };
		first.scenario = { texte: TEXT, annee: 2023 };
		second.scenario = { texte: 'ajout:46999:1', annee: 2023 };
		return cls;
	}

	beforeAll(async () => {
		const manifest = parseManifest(readFileSync(join(DEFAULT_DATA_DIR, 'manifest.json'), 'utf8'));
		const inputs = await loadScenarioInputs(manifest, async (file) => new Uint8Array(readFileSync(join(DEFAULT_DATA_DIR, file))), 2023);
		model = new ScenarioModel(inputs.baseline, inputs.pairs);
		runs = [];
		const scenarios: ScenarioRunner = async (texte, annee) => {
			runs.push(`${texte}@${annee}`);
			return { codes: inputs.baseline.codes, population: inputs.baseline.population, pstd: inputs.baseline.pstd, result: model.run(parseScenario(texte)) };
		};
		const directory = await communeDirectory(source);
		const territory = { ...data.portrait.territory, cls: programme() };
		withScenario = await collectReport(source, territory, { communeNames: directory.communeNames, membership: directory.membership, editedOn: data.editedOn, portrait: data.portrait, ranks: data.ranks, scenarios });
	}, 300_000);

	it('is absent when no action carries one, and the CLS section says so in one line', () => {
		expect(sectionsFor(data.cls!.cls)).not.toContain('scenarios');
		const doc = buildReport(data, ['cls', 'scenarios']);
		expect(doc.sections.map((s) => s.id)).toEqual(['cls']);
		const notes = doc.sections[0].blocks.filter((b) => b.kind === 'text' && b.text.includes('Et si'));
		expect(notes.map((b) => b.kind === 'text' && b.text)).toEqual(['Aucune action du programme ne porte de scénario « Et si… ? » : le rapport n’a pas de section « Scénarios ».']);
	});

	it('maps, in the CLS section, the communes an action targets, with their indicators beside the perimeter’s', async () => {
		const targeted = withScenario.cls!.actions.find((a) => a.action.cible.type === 'communes')!;
		expect(withScenario.cls!.targets.map((g) => g.target)).toEqual([targeted.target]);
		const doc = buildReport(withScenario, ['cls']);
		const maps = figureBlocks(doc).filter((f) => f.id.startsWith('cls-target-'));
		expect(maps).toHaveLength(1);
		const spec = maps[0].spec;
		expect(spec.kind === 'map' && spec.legend.map((l) => [l.label, l.count])).toEqual([
			['commune ciblée', 2],
			['autre commune du périmètre', withScenario.cls!.perimeter.length - 2]
		]);
		expect(spec.kind === 'map' && spec.colors).toHaveLength(withScenario.cls!.perimeter.length);
		const xml = strFromU8(unzipSync(await reportDocx(doc, stubImages(doc)))['word/document.xml']);
		const table = tables(xml).find((t) => t[0].map((c) => c.text).join('|') === 'Indicateur|Unité|Communes ciblées|Périmètre')!;
		const apl = table.find((r) => r[0].text === 'APL aux médecins généralistes de moins de 65 ans 2023')!;
		const codes = targeted.target;
		const own = await scalarRow(`SELECT sum(apl_mg_moins65 * pop_standardisee) / sum(pop_standardisee) AS v FROM apl WHERE annee = 2023 AND code IN (${codes.map(() => '?').join(',')})`, codes);
		expect(apl[2]).toEqual({ text: formatNumber(own.v, 2), right: true });
		expect(apl[3].text).toBe((await expectedApl()).own);
	});

	it('gives, for each action carrying one, the APL before (published) and after (estimated, marked so with the DREES millésime)', async () => {
		expect(sectionsFor(withScenario.cls!.cls)).toContain('scenarios');
		expect(runs.sort()).toEqual(['ajout:46999:1@2023', `${TEXT}@2023`]);
		const doc = buildReport(withScenario, ['scenarios']);
		const xml = strFromU8(unzipSync(await reportDocx(doc, stubImages(doc)))['word/document.xml']);
		expect(xmlProblem(xml)).toBeNull();
		// The perimeter's published APL 2023 (SQL ratio of sums) and its estimate after four GPs at Gramat, by hand from the engine's arrays.
		const codes = withScenario.cls!.perimeter;
		const marks = codes.map(() => '?').join(',');
		const published = (await source.db.query(`SELECT code, apl_mg_moins65 AS v, pop_standardisee AS w FROM apl WHERE annee = 2023 AND code IN (${marks})`, codes)).toArray() as { code: string; v: number; w: number }[];
		const after = model.run(parseScenario(TEXT)).after;
		const index = new Map(model.baseline.codes.map((c, i) => [c, i]));
		const sum = (f: (r: { code: string; v: number; w: number }) => number) => published.reduce((s, r) => s + f(r), 0);
		const before = sum((r) => r.v * r.w) / sum((r) => r.w);
		const estimated = sum((r) => after[index.get(String(r.code))!] * r.w) / sum((r) => r.w);
		expect(estimated).toBeGreaterThan(before);
		const rows = tables(xml).flat();
		const header = rows.find((r) => r[0]?.text === 'Territoire')!.map((c) => c.text);
		expect(header).toEqual(['Territoire', 'Population', 'APL 2023 publiée (DREES)', 'APL après (estimation)', 'Population sous 2,5 : publiée', 'Population sous 2,5 : après (estimation)']);
		const perimeter = rows.find((r) => r[0]?.text === 'Périmètre du CLS')!;
		expect(perimeter.slice(2, 4)).toEqual([
			{ text: formatNumber(before, 2), right: true },
			{ text: formatNumber(estimated, 2), right: true }
		]);
		expect(rows.some((r) => r[0]?.text.startsWith('Communes ciblées par l’action'))).toBe(true);
		const gramat = rows.find((r) => r[1]?.text === GRAMAT)!;
		expect(gramat[0].text).toBe('Gramat');
		// Every estimated figure is marked: its table's source, its reading, with the method and the millésime.
		const text = paragraphs(xml).map((p) => p.text);
		const note = estimateNote(2023);
		expect(note).toBe('estimation cls-atlas, méthode APL de la DREES (APL 2023), temps de trajet approchés');
		expect(text.filter((t) => t.startsWith('Source : Avant : APL publiée par la DREES (2023). Après : ' + note))).toHaveLength(2);
		const reading = text.find((t) => t.startsWith(`Estimation (${note}) : l’APL du périmètre passerait de ${formatNumber(before, 2)} (valeur publiée par la DREES) à ${formatNumber(estimated, 2)} (estimation)`));
		expect(reading).toBeDefined();
		expect(text.some((t) => t.includes('Si cette action aboutit : une MSP de 4 médecins à Gramat (46128)'))).toBe(true);
		// A scenario the engine refuses is said in French, the report still written.
		expect(text.some((t) => t.includes('« ajout:46999:1 » de cette action n’a pas pu être calculé : Code commune inconnu : 46999'))).toBe(true);
	});

	it('keeps a valid Word file and PDF when the action carrying it has a hostile title (20 000 characters, markup, quotes, emojis)', async () => {
		// Fictitious title, made to break writers; the heading's cut falls inside an emoji's two UTF-16 units.
		const title = `Action${'Scénario <b> & " \' 🚑 '.repeat(1000)}`.slice(0, 20_000);
		const hostile: ReportData = {
			...withScenario,
			cls: { ...withScenario.cls!, actions: withScenario.cls!.actions.map((a) => (a.scenario && !('error' in a.scenario) ? { ...a, action: { ...a.action, titre: title } } : a)) }
		};
		const doc = buildReport(hostile, ['scenarios']);
		const xml = strFromU8(unzipSync(await reportDocx(doc, stubImages(doc)))['word/document.xml']);
		expect(xmlProblem(xml)).toBeNull();
		const heading = paragraphs(xml).find((p) => p.style === 'Heading2' && p.text.startsWith('ActionScénario <b> & " \' 🚑'))!;
		expect([...heading.text].length).toBeLessThanOrEqual(160);
		// No half emoji: a lone surrogate would be written as U+FFFD.
		expect(heading.text).not.toContain('\ufffd');
		expect(paragraphs(xml).some((p) => p.text.includes(title))).toBe(true);
		const r = await reportPdf(doc, stubImages(doc), fonts);
		const file = join(dir, 'scenario-hostile.pdf');
		writeFileSync(file, r.bytes);
		expect(pdfPages(file)).toBe(r.pages);
		holds(pdftotext(file), 'Scénario <b> & " \'');
	});
});

describe('hostile names', () => {
	// Fictitious: a CLS and a territory name made to break writers (markup, entities, quotes, emojis, a control character).
	const HOSTILE = 'Santé <script>alert("x")</script> & « l’équipe » \'mobile\' 🩺🏥 \u0001';
	const LONG = `${'Action très longue <b> & " \' 🚑 '.repeat(700)}`.slice(0, 20_000);

	function hostileData(): ReportData {
		const cls = data.cls!;
		return {
			...data,
			portrait: { ...data.portrait, territory: { ...data.portrait.territory, nom: HOSTILE } },
			cls: {
				...cls,
				cls: { ...cls.cls, nom: HOSTILE },
				actions: cls.actions.map((a, i) => (i === 0 ? { ...a, axe: HOSTILE, action: { ...a.action, titre: LONG } } : a))
			}
		};
	}

	it('give a valid Word document that keeps them whole, escaped', async () => {
		expect(LONG).toHaveLength(20_000);
		const doc = buildReport(hostileData(), ['cls', 'sources']);
		const files = unzipSync(await reportDocx(doc, stubImages(doc)));
		const xml = strFromU8(files['word/document.xml']);
		expect(xmlProblem(xml)).toBeNull();
		expect(xmlProblem(strFromU8(files['docProps/core.xml']))).toBeNull();
		expect(xml).not.toContain('<script>');
		const cells = tables(xml).flat(2).map((c) => c.text);
		expect(cells).toContain(LONG);
		expect(paragraphs(xml).some((p) => p.text.includes('Santé <script>alert("x")</script> & « l’équipe » \'mobile\' 🩺🏥'))).toBe(true);
	});

	it('give a valid PDF, the long title cut with a word where it is whole', async () => {
		const doc = buildReport(hostileData(), ['cls', 'sources']);
		const r = await reportPdf(doc, stubImages(doc), fonts);
		const file = join(dir, 'hostile.pdf');
		writeFileSync(file, r.bytes);
		expect(pdfPages(file)).toBe(r.pages);
		const text = pdftotext(file);
		holds(text, 'Santé <script>alert("x")</script> & « l’équipe »');
		holds(text, 'texte complet dans le document Word');
	});
});
