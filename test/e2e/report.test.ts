import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import type { Page } from 'playwright-core';
import { SHOTS, e2eSuite } from '../support/suite';
import { formatNumber } from '../../src/lib/territory/number';
import { REPORT_SECTIONS, SECTION_TITLES } from '../../src/lib/features/portrait/report/model';
import { decodeXml } from '../support/xml';
import { selectionCode } from '../../src/lib/territory/key';

const suite = e2eSuite({ db: true });
const { errors, foreignRequests } = suite.watch;

const flat = (text: string) => text.replace(/\s+/g, ' ');
const holds = (text: string, part: string) => expect(flat(text).includes(flat(part)), part).toBe(true);
const pdfPages = (file: string) => Number(execFileSync('pdfinfo', [file], { encoding: 'utf8' }).match(/Pages:\s+(\d+)/)![1]);
/** Images drawn in the PDF, with their pixel size. */
const pdfImages = (file: string) =>
	execFileSync('pdfimages', ['-list', file], { encoding: 'utf8' })
		.split('\n')
		.slice(2)
		.filter((l) => /\bimage\b/.test(l))
		.map((l) => l.trim().split(/\s+/))
		.map((c) => ({ width: Number(c[3]), height: Number(c[4]) }));

async function scalar(sql: string, params: string[] = []): Promise<number> {
	return Number((await suite.db.query(sql, params)).get(0)!.toJSON().v);
}

/** Unfolds the report panel once the portrait and its map are drawn (a loaded machine can keep the page busy for long). */
async function openPanel(page: Page): Promise<void> {
	await page.getByTestId('report-panel').waitFor({ timeout: 120_000 });
	await page.getByTestId('portrait-map-legend').waitFor({ timeout: 120_000 });
	await page.locator('[data-testid=report-panel] summary').click({ timeout: 120_000 });
	await page.getByTestId('report-pdf').waitFor({ timeout: 60_000 });
}

/** Opens the panel of a portrait, generates one format, saves it in test-results; returns the file and the page. */
async function generate(path: string, format: 'docx' | 'pdf', name: string): Promise<{ file: string; page: Page; status: string }> {
	const context = await suite.context({ acceptDownloads: true });
	const page = await suite.page(context, path);
	await openPanel(page);
	const [download] = await Promise.all([page.waitForEvent('download', { timeout: 600_000 }), page.getByTestId(`report-${format}`).click()]);
	const file = join(SHOTS, `${name}.${format}`);
	await download.saveAs(file);
	await page.getByTestId('report-status').getByText('Rapport enregistré').waitFor();
	return { file, page, status: await page.getByTestId('report-status').innerText() };
}

describe('Rapport de diagnostic', () => {
	it('Cauvaldor, every section, PDF: pages, figures as the SQL, 300 dpi maps and charts, sources', async () => {
		const { file, status, page } = await generate('/territoire/cls/cauvaldor', 'pdf', 'rapport-cauvaldor');
		await page.getByTestId('report-no-scenario').waitFor();
		expect(await page.getByTestId('report-section-scenarios').count()).toBe(0);
		const pages = pdfPages(file);
		expect(status).toContain(`${formatNumber(pages, 0)} pages`);
		const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
		const codes = ((await suite.db.query("SELECT code FROM communes WHERE epci = '200066371' ORDER BY code")).toArray() as { code: string }[]).map((r) => String(r.code));
		const marks = codes.map(() => '?').join(',');
		const apl = await scalar(`SELECT sum(apl_mg_moins65 * pop_standardisee) / sum(pop_standardisee) AS v FROM apl WHERE annee = 2023 AND code IN (${marks})`, codes);
		holds(text, `L’APL 2023 du territoire (${formatNumber(apl, 2)} `);
		// No shipped action carries a scenario: no « Scénarios » section, said in one line (and in the panel).
		for (const s of REPORT_SECTIONS) if (s.id !== 'scenarios') holds(text, s.title);
		expect(text).not.toContain(SECTION_TITLES.scenarios);
		holds(text, 'Aucune action du programme ne porte de scénario « Et si… ? » : le rapport n’a pas de section « Scénarios ».');
		holds(text, 'DREES – Accessibilité potentielle localisée (APL) aux médecins généralistes, 2023');
		holds(text, `Page ${pages} sur ${pages}`);
		// Four section maps, the programme's map, four charts: each 160 mm wide at 300 dpi (1 890 px).
		const images = pdfImages(file);
		expect(images).toHaveLength(9);
		for (const i of images) expect(i.width).toBe(1890);
		execFileSync('pdftoppm', ['-r', '60', '-png', '-f', '1', '-l', '4', file, join(SHOTS, 'rapport-cauvaldor-page')]);
		expect(errors).toEqual([]);
		expect(foreignRequests).toEqual([]);
	}, 600_000);

	it('Cauvaldor, Word, an action given a scenario: headings in the chosen order, a table of contents, tables, 300 dpi images, the scenario estimated', async () => {
		const context = await suite.context({ acceptDownloads: true });
		// A coordinator attaches a scenario to an action of the register (kept in this browser).
		const page = await suite.page(context, '/cls/cauvaldor');
		await page.getByRole('button', { name: 'Modifier le CLS' }).click({ timeout: 60_000 });
		const card = page.locator('article[data-action="bien-vieillir-domicile"]');
		await card.getByRole('button', { name: /^Modifier/ }).click();
		await card.locator('input[name=scenario]').fill('msp:46128:4');
		await card.getByRole('button', { name: 'Enregistrer' }).click();
		await card.getByTestId('action-scenario').waitFor();
		await page.goto(`${suite.server.url}/territoire/cls/cauvaldor`);
		await openPanel(page);
		await page.getByTestId('report-section-scenarios').waitFor();
		// From the keyboard: « Accès aux soins » up to the top, the CLS section left out.
		const order = () => page.locator('[data-testid=report-panel] li label').allInnerTexts();
		const focused = () => page.evaluate(() => document.activeElement?.getAttribute('aria-label') ?? null);
		await page.getByRole('button', { name: 'Monter « Accès aux soins »' }).focus();
		for (const at of [1, 0]) {
			await page.keyboard.press('Enter');
			await expect.poll(async () => (await order())[at]).toBe('Accès aux soins');
			// The focus stays on the section moved, to move it again (at the top, on its other button).
			await expect.poll(focused).toBe(at === 0 ? 'Descendre « Accès aux soins »' : 'Monter « Accès aux soins »');
		}
		await page.getByTestId('report-section-cls').uncheck();
		const [download] = await Promise.all([page.waitForEvent('download', { timeout: 600_000 }), page.getByTestId('report-docx').click()]);
		const file = join(SHOTS, 'rapport-cauvaldor.docx');
		await download.saveAs(file);
		const zip = unzipSync(readFileSync(file));
		const xml = strFromU8(zip['word/document.xml']);
		const headings = [...xml.matchAll(/<w:pStyle w:val="Heading1"\/>[^]*?<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]);
		expect(headings).toEqual(['Accès aux soins', 'Population et vieillissement', 'Offre de soins', 'Environnement : radon et quartiers prioritaires', SECTION_TITLES.scenarios, 'Sources et méthode']);
		// The scenario run by the page's scenario worker: before published, after estimated, said so with the millésime.
		const words = [...xml.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => decodeXml(m[1])).join(' ');
		holds(words, 'Si cette action aboutit : une MSP de 4 médecins à Gramat (46128)');
		holds(words, 'APL 2023 publiée (DREES)');
		holds(words, 'APL après (estimation)');
		holds(words, 'Après : estimation cls-atlas, méthode APL de la DREES (APL 2023), temps de trajet approchés');
		expect(words).toMatch(/Estimation \(estimation cls-atlas, méthode APL de la DREES \(APL 2023\), temps de trajet approchés\) : l’APL du périmètre passerait de \d+,\d\d \(valeur publiée par la DREES\) à \d+,\d\d \(estimation\)/);
		expect(xml).toMatch(/<w:instrText[^>]*>\s*TOC /);
		expect(xml).toContain('<w:jc w:val="right"/>');
		const media = Object.keys(zip).filter((f) => f.startsWith('word/media/'));
		expect(media).toHaveLength(8);
		for (const m of media) expect(new DataView(zip[m].buffer, zip[m].byteOffset).getUint32(16)).toBe(1890);
		expect(errors).toEqual([]);
	}, 600_000);

	it('300 communes of the Lot: the report is written, with progress, and can be cancelled', async () => {
		const codes = ((await suite.db.query("SELECT code FROM communes WHERE dep = '46' ORDER BY code LIMIT 300")).toArray() as { code: string }[]).map((r) => String(r.code));
		expect(codes).toHaveLength(300);
		const path = `/territoire/selection/${selectionCode(codes)}`;
		const context = await suite.context({ acceptDownloads: true });
		const page = await suite.page(context, path);
		await openPanel(page);
		// Cancelled while it works: nothing downloaded, said so.
		await page.getByTestId('report-pdf').click();
		await page.getByTestId('report-status').locator('progress').waitFor();
		await page.getByTestId('report-cancel').click();
		await page.getByTestId('report-status').getByText('Génération du rapport annulée.').waitFor();
		await page.waitForFunction(() => !(document.querySelector('[data-testid=report-pdf]') as HTMLButtonElement).disabled);

		const [download] = await Promise.all([page.waitForEvent('download', { timeout: 600_000 }), page.getByTestId('report-pdf').click()]);
		const file = join(SHOTS, 'rapport-selection-300.pdf');
		await download.saveAs(file);
		const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
		holds(text, 'Sélection de communes — 300 communes');
		const apl = await scalar(`SELECT sum(apl_mg_moins65 * pop_standardisee) / sum(pop_standardisee) AS v FROM apl WHERE annee = 2023 AND code IN (${codes.map(() => '?').join(',')})`, codes);
		holds(text, `L’APL 2023 du territoire (${formatNumber(apl, 2)} `);
		expect(pdfImages(file)).toHaveLength(8);
		expect(errors).toEqual([]);
	}, 600_000);
});
