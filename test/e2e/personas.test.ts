/**
 * The analyst, the mayor and the diagnostic writer, tried again: each task from a cold start through the
 * interface, its figures checked against the atlas's own artefacts with SQL in the Node engine.
 * - The analyst keeps the Lot's communes under the APL threshold of 2.5: the legend's count, the retained
 *   list, the table and its XLSX are the same communes, with their population.
 * - The mayor of Gramat compares on a phone: no sideways scroll, the first value on screen.
 * - The writer of the Cauvaldor diagnostic types « Cauvaldor » and reaches the CLS.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { SHOTS, e2eSuite } from '../support/suite';
import { readWorkbook } from '../support/xlsx';

const suite = e2eSuite({ db: true });
const DESKTOP = { width: 1440, height: 900 };
const PHONE = { width: 390, height: 844 };
/** Each task is a whole session (cold start, engine, exports): more than the default on a loaded machine. */
const TASK_TIMEOUT = 360_000;

/** « 167 communes · 58 066 hab. » → [167, 58066]. */
function countAndPopulation(text: string): [number, number] {
	const m = /^([\d\s\u00a0\u202f]+) communes? · ([\d\s\u00a0\u202f]+) hab\.$/.exec(text.trim());
	if (!m) throw new Error(`« ${text} » n’est pas « N communes · P hab. »`);
	return [Number(m[1].replace(/\D/g, '')), Number(m[2].replace(/\D/g, ''))];
}

async function search(page: Page, text: string, expected: string) {
	await page.getByTestId('search-input').fill(text);
	await expect.poll(() => page.getByTestId('search-option').first().innerText(), { timeout: 60_000 }).toContain(expected);
	await page.keyboard.press('Enter');
}

describe('the analyst', () => {
	it('keeps the Lot’s communes under 2.5: legend count = retained list = table rows = XLSX rows, with their population', async () => {
		const { page, watch } = await suite.open('/', { viewport: DESKTOP, waitForMap: true });
		await search(page, 'Lot', 'Lot');
		await expect.poll(() => page.getByTestId('selection-panel').locator('h2').innerText(), { timeout: 60_000 }).toBe('Lot');
		await page.getByRole('button', { name: 'Limiter la carte à ce territoire' }).click();
		await expect.poll(() => new URL(page.url()).searchParams.get('p')).toBe('departement:46');

		// « Seuils manuels » keeps the classes shown until a bound is typed (never the whole Lot in one class).
		const legendRows = page.getByTestId('legend').locator('li button');
		await expect.poll(() => legendRows.count(), { timeout: 60_000 }).toBeGreaterThan(2);
		const classes = await legendRows.count();
		await page.getByLabel('Méthode de classification').selectOption('manuel');
		await expect.poll(() => new URL(page.url()).searchParams.get('m')).toBe('manuel');
		expect(await legendRows.count()).toBe(classes);
		const breaks = page.getByLabel('Seuils, séparés par des points-virgules');
		await breaks.fill('2,5');
		// The criterion's form has an « Appliquer » of its own: the thresholds' is the one beside their field.
		await page.locator('form', { has: breaks }).getByRole('button', { name: 'Appliquer' }).click();
		await expect.poll(() => new URL(page.url()).searchParams.get('b')).toBe('2.5');
		await expect.poll(() => legendRows.count()).toBe(2);

		const [expected] = (
			await suite.db.query(
				`SELECT count(*)::INTEGER AS n, sum(c.population)::INTEGER AS pop FROM communes c JOIN apl a ON a.code = c.code AND a.annee = 2023
				 WHERE c.dep = '46' AND a.apl_mg_moins65 < 2.5`
			)
		)
			.toArray()
			.map((r) => r.toJSON() as { n: number; pop: number });
		expect(expected.n).toBeGreaterThan(50);

		// The class under the threshold, kept from the legend.
		await legendRows.first().click();
		await expect.poll(() => new URL(page.url()).searchParams.get('c')).toBe('0');
		const legendCount = Number((await legendRows.first().locator('.count').innerText()).replace(/\D/g, ''));
		expect(legendCount).toBe(expected.n);
		await expect.poll(() => page.getByTestId('retained').locator('h2').innerText()).toBe(`${expected.n} territoires retenus`);
		await expect.poll(() => page.getByTestId('retained-total').innerText(), { timeout: 30_000 }).toMatch(/hab\.$/);
		expect(countAndPopulation(await page.getByTestId('retained-total').innerText())).toEqual([expected.n, expected.pop]);

		// « Tableau » shows the same communes, with their population and the total.
		await page.getByTestId('show-table').click();
		const table = page.getByTestId('territory-table');
		await expect.poll(() => table.getByTestId('table-total').innerText(), { timeout: 30_000 }).toMatch(/hab\.$/);
		expect(countAndPopulation(await table.getByTestId('table-total').innerText())).toEqual([expected.n, expected.pop]);
		expect(await table.locator('tbody tr').count()).toBe(expected.n);
		const headers = await table.locator('thead th').allInnerTexts();
		expect(headers.join('|')).toContain('consultations accessibles');
		expect(headers.join('|')).toContain('population standardisée');
		await page.screenshot({ path: resolve(SHOTS, 'personas-analyst-table-1440.png') });

		const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('table-export-xlsx').click()]);
		const wb = readWorkbook(readFileSync((await download.path())!));
		const header = [...'ABCDEFG'].map((c) => wb.cells.get(`${c}1`)?.text ?? '');
		const population = header.indexOf('Population (hab.)');
		expect(population).toBeGreaterThan(0);
		const rows: { code: string; population: number }[] = [];
		for (let r = 2; /^\d[\dAB]\d{3}$/.test(wb.cells.get(`A${r}`)?.text ?? ''); r++) {
			rows.push({ code: wb.cells.get(`A${r}`)!.text, population: Number(wb.cells.get(`${'ABCDEFG'[population]}${r}`)!.text) });
		}
		expect(rows.length).toBe(expected.n);
		expect(rows.reduce((s, r) => s + r.population, 0)).toBe(expected.pop);
		expect(watch.errors).toEqual([]);
		expect(watch.foreignRequests).toEqual([]);
	}, TASK_TIMEOUT);
});

describe('the mayor of Gramat, on a phone', () => {
	it('compares Gramat from the map: no sideways scroll, the first value on screen, sources folded', async () => {
		const { page, watch } = await suite.open('/', { viewport: PHONE, waitForMap: true });
		// The legend opens as a strip; the zones are one list.
		expect(await page.getByTestId('legend-fold').getAttribute('aria-expanded')).toBe('false');
		expect(await page.getByTestId('zone-select').isVisible()).toBe(true);
		await search(page, 'Gramat', 'Gramat');
		const panel = page.getByTestId('selection-panel');
		await expect.poll(() => panel.locator('h2').innerText(), { timeout: 60_000 }).toBe('Gramat');
		// The commune's panel is in the sheet's view, without raising it or scrolling.
		await expect.poll(async () => (await panel.locator('h2').boundingBox())!.y, { timeout: 10_000 }).toBeLessThan(PHONE.height);
		await page.screenshot({ path: resolve(SHOTS, 'personas-mayor-map-390.png') });

		await panel.getByRole('link', { name: 'Comparer' }).click();
		const table = page.getByTestId('compare-table');
		await table.waitFor({ timeout: 90_000 });
		await page.waitForFunction(() => document.querySelector('[data-testid=compare-table]')?.getAttribute('aria-busy') === 'false', undefined, { timeout: 90_000 });
		const widths = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth }));
		expect(widths.scroll).toBeLessThanOrEqual(widths.client);
		const first = (await table.locator('tbody tr[data-indicator] td .value').first().boundingBox())!;
		expect(first.x).toBeGreaterThanOrEqual(0);
		expect(first.x + first.width).toBeLessThanOrEqual(PHONE.width);
		expect(first.y + first.height).toBeLessThanOrEqual(PHONE.height);
		expect(await page.getByTestId('sources-fold').first().isVisible()).toBe(true);
		expect(await table.locator('.src').first().isVisible()).toBe(false);
		await page.screenshot({ path: resolve(SHOTS, 'personas-mayor-compare-390.png') });

		// The commune's portrait: no sideways scroll either, the map colours the neighbours.
		await page.goto(new URL('/territoire/commune/46128', page.url()).href);
		await page.getByTestId('portrait-map-outlined').waitFor({ timeout: 90_000 });
		const portrait = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth }));
		expect(portrait.scroll).toBeLessThanOrEqual(portrait.client);
		await page.screenshot({ path: resolve(SHOTS, 'personas-mayor-portrait-390.png'), timeout: 120_000 });
		expect(watch.errors).toEqual([]);
		expect(watch.foreignRequests).toEqual([]);
	}, TASK_TIMEOUT);
});

describe('the writer of the Cauvaldor diagnostic', () => {
	for (const viewport of [DESKTOP, PHONE]) {
		it(`finds the CLS by « Cauvaldor » at ${viewport.width} px, and the register from the header`, async () => {
			const { page, watch } = await suite.open('/', { viewport, waitForMap: true });
			expect(await page.getByTestId('nav-cls').getAttribute('href')).toBe('/cls');
			await search(page, 'Cauvaldor', 'Contrat local de santé de Cauvaldor');
			await page.waitForURL(/\/cls\/cauvaldor$/, { timeout: 30_000 });
			// The page itself, at both sizes, is a golden screenshot (golden-pages.test.ts).
			await expect.poll(() => page.locator('h1').innerText(), { timeout: 30_000 }).toBe('Contrat local de santé de Cauvaldor');
			expect(watch.errors).toEqual([]);
			expect(watch.foreignRequests).toEqual([]);
		}, TASK_TIMEOUT);
	}
});
