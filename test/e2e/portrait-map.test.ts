import { describe, expect, it } from 'vitest';
import { readFileSync, rmSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { SHOTS, e2eSuite } from '../support/suite';
import { formatNumber } from '../../src/lib/territory/number';
import { getIndicator } from '../../src/lib/indicators/catalogue';
import { classColors, hexToRgba } from '../../src/lib/indicators/palettes';
import { formatRank, rankAmong } from '../../src/lib/features/portrait/rank';

/**
 * The diagnostic writer's portrait: the map of the chosen indicator over the territory's communes, the
 * facilities counted and listed, a document's figure beside the atlas's, ranks; on screen and on one A4 page.
 */
const suite = e2eSuite({ db: true });
const { errors, foreignRequests } = suite.watch;
const openContext = (viewport = { width: 1440, height: 900 }) => suite.context({ viewport });

async function column(sql: string, params: string[] = []): Promise<unknown[]> {
	return (await suite.db.query(sql, params)).toArray().map((r) => Object.values(r.toJSON())[0]);
}
async function scalar(sql: string, params: string[] = []): Promise<number> {
	return Number((await column(sql, params))[0]);
}

/** The portrait is drawn: its map's legend counts the territory's communes, the facility list is loaded. */
async function openPortrait(page: Page, communes: number) {
	await page.getByTestId('portrait-title').waitFor({ timeout: 90_000 });
	const legend = page.getByTestId('portrait-map-legend');
	await expect
		.poll(async () => (await legend.locator('.count').allInnerTexts()).reduce((s, c) => s + Number(c.replace(/[()\s]/g, '')), 0), { timeout: 90_000 })
		.toBe(communes);
	await page.waitForFunction(() => document.querySelector('[data-testid=portrait-facility-list]')?.getAttribute('aria-busy') === 'false', undefined, { timeout: 60_000 });
	// Let the map draw its tiles-free style, labels and points (no event marks the last deck.gl frame of this map).
	await page.waitForTimeout(2500);
}

/** Pixels of a binary PPM (pdftoppm's output) within `tolerance` of each colour. */
function countColours(ppm: Buffer, colours: readonly [number, number, number][], tolerance = 6): number[] {
	// Header: « P6 <width> <height> <max> » then one byte per channel.
	const header = ppm.subarray(0, 40).toString('latin1').match(/^P6\s+(\d+)\s+(\d+)\s+(\d+)\s/);
	if (!header) throw new Error('PPM illisible');
	const start = header[0].length;
	const counts = colours.map(() => 0);
	for (let p = start; p + 2 < ppm.length; p += 3) {
		const r = ppm[p], g = ppm[p + 1], b = ppm[p + 2];
		colours.forEach(([cr, cg, cb], k) => {
			if (Math.abs(r - cr) <= tolerance && Math.abs(g - cg) <= tolerance && Math.abs(b - cb) <= tolerance) counts[k]++;
		});
	}
	return counts;
}

describe('the Cauvaldor portrait of the diagnostic writer', () => {
	it('one A4 page with a coloured map of its 77 communes, the MSP list from FINESS and the press kit’s figure beside it', async () => {
		const context = await openContext();
		const page = await suite.page(context, '/territoire/cls/cauvaldor');
		const communes = await scalar("SELECT count(*)::DOUBLE AS v FROM communes WHERE epci = '200066371'");
		expect(communes).toBe(77);
		await openPortrait(page, communes);

		// The MSP counted are listed on screen, by name, commune and FINESS number.
		const msp = (await suite.db.query(
			"SELECT f.raison_sociale AS nom, f.nofinesset, c.nom AS commune FROM finess f JOIN communes c ON c.code = f.code_commune WHERE c.epci = '200066371' AND f.categorie = 'msp' ORDER BY c.nom"
		)).toArray().map((r) => r.toJSON() as { nom: string; nofinesset: string; commune: string });
		expect(msp.length).toBeGreaterThan(0);
		const listed = page.getByTestId('portrait-facility-list').locator('details[data-categorie=msp] tbody tr');
		expect(await listed.count()).toBe(msp.length);
		const screenText = await page.getByTestId('portrait-facility-list').innerText();
		for (const m of msp) for (const part of [m.nom, m.nofinesset, m.commune]) expect(screenText).toContain(part);

		// The press kit's 9 MSP beside FINESS's count, both dated, driven by the register.
		const note = await page.getByTestId('document-figure').innerText();
		expect(note).toContain('9 maisons de santé pluriprofessionnelles');
		expect(note).toContain(`en compte ${formatNumber(msp.length, 0)}`);
		expect(note).toContain('2025-2026');

		await page.screenshot({ path: resolve(SHOTS, 'portrait-map-cauvaldor-1440.png'), fullPage: true, timeout: 120_000 });

		const pdf = resolve(SHOTS, 'portrait-map-cauvaldor.pdf');
		await page.pdf({ path: pdf, format: 'A4', printBackground: true, preferCSSPageSize: true });
		const info = execFileSync('pdfinfo', [pdf]).toString();
		expect(info).toMatch(/^Page size:.*\(A4\)$/m);
		expect(info).toMatch(/^Pages:\s+1$/m);
		const text = execFileSync('pdftotext', [pdf, '-']).toString().replace(/\s+/g, ' ');
		// A name may wrap at its hyphen, which pdftotext then drops.
		for (const m of msp) expect(text.replaceAll('-', '')).toContain(`${m.nom} (${m.commune}, ${m.nofinesset})`.replaceAll('-', ''));
		expect(text).toContain('9 maisons de santé pluriprofessionnelles');
		// The four population figures stand in their columns, apart (they ran together: « 176 473 6 124 653 »).
		const layout = execFileSync('pdftotext', ['-layout', pdf, '-']).toString();
		const figures = await Promise.all(["epci = '200066371'", "dep = '46'", "reg = '76'", 'true'].map((w) => scalar(`SELECT sum(population)::DOUBLE AS v FROM communes WHERE ${w}`)));
		// The row's label now names its millésime and may wrap: the row is the line holding both the EPCI's and the Lot's figures.
		const asPattern = (f: number) => new RegExp(formatNumber(f, 0).replace(/\s/g, '\\s'));
		const populationLine = layout.split('\n').find((l) => asPattern(figures[0]).test(l) && asPattern(figures[1]).test(l))!;
		expect(populationLine).toMatch(new RegExp(figures.map((f) => formatNumber(f, 0).replace(/\s/g, '\\s')).join('\\s{2,}')));

		// The printed map is coloured with the classes of the legend: each class with communes shows its colour.
		const base = resolve(SHOTS, 'portrait-map-cauvaldor-print');
		rmSync(`${base}.ppm`, { force: true });
		execFileSync('pdftoppm', ['-r', '150', '-singlefile', pdf, base]);
		const palette = classColors(getIndicator('apl_mg_moins65_2023'), 5).map((h) => hexToRgba(h).slice(0, 3) as [number, number, number]);
		const counts = await page.getByTestId('portrait-map-legend').locator('.count').allInnerTexts();
		const pixels = countColours(readFileSync(`${base}.ppm`), palette);
		rmSync(`${base}.ppm`, { force: true });
		execFileSync('pdftoppm', ['-r', '80', '-png', '-singlefile', pdf, base]);
		palette.forEach((_, k) => {
			const inClass = Number(counts[k].replace(/[()\s]/g, ''));
			if (inClass > 0) expect(pixels[k], `classe ${k + 1} (${inClass} communes)`).toBeGreaterThan(40);
		});
		await context.close();
	});

	it('at 390×844: the map, its legend and the facility list fit the width', async () => {
		const context = await openContext({ width: 390, height: 844 });
		const page = await suite.page(context, '/territoire/cls/cauvaldor');
		await openPortrait(page, 77);
		for (const id of ['perimeter-map', 'portrait-map-legend', 'portrait-map-indicator', 'portrait-facility-list']) {
			const box = (await page.getByTestId(id).boundingBox())!;
			expect(box.x, id).toBeGreaterThanOrEqual(0);
			expect(box.x + box.width, id).toBeLessThanOrEqual(390);
		}
		await page.screenshot({ path: resolve(SHOTS, 'portrait-map-cauvaldor-390.png'), fullPage: true, timeout: 120_000 });
		await context.close();
	});
});

describe('the Saint-Céré portrait of the mayor', () => {
	it('its map with the communes around; its rank on the distance to an MSP counted shortest first', async () => {
		for (const viewport of [
			{ width: 1440, height: 900 },
			{ width: 390, height: 844 }
		]) {
			const context = await openContext(viewport);
			const page = await suite.page(context, '/territoire/commune/46251');
			await openPortrait(page, 1);
			const rank = page.locator('tr[data-indicator=dist_msp_km] [data-testid=portrait-rank]');
			await rank.waitFor({ timeout: 60_000 });
			const lot = await column("SELECT a.dist_msp_km FROM acces a JOIN communes c USING (code) WHERE c.dep = '46'");
			const own = await scalar("SELECT dist_msp_km AS v FROM acces WHERE code = '46251'");
			const expected = rankAmong(own, Float64Array.from(lot, (v) => (v === null ? NaN : Number(v))), 'higher_worse')!;
			expect(await rank.innerText()).toContain(`${formatRank(expected)} (Lot)`);
			expect(expected.rank).toBeLessThan(lot.length / 2);
			await page.screenshot({ path: resolve(SHOTS, `portrait-map-saint-cere-${viewport.width}.png`), fullPage: true, timeout: 120_000 });
			await context.close();
		}
	});
});

it('no console error, no request outside the app', () => {
	expect(errors).toEqual([]);
	expect(foreignRequests).toEqual([]);
});
