/**
 * Hostile inputs, on the built app: unknown territories in a permalink, two tabs editing
 * one CLS, storage trouble, lost network, error pages. Each test failed before its fix.
 */
import { describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { followLink, waitForColouredMap, type Watch } from '../support/browser';
import { e2eSuite } from '../support/suite';
import { SHIPPED_CLS } from '../../src/lib/register/register';
import { walkActions } from '../../src/lib/register/schema';

const AURILLAC = 'bassin-aurillac-carlades-chataigneraie-2024-2028';

const suite = e2eSuite();
const { open } = suite;

/** A fresh context with its own record of console errors and foreign requests. */
async function context(): Promise<{ context: BrowserContext; watch: Watch }> {
	const watch: Watch = { errors: [], foreignRequests: [] };
	return { context: await suite.context({ watch }), watch };
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

/** Edits the title of an action on a CLS page, as a user would. */
async function editTitle(page: Page, actionId: string, titre: string) {
	if (await page.getByRole('button', { name: 'Modifier le CLS' }).count()) await page.getByRole('button', { name: 'Modifier le CLS' }).click();
	const card = page.locator(`article[data-action="${actionId}"]`);
	await card.getByRole('button', { name: /^Modifier/ }).click();
	await card.locator('input[name=titre]').fill(titre);
	await card.getByRole('button', { name: 'Enregistrer' }).click();
	// A save after the storage was cleared reopens the database first: seconds on a loaded machine.
	await expect.poll(() => card.locator('h5').innerText(), { timeout: 30_000 }).toContain(titre);
}

describe('CLS edits in two tabs and through storage trouble', () => {
	const cls = SHIPPED_CLS.find((c) => c.id === AURILLAC)!;
	const [first, second] = [...walkActions(cls)].map((l) => l.action.id);

	it('the other tab sees the edit, both edits are kept, and a save after the storage is cleared works', async () => {
		const { context: c, watch } = await context();
		const a = await suite.page(c, `/cls/${AURILLAC}`, watch);
		const b = await suite.page(c, `/cls/${AURILLAC}`, watch);
		await a.locator(`article[data-action="${first}"]`).waitFor();
		await b.locator(`article[data-action="${first}"]`).waitFor();
		await editTitle(a, first, 'Titre venu de l’onglet A');
		// BroadcastChannel: tab B shows A's edit without a reload.
		await expect.poll(() => b.locator(`article[data-action="${first}"] h5`).innerText(), { timeout: 10_000 }).toContain('Titre venu de l’onglet A');
		await editTitle(b, second, 'Titre venu de l’onglet B');
		await a.reload();
		await a.locator(`article[data-action="${second}"]`).waitFor();
		expect(await a.locator(`article[data-action="${first}"] h5`).innerText()).toContain('Titre venu de l’onglet A');
		expect(await a.locator(`article[data-action="${second}"] h5`).innerText()).toContain('Titre venu de l’onglet B');

		// The browser's storage cleared mid-session: the next save reopens the database.
		const cdp = await c.newCDPSession(a);
		await cdp.send('Storage.clearDataForOrigin', { origin: suite.server.url, storageTypes: 'indexeddb' });
		// The stored version is gone while this tab shows edits: it asks (in French) which to keep; keep this tab's.
		const asked: string[] = [];
		a.once('dialog', (d) => {
			asked.push(d.message());
			void d.accept();
		});
		await editTitle(a, first, 'Titre après effacement du stockage');
		expect(asked.join('')).toMatch(/^Ce CLS a été modifié dans un autre onglet/);
		expect(await a.getByRole('alert').count()).toBe(0);
		await a.reload();
		await a.locator(`article[data-action="${first}"]`).waitFor();
		expect(await a.locator(`article[data-action="${first}"] h5`).innerText()).toContain('Titre après effacement du stockage');
		expect(watch.errors).toEqual([]);
	});

	it('a 100,000-character name with a right-to-left override wraps and stays isolated', async () => {
		const { context: c, watch } = await context();
		const page = await suite.page(c, '/cls', watch);
		const record = { id: AURILLAC, version: 1, cls: { ...structuredClone(cls), nom: `\u202E${'Nom très long '.repeat(7_200)}` } };
		await page.evaluate(
			(r) =>
				new Promise<void>((resolve, reject) => {
					const req = indexedDB.open('cls-atlas', 1);
					req.onupgradeneeded = () => req.result.createObjectStore('cls', { keyPath: 'id' });
					req.onsuccess = () => {
						const tx = req.result.transaction('cls', 'readwrite');
						tx.objectStore('cls').put(r);
						tx.oncomplete = () => resolve();
						tx.onerror = () => reject(tx.error);
					};
				}),
			record
		);
		await page.goto(`${suite.server.url}/cls/${AURILLAC}`);
		await page.locator('h1').first().waitFor();
		await expect.poll(() => page.locator('h1').first().innerText()).toContain('Nom très long');
		const { scroll, width, bidi } = await page.evaluate(() => ({
			scroll: document.documentElement.scrollWidth,
			width: window.innerWidth,
			bidi: getComputedStyle(document.querySelector('h1')!).unicodeBidi
		}));
		expect(scroll).toBeLessThanOrEqual(width);
		expect(bidi).toBe('isolate');
	});
});

describe('network loss, error pages, limits', () => {
	it('a level that fails to load says so, offers « Réessayer », and loads once back online', async () => {
		const { context: c } = await context();
		// The EPCI geometry, fetched in the background after the first map, never comes: the network is lost for it.
		const lost = (route: { abort: (code: string) => Promise<void> }) => route.abort('internetdisconnected');
		await c.route('**/epci_geom*', lost);
		const page = await c.newPage();
		await page.goto(`${suite.server.url}/?i=apl_mg_2023`);
		await waitForColouredMap(page);
		// Mid-session: the engine, which starts after the first coloured map, is up.
		await page.waitForFunction(() => performance.getEntriesByName('cls:interactive').length > 0, undefined, { timeout: 90_000 });
		await page.getByRole('radio', { name: 'EPCI' }).check();
		const alert = page.getByRole('alert');
		await alert.waitFor({ timeout: 30_000 });
		expect(await alert.innerText()).toMatch(/Le chargement a échoué : .*connexion/);
		await c.unroute('**/epci_geom*', lost);
		await alert.getByRole('button', { name: 'Réessayer' }).click();
		await expect.poll(() => page.getByRole('alert').count(), { timeout: 60_000 }).toBe(0);
		await expect.poll(() => page.locator('[data-testid=legend]').innerText(), { timeout: 60_000 }).toMatch(/\d/);
	});

	it('the app answers unknown pages and odd codes in French, with a way back', async () => {
		const { page, watch } = await open('/cls');
		await page.locator('h1').waitFor();
		await followLink(page, '/une-page-qui-n-existe-pas');
		await expect.poll(() => page.locator('h1').innerText()).toBe('Page introuvable');
		expect(await page.getByRole('link', { name: 'Retour à la carte de l’atlas' }).count()).toBe(1);
		await followLink(page, '/territoire/commune/%25');
		await expect.poll(() => page.locator('h1').innerText()).toMatch(/^(Territoire|Page) introuvable$/);
		expect(await page.locator('body').innerText()).not.toMatch(/Internal Error|Not Found/);
		const codes = Array.from({ length: 1001 }, (_, i) => String(10001 + i)).join('-');
		await followLink(page, `/territoire/selection/${codes}`);
		await expect.poll(() => page.locator('[data-testid=portrait]').innerText()).toMatch(/au plus 1\s000 communes ; celle de ce lien en compte 1\s001/u);
		expect(watch.errors.filter((e) => !/404|Not found/i.test(e))).toEqual([]);
	});
});
