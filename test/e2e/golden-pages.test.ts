/**
 * The pages that matter, as golden screenshots at a laptop's size (1440 × 900) and a phone's (390 × 844):
 * the comparison of three communes, a CLS's page, a portrait's first screen. The day is fixed (the pages
 * write « Édité le … »), the maps (software WebGL, drawn as tiles arrive) are masked, animations and the
 * caret are off, the fonts loaded: what is left is the page's layout and text, which a change moves by
 * thousands of pixels where three runs moved none.
 */
import { describe, it } from 'vitest';
import type { Page } from 'playwright-core';
import { e2eSuite } from '../support/suite';
import { expectGolden } from '../support/golden';

const suite = e2eSuite();

/**
 * Share of the screen's pixels allowed to differ (0,1 %: 1 296 pixels at 1440 × 900, 329 at 390 × 844). Three
 * runs differed by none beyond golden.ts's threshold; the shortest title moved by 10 px differs by 2 631
 * (test/golden/README.md).
 */
const TOLERANCE = 0.001;

const VIEWPORTS = [
	{ width: 1440, height: 900 },
	{ width: 390, height: 844 }
] as const;

/** A day fixed for the dates the pages write; timers keep running. */
const DAY = new Date('2026-03-03T10:00:00+01:00');

/** Nothing left loading: no busy region, fonts ready, two frames for the last layout. */
async function settled(page: Page): Promise<void> {
	await page.waitForFunction(() => document.querySelectorAll('[aria-busy=true]').length === 0, undefined, { timeout: 90_000 });
	await page.evaluate(async () => {
		await document.fonts.ready;
		await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
	});
}

async function shoot(page: Page, name: string): Promise<void> {
	await page.evaluate(() => window.scrollTo(0, 0));
	const png = await page.screenshot({ animations: 'disabled', caret: 'hide', mask: [page.locator('.base-map')], maskColor: '#ff00ff', timeout: 120_000 });
	expectGolden(new Uint8Array(png), name, TOLERANCE);
}

async function openAt(path: string, viewport: { width: number; height: number }): Promise<Page> {
	const context = await suite.context({ viewport, deviceScaleFactor: 1 });
	await context.clock.setFixedTime(DAY);
	return suite.page(context, path);
}

describe('pages (golden screenshots)', () => {
	for (const viewport of VIEWPORTS) {
		it(`/comparer, Figeac, Cahors, Saint-Céré, at ${viewport.width} px`, async () => {
			const page = await openAt('/comparer?t=commune:46102,commune:46042,commune:46251', viewport);
			await page.getByTestId('compare-table').waitFor({ timeout: 90_000 });
			await page.waitForFunction(() => document.querySelector('[data-testid=compare-table]')?.getAttribute('aria-busy') === 'false', undefined, { timeout: 90_000 });
			await settled(page);
			await shoot(page, `page-comparer-${viewport.width}`);
		});

		it(`/cls/cauvaldor, first screen, at ${viewport.width} px`, async () => {
			const page = await openAt('/cls/cauvaldor', viewport);
			await page.getByTestId('indicators').waitFor({ timeout: 90_000 });
			await page.locator('[data-action="parcours-m-aides"] [data-testid=action-indicator]').waitFor({ timeout: 90_000 });
			await settled(page);
			await shoot(page, `page-cls-cauvaldor-${viewport.width}`);
		});

		it(`portrait of Cauvaldor, first screen, at ${viewport.width} px`, async () => {
			const page = await openAt('/territoire/cls/cauvaldor', viewport);
			await page.getByTestId('portrait-title').waitFor({ timeout: 90_000 });
			await page.getByTestId('portrait-map-legend').waitFor({ timeout: 90_000 });
			await settled(page);
			await shoot(page, `page-portrait-cauvaldor-${viewport.width}`);
		});
	}
});
