import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { SHOTS, e2eSuite } from '../support/suite';
import { readWorkbook } from '../support/xlsx';
import { parseCsv } from '../support/csv';

const suite = e2eSuite({ db: true });
const open = (path: string, viewport: { width: number; height: number }) => suite.open(path, { viewport, waitForMap: true });

interface Box {
	x: number;
	y: number;
	width: number;
	height: number;
}
const inside = (inner: Box, outer: Box) =>
	inner.x >= outer.x - 0.5 &&
	inner.y >= outer.y - 0.5 &&
	inner.x + inner.width <= outer.x + outer.width + 0.5 &&
	inner.y + inner.height <= outer.y + outer.height + 0.5;

describe('the colour legend is on the map', () => {
	for (const viewport of [
		{ width: 1440, height: 900 },
		{ width: 390, height: 844 }
	]) {
		it(`shows every class inside the viewport and the map at ${viewport.width}×${viewport.height}, without scrolling`, async () => {
			const { page, errors } = await open('/', viewport);
			const legend = page.getByTestId('legend');
			const rows = legend.locator('li');
			if (viewport.width < 700) {
				// A phone opens on the map: the legend is a folded strip, its title and its button, until unfolded.
				const map = (await page.getByTestId('map').boundingBox())!;
				await legend.waitFor();
				expect(await page.getByTestId('legend-fold').getAttribute('aria-expanded')).toBe('false');
				const strip = (await legend.boundingBox())!;
				expect(strip.width * strip.height).toBeLessThan((map.width * map.height) / 10);
				await page.getByTestId('legend-fold').click();
			}
			await expect.poll(() => rows.count()).toBeGreaterThan(2);
			expect(await page.evaluate(() => [window.scrollX, window.scrollY])).toEqual([0, 0]);
			const screen = { x: 0, y: 0, ...viewport };
			const map = (await page.getByTestId('map').boundingBox())!;
			for (const row of await rows.all()) {
				const box = (await row.boundingBox())!;
				expect(inside(box, screen), `${await row.innerText()} hors de l’écran`).toBe(true);
				expect(inside(box, map), `${await row.innerText()} hors de la carte`).toBe(true);
			}
			// How to read it: the favourable direction and the reference threshold of the default APL.
			for (const line of [legend.getByTestId('legend-direction'), legend.getByTestId('legend-threshold')]) {
				expect(inside((await line.boundingBox())!, screen)).toBe(true);
			}
			expect(await legend.getByTestId('legend-direction').innerText()).toBe('plus élevé = plus favorable');
			expect(await legend.getByTestId('legend-threshold').innerText()).toMatch(/2,5/);
			// The map keeps most of its area: the legend covers less than half of it.
			const legendBox = (await legend.boundingBox())!;
			expect(legendBox.width * legendBox.height).toBeLessThan((map.width * map.height) / 2);
			await page.screenshot({ path: resolve(SHOTS, `legend-${viewport.width}x${viewport.height}.png`) });

			// Folded with its button (keyboard), then open again.
			const fold = page.getByTestId('legend-fold');
			await fold.focus();
			await page.keyboard.press('Enter');
			expect(await fold.getAttribute('aria-expanded')).toBe('false');
			expect(await rows.first().isVisible()).toBe(false);
			await page.keyboard.press('Enter');
			expect(await fold.getAttribute('aria-expanded')).toBe('true');
			expect(await rows.first().isVisible()).toBe(true);
			expect(errors).toEqual([]);
		});
	}

	it('says what the criterion keeps in each class', async () => {
		// Lot, APL by commune, communes more than 15 km from an MSP.
		const { page } = await open('/?i=apl_mg_2023&p=departement:46&f=dist_msp_km>15', { width: 1440, height: 900 });
		const lines = page.getByTestId('legend-retained');
		await expect.poll(() => lines.count()).toBeGreaterThan(0);
		const shown = (await lines.allInnerTexts()).map((t) => /^(\d+) communes? retenues? sur (\d+)$/.exec(t.replace(/\s/g, ' ').replace(/(\d) (\d)/g, '$1$2')));
		expect(shown.every((m) => m !== null)).toBe(true);
		const kept = shown.reduce((s, m) => s + Number(m![1]), 0);
		const sql = await suite.db.query(
			`SELECT count(*)::INTEGER AS n FROM communes c JOIN acces a ON a.code = c.code
			 JOIN apl p ON p.code = c.code AND p.annee = 2023 WHERE c.dep = '46' AND a.dist_msp_km > 15 AND p.apl_mg IS NOT NULL`
		);
		expect(kept).toBe(sql.get(0)!.toJSON().n);
	});
});


describe('the table of the territories shown', () => {
	it('lists the EPCI of Occitanie sorted by APL, ranks as numbers in CSV and XLSX, and a row opens the map', async () => {
		const { page, errors } = await open('/?i=apl_mg_moins65_2023&n=epci&p=region:76', { width: 1440, height: 900 });
		await page.getByTestId('show-table').click();
		const table = page.getByTestId('territory-table');
		await table.locator('tbody tr').first().waitFor();
		await page.getByTestId('sort-value').click();
		expect(await table.locator('th[aria-sort=descending]').innerText()).toMatch(/APL/);

		const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('table-export-csv').click()]);
		const csv = parseCsv(readFileSync((await download.path())!, 'utf8'));
		const header = csv[0];
		const rankColumn = header.findIndex((h) => h.startsWith('Rang'));
		const valueColumn = header.findIndex((h) => h.startsWith('APL'));
		expect(rankColumn).toBeGreaterThan(0);
		const body = csv.slice(1, csv.findIndex((r, i) => i > 0 && r.length === 1 && r[0] === ''));
		const expected = await suite.db.query("SELECT count(DISTINCT epci)::INTEGER AS n FROM communes WHERE reg = '76' AND epci IS NOT NULL");
		expect(body.length).toBe(expected.get(0)!.toJSON().n);
		expect(body.every((r) => /^\d+$/.test(r[rankColumn]))).toBe(true);
		expect(body[0][rankColumn]).toBe('1');
		const values = body.map((r) => Number(r[valueColumn].replace(',', '.')));
		expect(values.every((v, i) => i === 0 || v <= values[i - 1])).toBe(true);
		// Codes SIREN stay text.
		expect(body.every((r) => /^\d{9}$/.test(r[0]))).toBe(true);

		const [xlsxDownload] = await Promise.all([page.waitForEvent('download'), page.getByTestId('table-export-xlsx').click()]);
		const wb = readWorkbook(readFileSync((await xlsxDownload.path())!));
		const rankLetter = String.fromCharCode(65 + rankColumn);
		const firstRank = wb.cells.get(`${rankLetter}2`)!;
		expect(firstRank.type === 'n' || firstRank.type === null).toBe(true);
		expect(Number(firstRank.text)).toBe(1);

		// A row click shows the map, with that EPCI selected.
		const first = body[0];
		await table.locator('tbody tr').first().locator('.row-link').click();
		await expect.poll(() => table.count()).toBe(0);
		await expect.poll(() => new URL(page.url()).searchParams.get('s')).toBe(`epci:${first[0]}`);
		await expect.poll(() => page.getByTestId('selection-panel').innerText()).toContain(first[1]);
		expect(errors).toEqual([]);
	});

	it('filters by name and sorts by each column with aria-sort', async () => {
		const { page } = await open('/?i=apl_mg_moins65_2023&n=epci&p=region:76', { width: 1440, height: 900 });
		await page.getByTestId('show-table').click();
		const table = page.getByTestId('territory-table');
		await table.locator('tbody tr').first().waitFor();
		const all = await table.locator('tbody tr').count();
		// Cauvaldor, by its name typed in capitals.
		const name = String((await suite.db.query("SELECT nom FROM epci WHERE code = '200066371'")).get(0)!.toJSON().nom);
		await page.getByTestId('table-filter').fill(name.toUpperCase());
		await expect.poll(() => table.locator('tbody tr').count()).toBe(1);
		expect(await table.locator('tbody tr').innerText()).toContain('200066371');
		await page.getByTestId('table-filter').fill('');
		await expect.poll(() => table.locator('tbody tr').count()).toBe(all);
		await page.getByTestId('sort-name').click();
		expect(await table.locator('th[aria-sort=ascending]').innerText()).toMatch(/Territoire/);
		const names = await table.locator('tbody th').allInnerTexts();
		expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b, 'fr', { sensitivity: 'base', numeric: true })));
	});
});
