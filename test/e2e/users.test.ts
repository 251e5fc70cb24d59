/**
 * Two of the three user tasks (analyst, mayor, writer), each played from a cold start as its user would, through the
 * interface: the ARS analyst and the mayor of Saint-Céré. The third, the writer of the Cauvaldor
 * diagnostic, is played in portrait-map.test.ts, and the keyboard-only path in a11y.test.ts. Every figure
 * the user needed is checked against the atlas's own artefacts with SQL, in the Node engine.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { SHOTS, e2eSuite } from '../support/suite';
import { parseCsv } from '../support/csv';
import { formatRank } from '../../src/lib/features/portrait/rank';

const suite = e2eSuite({ db: true });
const open = (path: string, viewport = { width: 1440, height: 900 }) => suite.open(path, { viewport, waitForMap: true });

async function rows<T>(sql: string, params: (string | number)[] = []): Promise<T[]> {
	return (await suite.db.query(sql, params)).toArray().map((r) => r.toJSON() as T);
}

/** Types in the search box and picks the first answer, as a user does with the keyboard. */
async function search(page: Page, text: string, expected: string) {
	await page.getByTestId('search-input').fill(text);
	await expect.poll(() => page.getByTestId('search-option').first().innerText(), { timeout: 30_000 }).toContain(expected);
	await page.keyboard.press('Enter');
	await expect.poll(() => page.getByTestId('selection-panel').locator('h2').innerText(), { timeout: 60_000 }).toBe(expected);
}

const onScreen = (box: { x: number; y: number; width: number; height: number }, viewport: { width: number; height: number }) =>
	box.x >= 0 && box.y >= 0 && box.x + box.width <= viewport.width + 0.5 && box.y + box.height <= viewport.height + 0.5;

describe('the ARS analyst', () => {
	it('maps the APL of the EPCI of Occitanie, legend in view, and exports their table sorted with ranks as numbers', async () => {
		const viewport = { width: 1440, height: 900 };
		const { page, watch } = await open('/', viewport);
		await search(page, 'Occitanie', 'Occitanie');
		await page.getByRole('button', { name: 'Limiter la carte à ce territoire' }).click();
		await expect.poll(() => new URL(page.url()).searchParams.get('p')).toBe('region:76');
		await page.getByLabel('EPCI', { exact: true }).check();
		await expect.poll(() => new URL(page.url()).searchParams.get('n')).toBe('epci');

		const expected = await rows<{ code: string; apl: number }>(
			`SELECT c.epci AS code, sum(a.apl_mg_moins65 * a.pop_standardisee) / sum(a.pop_standardisee) AS apl
			 FROM communes c JOIN apl a ON a.code = c.code AND a.annee = 2023
			 WHERE c.epci IN (SELECT DISTINCT epci FROM communes WHERE reg = '76') GROUP BY 1 ORDER BY apl DESC`
		);

		// The legend's classes, beside the map, without scrolling, once they count the EPCI of Occitanie.
		const classes = page.getByTestId('legend').locator('li');
		const counted = async () => (await classes.locator('.count').allInnerTexts()).reduce((sum, c) => sum + Number(c.replace(/\s/g, '')), 0);
		await expect.poll(counted, { timeout: 60_000 }).toBe(expected.length);
		for (const row of await classes.all()) expect(onScreen((await row.boundingBox())!, viewport), await row.innerText()).toBe(true);
		await page.screenshot({ path: resolve(SHOTS, 'users-analyst-map.png') });

		// The table behind the map, sorted by APL, exported: every EPCI of Occitanie, rank 1 the highest APL.
		await page.getByTestId('show-table').click();
		const table = page.getByTestId('territory-table');
		await table.locator('tbody tr').first().waitFor();
		await page.getByTestId('sort-value').click();
		const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('table-export-csv').click()]);
		const csv = parseCsv(readFileSync((await download.path())!, 'utf8'));
		const header = csv[0];
		const rank = header.findIndex((h) => h.startsWith('Rang'));
		const value = header.findIndex((h) => h.startsWith('APL'));
		const body = csv.slice(1, csv.findIndex((r, i) => i > 0 && r.length === 1 && r[0] === ''));
		expect(body.map((r) => r[0])).toEqual(expected.map((e) => e.code));
		expect(body.map((r) => Number(r[rank]))).toEqual(body.map((_, i) => i + 1));
		expect(Number(body[0][value].replace(',', '.'))).toBeCloseTo(expected[0].apl, 2);
		await page.screenshot({ path: resolve(SHOTS, 'users-analyst-table.png') });
		expect(watch.errors).toEqual([]);
		expect(watch.foreignRequests).toEqual([]);
	});
});

describe('the ARS analyst, MSP of the Lot', () => {
	it('lists the MSP drawn on the map for the territory studied: name, commune, FINESS number, as FINESS gives them', async () => {
		const { page, watch } = await open('/?p=departement:46&l=msp');
		const list = page.getByTestId('scope-facility-list');
		await list.waitFor({ timeout: 60_000 });
		await page.waitForFunction(() => document.querySelector('[data-testid=scope-facility-list]')?.getAttribute('aria-busy') === 'false', undefined, { timeout: 60_000 });
		const msp = await rows<{ nom: string; nofinesset: string; commune: string }>(
			`SELECT f.raison_sociale AS nom, f.nofinesset, c.nom AS commune FROM finess f JOIN communes c ON c.code = f.code_commune
			 WHERE c.dep = '46' AND f.categorie = 'msp'`
		);
		expect(msp.length).toBeGreaterThan(5);
		expect(await list.locator('details[data-categorie=msp] tbody tr').count()).toBe(msp.length);
		const text = await list.innerText();
		for (const m of msp) for (const part of [m.nom, m.nofinesset, m.commune]) expect(text).toContain(part);
		expect(watch.errors).toEqual([]);
	});
});

describe('the mayor of Saint-Céré', () => {
	it('compares Saint-Céré with its neighbours, the Lot, Occitanie and France, ranked in the favourable direction', async () => {
		const { page, watch } = await open('/');
		await search(page, 'saint cere', 'Saint-Céré');
		await page.getByTestId('selection-panel').getByRole('link', { name: 'Comparer' }).click();
		await page.getByTestId('compare-table').waitFor({ timeout: 90_000 });
		await page.getByTestId('add-neighbours').click();
		await page.waitForURL(/t=commune:46251,commune:\d{5}/);
		const names = page.locator('[data-testid=compare-table] thead th .name');
		await expect.poll(() => names.allInnerTexts(), { timeout: 60_000 }).toEqual(expect.arrayContaining(['Lot', 'Occitanie', 'France']));

		// Saint-Céré, 1 km or so from an MSP: its rank counts the Lot communes strictly nearer, from 1.
		const [{ rank, total }] = await rows<{ rank: number; total: number }>(
			`SELECT 1 + count(*) FILTER (WHERE a.dist_msp_km < (SELECT dist_msp_km FROM acces WHERE code = '46251'))::INTEGER AS rank,
			        count(*)::INTEGER AS total
			 FROM acces a JOIN communes c USING (code) WHERE c.dep = '46' AND a.dist_msp_km IS NOT NULL`
		);
		const [{ tied }] = await rows<{ tied: number }>(
			`SELECT (count(*) - 1)::INTEGER AS tied FROM acces a JOIN communes c USING (code)
			 WHERE c.dep = '46' AND a.dist_msp_km = (SELECT dist_msp_km FROM acces WHERE code = '46251')`
		);
		expect(rank).toBeLessThan(total / 4);
		const cell = page.locator('[data-testid=compare-table] tr[data-indicator=dist_msp_km] td[data-column="commune:46251"] .rank');
		expect(await cell.innerText()).toBe(formatRank({ rank, total, tied }));
		await page.screenshot({ path: resolve(SHOTS, 'users-mayor-compare.png') });
		expect(watch.errors).toEqual([]);
		expect(watch.foreignRequests).toEqual([]);
	});
});
