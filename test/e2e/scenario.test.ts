import { describe, expect, it } from 'vitest';
import { resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { SHOTS, e2eSuite } from '../support/suite';

const suite = e2eSuite(4377);
const GRAMAT = '46128';

/** The affected communes' table as the page renders it: code, change and standardised population per row. */
async function tableRows(page: Page): Promise<{ code: string; variation: number; pstd: number }[]> {
	return page.getByTestId('scenario-table').locator('tbody tr').evaluateAll((trs) =>
		trs.map((tr) => ({ code: tr.getAttribute('data-code') ?? '', variation: Number(tr.getAttribute('data-variation')), pstd: Number(tr.getAttribute('data-pstd')) }))
	);
}

describe('« Et si… ? » scenarios in the browser', () => {
	it('builds a scenario on Gramat in the UI: change map, table whose sum satisfies conservation, URL that round-trips', async () => {
		const { page, errors } = await suite.open('/scenario?p=departement:46');
		await page.getByTestId('scenario-form').waitFor();
		await page.getByTestId('scenario-commune').fill(GRAMAT);
		await page.getByTestId('scenario-amount').fill('1');
		await page.getByTestId('scenario-add').click();
		await page.getByTestId('scenario-table').waitFor({ timeout: 120_000 });
		await page.getByTestId('scenario-map').waitFor();
		expect(new URL(page.url()).searchParams.get('s')).toBe(`ajout:${GRAMAT}:1`);
		const rows = await tableRows(page);
		expect(rows.map((r) => r.code)).toContain(GRAMAT);
		// Fewer than 200 communes within 20 minutes: the table holds them all.
		expect(rows.length).toBeLessThan(200);
		const absorbed = rows.reduce((s, r) => s + r.variation * r.pstd, 0);
		expect(Math.abs(absorbed - 5400) / 5400).toBeLessThan(1e-3);
		await expect(page.getByTestId('scenario-legend').textContent()).resolves.toMatch(/0 \(inchangée\)/);
		await expect(page.getByTestId('scenario-note').textContent()).resolves.toMatch(/estimation cls-atlas, méthode APL de la DREES \(APL 2023\), temps de trajet approchés/);
		await expect(page.getByTestId('scenario-headlines').textContent()).resolves.toMatch(/Département 46/);
		await page.screenshot({ path: resolve(SHOTS, 'scenario-gramat-1440.png'), timeout: 120_000 });

		// A bad change says so in French and leaves the scenario as it was.
		await page.getByTestId('scenario-commune').fill('46999');
		await page.getByTestId('scenario-add').click();
		await expect(page.getByTestId('scenario-error').textContent()).resolves.toMatch(/Code commune inconnu : 46999/);
		await page.getByTestId('scenario-commune').fill(GRAMAT);
		await page.getByTestId('scenario-amount').fill('deux');
		await page.getByTestId('scenario-add').click();
		await expect(page.getByTestId('scenario-error').textContent()).resolves.toMatch(/« deux » n’est pas un nombre/);
		expect(new URL(page.url()).searchParams.get('s')).toBe(`ajout:${GRAMAT}:1`);

		// The URL alone gives back the same scenario, after a reload.
		const url = page.url();
		await page.reload();
		await page.getByTestId('scenario-table').waitFor({ timeout: 120_000 });
		expect(page.url()).toBe(url);
		expect(await tableRows(page)).toEqual(rows);
		await expect(page.getByTestId('scenario-changes').textContent()).resolves.toMatch(/\+1 médecin généraliste à Gramat/);
		expect(errors).toEqual([]);
	}, 420_000);

	it('is usable on a phone', async () => {
		const { page } = await suite.open(`/scenario?s=ajout:${GRAMAT}:1`, { viewport: { width: 390, height: 844 } });
		await page.getByTestId('scenario-table').waitFor({ timeout: 120_000 });
		const width = await page.evaluate(() => document.documentElement.scrollWidth);
		expect(width).toBeLessThanOrEqual(390);
		await page.screenshot({ path: resolve(SHOTS, 'scenario-gramat-390.png'), timeout: 120_000 });
	}, 300_000);

	it('attaches a scenario to a CLS action, which carries it after a reload and opens it on « Et si… ? »', async () => {
		const { page } = await suite.open('/cls/cauvaldor');
		await page.getByRole('button', { name: 'Modifier le CLS' }).click({ timeout: 60_000 });
		const card = page.locator('article[data-action="bien-vieillir-domicile"]');
		await card.getByRole('button', { name: /^Modifier/ }).click();
		// Text instead of a number: refused in French, nothing saved.
		await card.locator('input[name=scenario]').fill(`msp:${GRAMAT}:quatre`);
		await card.getByRole('button', { name: 'Enregistrer' }).click();
		await expect.poll(() => card.innerText()).toMatch(/« quatre » n’est pas un nombre/);
		await card.locator('input[name=scenario]').fill(`msp:${GRAMAT}:4`);
		await card.getByRole('button', { name: 'Enregistrer' }).click();
		await expect.poll(() => card.getByTestId('action-scenario').innerText()).toMatch(/Si cette action aboutit : une MSP de 4 médecins à 46128/);
		await page.reload();
		const after = page.locator('article[data-action="bien-vieillir-domicile"]');
		await after.getByTestId('action-scenario').waitFor({ timeout: 60_000 });
		expect(await after.getByTestId('action-scenario').innerText()).toMatch(/une MSP de 4 médecins à 46128/);
		await after.getByTestId('action-scenario').getByRole('link').click();
		await page.getByTestId('scenario-table').waitFor({ timeout: 120_000 });
		expect(new URL(page.url()).searchParams.get('s')).toBe(`msp:${GRAMAT}:4`);
	}, 300_000);
});
