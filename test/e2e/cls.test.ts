import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolve } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { followLink } from '../support/browser';
import { SHOTS, e2eSuite } from '../support/suite';
import { openNodeSource } from '../../src/lib/data/queries/node';
import { qpvOfCommunes } from '../../src/lib/data/queries/qpv';

const AURILLAC = 'bassin-aurillac-carlades-chataigneraie-2024-2028';

const suite = e2eSuite();
/** Console errors and foreign requests of every page opened by these tests. */
const { errors, foreignRequests } = suite.watch;

/** Waits until the perimeter map has drawn its communes (many colours on the canvas). */
async function waitForPerimeterMap(page: Page) {
	await page.waitForFunction(
		() => {
			const canvas = document.querySelector('[data-testid=perimeter-map] canvas') as HTMLCanvasElement | null;
			if (!canvas || canvas.width === 0) return false;
			const copy = document.createElement('canvas');
			copy.width = canvas.width;
			copy.height = canvas.height;
			const ctx = copy.getContext('2d')!;
			ctx.drawImage(canvas, 0, 0);
			const { data } = ctx.getImageData(0, 0, copy.width, copy.height);
			let blue = 0;
			for (let i = 0; i < data.length; i += 16) if (data[i + 2] > data[i] + 60) blue++;
			return blue > 500;
		},
		undefined,
		{ timeout: 60_000, polling: 500 }
	);
}

/** The list has resolved every perimeter from DuckDB. */
async function waitForCounts(page: Page) {
	await page.waitForFunction(
		() => {
			const cells = [...document.querySelectorAll('[data-testid=communes]')];
			return cells.length > 0 && cells.every((c) => /^\d/.test(c.textContent ?? ''));
		},
		undefined,
		{ timeout: 60_000 }
	);
}


describe('/cls: the list', () => {
	let context: BrowserContext;
	let page: Page;

	beforeAll(async () => {
		context = await suite.context();
		page = await suite.page(context, '/cls');
		await waitForCounts(page);
		await page.screenshot({ path: resolve(SHOTS, 'cls-list.png'), fullPage: true });
	});
	afterAll(() => context?.close());

	it('shows the 5 shipped CLS with their communes and programme', async () => {
		const rows = page.locator('[data-testid=cls-list] tbody tr');
		expect(await rows.count()).toBe(5);
		const text = await page.locator('[data-testid=cls-list]').innerText();
		for (const name of ['Cauvaldor', 'Bassin d’Aurillac', 'Grand Figeac', 'PTER Grand Quercy', 'Cantal'])
			expect(text).toContain(name);
		const aurillac = page.locator(`tr[data-cls="${AURILLAC}"]`);
		expect(await aurillac.locator('[data-testid=communes]').innerText()).toBe('86');
		expect(await aurillac.innerText()).toContain('11 mars 2025');
		expect(await aurillac.innerText()).toContain('8 axes');
		const cauvaldor = await page.locator('tr[data-cls="cauvaldor"]').innerText();
		expect(cauvaldor).toContain('liste des actions non documentée');
		expect(cauvaldor).toContain('7 axes, 77 actions');
	});

	it('on a phone, shows each contract as a card: every cell within the screen, nothing to scroll sideways', async () => {
		await page.setViewportSize({ width: 390, height: 844 });
		try {
			const boxes = await page.locator('[data-testid=cls-list] tbody tr').first().locator('th, td').evaluateAll((cells) => cells.map((c) => c.getBoundingClientRect().right));
			expect(boxes).toHaveLength(7);
			for (const right of boxes) expect(right).toBeLessThanOrEqual(390);
			// Each figure keeps its name, as the column header does on a wide screen.
			const label = await page.locator('tr[data-cls="cauvaldor"] [data-testid=communes]').evaluate((c) => getComputedStyle(c, '::before').content);
			expect(label).toBe('"Communes : "');
			await page.screenshot({ path: resolve(SHOTS, 'cls-list-390.png'), fullPage: true });
		} finally {
			await page.setViewportSize({ width: 1280, height: 900 });
		}
	});

	it('refuses a CSV with a wrong column, lists the French errors and changes nothing', async () => {
		const before = await page.locator('[data-testid=cls-list]').innerText();
		const csv = '\uFEFFcls_id;cls_nom;action_titre;colonne_inconnue\r\ncauvaldor;x;y;z\r\n';
		await page.getByTestId('import-file').setInputFiles({ name: 'actions.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
		const alert = page.getByRole('alert');
		await alert.waitFor();
		const message = await alert.innerText();
		expect(message).toContain('Import refusé : rien n’a été modifié');
		expect(message).toContain('ligne 1, colonne colonne_inconnue : colonne inconnue « colonne_inconnue »');
		expect(message).toContain('colonne obligatoire manquante « statut »');
		expect(await page.locator('[data-testid=cls-list]').innerText()).toBe(before);
	});

	it('refuses an invalid JSON CLS with the path of each problem, and changes nothing after a reload', async () => {
		const bad = JSON.stringify({ id: 'cauvaldor', nom: '', porteur: { type: 'Mairie', nom: 'x' } });
		await page.getByTestId('import-file').setInputFiles({ name: 'cls.json', mimeType: 'application/json', buffer: Buffer.from(bad) });
		await expect.poll(() => page.getByRole('alert').innerText()).toContain('nom : ne doit pas être vide');
		const message = await page.getByRole('alert').innerText();
		expect(message).toContain('porteur.type : « Mairie » n\'est pas un type admis');
		await page.reload();
		await waitForCounts(page);
		expect(await page.locator('tr[data-cls="cauvaldor"] [data-testid=communes]').innerText()).toBe('77');
		expect(await page.locator('.kind').count()).toBe(0);
	});
});

describe('/cls/cauvaldor', () => {
	let context: BrowserContext;
	let page: Page;

	beforeAll(async () => {
		context = await suite.context();
		page = await suite.page(context, '/cls/cauvaldor');
		await page.getByTestId('indicators').waitFor({ timeout: 60_000 });
		await page.locator('[data-action="parcours-m-aides"] [data-testid=action-indicator]').waitFor({ timeout: 60_000 });
		await waitForPerimeterMap(page);
		await page.screenshot({ path: resolve(SHOTS, 'cls-cauvaldor.png'), fullPage: true });
	});
	afterAll(() => context?.close());

	it('shows its 77 communes, header and notes', async () => {
		expect(await page.getByTestId('perimeter-count').innerText()).toContain('77 communes');
		const header = await page.locator('header').innerText();
		expect(header).toContain('10 mars 2022');
		expect(header).toContain('ARS Occitanie');
		expect(header).toContain('liste des actions non documentée');
	});

	it('shows the key indicators beside the Lot, Occitanie and France, formatted fr-FR', async () => {
		const table = page.getByTestId('indicators');
		expect(await table.locator('thead').innerText()).toMatch(/Périmètre\s+Lot\s+Occitanie\s+France/);
		const apl = await table.locator('tr[data-indicator=apl_mg_moins65_2023]').innerText();
		expect(apl).toMatch(/\d,\d\d/);
		expect(await table.locator('tr[data-indicator=part_75_ans_plus_bv_2022]').innerText()).toContain('bassin de vie');
		expect(await table.locator('tr[data-indicator=medecin_omnipraticien_bpe2013]').innerText()).toContain('BPE 2013');
	});

	it('shows the APL 2023 beside the actions about doctors, and radon communes beside santé-environnement', async () => {
		const fig = await page.locator('[data-action="parcours-m-aides"] [data-indicator=apl_mg_moins65_2023]').innerText();
		// Signed in 2022: the APL of that millésime, then the latest one.
		expect(fig).toMatch(/périmètre : à la signature \(millésime 2022\) : \d,\d\d consultations[^→]+→ aujourd’hui \(millésime 2023\) : \d,\d\d consultations/);
		const radon = page.locator('[data-action="sante-environnementale-information"] [data-indicator=radon]');
		await radon.waitFor();
		expect(await radon.innerText()).toMatch(/\d+ communes? sur 77/);
	});

	it('filters the actions by status and theme from the keyboard', async () => {
		const cards = page.locator('article[data-action]');
		expect(await cards.count()).toBe(8);
		await page.getByRole('checkbox', { name: 'prévue' }).focus();
		await page.keyboard.press('Space');
		expect(await cards.count()).toBe(3);
		await page.keyboard.press('Space');
		await page.getByTestId('filter-theme').selectOption('santé mentale');
		expect(await cards.count()).toBe(1);
		await page.getByTestId('filter-theme').selectOption('');
	});

	it('edits an action; the edit survives a reload; « Réinitialiser » restores the shipped version', async () => {
		await page.getByRole('button', { name: 'Modifier le CLS' }).click();
		const card = page.locator('article[data-action="bien-vieillir-domicile"]');
		await card.getByRole('button', { name: /^Modifier/ }).click();
		await card.locator('input[name=titre]').fill('Bien vieillir à domicile : équipe mobile <b>test</b>');
		await card.locator('select[name=statut]').selectOption('en cours');
		await card.locator('textarea[name=motif]').fill('Lancée en 2024.');
		await card.getByRole('button', { name: 'Enregistrer' }).click();
		await expect.poll(() => card.locator('h5').innerText()).toContain('équipe mobile <b>test</b>');

		await page.reload();
		const after = page.locator('article[data-action="bien-vieillir-domicile"]');
		await after.waitFor();
		// Never the shipped title first: the page waits for the stored edits.
		expect(await after.locator('h5').innerText()).toContain('équipe mobile <b>test</b>');
		expect(await after.locator('[data-statut]').innerText()).toBe('en cours');
		expect(await after.innerText()).toContain('Lancée en 2024.');
		expect(await page.locator('.kind').innerText()).toContain('modifiée');

		page.once('dialog', (d) => d.accept());
		await page.getByRole('button', { name: /Réinitialiser/ }).click();
		await expect.poll(() => after.locator('h5').innerText()).toContain('Action en faveur du bien vieillir à domicile');
		await page.reload();
		await page.locator('article[data-action="bien-vieillir-domicile"]').waitFor();
		expect(await page.locator('article[data-action="bien-vieillir-domicile"] [data-statut]').innerText()).toBe('prévue');
	});
});

describe(`/cls/${AURILLAC}`, () => {
	let context: BrowserContext;
	let page: Page;

	beforeAll(async () => {
		context = await suite.context();
		page = await suite.page(context, `/cls/${AURILLAC}`);
		await page.getByTestId('indicators').waitFor({ timeout: 60_000 });
		await waitForPerimeterMap(page);
		await page.screenshot({ path: resolve(SHOTS, 'cls-aurillac.png') });
		await page.getByTestId('axe').nth(5).scrollIntoViewIfNeeded();
		await page.screenshot({ path: resolve(SHOTS, 'cls-aurillac-axes.png') });
		await page.getByTestId('historique').locator('h2').scrollIntoViewIfNeeded();
		await page.evaluate(() => document.querySelector('[data-testid=historique] h2')!.scrollIntoView({ block: 'start' }));
		await page.screenshot({ path: resolve(SHOTS, 'cls-aurillac-historique.png') });
	});
	afterAll(() => context?.close());

	it('shows its 86 communes and its 8 axes', async () => {
		expect(await page.getByTestId('perimeter-count').innerText()).toContain('86 communes');
		expect(await page.getByTestId('axe').count()).toBe(8);
	});

	it('shows the history of the previous CLS with statuses and reasons', async () => {
		const h = page.getByTestId('historique');
		const statuses = await h.locator('[data-statut]').evaluateAll((els) => els.map((e) => e.getAttribute('data-statut')));
		expect(new Set(statuses)).toEqual(new Set(['réalisée', 'partiellement réalisée', 'non réalisée']));
		expect(await h.innerText()).toContain('faute de temps et d’expertise');
		// The document's own label is kept beside the status when it says more (« Peu réalisé » → non réalisée).
		expect(await h.innerText()).toContain('non réalisée (« Peu réalisé »)');
	});

	it('shows the QPV action on Aurillac and the radon communes of the santé-environnement objectives', async () => {
		const qpv = page.locator('article[data-action="2.2.1"]');
		expect(await qpv.innerText()).toContain('QN01501M');
		expect(await qpv.innerText()).toContain('1 commune');
		const radon = page.locator('article[data-action="6.1.1"] [data-indicator=radon]');
		await radon.waitFor({ timeout: 30_000 });
		expect(await radon.innerText()).toMatch(/sur 86/);
	});

	it('outlines the quartier prioritaire by its own perimeter when the QPV action is shown on the map', async () => {
		expect(await page.getByTestId('qpv-target').count()).toBe(0);
		await page.locator('article[data-action="2.2.1"]').getByRole('button', { name: 'Voir la zone sur la carte' }).click();
		const caption = page.getByTestId('qpv-target');
		await caption.waitFor({ timeout: 30_000 });
		// Named as the atlas's QPV table names it (the same query the page runs, from the Node engine).
		const source = await openNodeSource();
		const [quartier] = await qpvOfCommunes(source, ['15014']);
		await source.close();
		expect(quartier.code).toBe('QN01501M');
		expect(await caption.innerText()).toContain(`${quartier.nom} (QN01501M)`);
		await page.locator('div.base-map[data-testid=perimeter-map]').screenshot({ path: resolve(SHOTS, 'cls-aurillac-qpv.png') });
		await page.getByRole('button', { name: 'Effacer la zone visée' }).click();
		expect(await page.getByTestId('qpv-target').count()).toBe(0);
	});
});

describe('a CLS created in the browser, and an unknown one', () => {
	it('creates a CLS on an EPCI, reopens it after a reload; an unknown id says « CLS introuvable »', async () => {
		const context = await suite.context();
		const page = await suite.page(context, '/cls');
		await page.getByRole('button', { name: 'Nouveau CLS' }).click();
		await page.getByLabel('Nom du contrat').fill('CLS d’essai du Grand Cahors');
		await page.getByLabel('Chercher un EPCI').fill('Grand Cahors');
		await page.getByRole('button', { name: /Ajouter CA du Grand Cahors/ }).click();
		await page.getByRole('button', { name: 'Créer le CLS' }).click();
		await page.waitForURL(/\/cls\/cls-d-essai-du-grand-cahors$/);
		await expect.poll(() => page.getByTestId('perimeter-count').innerText(), { timeout: 60_000 }).toMatch(/^\d+ communes — CA du Grand Cahors/);

		// Stored in IndexedDB: still there after reloading the list, marked « créé ».
		await page.goto(`${suite.server.url}/cls`);
		await waitForCounts(page);
		const row = page.locator('tr[data-cls="cls-d-essai-du-grand-cahors"]');
		expect(await row.innerText()).toContain('créé');
		await row.getByRole('link').click();
		await expect.poll(() => page.locator('h1').innerText(), { timeout: 30_000 }).toBe('CLS d’essai du Grand Cahors');

		await followLink(page, '/cls/n-existe-pas');
		await expect.poll(() => page.locator('h1').innerText(), { timeout: 30_000 }).toBe('CLS introuvable');
		await context.close();
	});
});

describe('all CLS pages', () => {
	it('logged no console error and contacted no other host', () => {
		expect(errors).toEqual([]);
		expect(foreignRequests).toEqual([]);
	});
});
