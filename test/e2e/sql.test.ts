import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { waitForColouredMap } from '../support/browser';
import { SHOTS, e2eSuite } from '../support/suite';

const LOT_APL = "SELECT code, apl_mg FROM apl WHERE annee = 2023 AND code LIKE '46%'";

const suite = e2eSuite({ db: true });
const { watch } = suite;

async function openConsole(viewport = { width: 1440, height: 900 }): Promise<Page> {
	const context = await suite.context({ viewport });
	const page = await suite.page(context, '/sql');
	await expect.poll(() => page.getByTestId('sql-run').isEnabled(), { timeout: 90_000 }).toBe(true);
	return page;
}

async function runSql(page: Page, sql: string) {
	await page.getByTestId('sql-input').fill(sql);
	await page.getByTestId('sql-run').click();
	await expect.poll(() => page.getByTestId('sql-run').isEnabled(), { timeout: 60_000 }).toBe(true);
}

describe('/sql', () => {
	it('runs a SELECT, pages and exports it, refuses a DROP in French, and shows the communes on the map', async () => {
		const page = await openConsole();
		const schema = page.getByTestId('sql-schema');
		for (const table of ['communes', 'apl', 'radon']) await schema.locator(`details[data-table="${table}"]`).waitFor();

		const expected = (await suite.db.query(`SELECT count(*)::INTEGER AS n FROM (${LOT_APL})`)).get(0)!.toJSON().n as number;
		expect(expected).toBeGreaterThan(50);
		await runSql(page, LOT_APL);
		expect(Number(await page.getByTestId('sql-count').getAttribute('data-rows'))).toBe(expected);
		const table = page.getByTestId('sql-result');
		expect(await table.locator('tbody tr').count()).toBe(50);
		expect(await page.getByTestId('sql-page').innerText()).toBe(`Page 1 sur ${Math.ceil(expected / 50)}`);
		const codes = await table.locator('tbody tr td:first-child').allInnerTexts();
		for (const code of codes) expect(code).toMatch(/^46\d{3}$/);
		// fr-FR numbers: a decimal comma.
		expect((await table.locator('tbody tr td:nth-child(2)').allInnerTexts()).some((v) => /^\d+,\d+$/.test(v))).toBe(true);
		await page.screenshot({ path: resolve(SHOTS, 'sql-1440.png') });

		const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('sql-export-csv').click()]);
		expect(download.suggestedFilename()).toBe('requete-sql.csv');
		const lines = readFileSync((await download.path())!, 'utf8').replace(/^\uFEFF/, '').split('\r\n');
		expect(lines[0]).toBe('code;apl_mg');
		const dataLines = lines.filter((l) => /^46\d{3};/.test(l));
		expect(dataLines.length).toBe(expected);
		expect(lines.some((l) => l.startsWith('Requête : SELECT code, apl_mg FROM apl'))).toBe(true);

		await runSql(page, 'DROP TABLE communes');
		expect(await page.getByTestId('sql-error').innerText()).toMatch(/^Requête refusée : la console est en lecture seule .*\(pas DROP\)/);
		await runSql(page, 'SELECT 1; DROP TABLE communes');
		expect(await page.getByTestId('sql-error').innerText()).toMatch(/une seule instruction/);

		// communes is untouched, and the result's communes open in the explorer as a selection.
		await runSql(page, LOT_APL);
		expect(Number(await page.getByTestId('sql-count').getAttribute('data-rows'))).toBe(expected);
		const distinct = (await suite.db.query(`SELECT count(DISTINCT code)::INTEGER AS n FROM (${LOT_APL})`)).get(0)!.toJSON().n as number;
		await page.getByTestId('sql-map-link').click();
		await waitForColouredMap(page);
		await expect.poll(() => page.getByTestId('group-count').innerText(), { timeout: 30_000 }).toBe(`${distinct} communes`);
		expect(new URL(page.url()).searchParams.get('p')).toBe('selection');

		expect(watch.errors).toEqual([]);
		expect(watch.foreignRequests).toEqual([]);
	});

	it('cancels a long query with « Annuler » and runs the next one', async () => {
		const page = await openConsole({ width: 390, height: 844 });
		await page.getByTestId('sql-input').fill('SELECT count(*) AS n FROM range(1000000000000) a');
		await page.getByTestId('sql-run').click();
		await expect.poll(() => page.getByTestId('sql-cancel').isEnabled()).toBe(true);
		await page.getByTestId('sql-cancel').click();
		await expect.poll(() => page.getByTestId('sql-run').isEnabled(), { timeout: 60_000 }).toBe(true);
		expect(await page.getByTestId('sql-error').innerText()).toBe('Requête annulée.');
		await runSql(page, "SELECT nom FROM communes WHERE code = '46042'");
		expect(await page.getByTestId('sql-result').locator('tbody td').innerText()).toBe('Cahors');
		await page.screenshot({ path: resolve(SHOTS, 'sql-390.png'), fullPage: true });
		expect(watch.errors).toEqual([]);
	});
});
