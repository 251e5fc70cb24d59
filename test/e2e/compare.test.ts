import { describe, expect, it } from 'vitest';
import { resolve } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { SHOTS, e2eSuite } from '../support/suite';
import { MAX_COMPARED } from '../../src/lib/territory/key';

const suite = e2eSuite({ db: true });
const { watch } = suite;

/** Rows of a query as { code, nom }, in the order SQL gives them. */
async function communes(sql: string, params: string[]): Promise<{ code: string; nom: string }[]> {
	return (await suite.db.query(sql, params)).toArray().map((r: { code: string; nom: string }) => ({ code: String(r.code), nom: String(r.nom) }));
}

/** The list in the page's URL, `?t=commune:46251,commune:46273` → ['46251', '46273']. */
function urlCodes(page: Page): string[] {
	return (new URL(page.url()).searchParams.get('t') ?? '').split(',').map((k) => k.replace(/^commune:/, ''));
}

async function comparisonOf(context: BrowserContext, code: string): Promise<Page> {
	const page = await suite.page(context, `/comparer?t=commune:${code}`);
	await page.getByTestId('compare-table').waitFor({ timeout: 90_000 });
	await page.getByTestId('add-neighbours').waitFor();
	return page;
}

describe('comparison: communes around a commune', () => {
	it('adds Saint-Céré’s neighbours from the artefact, largest first, and names the one the maximum leaves out', async () => {
		// Independent of the app's module: the artefact's list, ordered by population as the page promises.
		const neighbours = await communes(
			`SELECT c.code, c.nom FROM communes c
			 WHERE list_contains((SELECT string_split(voisins, ' ') FROM communes_voisines WHERE code = ?), c.code)
			 ORDER BY c.population DESC NULLS LAST, c.code`,
			['46251']
		);
		expect(neighbours.map((c) => c.nom)).toContain('Saint-Laurent-les-Tours');
		expect(neighbours.length).toBeGreaterThan(MAX_COMPARED - 1);
		const fit = neighbours.slice(0, MAX_COMPARED - 1);
		const leftOut = neighbours.slice(MAX_COMPARED - 1);

		const context = await suite.context();
		const page = await comparisonOf(context, '46251');
		await page.getByTestId('add-neighbours').click();
		await page.waitForURL(/t=commune:46251,commune:\d{5}/);
		expect(urlCodes(page)).toEqual(['46251', ...fit.map((c) => c.code)]);
		const message = await page.getByTestId('nearby-message').innerText();
		expect(message).toContain(`${fit.length} communes voisines de Saint-Céré ajoutées sur ${neighbours.length}`);
		expect(message).toContain(`limitée à ${MAX_COMPARED} territoires`);
		for (const c of leftOut) expect(message).toContain(c.nom);

		// The table shows them, and a reload of the URL gives the same list.
		const names = async () => (await page.locator('[data-testid=compare-table] thead th .name').allInnerTexts()).map((n) => n.trim());
		await page.waitForFunction((n) => document.querySelectorAll('[data-testid=compare-table] thead th .name').length === n, MAX_COMPARED + 3);
		expect((await names()).slice(0, MAX_COMPARED)).toEqual(['Saint-Céré', ...fit.map((c) => c.nom)]);
		// With several communes compared, the one to start from is chosen, Saint-Céré first.
		expect(await page.getByTestId('nearby-origin').inputValue()).toBe('46251');
		await page.screenshot({ path: resolve(SHOTS, 'compare-neighbours.png') });
		await page.reload();
		await page.getByTestId('compare-table').waitFor({ timeout: 90_000 });
		expect(urlCodes(page)).toEqual(['46251', ...fit.map((c) => c.code)]);
		await context.close();
	});

	it('adds communes of Cauvaldor for Saint-Céré up to the maximum, saying how many were left out', async () => {
		const members = await communes(
			`SELECT c.code, c.nom FROM communes c WHERE c.epci = (SELECT epci FROM communes WHERE code = ?) AND c.code <> ?
			 ORDER BY c.population DESC NULLS LAST, c.code`,
			['46251', '46251']
		);
		expect(members).toHaveLength(76);
		const context = await suite.context();
		const page = await comparisonOf(context, '46251');
		await page.getByTestId('add-epci').click();
		await page.waitForURL(/t=commune:46251,commune:\d{5}/);
		expect(urlCodes(page)).toEqual(['46251', ...members.slice(0, MAX_COMPARED - 1).map((c) => c.code)]);
		const message = await page.getByTestId('nearby-message').innerText();
		expect(message).toMatch(/^5 communes de CC Causses et Vall[ée]e de la Dordogne.* ajoutées sur 76\./);
		expect(message).toContain(`et ${76 - (MAX_COMPARED - 1) - 8} autres`);
		await context.close();
	});

	it('no console error, no request outside the app', () => {
		expect(watch.errors).toEqual([]);
		expect(watch.foreignRequests).toEqual([]);
	});
});
