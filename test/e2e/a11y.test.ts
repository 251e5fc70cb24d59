import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { tableFromIPC } from 'apache-arrow';
import type { Page } from 'playwright-core';
import { waitForColouredMap } from '../support/browser';
import { SHOTS, e2eSuite } from '../support/suite';

const AXE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

const suite = e2eSuite();
const open = (path: string, viewport = { width: 1440, height: 900 }) => suite.open(path, { viewport });

interface AxeViolation {
	id: string;
	impact: string | null;
	help: string;
	nodes: { target: string[]; failureSummary?: string }[];
}

/** axe-core's serious and critical violations on the page as it is now. */
async function seriousViolations(page: Page): Promise<string[]> {
	// Evaluated by the browser's debugging protocol: a <script> tag would be refused by the pages' own CSP.
	await page.evaluate(readFileSync(AXE, 'utf8'));
	const violations = await page.evaluate(async () => {
		const axe = (window as unknown as { axe: { run(context: Document, options: object): Promise<{ violations: AxeViolation[] }> } }).axe;
		const result = await axe.run(document, { resultTypes: ['violations'] });
		return result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => ({ target: n.target, failureSummary: n.failureSummary })) }));
	});
	return violations
		.filter((v: AxeViolation) => v.impact === 'serious' || v.impact === 'critical')
		.map((v: AxeViolation) => `${v.impact} ${v.id} (${v.help}) : ${v.nodes.slice(0, 5).map((n) => n.target.join(' ')).join(' | ')}`);
}

/** Each page of the atlas, and what shows it has finished drawing. */
const PAGES: { path: string; ready: (page: Page) => Promise<void> }[] = [
	{ path: '/', ready: (page) => waitForColouredMap(page) },
	{ path: '/territoire/commune/46251', ready: (page) => page.getByTestId('portrait-title').waitFor({ timeout: 90_000 }) },
	{ path: '/territoire/epci/200066371', ready: (page) => page.getByTestId('portrait-title').waitFor({ timeout: 90_000 }) },
	{
		path: '/comparer?t=commune:46251,commune:46102',
		ready: async (page) => {
			await page.getByTestId('compare-table').waitFor({ timeout: 90_000 });
			await page.waitForFunction(() => document.querySelector('[data-testid=compare-table]')?.getAttribute('aria-busy') === 'false');
		}
	},
	{ path: '/cls', ready: (page) => page.getByTestId('cls-list').waitFor({ timeout: 60_000 }) },
	{ path: '/cls/cauvaldor', ready: (page) => page.getByTestId('indicators').waitFor({ timeout: 90_000 }) },
	{ path: '/donnees', ready: (page) => page.getByTestId('dataset').first().waitFor({ timeout: 60_000 }) },
	{ path: '/sql', ready: (page) => page.getByTestId('sql-schema').waitFor({ timeout: 60_000 }) }
];

describe('axe-core finds no serious or critical violation', () => {
	for (const { path, ready } of PAGES) {
		it(path, async () => {
			const { page, watch } = await open(path);
			await ready(page);
			expect(await seriousViolations(page)).toEqual([]);
			expect(watch.errors).toEqual([]);
		}, 180_000);
	}
});

/** The artefacts read straight with apache-arrow: the independent side of the keyboard test. */
function communeTable(): { name: Map<string, string>; lon: Map<string, number>; neighbours: Map<string, string[]> } {
	const read = (name: string) => tableFromIPC(gunzipSync(readFileSync(resolve(import.meta.dirname, `../../static/data/${name}.arrows.gz`))));
	const communes = read('communes');
	const codes = communes.getChild('code')!.toArray() as string[];
	const voisins = read('communes_voisines');
	return {
		name: new Map(codes.map((c, i) => [c, String(communes.getChild('nom')!.get(i))])),
		lon: new Map(codes.map((c, i) => [c, Number(communes.getChild('lon')!.get(i))])),
		neighbours: new Map((voisins.getChild('code')!.toArray() as string[]).map((c, i) => [c, String(voisins.getChild('voisins')!.get(i) ?? '').split(' ')]))
	};
}

describe('the map with the keyboard only', () => {
	it('goes from the search box to Saint-Céré, to its eastern neighbour, opens its panel and adds it to the selection', async () => {
		const atlas = communeTable();
		const { page, watch } = await open('/');
		await waitForColouredMap(page);
		const announce = page.getByTestId('map-announce');

		// The search box, then Enter: Saint-Céré becomes the selected territory.
		await page.getByTestId('search-input').focus();
		await page.keyboard.type('Saint-Céré');
		await page.getByTestId('search-option').first().waitFor({ timeout: 60_000 });
		await page.keyboard.press('Enter');
		await expect.poll(() => page.getByTestId('selection-panel').locator('h2').innerText(), { timeout: 60_000 }).toBe('Saint-Céré');

		// Tab until the map has the focus (every control of the panel lies before it), with a visible focus ring.
		let onMap = false;
		for (let i = 0; i < 120 && !onMap; i++) {
			await page.keyboard.press('Tab');
			onMap = await page.evaluate(() => document.activeElement?.classList.contains('maplibregl-canvas') ?? false);
		}
		expect(onMap, 'la carte ne reçoit jamais le focus au clavier').toBe(true);
		expect(await page.evaluate(() => getComputedStyle(document.activeElement!).outlineStyle)).toBe('solid');
		await expect.poll(() => announce.innerText(), { timeout: 30_000 }).toMatch(/^Saint-Céré, Commune 46251\. .+ : [\d,]+/);
		await expect(page.getByTestId('map-keyboard-help').isVisible()).resolves.toBe(true);
		await expect(page.getByTestId('tooltip').first().isVisible()).resolves.toBe(true);

		// → : a commune sharing a border with Saint-Céré, lying east of it.
		await page.keyboard.press('ArrowRight');
		await expect.poll(() => announce.innerText(), { timeout: 30_000 }).not.toMatch(/^Saint-Céré,/);
		const text = await announce.innerText();
		const code = /, Commune (\d[\dAB]\d{3})\./.exec(text)?.[1];
		expect(code, text).toBeDefined();
		expect(atlas.neighbours.get('46251')).toContain(code);
		expect(atlas.lon.get(code!)!).toBeGreaterThan(atlas.lon.get('46251')!);
		const name = atlas.name.get(code!)!;
		expect(text.startsWith(`${name}, `)).toBe(true);

		// Entrée: its panel; Espace: into the selection of communes, announced with the count.
		await page.keyboard.press('Enter');
		await expect.poll(() => page.getByTestId('selection-panel').locator('h2').innerText(), { timeout: 60_000 }).toBe(name);
		await page.keyboard.press(' ');
		await expect.poll(() => announce.innerText(), { timeout: 30_000 }).toBe(`${name} ajoutée à la sélection : 1 commune.`);
		expect(await page.getByTestId('group-count').innerText()).toBe('1 commune');
		expect(page.url()).toContain(code!);
		// The focus stayed on the map all along.
		expect(await page.evaluate(() => document.activeElement?.classList.contains('maplibregl-canvas'))).toBe(true);
		expect(watch.errors).toEqual([]);
	}, 180_000);
});

describe('narrow and wide screens', () => {
	const VIEWPORTS = [
		{ width: 1440, height: 900 },
		{ width: 390, height: 844 }
	];
	const SCREENS = [
		// The map's least width, as a share of the screen's, wide and narrow: the explorer's beside the panel
		// then across the screen; the CLS page's in its column, then across the page (inside its margins).
		{ name: 'explorateur', path: '/', map: 'div[data-testid=map]', share: [0.7, 0.99], ready: (page: Page) => waitForColouredMap(page) },
		{ name: 'portrait', path: '/territoire/commune/46251', map: null, share: [0, 0], ready: (page: Page) => page.getByTestId('portrait-title').waitFor({ timeout: 90_000 }) },
		{ name: 'cls', path: '/cls/cauvaldor', map: 'div[data-testid=perimeter-map]', share: [0.35, 0.85], ready: (page: Page) => page.getByTestId('indicators').waitFor({ timeout: 90_000 }) }
	];
	for (const screen of SCREENS) {
		for (const viewport of VIEWPORTS) {
			it(`${screen.name} at ${viewport.width}×${viewport.height}: nothing wider than the screen, the map across it`, async () => {
				const { page, watch } = await open(screen.path, viewport);
				await screen.ready(page);
				// The CLS page's first screen at both sizes is a golden screenshot (golden-pages.test.ts).
				if (screen.name !== 'cls') await page.screenshot({ path: resolve(SHOTS, `a11y-${screen.name}-${viewport.width}.png`) });
				await page.screenshot({ path: resolve(SHOTS, `a11y-${screen.name}-${viewport.width}-full.png`), fullPage: true });
				expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(viewport.width);
				if (screen.map) {
					const map = (await page.locator(screen.map).boundingBox())!;
					expect(map.width).toBeGreaterThan(viewport.width * screen.share[viewport.width < 700 ? 1 : 0]);
					expect(map.height).toBeGreaterThan(200);
				}
				if (screen.name === 'explorateur') {
					// The scale stays readable: no legend over it, folded or not (on a phone the legend is a strip along the map's bottom).
					const scale = page.locator('.maplibregl-ctrl-scale');
					for (const open of [false, true]) {
						const expanded = (await page.getByTestId('legend-fold').getAttribute('aria-expanded')) === 'true';
						if (expanded !== open) await page.getByTestId('legend-fold').click();
						const [a, b] = [(await scale.boundingBox())!, (await page.getByTestId('legend').boundingBox())!];
						const overlap = a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
						expect(overlap, `échelle sous la légende ${open ? 'ouverte' : 'repliée'}`).toBe(false);
					}
				}
				if (screen.name === 'explorateur' && viewport.width < 700) {
					// The panel is a sheet under the map; its handle raises it, and the map gives way.
					const sheet = page.locator('aside');
					const low = (await sheet.boundingBox())!;
					const map = (await page.locator(screen.map!).boundingBox())!;
					expect(low.y).toBeGreaterThanOrEqual(map.y + map.height - 1);
					expect(low.y + low.height).toBeLessThanOrEqual(viewport.height + 1);
					await page.getByTestId('sheet-handle').click();
					await expect.poll(async () => (await sheet.boundingBox())!.height).toBeGreaterThan(low.height * 1.5);
					expect(await page.getByTestId('sheet-handle').getAttribute('aria-expanded')).toBe('true');
					await page.screenshot({ path: resolve(SHOTS, `a11y-${screen.name}-${viewport.width}-volet.png`) });
				}
				expect(watch.errors).toEqual([]);
			}, 180_000);
		}
	}
});
