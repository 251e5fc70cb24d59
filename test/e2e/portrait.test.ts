import { describe, expect, it } from 'vitest';
import { readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { followLink, waitForColouredMap } from '../support/browser';
import { SHOTS, e2eSuite } from '../support/suite';
import { formatNumber } from '../../src/lib/territory/number';
import { formatOf, readWorkbook, rowStartingWith } from '../support/xlsx';
import { getShippedCls } from '../../src/lib/register/register';
import type { Cls } from '../../src/lib/register/schema';

function shipped(id: string): Cls {
	const cls = getShippedCls(id);
	if (!cls) throw new Error(`CLS ${id} absent du registre livré`);
	return cls;
}
const cauvaldor = shipped('cauvaldor');
const bassinAurillac = shipped('bassin-aurillac-carlades-chataigneraie-2024-2028');

const suite = e2eSuite({ db: true });
/** Console errors and foreign requests of every page opened by these tests. */
const { errors, foreignRequests } = suite.watch;

async function scalar(sql: string, params: string[] = []): Promise<number> {
	return Number((await suite.db.query(sql, params)).get(0)!.toJSON().v);
}

/** DREES's reference APL, to GPs under 65: the first APL of the catalogue. */
const APL_2023 = (where: string) =>
	`SELECT sum(a.apl_mg_moins65 * a.pop_standardisee) / sum(a.pop_standardisee) AS v FROM apl a JOIN communes c USING (code) WHERE ${where} AND a.annee = 2023`;

describe('comparison', () => {
	it('Figeac, Cahors, Saint-Céré: APL 2023 = SQL ratio of sums, references, ranks, CSV and XLSX', async () => {
		const context = await suite.context();
		const page = await suite.page(context, '/comparer?t=commune:46102,commune:46042,commune:46251');
		const table = page.getByTestId('compare-table');
		await table.waitFor({ timeout: 90_000 });
		await page.waitForFunction(() => document.querySelector('[data-testid=compare-table]')?.getAttribute('aria-busy') === 'false');

		const headers = await table.locator('thead th .name').allInnerTexts();
		expect(headers.map((h) => h.trim())).toEqual(['Figeac', 'Cahors', 'Saint-Céré', 'Lot', 'Occitanie', 'France']);

		const expected = [
			await scalar(APL_2023("c.code = '46102'")),
			await scalar(APL_2023("c.code = '46042'")),
			await scalar(APL_2023("c.code = '46251'")),
			await scalar(APL_2023("c.dep = '46'")),
			await scalar(APL_2023("c.reg = '76'")),
			await scalar(APL_2023('true'))
		];
		const cells = await table.locator('tr[data-indicator=apl_mg_moins65_2023] td .value').allInnerTexts();
		expect(cells).toEqual(expected.map((v) => formatNumber(v, 2)));
		const ranks = await table.locator('tr[data-indicator=apl_mg_moins65_2023] td .rank').allInnerTexts();
		expect(ranks).toHaveLength(3);
		for (const r of ranks) expect(r).toMatch(/^\d+(er|e)( ex æquo)? \/ 312$/);
		// Saint-Céré, about 1 km from an MSP: ranked among the nearest communes of the Lot (rank 1 = most favourable).
		const nearer = await scalar(
			"SELECT 1 + count(*) FILTER (WHERE a.dist_msp_km < (SELECT dist_msp_km FROM acces WHERE code = '46251'))::DOUBLE AS v FROM acces a JOIN communes c USING (code) WHERE c.dep = '46' AND a.dist_msp_km IS NOT NULL"
		);
		const mspRank = await table.locator('tr[data-indicator=dist_msp_km] td[data-column="commune:46251"] .rank').innerText();
		expect(mspRank).toMatch(new RegExp(`^${nearer === 1 ? '1er' : `${nearer}e`}( ex æquo)? / 312$`));
		expect(await table.locator('tr[data-indicator=dist_msp_km] .unit').innerText()).toContain('plus élevé = plus défavorable');
		// A bassin-de-vie value shared by its communes is not ranked between them.
		expect(await table.locator('tr[data-indicator=part_75_ans_plus_bv_2022] td[data-column="commune:46251"] .rank').innerText()).toBe(
			'non classé (mesuré au bassin de vie)'
		);

		await page.screenshot({ path: resolve(SHOTS, 'compare-figeac-cahors-saint-cere.png'), fullPage: true });

		const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-csv').click()]);
		expect(download.suggestedFilename()).toMatch(/^comparaison-figeac-cahors-saint-cere\.csv$/);
		const bytes = readFileSync((await download.path())!);
		expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
		const text = bytes.toString('utf8').slice(1);
		const lines = text.split('\r\n');
		expect(lines[0]).toBe('Indicateur;Unité;Source;Figeac;Cahors;Saint-Céré;Lot (référence);Occitanie (référence);France (référence);Donnée manquante ou partielle');
		expect(lines[1]).toBe('Code du territoire;;;46102;46042;46251;46;76;;');
		const apl = lines.find((l) => l.startsWith('APL aux médecins généralistes de moins de 65 ans 2023;'))!;
		expect(apl.split(';').slice(3, 9)).toEqual(expected.map((v) => v.toFixed(2).replace('.', ',')));

		const [xlsxDownload] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-xlsx').click()]);
		expect(xlsxDownload.suggestedFilename()).toBe('comparaison-figeac-cahors-saint-cere.xlsx');
		const wb = readWorkbook(readFileSync((await xlsxDownload.path())!));
		const header = rowStartingWith(wb, 'Indicateur', 10).map((c) => c?.text);
		expect(header).toEqual(lines[0].split(';'));
		const codes = rowStartingWith(wb, 'Code du territoire', 10).slice(3, 8);
		expect(codes.map((c) => [c?.type, c?.text])).toEqual(['46102', '46042', '46251', '46', '76'].map((code) => ['s', code]));
		const aplCells = rowStartingWith(wb, 'APL aux médecins généralistes de moins de 65 ans 2023', 9).slice(3);
		for (const [i, cell] of aplCells.entries()) {
			expect(cell).toBeDefined();
			expect(cell!.type ?? 'n').toBe('n');
			// The XLSX keeps the full precision (only its format rounds to 2 decimals): equal to the SQL value, not just to 0.005.
			expect(Number(cell?.text)).toBeCloseTo(expected[i], 9);
			expect(formatOf(wb, cell!)).toBe('#,##0.00');
		}
		expect(wb.sharedStrings).toContain(lines.find((l) => l.startsWith('Source : DREES')));
		expect(wb.sharedStrings.some((s) => /^Exporté de cls-atlas le \d{1,2}(er)? \p{L}+ \d{4}\.$/u.test(s))).toBe(true);

		// The table as a picture: every row of the CSV and every line below it, drawn at 2× (40 px of title,
		// 20 px a row plus the header, 10 + 15 px a footer line, 12 px of margin).
		const [pngDownload] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-png').click()]);
		expect(pngDownload.suggestedFilename()).toBe('comparaison-figeac-cahors-saint-cere.png');
		const png = readFileSync((await pngDownload.path())!);
		writeFileSync(resolve(SHOTS, 'compare-table.png'), png);
		const blank = lines.indexOf('');
		const tableRows = blank - 1;
		const footerLines = lines.slice(blank + 1).filter((l) => l !== '').length;
		expect(png.readUInt32BE(20)).toBe(2 * (40 + 20 * (tableRows + 1) + 10 + 15 * footerLines + 12));
		expect(png.readUInt32BE(16)).toBeGreaterThan(2 * 600);
		expect(wb.sheetXml).not.toMatch(/<f[ >]/);
		await context.close();
	});

	it('adds a territory with the search box and keeps the selection in the URL', async () => {
		const context = await suite.context();
		const page = await suite.page(context, '/comparer?t=commune:46102');
		await page.getByTestId('compare-table').waitFor({ timeout: 90_000 });
		await page.getByTestId('search-input').fill('Saint-Céré');
		await page.getByTestId('search-option').first().waitFor();
		await page.keyboard.press('Enter');
		await page.waitForURL(/t=commune:46102,commune:46251/);
		await page.getByTestId('add-cls').selectOption('cauvaldor');
		await page.waitForURL(/t=commune:46102,commune:46251,cls:cauvaldor/);
		await page.waitForFunction(() => document.querySelectorAll('[data-testid=compare-table] thead th .name').length === 6);
		await context.close();
	});
});

/**
 * Prints the portrait as the browser's « Enregistrer en PDF » would (print media, CSS page size) and checks it is one A4
 * page carrying the territory's name, the sources and the date of the export; leaves the PDF and its PNG in test-results/.
 */
async function expectOnePagePdf(page: Page, name: string, territory: string) {
	const pdf = resolve(SHOTS, `portrait-${name}.pdf`);
	await page.pdf({ path: pdf, format: 'A4', printBackground: true, preferCSSPageSize: true });
	const info = execFileSync('pdfinfo', [pdf]).toString();
	expect(info).toMatch(/^Page size:.*\(A4\)$/m);
	expect(info).toMatch(/^Pages:\s+1$/m);
	const text = execFileSync('pdftotext', [pdf, '-']).toString().replace(/\s+/g, ' ');
	expect(text).toContain(territory);
	expect(text).toContain('Sources');
	expect(text).toContain(`Édité le ${new Intl.DateTimeFormat('fr-FR', { dateStyle: 'long' }).format(new Date())}`);
	for (const f of readdirSync(SHOTS)) if (f.startsWith(`portrait-${name}-print`)) rmSync(resolve(SHOTS, f));
	execFileSync('pdftoppm', ['-r', '80', '-png', pdf, resolve(SHOTS, `portrait-${name}-print`)]);
}

describe('portrait', () => {
	it('Cauvaldor (CLS perimeter): 77 communes, printed on one A4 page', async () => {
		const context = await suite.context();
		const page = await suite.page(context, '/territoire/cls/cauvaldor');
		await page.getByTestId('portrait-title').waitFor({ timeout: 90_000 });
		await expect.poll(() => page.getByTestId('portrait-communes').innerText()).toBe('77 communes');
		const population = await scalar("SELECT sum(population)::DOUBLE AS v FROM communes WHERE epci = '200066371'");
		expect(await page.locator('.meta').innerText()).toContain(`${formatNumber(population, 0)} habitants`);
		// This version ships no INSEE age table: one line says so on screen, none on paper.
		expect(await page.getByTestId('portrait-ages-absent').innerText()).toContain('« évolution et structure de la population » (communale ou IRIS) n’est pas disponible');
		const aplValue = await scalar(APL_2023("c.epci = '200066371'"));
		const apl = await page.locator('tr[data-indicator=apl_mg_moins65_2023] td.main').innerText();
		expect(apl).toBe(formatNumber(aplValue, 2));

		// Every figure of the portrait in a workbook: the same value, at full precision.
		const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('portrait-export-xlsx').click()]);
		expect(download.suggestedFilename()).toBe('portrait-contrat-local-de-sante-de-cauvaldor.xlsx');
		const wb = readWorkbook(readFileSync((await download.path())!));
		expect(rowStartingWith(wb, 'Indicateur', 8).map((c) => c?.text)).toEqual(['Indicateur', 'Unité', 'Source', cauvaldor.nom, 'Lot', 'Occitanie', 'France', 'Donnée manquante ou partielle']);
		expect(Number(rowStartingWith(wb, 'APL aux médecins généralistes de moins de 65 ans 2023', 4)[3]?.text)).toBeCloseTo(aplValue, 9);
		expect(Number(rowStartingWith(wb, 'Population municipale 2022', 4)[3]?.text)).toBe(population);
		await page.waitForTimeout(2500); // let the perimeter map draw
		await page.screenshot({ path: resolve(SHOTS, 'portrait-cauvaldor.png'), fullPage: true, timeout: 120_000 });

		await expectOnePagePdf(page, 'cauvaldor', cauvaldor.nom);
		expect(execFileSync('pdftotext', [resolve(SHOTS, 'portrait-cauvaldor.pdf'), '-']).toString()).not.toContain('Structure par âge');
		await context.close();
	});

	/**
	 * The issue's "done when": for the Aurillac CLS perimeter, a diagnostic writer gets a map PNG with
	 * legend and sources and a one-page portrait PDF, starting from the CLS page, by clicking.
	 */
	it('the Aurillac CLS: map PNG of its perimeter and one-page portrait PDF, from the CLS page', async () => {
		const started = Date.now();
		const context = await suite.context();
		const page = await suite.page(context, `/cls/${bassinAurillac.id}`);

		// The map, its territory studied being the CLS perimeter (its three EPCI: 86 communes).
		await page.getByTestId('perimeter-map').click();
		await waitForColouredMap(page, 90_000);
		await expect.poll(() => page.getByTestId('scope').innerText()).toContain(bassinAurillac.nom);
		const perimeter = await scalar("SELECT count(*)::DOUBLE AS v FROM communes WHERE epci IN ('241500230', '241501089', '200066678')");
		expect(perimeter).toBe(86);
		const counts = await page.getByTestId('legend').locator('.count').allInnerTexts();
		expect(counts.reduce((sum, c) => sum + Number(c.replace(/\s/g, '')), 0)).toBe(perimeter);

		const [download] = await Promise.all([page.waitForEvent('download', { timeout: 60_000 }), page.getByTestId('export-png-2x').click()]);
		const png = readFileSync((await download.path())!);
		writeFileSync(resolve(SHOTS, 'aurillac-map-2x.png'), png);
		expect(download.suggestedFilename()).toMatch(/^apl-mg-moins-de-65-ans-2023-.*aurillac.*-2x\.png$/);
		// PNG header: width and height at bytes 16 and 20, 2× the map's CSS size plus the title, source and legend bands.
		const map = (await page.locator('.maplibregl-canvas').boundingBox())!;
		expect(png.readUInt32BE(16)).toBeGreaterThan(2 * (Math.round(map.width) + 150));
		expect(png.readUInt32BE(20)).toBe(2 * (Math.round(map.height) + 54 + 30));

		// The portrait of the same perimeter, printed.
		await page.goBack();
		await page.getByTestId('perimeter-portrait').click();
		await expect.poll(() => page.getByTestId('portrait-communes').innerText(), { timeout: 90_000 }).toBe('86 communes');
		await page.waitForTimeout(2500); // let the perimeter map draw
		await expectOnePagePdf(page, 'aurillac', bassinAurillac.nom);
		// Measured, not asserted: what the issue's two minutes take on this machine, atlas start-up included.
		console.log(`Aurillac : carte PNG 2× et portrait PDF en ${((Date.now() - started) / 1000).toFixed(1)} s`);
		await context.close();
	});

	it('a commune portrait lists its CLS; an unknown code says so', async () => {
		const context = await suite.context();
		// Only a few portraits are prerendered: the others are reached through the app's links.
		const page = await suite.page(context, '/territoire/commune/46102');
		await page.getByTestId('portrait-title').waitFor({ timeout: 90_000 });
		expect(await page.getByTestId('portrait-title').innerText()).toBe('Figeac');
		await followLink(page, '/territoire/commune/46251');
		await expect.poll(() => page.getByTestId('portrait-title').innerText(), { timeout: 60_000 }).toBe('Saint-Céré');
		expect(await page.getByTestId('portrait-title').innerText()).toBe('Saint-Céré');
		expect(await page.getByTestId('portrait-cls').innerText()).toContain('Cauvaldor');
		await page.screenshot({ path: resolve(SHOTS, 'portrait-saint-cere.png'), fullPage: true, timeout: 120_000 });
		await followLink(page, '/territoire/commune/99999');
		await page.getByText('Territoire introuvable').waitFor({ timeout: 90_000 });
		await context.close();
	});

	it('no console error, no request outside the app', () => {
		expect(errors).toEqual([]);
		expect(foreignRequests).toEqual([]);
	});
});
