/**
 * Hostile inputs of issue 14, on the built app: unknown territories in a permalink, two tabs editing
 * one CLS, storage trouble, lost network, error pages. Each test failed before its fix.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchChromium, openWatchedContext, openWatchedPage, startPreview, waitForColouredMap, type Server, type Watch } from '../support/browser';

let server: Server;
let browser: Browser;
let contexts: BrowserContext[] = [];

beforeAll(async () => {
	server = await startPreview(4339);
	browser = await launchChromium();
});

afterEach(async () => {
	await Promise.all(contexts.map((c) => c.close()));
	contexts = [];
});

afterAll(async () => {
	await browser?.close();
	server?.stop();
});

async function context(): Promise<{ context: BrowserContext; watch: Watch }> {
	const watch: Watch = { errors: [], foreignRequests: [] };
	const c = await openWatchedContext(browser, server, watch);
	contexts.push(c);
	return { context: c, watch };
}

async function open(path: string): Promise<{ page: Page; watch: Watch; context: BrowserContext }> {
	const { context: c, watch } = await context();
	const page = await openWatchedPage(c, server, path, watch);
	return { page, watch, context: c };
}

describe('an unknown territory in a permalink', () => {
	for (const [query, said] of [
		['p=departement:99', '« departement:99 » introuvable'],
		['p=epci:123456789', '« epci:123456789 » introuvable'],
		['p=selection&g=99999-99998', '99998, 99999 introuvables']
	] as const) {
		it(`${query}: says so in French, studies France, no « NaN », no « Invalid LngLat »`, async () => {
			const { page, watch } = await open(`/?i=apl_mg_2023&${query}`);
			await waitForColouredMap(page);
			const notice = page.locator('.link-notice');
			await notice.waitFor({ timeout: 30_000 });
			expect(await notice.innerText()).toContain(said);
			expect(await notice.innerText()).toMatch(/^Ce lien n’a pas pu être suivi entièrement/);
			expect(await page.locator('[data-testid=legend]').innerText()).not.toContain('NaN');
			expect(new URL(page.url()).searchParams.get('p')).toBeNull();
			expect(watch.errors).toEqual([]);
		});
	}

	it("an invalid indicator is said once, and a link that is honoured says nothing", async () => {
		const { page } = await open(`/?i=${encodeURIComponent("' OR 1=1 --")}`);
		await waitForColouredMap(page);
		expect(await page.locator('.link-notice').count()).toBe(1);
		expect(await page.locator('.link-notice').innerText()).toContain("indicateur « ' OR 1=1 -- » inconnu");
		const ok = await open('/?i=apl_mg_2023&p=departement:15');
		await waitForColouredMap(ok.page);
		expect(await ok.page.locator('.link-notice').count()).toBe(0);
	});
});
