import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { waitForColouredMap } from '../support/browser';
import { SHOTS, e2eSuite } from '../support/suite';

// The Node atlas opens once for the file, beside the browser, not in each test that reads it.
const suite = e2eSuite({ db: true });

/** A page that records console errors and every host it contacts; other hosts are refused. */
const openPage = (path: string) => suite.open(path, { viewport: { width: 1280, height: 800 } });

describe('first screen: France coloured by APL 2023, offline', () => {
	let page: Page;
	let context: BrowserContext;
	let errors: string[];
	let foreignRequests: string[];

	beforeAll(async () => {
		({ page, context, errors, foreignRequests } = await openPage('/'));
		await waitForColouredMap(page);
		// Labels and outlines arrive just after the first colours.
		await page.waitForTimeout(1500);
		await page.screenshot({ path: resolve(SHOTS, 'first-screen.png') });
	});
	afterAll(() => context?.close());

	it('loads without a console error', () => {
		expect(errors).toEqual([]);
	});

	it('contacts no host but the app itself (no CDN, tiles, glyphs or DuckDB extension)', () => {
		expect(foreignRequests).toEqual([]);
	});

	it('shows the APL 2023 legend with classes that count every commune', async () => {
		const legend = page.getByTestId('legend');
		await expect.poll(() => legend.locator('h2').innerText()).toBe('APL aux médecins généralistes de moins de 65 ans 2023');
		const counts = await legend.locator('.count').allInnerTexts();
		const total = counts.reduce((sum, text) => sum + Number(text.replace(/\s/g, '')), 0);
		expect(total).toBe(34_875);
		expect(await legend.locator('.source').innerText()).toContain('DREES');
	});

	it('really draws the map: many colours, not a blank canvas', async () => {
		const stats = await page.evaluate(() => {
			const canvas = document.querySelector('.maplibregl-canvas') as HTMLCanvasElement;
			const copy = document.createElement('canvas');
			copy.width = canvas.width;
			copy.height = canvas.height;
			const ctx = copy.getContext('2d')!;
			ctx.drawImage(canvas, 0, 0);
			const { data } = ctx.getImageData(0, 0, copy.width, copy.height);
			const colours = new Set<number>();
			let sum = 0;
			let sumSq = 0;
			const n = data.length / 4;
			for (let i = 0; i < data.length; i += 4) {
				const grey = (data[i] + data[i + 1] + data[i + 2]) / 3;
				sum += grey;
				sumSq += grey * grey;
				colours.add((data[i] << 16) | (data[i + 1] << 8) | data[i + 2]);
			}
			const mean = sum / n;
			return { variance: sumSq / n - mean * mean, colours: colours.size };
		});
		expect(stats.variance).toBeGreaterThan(200);
		expect(stats.colours).toBeGreaterThan(50);
	});
});

describe('the communes: simplified at country zoom, in full once zoomed in', () => {
	it('opens on the simplified mesh and fetches the full one only past zoom 6', async () => {
		const { page, context, errors } = await openPage('/');
		// Every file the page fetched since it opened (the preloads of its HTML too).
		const meshes = () =>
			page.evaluate(() => [
				...new Set(
					performance
						.getEntriesByType('resource')
						.map((e) => new URL(e.name).pathname.split('/').pop()!)
						.filter((file) => file.startsWith('communes_') && file.endsWith('.mesh.gz'))
				)
			]);
		await waitForColouredMap(page);
		await page.waitForLoadState('networkidle');
		expect(await meshes()).toEqual(['communes_simplifiees_geom.mesh.gz']);
		const full = page.waitForRequest((request) => request.url().endsWith('/communes_geom.mesh.gz'));
		// MapLibre follows the hash: the same centre, zoom 7.
		await page.evaluate(() => (location.hash = '#7/46.42/2.2'));
		expect((await (await full).response())?.ok()).toBe(true);
		expect(errors).toEqual([]);
		await context.close();
	});
});

describe('hover tooltip', () => {
	it('shows Cahors, its code INSEE and its APL 2023 formatted fr-FR', async () => {
		const { db } = suite;
		const row = (
			await db.query(
				"SELECT c.lon, c.lat, a.apl_mg, a.apl_mg_moins65 FROM communes c JOIN apl a ON a.code = c.code AND a.annee = 2023 WHERE c.code = '46042'"
			)
		).get(0)!.toJSON() as { lon: number; lat: number; apl_mg: number; apl_mg_moins65: number };
		// DREES publishes 4.166 for Cahors in 2023 (SOURCE.txt check): the artefact must agree.
		expect(row.apl_mg).toBeCloseTo(4.166, 3);

		const { page, context, errors } = await openPage(`/#11/${row.lat}/${row.lon}`);
		await waitForColouredMap(page);
		const box = (await page.getByTestId('map').boundingBox())!;
		await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
		const tooltip = page.getByTestId('tooltip');
		await tooltip.waitFor();
		const text = await tooltip.innerText();
		expect(text).toContain('Cahors');
		expect(text).toContain('46042');
		// The first screen shows DREES's reference APL, to GPs under 65, and how to read it.
		expect(text).toContain(new Intl.NumberFormat('fr-FR', { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(row.apl_mg_moins65));
		expect(text).toContain('plus élevé = plus favorable');
		expect(text).toContain('DREES');
		await page.screenshot({ path: resolve(SHOTS, 'hover-cahors.png') });
		expect(errors).toEqual([]);
		await context.close();
	});
});

describe('a corrupt artefact', () => {
	/** A context where `file` of the data arrives with one byte flipped, its page opened on the explorer. */
	async function openWithCorrupt(file: string) {
		const context = await suite.browser.newContext({ serviceWorkers: 'block' });
		const body = readFileSync(resolve(import.meta.dirname, `../../static/data/${file}`));
		body[body.length - 10] ^= 0xff;
		await context.route(`**/data/${file}`, (route) => route.fulfill({ status: 200, contentType: 'application/octet-stream', body }));
		const page = await context.newPage();
		await page.goto(suite.server.url + '/');
		return { context, page };
	}
	const coloured = (page: Page) => page.evaluate(() => performance.getEntriesByName('cls:first-colored-map').length > 0);

	it('the first view needs it: stops the app with a French message naming the file', async () => {
		const { context, page } = await openWithCorrupt('commune_values.arrows.gz');
		const alert = page.getByRole('alert');
		await alert.waitFor({ timeout: 60_000 });
		expect(await alert.innerText()).toMatch(/commune_values\.arrows\.gz.*corrompu/);
		expect(await coloured(page)).toBe(false);
		await context.close();
	});

	it('only a later query needs it: the map stays coloured and the file is named in French', async () => {
		// Over France the map is coloured from the first view's values; the APL table comes after the engine.
		const { context, page } = await openWithCorrupt('apl.arrows.gz');
		const alert = page.getByRole('alert').filter({ hasText: 'apl.arrows.gz' }).first();
		await alert.waitFor({ timeout: 60_000 });
		expect(await alert.innerText()).toMatch(/apl\.arrows\.gz.*corrompu/);
		expect(await coloured(page)).toBe(true);
		expect(await page.getByTestId('legend').locator('li').count()).toBeGreaterThan(2);
		await context.close();
	});
});
