import { describe, expect, it } from 'vitest';
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { SHOTS, e2eSuite } from '../support/suite';
import { jenksBreaks } from '../../src/lib/indicators/classify';
import { formatNumber } from '../../src/lib/territory/number';

// The Node atlas opens once for the file, beside the browser, not in each test that reads it.
const suite = e2eSuite({ db: true });
const open = (path: string) => suite.open(path, { waitForMap: true });

/** A coarse fingerprint of the map canvas: 400 sampled pixels. */
function mapPixels(page: Page): Promise<number[]> {
	return page.evaluate(() => {
		const canvas = document.querySelector('.maplibregl-canvas') as HTMLCanvasElement;
		const copy = document.createElement('canvas');
		copy.width = 20;
		copy.height = 20;
		const ctx = copy.getContext('2d')!;
		ctx.drawImage(canvas, 0, 0, 20, 20);
		return Array.from(ctx.getImageData(0, 0, 20, 20).data);
	});
}

const legendTitle = (page: Page) => page.getByTestId('legend').locator('h2').innerText();

async function waitForRecolour(page: Page, count: number) {
	await page.waitForFunction((n) => performance.getEntriesByName('cls:recolor').length >= n, count);
}

describe('switching indicator', () => {
	it('changes the legend and the map pixels', async () => {
		const { page, errors } = await open('/');
		const before = await mapPixels(page);
		// DREES's reference APL (GPs under 65) opens the atlas, with its direction and the 2,5 sous-densité threshold.
		expect(await legendTitle(page)).toBe('APL aux médecins généralistes de moins de 65 ans 2023');
		expect(await page.getByTestId('legend-direction').innerText()).toBe('plus élevé = plus favorable');
		expect(await page.getByTestId('legend-threshold').innerText()).toContain('2,5');
		await page.selectOption('#indicator', 'radon_classe');
		await waitForRecolour(page, 1);
		await expect.poll(() => legendTitle(page)).toBe('Potentiel radon (zonage réglementaire)');
		expect(await page.getByTestId('legend-threshold').count()).toBe(0);
		const labels = await page.getByTestId('legend').locator('.label').allInnerTexts();
		expect(labels[2]).toBe('Zone 3 : potentiel significatif');
		const after = await mapPixels(page);
		const changed = before.filter((v, i) => Math.abs(v - after[i]) > 20).length;
		expect(changed).toBeGreaterThan(200);
		await page.screenshot({ path: resolve(SHOTS, 'explorer-radon.png') });
		expect(errors).toEqual([]);
	});
});

describe('the Cantal question', () => {
	// « Which communes of the Cantal are in the lowest APL class and more than 15 km from an MSP? », as a link.
	const link = '/?i=apl_mg_2023&p=departement:15&m=jenks&k=5&c=0&f=dist_msp_km>15&l=msp';

	it('is answered by a permalink: the retained communes are exactly those of the SQL', async () => {
		const { page, errors } = await open(link);
		const retained = page.getByTestId('retained');
		await retained.waitFor();
		const codes = (await retained.locator('.code').allInnerTexts()).sort();

		// Expected: natural breaks of the Cantal's APL (the unit-tested classifier), then plain SQL.
		const { db } = suite;
		const cantal = await db.query(
			"SELECT a.apl_mg FROM apl a JOIN communes c ON c.code = a.code WHERE a.annee = 2023 AND c.dep = '15'"
		);
		const [firstBreak] = jenksBreaks((cantal.getChild('apl_mg')!.toArray() as Float64Array).slice().sort(), 5);
		const expected = await db.query(
			`SELECT c.code, d.dist_msp_km FROM communes c JOIN apl a ON a.code = c.code AND a.annee = 2023 JOIN acces d ON d.code = c.code
			 WHERE c.dep = '15' AND a.apl_mg < ? AND d.dist_msp_km > 15 ORDER BY c.code`,
			[firstBreak]
		);
		const expectedCodes = expected.getChild('code')!.toArray() as string[];
		expect(codes.length).toBeGreaterThan(0);
		expect(codes).toEqual(expectedCodes);

		// Each retained commune shows its criterion value (the distance that retained it), as SQL gives it.
		const criterion = new Map(expected.toArray().map((r) => [r.code as string, r.dist_msp_km as number]));
		const items = retained.locator('li');
		for (let i = 0; i < (await items.count()); i++) {
			const code = await items.nth(i).locator('.code').innerText();
			expect(await items.nth(i).locator('.criterion').innerText()).toBe(`${formatNumber(criterion.get(code)!, 1)} km`);
		}
		// The CSV says which class was kept by its bounds, and that the criterion is strict.
		const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('retained-export-csv').click()]);
		const csv = readFileSync((await download.path())!, 'utf8');
		expect(csv).toContain(`Classe gardée : 1 (`);
		expect(csv).toContain(`< ${formatNumber(firstBreak, 2)}`);
		expect(csv).toContain('strictement supérieur à 15,0 km');
		expect(csv).toContain('Distance');
		const firstClass = await page.getByTestId('legend').locator('.label').first().innerText();
		expect(firstClass).toContain(`< ${new Intl.NumberFormat('fr-FR', { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(firstBreak)}`);
		expect(await page.getByTestId('scope').innerText()).toContain('Cantal');
		await page.screenshot({ path: resolve(SHOTS, 'explorer-cantal-question.png') });
		expect(errors).toEqual([]);
	});
});

describe('permalinks', () => {
	it('reopen the same legend and selection in a fresh page', async () => {
		const { page } = await open('/');
		await page.selectOption('#indicator', 'besoin_age_2023');
		await waitForRecolour(page, 1);
		await page.getByLabel('Départements').check();
		await waitForRecolour(page, 2);
		await page.selectOption('#method', 'jenks');
		await waitForRecolour(page, 3);
		const box = (await page.getByTestId('map').boundingBox())!;
		await page.mouse.click(box.x + box.width * 0.5, box.y + box.height * 0.55);
		const panel = page.getByTestId('selection-panel');
		await panel.locator('table').waitFor({ timeout: 60_000 });
		const selected = await panel.locator('h2').innerText();
		const legend = await page.getByTestId('legend').innerText();
		const url = page.url();
		expect(url).toContain('n=departement');
		expect(url).toContain('s=departement');

		const reopened = await open(new URL(url).pathname + new URL(url).search + new URL(url).hash);
		await reopened.page.getByTestId('selection-panel').locator('table').waitFor({ timeout: 60_000 });
		expect(await reopened.page.getByTestId('selection-panel').locator('h2').innerText()).toBe(selected);
		await expect.poll(() => reopened.page.getByTestId('legend').innerText()).toBe(legend);
		await reopened.page.screenshot({ path: resolve(SHOTS, 'explorer-permalink.png') });
	});
});

describe('search and keyboard', () => {
	it('finds Saint-Céré without accents, then Cahors by postal code, keyboard only', async () => {
		const { page, errors } = await open('/');
		// The search field is the first control after the site's links (CLS, scénarios, Données, SQL).
		const focused = () => page.evaluate(() => document.activeElement?.getAttribute('data-testid'));
		for (const testId of ['nav-cls', 'nav-scenario', 'nav-donnees', 'nav-sql', 'search-input']) {
			await page.keyboard.press('Tab');
			await expect.poll(focused).toBe(testId);
		}
		await page.keyboard.type('saint cere');
		await page.getByTestId('search-option').first().waitFor();
		expect(await page.getByTestId('search-option').first().innerText()).toContain('Saint-Céré');
		await page.keyboard.press('Enter');
		const panel = page.getByTestId('selection-panel');
		await expect.poll(() => panel.locator('h2').innerText(), { timeout: 60_000 }).toBe('Saint-Céré');

		await page.getByTestId('search-input').fill('');
		await page.keyboard.type('46000');
		await expect.poll(() => page.getByTestId('search-option').first().innerText()).toContain('Cahors');
		await page.keyboard.press('Enter');
		await expect.poll(() => panel.locator('h2').innerText(), { timeout: 60_000 }).toBe('Cahors');
		await panel.locator('table').waitFor({ timeout: 60_000 });
		expect(await panel.innerText()).toContain('46042');
		await page.screenshot({ path: resolve(SHOTS, 'explorer-search-cahors.png') });

		// The indicator picker: Tab from the search field reaches it; arrows change the indicator.
		await page.getByTestId('search-input').focus();
		await page.keyboard.press('Tab');
		await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('indicator');
		const before = await legendTitle(page);
		await page.keyboard.press('ArrowDown');
		await waitForRecolour(page, 1);
		await expect.poll(() => legendTitle(page)).not.toBe(before);
		expect(errors).toEqual([]);
	});
});

describe('map export', () => {
	/** Clicks an export button and returns the PNG it downloads, base64, with its file name. */
	async function exportedPng(page: Page, testId: string): Promise<{ name: string; base64: string }> {
		const [download] = await Promise.all([page.waitForEvent('download', { timeout: 60_000 }), page.getByTestId(testId).click()]);
		return { name: download.suggestedFilename(), base64: readFileSync((await download.path())!).toString('base64') };
	}

	it('gives a PNG with title, legend and sources, at 1× and 2× the same picture', async () => {
		const { page, errors } = await open('/?i=apl_mg_2023&p=departement:15');
		const single = await exportedPng(page, 'export-png');
		const double = await exportedPng(page, 'export-png-2x');
		// An older permalink's indicator, the all-ages variant, now says so in its name.
		expect(single.name).toBe('apl-mg-tous-ages-2023-cantal.png');
		expect(double.name).toBe('apl-mg-tous-ages-2023-cantal-2x.png');
		writeFileSync(resolve(SHOTS, 'export-cantal-2x.png'), Buffer.from(double.base64, 'base64'));
		// The map as shown (its canvas, in CSS pixels); the image adds the title band (54), the source band (30)
		// and, right of the map, the legend band.
		const map = await page.evaluate(() => {
			const canvas = document.querySelector('.maplibregl-canvas') as HTMLCanvasElement;
			return { width: canvas.clientWidth, height: canvas.clientHeight };
		});
		// Decoded in the page: sizes, the legend band (right of the map, under the title), the source line, and
		// the 2× image brought down to 1× against the 1× one (deck.gl must fill the whole 2× frame).
		const shape = await page.evaluate(
			async ([oneX, twoX, mapWidth]) => {
				const decode = async (data: string) => {
					const image = new Image();
					image.src = `data:image/png;base64,${data}`;
					await image.decode();
					return image;
				};
				const [one, two] = await Promise.all([decode(oneX), decode(twoX)]);
				const canvas = document.createElement('canvas');
				canvas.width = one.width;
				canvas.height = one.height;
				const ctx = canvas.getContext('2d', { willReadFrequently: true })!;
				ctx.drawImage(one, 0, 0);
				const legend = ctx.getImageData(mapWidth + 12, 80, 140, 100).data;
				let sum = 0;
				let sumSq = 0;
				for (let i = 0; i < legend.length; i += 4) {
					sum += legend[i];
					sumSq += legend[i] * legend[i];
				}
				const n = legend.length / 4;
				const footer = ctx.getImageData(0, one.height - 20, 300, 14).data;
				let dark = 0;
				for (let i = 0; i < footer.length; i += 4) if (footer[i] < 128) dark++;
				// The map band only (below the title band), in 8×8 blocks to smooth out anti-aliasing.
				const blocks = (image: HTMLImageElement) => {
					ctx.clearRect(0, 0, canvas.width, canvas.height);
					ctx.drawImage(image, 0, 0, one.width / 8, one.height / 8);
					return ctx.getImageData(0, 54 / 8, Math.floor(one.width / 8), Math.floor((one.height - 84) / 8)).data;
				};
				const a = blocks(one);
				const b = blocks(two);
				let diff = 0;
				for (let i = 0; i < a.length; i++) diff += Math.abs(a[i] - b[i]);
				return {
					one: { width: one.width, height: one.height },
					two: { width: two.width, height: two.height },
					legendVariance: sumSq / n - (sum / n) ** 2,
					footerDark: dark,
					meanDifference: diff / a.length
				};
			},
			[single.base64, double.base64, map.width] as const
		);
		expect(shape.one.height).toBe(map.height + 54 + 30);
		expect(shape.one.width).toBeGreaterThan(map.width + 150);
		expect(shape.two).toEqual({ width: 2 * shape.one.width, height: 2 * shape.one.height });
		expect(shape.legendVariance).toBeGreaterThan(300);
		expect(shape.footerDark).toBeGreaterThan(50);
		// Same picture: a frame drawn at the wrong pixel ratio leaves whole quadrants of another colour.
		expect(shape.meanDifference).toBeLessThan(8);
		expect(errors).toEqual([]);
	});
});

describe('selection of communes', () => {
	/** Screen position of a point, from the map's centre and zoom (Web Mercator, 512-pixel world at zoom 0). */
	function projector(centre: { lon: number; lat: number }, zoom: number, box: { x: number; y: number; width: number; height: number }) {
		const world = 512 * 2 ** zoom;
		const mx = (lon: number) => ((lon + 180) / 360) * world;
		const my = (lat: number) => ((1 - Math.log(Math.tan(Math.PI / 4 + (lat * Math.PI) / 360)) / Math.PI) / 2) * world;
		return (lon: number, lat: number) => ({
			x: box.x + box.width / 2 + mx(lon) - mx(centre.lon),
			y: box.y + box.height / 2 + my(lat) - my(centre.lat)
		});
	}

	it('lasso and shift-click build a selection whose portrait is the SQL ratio of sums', async () => {
		const centre = { lon: 1.75, lat: 44.75 };
		const { page, errors } = await open(`/?i=apl_mg_2023&p=departement:46#10/${centre.lat}/${centre.lon}`);
		// The colour legend lies over the map's bottom-right corner, where Figeac is: folded, as a user would.
		await page.getByTestId('legend-fold').click();
		const box = (await page.locator('.maplibregl-canvas').boundingBox())!;
		const at = projector(centre, 10, box);
		const [west, east, south, north] = [1.58, 1.89, 44.665, 44.84];

		const { db } = suite;
		const codes = async (where: string, params: string[] = []) =>
			(await db.query(`SELECT code FROM communes WHERE ${where} ORDER BY code`, params)).toArray().map((r) => String(r.toJSON().code));
		const inside = await codes(`lon BETWEEN ${west} AND ${east} AND lat BETWEEN ${south} AND ${north}`);
		expect(inside.length).toBeGreaterThan(5);
		// No centroid within 0.005° (7 to 10 pixels at zoom 10) of the box's edges: a pixel of rounding can't flip one.
		const m = 0.005;
		const nearEdges = await codes(
			`lon BETWEEN ${west - m} AND ${east + m} AND lat BETWEEN ${south - m} AND ${north + m} AND ` +
				`(abs(lon - ${west}) < ${m} OR abs(lon - ${east}) < ${m} OR abs(lat - ${south}) < ${m} OR abs(lat - ${north}) < ${m})`
		);
		expect(nearEdges).toEqual([]);
		expect(inside).not.toContain('46102');

		// The lasso: Shift held, around the lon/lat box (a rectangle on screen too, in Mercator).
		await page.keyboard.down('Shift');
		const corners = [at(west, north), at(east, north), at(east, south), at(west, south), at(west, north)];
		await page.mouse.move(corners[0].x, corners[0].y);
		await page.mouse.down();
		for (const corner of corners.slice(1)) await page.mouse.move(corner.x, corner.y, { steps: 8 });
		await page.mouse.up();
		await expect.poll(() => page.getByTestId('group-count').innerText()).toBe(`${inside.length} communes`);

		// Shift-click on Figeac (its centroid) adds it; the URL keeps the selection.
		const figeac = (await db.query("SELECT lon, lat FROM communes WHERE code = '46102'")).get(0)!.toJSON();
		const point = at(Number(figeac.lon), Number(figeac.lat));
		await page.mouse.click(point.x, point.y);
		await page.keyboard.up('Shift');
		const expected = [...inside, '46102'].sort();
		await expect.poll(() => page.getByTestId('group-count').innerText()).toBe(`${expected.length} communes`);
		expect(new URL(page.url()).searchParams.get('g')).toBe(expected.join('-'));
		await page.screenshot({ path: resolve(SHOTS, 'selection-lasso.png') });

		await page.getByTestId('group-portrait').click();
		await expect.poll(() => page.getByTestId('portrait-communes').innerText(), { timeout: 60_000 }).toBe(`${expected.length} communes`);
		const apl = await db.query(
			'SELECT sum(a.apl_mg_moins65 * a.pop_standardisee) / sum(a.pop_standardisee) AS v FROM apl a ' +
				"WHERE a.annee = 2023 AND a.code IN (SELECT unnest(string_split(?, ',')))",
			[expected.join(',')]
		);
		const population = await db.query("SELECT sum(population)::DOUBLE AS v FROM communes WHERE code IN (SELECT unnest(string_split(?, ',')))", [
			expected.join(',')
		]);
		expect(await page.locator('tr[data-indicator=apl_mg_moins65_2023] td.main').innerText()).toBe(formatNumber(Number(apl.get(0)!.toJSON().v), 2));
		expect(await page.locator('.meta').first().innerText()).toContain(`${formatNumber(Number(population.get(0)!.toJSON().v), 0)} habitants`);
		expect(await page.getByTestId('portrait-title').innerText()).toBe(`Sélection de ${expected.length} communes`);
		await page.screenshot({ path: resolve(SHOTS, 'portrait-selection.png'), fullPage: true, timeout: 120_000 });
		expect(errors).toEqual([]);
	});
});
