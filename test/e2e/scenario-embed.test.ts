import { describe, expect, it } from 'vitest';
import { resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { SHOTS, e2eSuite } from '../support/suite';
import { tableRows } from '../support/scenario';

const suite = e2eSuite();
const GRAMAT = '46128';

/** Every change's consultations are absorbed: Σ ΔAPL × Pstd is the supply added, within 0.1 %. */
function expectConserved(rows: readonly { variation: number; pstd: number }[], consultations: number) {
	const absorbed = rows.reduce((s, r) => s + r.variation * r.pstd, 0);
	expect(Math.abs(absorbed - consultations) / consultations).toBeLessThan(1e-3);
}

async function addGp(page: Page, code: string) {
	await page.getByTestId('scenario-commune').fill(code);
	await page.getByTestId('scenario-amount').fill('1');
	await page.getByTestId('scenario-add').click();
	await page.getByTestId('scenario-table').waitFor({ timeout: 120_000 });
}

describe('« Et si… ? » inside the CLS page and the explorer', () => {
	it('edits a scenario on the CLS perimeter in place, closed at first, kept in the URL across a reload', async () => {
		const { page, errors, foreignRequests } = await suite.open('/cls/cauvaldor');
		const section = page.getByTestId('scenario-embed');
		await section.waitFor({ timeout: 60_000 });
		// Closed: nothing of the scenario is there before it is asked for.
		expect(await section.getAttribute('data-open')).toBe('false');
		expect(await page.getByTestId('scenario-form').count()).toBe(0);
		const toggle = page.getByTestId('scenario-embed-toggle');
		expect(await toggle.getAttribute('aria-expanded')).toBe('false');
		// From the keyboard.
		await toggle.focus();
		await page.keyboard.press('Enter');
		await page.getByTestId('scenario-form').waitFor({ timeout: 60_000 });
		expect(await toggle.getAttribute('aria-expanded')).toBe('true');
		await addGp(page, GRAMAT);
		await page.getByTestId('scenario-map').waitFor();
		const url = new URL(page.url());
		expect(url.pathname).toBe('/cls/cauvaldor');
		expect(url.searchParams.get('s')).toBe(`ajout:${GRAMAT}:1`);
		const rows = await tableRows(page);
		expect(rows.map((r) => r.code)).toContain(GRAMAT);
		expectConserved(rows, 5400);
		await expect(page.getByTestId('scenario-headlines').textContent()).resolves.toMatch(/Périmètre du CLS : /);
		await expect(page.getByTestId('scenario-note').textContent()).resolves.toMatch(/estimation cls-atlas, méthode APL de la DREES \(APL 2023\), temps de trajet approchés/);
		await expect(page.getByTestId('scenario-legend').textContent()).resolves.toMatch(/0 \(inchangée\)/);
		// The full page, as a secondary link, carries the same scenario on the same perimeter.
		const full = new URL((await page.getByTestId('scenario-full-page').getAttribute('href'))!, url);
		expect([full.pathname, full.searchParams.get('s'), full.searchParams.get('p')]).toEqual(['/scenario', `ajout:${GRAMAT}:1`, 'cls:cauvaldor']);

		await page.reload();
		await page.getByTestId('scenario-table').waitFor({ timeout: 120_000 });
		expect(await page.getByTestId('scenario-embed').getAttribute('data-open')).toBe('true');
		expect(await tableRows(page)).toEqual(rows);
		await expect(page.getByTestId('scenario-changes').textContent()).resolves.toMatch(/\+1 médecin généraliste à Gramat/);

		// Closed, the scenario leaves the URL; opened again, it comes back.
		await page.getByTestId('scenario-embed-toggle').click();
		await expect.poll(() => new URL(page.url()).searchParams.has('s')).toBe(false);
		expect(await page.getByTestId('scenario-form').count()).toBe(0);
		await page.getByTestId('scenario-embed-toggle').click();
		await page.getByTestId('scenario-table').waitFor({ timeout: 120_000 });
		expect(new URL(page.url()).searchParams.get('s')).toBe(`ajout:${GRAMAT}:1`);
		expect(errors).toEqual([]);
		expect(foreignRequests).toEqual([]);
	}, 420_000);

	it('opens an action’s attached scenario in the section, with its result, without leaving the page', async () => {
		const { page, errors } = await suite.open('/cls/cauvaldor');
		await page.getByRole('button', { name: 'Modifier le CLS' }).click({ timeout: 60_000 });
		const card = page.locator('article[data-action="bien-vieillir-domicile"]');
		await card.getByRole('button', { name: /^Modifier/ }).click();
		await card.locator('input[name=scenario]').fill(`msp:${GRAMAT}:4`);
		await card.getByRole('button', { name: 'Enregistrer' }).click();
		await card.getByTestId('action-scenario').waitFor();
		await page.reload();
		const after = page.locator('article[data-action="bien-vieillir-domicile"]');
		await after.getByTestId('action-scenario-open').click({ timeout: 60_000 });
		await page.getByTestId('scenario-table').waitFor({ timeout: 120_000 });
		const url = new URL(page.url());
		expect(url.pathname).toBe('/cls/cauvaldor');
		expect(url.searchParams.get('s')).toBe(`msp:${GRAMAT}:4`);
		await expect(page.getByTestId('scenario-changes').textContent()).resolves.toMatch(/une MSP de 4 médecins à Gramat/);
		expectConserved(await tableRows(page), 4 * 5400);
		const headlines = await page.getByTestId('scenario-headlines').innerText();
		expect(headlines).toMatch(/Périmètre du CLS : /);
		expect(headlines).toMatch(/APL avant/);
		expect(headlines).toMatch(/Population sous 2,5/);
		// The section is in view, the focus on its heading.
		await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('scenario-embed-toggle');
		// The link to the full page is still there.
		expect(await after.getByTestId('action-scenario').getByRole('link').getAttribute('href')).toMatch(/^\/scenario\?s=msp/);
		expect(errors).toEqual([]);
	}, 300_000);

	it('opens the section from the explorer’s selection panel, for the selected territory', async () => {
		const { page, errors } = await suite.open('/?i=apl_mg_2023&n=departement&s=departement:46', { waitForMap: true });
		const panel = page.getByTestId('selection-panel');
		await panel.locator('table').waitFor({ timeout: 60_000 });
		await panel.getByTestId('selection-scenario').click();
		const dialog = page.getByTestId('scenario-dialog');
		await dialog.getByTestId('scenario-form').waitFor({ timeout: 60_000 });
		expect(await dialog.locator('h2').first().innerText()).toMatch(/Et si… \? — Lot/);
		await addGp(page, GRAMAT);
		expect(new URL(page.url()).pathname).toBe('/');
		const rows = await tableRows(page);
		expectConserved(rows, 5400);
		await expect(dialog.getByTestId('scenario-headlines').textContent()).resolves.toMatch(/Département 46/);
		await page.screenshot({ path: resolve(SHOTS, 'scenario-explorer-dialog.png'), timeout: 120_000 });
		// Escape closes it and the explorer is as it was.
		await page.keyboard.press('Escape');
		await expect.poll(() => dialog.isVisible()).toBe(false);
		expect(await page.getByTestId('scenario-form').count()).toBe(0);
		expect(new URL(page.url()).searchParams.get('s')).toBe('departement:46');
		expect(errors).toEqual([]);
	}, 300_000);
});
