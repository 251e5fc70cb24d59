import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { SHOTS, e2eSuite } from '../support/suite';
import { tableRows } from '../support/scenario';
import { decodePng, type Image } from '../support/golden';
import { RANKED_COLOR } from '../../src/lib/map/ranked-points';

const suite = e2eSuite();
const GRAMAT = '46128';

/** Pixels of the ranking's magenta within ±`half` CSS pixels of the scenario map's centre, as drawn now. */
async function rankedPixelsAtCentre(page: Page, half: number): Promise<number> {
	return page.evaluate(
		([[r, g, b], half]) => {
			const map = document.querySelector('[data-testid=scenario-map] canvas.maplibregl-canvas') as HTMLCanvasElement;
			const ratio = map.width / map.clientWidth;
			const size = Math.round(2 * half * ratio);
			const copy = document.createElement('canvas');
			copy.width = copy.height = size;
			const ctx = copy.getContext('2d')!;
			ctx.drawImage(map, Math.round(map.width / 2 - size / 2), Math.round(map.height / 2 - size / 2), size, size, 0, 0, size, size);
			const data = ctx.getImageData(0, 0, size, size).data;
			let count = 0;
			for (let k = 0; k < data.length; k += 4) if (Math.abs(data[k] - r) + Math.abs(data[k + 1] - g) + Math.abs(data[k + 2] - b) < 40) count++;
			return count;
		},
		[RANKED_COLOR, half] as const
	);
}

/** Pixels of an image close to `rgb`, within the box [x0, x1) × [y0, y1). */
function pixelsLike(image: Image, [r, g, b]: readonly number[], [x0, y0, x1, y1]: readonly number[]): number {
	let count = 0;
	for (let y = y0; y < y1; y++) {
		for (let x = x0; x < x1; x++) {
			const k = (y * image.width + x) * 4;
			if (Math.abs(image.data[k] - r) + Math.abs(image.data[k + 1] - g) + Math.abs(image.data[k + 2] - b) < 40) count++;
		}
	}
	return count;
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

		// « Où installer ? » : the ten best communes of the Lot, numbered in the list and on the map; a candidate,
		// reached by the keyboard, brings the map to its disc.
		await page.getByTestId('placement-gps').fill('1');
		await page.getByTestId('placement-run').click();
		const candidates = page.getByTestId('placement-top').getByRole('button');
		await candidates.first().waitFor({ timeout: 120_000 });
		expect(await candidates.count()).toBe(10);
		await expect(page.getByTestId('scenario-legend-ranked').textContent()).resolves.toMatch(/Où installer \? » : rang/);
		for (const k of [9, 0]) {
			await candidates.nth(k).focus();
			await page.keyboard.press('Enter');
			await expect.poll(() => candidates.nth(k).getAttribute('aria-pressed')).toBe('true');
			await expect.poll(() => rankedPixelsAtCentre(page, 12), { timeout: 30_000 }).toBeGreaterThan(100);
		}

		// The map as a PNG: the map as shown with the title band above (54 px), the source band below (30 px) and
		// the legend right of it; the discs in it, the estimate note and the classes' colours.
		const map = await page.evaluate(() => {
			const canvas = document.querySelector('[data-testid=scenario-map] canvas.maplibregl-canvas') as HTMLCanvasElement;
			return { width: canvas.clientWidth, height: canvas.clientHeight };
		});
		const [download] = await Promise.all([page.waitForEvent('download', { timeout: 60_000 }), page.getByTestId('scenario-map').getByTestId('export-png').click()]);
		expect(download.suggestedFilename()).toBe('scenario-apl-variation-departement-46.png');
		const png = decodePng(readFileSync((await download.path())!));
		expect(png.height).toBe(map.height + 54 + 30);
		expect(png.width).toBeGreaterThan(map.width + 150);
		expect(pixelsLike(png, RANKED_COLOR, [0, 54, map.width, 54 + map.height])).toBeGreaterThan(200);
		// Not blank: the map band holds many colours, the legend band the diverging classes' swatches.
		const colours = new Set<number>();
		for (let k = 0; k < png.data.length; k += 4 * 7) colours.add((png.data[k] << 16) | (png.data[k + 1] << 8) | png.data[k + 2]);
		expect(colours.size).toBeGreaterThan(200);
		expect(pixelsLike(png, [0x21, 0x66, 0xac], [map.width, 54, png.width, 54 + map.height])).toBeGreaterThan(100);

		// A real travel-time matrix imported: its problems counted with examples, then the scenario reaches only the
		// communes it links to Gramat. FICTITIOUS times, made up for the test.
		const csv = [
			'commune_origine;commune_destination;minutes',
			`${GRAMAT};${GRAMAT};0`,
			`46102;${GRAMAT};12`,
			`46042;${GRAMAT};18`,
			`99999;${GRAMAT};5`,
			`46033;${GRAMAT};dix`
		].join('\n');
		await page.getByTestId('travel-times').locator('summary').click();
		await page.getByTestId('travel-times-file').setInputFiles({ name: 'matrice-test.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
		const report = page.getByTestId('travel-times-report');
		await expect.poll(() => report.textContent(), { timeout: 60_000 }).toMatch(/1 codes inconnus, lignes écartées \(ex\. « 99999 » ligne 5\)/);
		expect(await report.textContent()).toMatch(/1 temps qui ne sont pas des nombres de minutes, lignes écartées \(ex\. « dix » ligne 6\)/);
		expect(await report.textContent()).toMatch(/communes sans leur propre ligne \(diagonale manquante\)/);
		await expect.poll(() => page.getByTestId('scenario-note').textContent(), { timeout: 60_000 }).toMatch(/temps de trajet importés \(matrice-test\.csv\)/);
		const imported = await tableRows(page);
		expect(imported.map((r) => r.code).sort()).toEqual(['46042', '46102', GRAMAT]);
		expect(Math.abs(imported.reduce((s, r) => s + r.variation * r.pstd, 0) - 5400) / 5400).toBeLessThan(1e-3);
		// Back to the approximate times: the first table again.
		await page.getByTestId('travel-times-reset').click();
		await expect.poll(() => tableRows(page), { timeout: 60_000 }).toEqual(rows);
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
