/**
 * The explorer's HTML paints the default view the pipeline drew (pipeline/prerender.ts) before any script
 * runs; the live map then draws the same colours on the same pixels, from the mesh and then from the
 * commune image (geometry/raster.ts). Another view's permalink never
 * shows that picture: « Chargement de la carte… » until its own map.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { e2eSuite } from '../support/suite';
import { waitForColouredMap } from '../support/browser';
import { DEFAULT_DATA_DIR } from '../../src/lib/data/engine/node';
import { parseManifest } from '../../src/lib/data/engine/artefacts';
import { getIndicator } from '../../src/lib/indicators/catalogue';
import { classColors, hexToRgba } from '../../src/lib/indicators/palettes';
import { formatNumber } from '../../src/lib/territory/number';

const suite = e2eSuite();
const VIEWPORT = { width: 1280, height: 800 };
const prerender = parseManifest(readFileSync(join(DEFAULT_DATA_DIR, 'manifest.json'), 'utf8')).prerender!;
const CLASS_COLOURS = classColors(getIndicator(prerender.indicator), prerender.classification.counts.length).map(hexToRgba);

/** The page as its HTML alone paints it: the app's scripts never arrive. */
async function htmlOnly(path: string): Promise<Page> {
	const context = await suite.context({ viewport: VIEWPORT });
	const page = await context.newPage();
	await page.route('**/_app/immutable/**/*.js', (route) => route.abort());
	await page.goto(suite.server.url + path);
	return page;
}

const imagesLoaded = (page: Page) =>
	page.waitForFunction(() => [...document.querySelectorAll<HTMLImageElement>('.fv-frame img')].every((img) => img.complete && img.naturalWidth > 0));

/**
 * Of the pixels where the prerendered shot shows a class colour with the same colour all around
 * (away from borders, where resampling blends), the share that the live shot has in the same colour.
 */
async function sameColourShare(page: Page, prerendered: Buffer, live: Buffer, colours: number[][]): Promise<{ share: number; compared: number }> {
	return page.evaluate(
		async ([a, b, palette]) => {
			const [pre, now] = await Promise.all(
				[a, b].map(async (base64) => {
					const bitmap = await createImageBitmap(await (await fetch(`data:image/png;base64,${base64}`)).blob());
					const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
					const g = canvas.getContext('2d')!;
					g.drawImage(bitmap, 0, 0);
					return g.getImageData(0, 0, bitmap.width, bitmap.height);
				})
			);
			const near = (data: Uint8ClampedArray, i: number, c: number[], tolerance: number) =>
				Math.abs(data[i] - c[0]) <= tolerance && Math.abs(data[i + 1] - c[1]) <= tolerance && Math.abs(data[i + 2] - c[2]) <= tolerance;
			const { width, height } = pre;
			let compared = 0;
			let same = 0;
			for (let y = 1; y < height - 1; y++) {
				for (let x = 1; x < width - 1; x++) {
					const i = (y * width + x) * 4;
					const colour = palette.find((c) => near(pre.data, i, c, 2));
					if (!colour) continue;
					let uniform = true;
					for (let dy = -1; dy <= 1 && uniform; dy++) {
						for (let dx = -1; dx <= 1 && uniform; dx++) uniform = near(pre.data, ((y + dy) * width + x + dx) * 4, colour, 2);
					}
					if (!uniform) continue;
					compared++;
					if (near(now.data, i, colour, 6)) same++;
				}
			}
			return { share: compared ? same / compared : 0, compared };
		},
		[prerendered.toString('base64'), live.toString('base64'), colours] as const
	);
}

describe('prerendered first view', () => {
	it('paints the default view and its legend from the HTML alone', async () => {
		const page = await htmlOnly('/');
		await imagesLoaded(page);
		expect(await page.locator('.fv-fill').isVisible()).toBe(true);
		expect(await page.locator('.fv-loading').isVisible()).toBe(false);
		const legend = await page.locator('.fv-legend').innerText();
		expect(legend).toContain(getIndicator(prerender.indicator).label);
		expect(legend).toMatch(/Source : /);
		// Every class with its count, written as the live legend writes it (fr-FR).
		for (const count of prerender.classification.counts) expect(legend).toContain(formatNumber(count, 0));
	});

	it('has the colours the live map then draws, on the same pixels', async () => {
		const before = await htmlOnly('/');
		await imagesLoaded(before);
		const clip = (await before.locator('.fv-view').boundingBox())!;
		const prerendered = await before.screenshot({ clip });

		const { page } = await suite.open('/', { viewport: VIEWPORT });
		await waitForColouredMap(page, 120_000);
		// The picture is gone (its borders last): what is on screen is the live map alone.
		await page.waitForFunction(() => !document.querySelector('.fv-layer'), undefined, { timeout: 120_000 });
		const live = await page.screenshot({ clip });
		const { share, compared } = await sameColourShare(page, prerendered, live, CLASS_COLOURS);
		expect(compared).toBeGreaterThan(10_000);
		expect(share).toBeGreaterThan(0.95);
		// A reload keeps the URL the app wrote (the view and the opening camera in the hash): still this picture.
		const reopened = new URL(page.url());
		expect(reopened.hash).toMatch(/^#[\d.]+\/[\d.-]+\/[\d.-]+$/);
		const again = await htmlOnly(reopened.pathname + reopened.search + reopened.hash);
		await imagesLoaded(again);
		expect(await again.locator('.fv-fill').isVisible()).toBe(true);
	}, 240_000);

	it('is then drawn from the commune image, in the colours of the mesh (which stays if the image cannot be had)', async () => {
		// Both maps once the explorer is up, labels and all: one drawn from the image, one whose image is refused.
		const settled = async (page: Page, fromImage: boolean) => {
			await waitForColouredMap(page, 120_000);
			await page.waitForFunction(() => performance.getEntriesByName('cls:interactive').length > 0, undefined, { timeout: 120_000 });
			await page.waitForLoadState('networkidle');
			if (fromImage) await page.waitForFunction(() => performance.getEntriesByName('cls:commune-raster').length > 0, undefined, { timeout: 60_000 });
			await page.waitForTimeout(500);
		};
		const meshContext = await suite.context({ viewport: VIEWPORT });
		await meshContext.route(`**/${prerender.raster!.file}`, (route) => route.abort());
		const mesh = await suite.page(meshContext, '/');
		await settled(mesh, false);
		const { page } = await suite.open('/', { viewport: VIEWPORT });
		await settled(page, true);
		expect(await mesh.evaluate(() => performance.getEntriesByName('cls:commune-raster').length)).toBe(0);
		// The image is only faster: its failure says nothing to the user, the mesh draws the same.
		expect(await mesh.getByRole('alert').count()).toBe(0);

		const clip = (await page.getByTestId('map').boundingBox())!;
		const { share, compared } = await sameColourShare(page, await mesh.screenshot({ clip }), await page.screenshot({ clip }), CLASS_COLOURS);
		expect(compared).toBeGreaterThan(10_000);
		expect(share).toBeGreaterThan(0.99);
	}, 300_000);

	it('is not shown for another view’s permalink, nor for a map position: « Chargement de la carte… »', async () => {
		for (const path of ['/?i=densite_population', '/?i=apl_mg_moins65_2023&n=epci', '/#7/45/2.5']) {
			const page = await htmlOnly(path);
			await page.locator('.fv-loading').waitFor();
			expect(await page.locator('.fv-loading').innerText(), path).toBe('Chargement de la carte…');
			expect(await page.locator('.fv-fill').isVisible(), path).toBe(false);
			expect(await page.locator('.fv-legend').isVisible(), path).toBe(false);
		}
		// The default view's own permalink (as the app writes it) shows it.
		const page = await htmlOnly('/?i=apl_mg_moins65_2023');
		await imagesLoaded(page);
		expect(await page.locator('.fv-fill').isVisible()).toBe(true);
	});

	it('goes when the user moves the map before the live map is coloured', async () => {
		const { page } = await suite.open('/', { viewport: VIEWPORT });
		const map = page.getByTestId('map');
		// Without a GPU on a loaded machine, the page's main thread is busy for long stretches.
		await page.waitForFunction(() => document.querySelector('[data-testid=map] canvas') !== null, undefined, { timeout: 120_000 });
		if ((await page.evaluate(() => performance.getEntriesByName('cls:first-colored-map').length)) === 0) {
			const box = (await map.boundingBox({ timeout: 120_000 }))!;
			await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
			await page.mouse.wheel(0, -400);
		}
		await page.waitForFunction(() => !document.querySelector('.fv-layer'), undefined, { timeout: 120_000 });
		expect(await page.locator('#first-view').count()).toBe(0);
	}, 240_000);
});
