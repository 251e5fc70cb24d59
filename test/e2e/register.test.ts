import { describe, expect, it } from 'vitest';
import { resolve } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { SHOTS, e2eSuite } from '../support/suite';
import { openNodeSource } from '../../src/lib/data/queries/node';
import { figures } from '../../src/lib/data/queries/values';
import { getIndicator, type NumericIndicator } from '../../src/lib/indicators/catalogue';
import { formatValue } from '../../src/lib/indicators/format';

/** The coordinator of the Bassin d'Aurillac CLS: an action's target on the map, its follow-up, a change set to a colleague. */
const AURILLAC = 'bassin-aurillac-carlades-chataigneraie-2024-2028';
const ACTION = '1.1.1';
const APL = getIndicator('apl_mg_2023') as NumericIndicator;

const suite = e2eSuite();
/** Every page opened here, for the last test: no console error, no other host. */
const opened: { errors: string[]; foreignRequests: string[] }[] = [];
async function open(path: string, viewport = { width: 1440, height: 900 }) {
	const o = await suite.open(path, { viewport });
	opened.push(o);
	return o;
}

/** A point of the map's canvas, in page pixels, where the perimeter is drawn (blue), nearest the centre. */
async function perimeterPoint(map: Locator): Promise<{ x: number; y: number }> {
	const canvas = map.locator('canvas').first();
	await expect
		.poll(
			() =>
				canvas.evaluate((c: HTMLCanvasElement) => {
					const copy = document.createElement('canvas');
					copy.width = c.width;
					copy.height = c.height;
					const ctx = copy.getContext('2d')!;
					ctx.drawImage(c, 0, 0);
					const { data } = ctx.getImageData(0, 0, c.width, c.height);
					let blue = 0;
					for (let i = 0; i < data.length; i += 16) if (data[i + 2] > data[i] + 60) blue++;
					return blue;
				}),
			{ timeout: 150_000, interval: 1000 }
		)
		.toBeGreaterThan(500);
	const found = await canvas.evaluate((c: HTMLCanvasElement) => {
		const copy = document.createElement('canvas');
		copy.width = c.width;
		copy.height = c.height;
		const ctx = copy.getContext('2d')!;
		ctx.drawImage(c, 0, 0);
		const { data } = ctx.getImageData(0, 0, c.width, c.height);
		const [cx, cy] = [c.width / 2, c.height / 2];
		let best: [number, number] | null = null;
		let bestD = Infinity;
		for (let y = 0; y < c.height; y += 4)
			for (let x = 0; x < c.width; x += 4) {
				const i = (y * c.width + x) * 4;
				const d = Math.hypot(x - cx, y - cy);
				if (data[i + 2] > data[i] + 60 && d < bestD) [best, bestD] = [[x, y], d];
			}
		return best && { x: best[0] / (c.width / c.clientWidth), y: best[1] / (c.height / c.clientHeight) };
	});
	if (!found) throw new Error('aucune commune du périmètre dessinée sur la carte de la zone visée');
	const box = (await canvas.boundingBox())!;
	return { x: box.x + found.x, y: box.y + found.y };
}

async function openEditor(page: Page): Promise<Locator> {
	await page.getByRole('button', { name: 'Modifier le CLS' }).click();
	const card = page.locator(`article[data-action="${ACTION}"]`);
	await card.getByRole('button', { name: /^Modifier/ }).click();
	return card;
}

const chosenCodes = (card: Locator) => card.locator('[data-testid=target-communes] [data-code]').evaluateAll((els) => els.map((e) => e.getAttribute('data-code')!));

describe('an action’s target area, set on the map', () => {
	it('picks communes by click and lasso, chooses a follow-up indicator; all survive a reload, with the indicator’s value beside the action', async () => {
		const { page } = await open(`/cls/${AURILLAC}`);
		const card = await openEditor(page);
		await card.locator('input[name=pilote]').fill('CPTS du Bassin d’Aurillac');
		await card.locator('textarea[name=partenaires]').fill('ARS Auvergne-Rhône-Alpes\nUniversité Clermont Auvergne');
		await card.locator('input[name=dateDebut]').fill('2025-09-01');

		// A click on a commune of the perimeter starts a commune target with it.
		const map = card.getByTestId('target-map');
		// The editor's own map is a second WebGL map on the page: on a loaded machine its first frame takes long.
		await map.evaluate((e) => e.scrollIntoView({ block: 'center' }), undefined, { timeout: 150_000 });
		const at = await perimeterPoint(map);
		await page.mouse.click(at.x, at.y);
		await expect.poll(() => chosenCodes(card)).toHaveLength(1);
		const clicked = (await chosenCodes(card))[0];

		// Shift + drag: a lasso around the centre of the map adds the communes whose centroid it holds.
		const box = (await map.locator('canvas').first().boundingBox())!;
		const [cx, cy, r] = [box.x + box.width / 2, box.y + box.height / 2, Math.min(box.width, box.height) / 4];
		await page.keyboard.down('Shift');
		await page.mouse.move(cx - r, cy - r);
		await page.mouse.down();
		for (const [x, y] of [[cx + r, cy - r], [cx + r, cy + r], [cx - r, cy + r], [cx - r, cy - r + 2]]) await page.mouse.move(x, y, { steps: 8 });
		await page.mouse.up();
		await page.keyboard.up('Shift');
		await expect.poll(async () => (await chosenCodes(card)).length).toBeGreaterThan(1);
		const codes = await chosenCodes(card);
		expect(codes).toContain(clicked);

		// The picker opens by itself when the action already has indicators (1.1.1 follows the APL of the under-65s).
		const picker = card.locator('details.indicator-picker');
		if (!(await picker.evaluate((d: HTMLDetailsElement) => d.open))) await picker.locator('summary').click();
		await card.getByLabel(APL.label, { exact: true }).check();
		await page.screenshot({ path: resolve(SHOTS, 'register-target-1440.png') });
		await card.getByRole('button', { name: 'Enregistrer' }).click();
		expect(await card.getByTestId('action-saved').innerText()).toMatch(/^Modifications enregistrées dans ce navigateur à \d\d:\d\d\.$/);

		await page.reload();
		const after = page.locator(`article[data-action="${ACTION}"]`);
		await after.waitFor();
		// Counted once the atlas's communes are loaded.
		await expect.poll(() => after.innerText(), { timeout: 120_000 }).toContain(`(${codes.length} communes)`);
		const text = await after.innerText();
		expect(text).toContain('Pilote : CPTS du Bassin d’Aurillac');
		expect(text).toContain('Partenaires : ARS Auvergne-Rhône-Alpes, Université Clermont Auvergne');
		expect(text).toContain('Du 1 sept. 2025');

		// The indicator beside the action, on its target: the same figure as the data layer gives in Node.
		const source = await openNodeSource();
		const [target] = await figures(source, [{ codes }], [APL]);
		await source.close();
		const figure = after.locator(`[data-indicator=${APL.id}] [data-testid=follow-up]`);
		await figure.waitFor({ timeout: 60_000 });
		expect(await figure.innerText()).toContain(`zone visée : ${formatValue(APL, target.values[0])} à la signature comme aujourd’hui (millésime 2023`);

		await after.screenshot({ path: resolve(SHOTS, 'register-action-1440.png') });

		// Reopened, the editor has the same communes.
		await page.getByRole('button', { name: 'Modifier le CLS' }).click();
		await after.getByRole('button', { name: /^Modifier/ }).click();
		expect(await chosenCodes(after)).toEqual(codes);
		await page.setViewportSize({ width: 390, height: 844 });
		await after.getByTestId('target-map').evaluate((e) => e.scrollIntoView({ block: 'center' }), undefined, { timeout: 150_000 });
		await page.screenshot({ path: resolve(SHOTS, 'register-target-390.png') });
		expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
	}, 480_000);
});

describe('a change set sent to a colleague', () => {
	it('exports the coordinator’s changes; a fresh browser reviews them, accepts one and refuses the other', async () => {
		const sender = await open(`/cls/${AURILLAC}`);
		const card = await openEditor(sender.page);
		await card.locator('input[name=pilote]').fill('Centre hospitalier Henri Mondor');
		await card.locator('select[name=statut]').selectOption('en cours');
		await card.getByRole('button', { name: 'Enregistrer' }).click();
		await card.getByTestId('action-saved').waitFor();
		const exportButton = sender.page.getByTestId('changeset-export');
		expect(await exportButton.innerText()).toContain('2 changements');
		const [download] = await Promise.all([sender.page.waitForEvent('download'), exportButton.click()]);
		const file = resolve(SHOTS, 'register-changeset.json');
		await download.saveAs(file);

		const colleague = await open(`/cls/${AURILLAC}`, { width: 390, height: 844 });
		await colleague.page.getByTestId('changeset-file').setInputFiles(file);
		const review = colleague.page.getByTestId('changeset-review');
		await review.waitFor();
		const changes = review.getByTestId('change');
		expect(await changes.count()).toBe(2);
		const pilot = changes.filter({ hasText: 'pilote :' });
		const status = changes.filter({ hasText: 'statut :' });
		expect(await pilot.innerText()).toContain('→ Centre hospitalier Henri Mondor');
		expect(await status.innerText()).toContain('prévue → en cours');
		await pilot.getByLabel('Accepter').check();
		await status.getByLabel('Refuser').check();
		await review.evaluate((e) => e.scrollIntoView());
		await colleague.page.screenshot({ path: resolve(SHOTS, 'register-review-390.png') });
		await colleague.page.getByTestId('changeset-apply').click();
		expect(await colleague.page.getByTestId('changeset-message').innerText()).toContain('1 changement(s) accepté(s) et enregistré(s) dans ce navigateur, 1 refusé(s).');

		await colleague.page.reload();
		const after = colleague.page.locator(`article[data-action="${ACTION}"]`);
		await after.waitFor();
		expect(await after.innerText()).toContain('Pilote : Centre hospitalier Henri Mondor');
		expect(await after.locator('[data-statut]').innerText()).toBe('prévue');
	}, 300_000);

	it('refuses a file that is not a change set, in French, and changes nothing', async () => {
		const { page } = await open(`/cls/${AURILLAC}`);
		await page.getByTestId('changeset-file').setInputFiles({ name: 'cls.json', mimeType: 'application/json', buffer: Buffer.from('{"id":"x"}') });
		expect(await page.getByTestId('errors').innerText()).toContain('n’est pas un fichier de modifications de cls-atlas');
		expect(await page.getByTestId('changeset-review').count()).toBe(0);
	});
});

describe('the programme’s counts', () => {
	it('says what it counts, once: the programme’s objectifs spécifiques and the previous contract’s actions', async () => {
		const { page } = await open(`/cls/${AURILLAC}`);
		const shown = await page.getByTestId('shown-count').innerText();
		const header = await page.locator('.cls-head').innerText();
		const objectifs = /(\d+) objectifs spécifiques/.exec(header)![1];
		expect(shown).toMatch(new RegExp(`^Affichés : ${objectifs} objectifs spécifiques du programme sur ${objectifs} ; \\d+ actions du bilan du contrat précédent sur \\d+$`));
		await page.getByLabel('prévue', { exact: true }).uncheck();
		await expect.poll(() => page.getByTestId('shown-count').innerText()).toMatch(new RegExp(`^Affichés : 0 objectif spécifique du programme sur ${objectifs} ;`));
	});

	it('logged no console error and contacted no other host', () => {
		expect(opened.length).toBeGreaterThan(0);
		expect(opened.flatMap((o) => o.errors)).toEqual([]);
		expect(opened.flatMap((o) => o.foreignRequests)).toEqual([]);
	});
});
