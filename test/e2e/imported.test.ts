import { describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { e2eSuite } from '../support/suite';
import { buildWorkbook } from '../support/xlsx-fixture';

// A user's own file (Latin-1, `;`, codes without their leading zero; fictitious values:
// test/fixtures/user-files/README.md) imported on /donnees, then mapped as a first-class indicator.
const FILES = resolve(import.meta.dirname, '../fixtures/user-files');
const MEDECINS = 'medecins-latin1.csv';
/** The table and indicator the import makes of the name and column given below. */
const INDICATOR = 'user_medecins_fictifs_medecins';
/** Manual bounds: classes [min, 1), [1, 5), [5, max], as the legend writes them (« 1 – < 5 »). */
const BREAKS = [1, 5];

const suite = e2eSuite({ db: true });
const { watch } = suite;

/**
 * Communes per class, computed here without the importer: the file decoded and split by hand (first
 * line of a code kept), each code padded and taken to COG 2025 by SQL on cog_passage.
 */
async function expectedCommuneValues(): Promise<Map<string, number>> {
	const [, ...lines] = new TextDecoder('windows-1252').decode(readFileSync(resolve(FILES, MEDECINS))).trim().split(/\r\n/).map((l) => l.split(';'));
	const seen = new Set<string>();
	const byCommune = new Map<string, number>();
	for (const [raw, , value] of lines) {
		if (!raw || seen.has(raw)) continue;
		seen.add(raw);
		const code = /^\d{4}$/.test(raw) ? `0${raw}` : raw;
		const row = (await suite.db.query('SELECT c.code FROM communes c WHERE c.code = coalesce((SELECT p.code FROM cog_passage p WHERE p.code_hist = ?), ?)', [code, code])).toArray()[0];
		if (!row || value === '') continue;
		const cog = String(row.toJSON().code);
		byCommune.set(cog, (byCommune.get(cog) ?? 0) + Number(value));
	}
	expect(byCommune.size).toBeGreaterThan(10);
	return byCommune;
}

async function expectedClassCounts(): Promise<number[]> {
	const counts = [0, 0, 0];
	for (const v of (await expectedCommuneValues()).values()) counts[v < BREAKS[0] ? 0 : v < BREAKS[1] ? 1 : 2]++;
	return counts;
}

async function legendCounts(page: Page): Promise<number[]> {
	const rows = page.getByTestId('legend').locator('li:not(.static)');
	await expect.poll(() => rows.count(), { timeout: 90_000 }).toBe(3);
	return (await rows.locator('.count').allInnerTexts()).map((t) => Number(t.replace(/\s|\u202f/g, '')));
}

describe('a user’s own file is an indicator of the atlas', () => {
	it('imports a Latin-1 `;` file whose codes lost their leading zero, maps it with the right legend counts; a broken file after it changes nothing, after a reload too', async () => {
		const context = await suite.context();
		const page = await suite.page(context, '/donnees');
		await page.locator('[data-testid=import-input]:enabled').waitFor({ timeout: 90_000 });
		await page.getByTestId('import-input').setInputFiles(resolve(FILES, MEDECINS));
		const form = page.getByTestId('generic-import');
		await form.waitFor({ timeout: 60_000 });
		// Detected: the code column and its level; the numeric columns are proposed.
		expect(await form.getByTestId('generic-code-column').inputValue()).toBe('0');
		expect(await form.getByTestId('generic-level').inputValue()).toBe('commune');
		await form.getByTestId('generic-name').fill('Médecins fictifs');
		await form.getByTestId('generic-source').fill('Jeu de test (valeurs fictives)');
		await form.getByTestId('generic-millesime').fill('2024');
		// Only the « Médecins » column (2), as a count.
		for (const column of ['1', '3', '4']) {
			const box = form.locator(`[data-testid=generic-column][data-column="${column}"] input[type=checkbox]`);
			if (await box.isChecked()) await box.uncheck();
		}
		await form.locator('[data-testid=generic-column][data-column="2"] input[type=checkbox]').check();
		await form.getByTestId('generic-submit').click();
		await expect.poll(() => page.getByTestId('user-import').count(), { timeout: 60_000 }).toBe(1);
		const log = await page.getByTestId('user-import').innerText();
		expect(log).toContain('Latin-1');
		expect(log).toMatch(/17 codes sans leur zéro initial, complétés/);
		expect(log).toContain('99999');

		// A broken file after the good one: refused in French, the good one kept.
		await page.getByTestId('import-input').setInputFiles(resolve(FILES, 'classeur.xlsx'));
		await expect.poll(() => page.getByTestId('import-outcomes').innerText(), { timeout: 60_000 }).toMatch(/« classeur\.xlsx » : archive XLSX illisible/);
		await page.reload();
		await expect.poll(() => page.getByTestId('user-import').count(), { timeout: 90_000 }).toBe(1);
		expect(await page.getByTestId('user-import').locator('[role=alert]').count()).toBe(0);

		const expected = await expectedClassCounts();
		const map = await suite.page(context, `/?i=${INDICATOR}&m=manuel&b=${BREAKS.join(',')}`);
		expect(await legendCounts(map)).toEqual(expected);
		expect(await map.getByTestId('legend').innerText()).toContain('(importé)');
		expect(await map.getByTestId('legend').innerText()).toContain('Jeu de test (valeurs fictives)');
		await map.close();

		// The Ain: the file has a few of its communes, so its sum would be theirs, not the Ain's: withheld, and said so with the counts.
		const ainValues = [...(await expectedCommuneValues()).entries()].filter(([code]) => code.startsWith('01'));
		const ainExpected = Number(
			(await suite.db.query(`SELECT count(*) AS n FROM communes WHERE dep = '01' AND (population > 0 OR code IN (${ainValues.map(() => '?').join(',')}))`, ainValues.map(([c]) => c))).toArray()[0].toJSON().n
		);
		const portrait = await suite.page(context, '/territoire/departement/01');
		const section = portrait.getByTestId('portrait-imported');
		await section.waitFor({ timeout: 90_000 });
		const row = section.locator('tr', { hasText: 'Médecins (Médecins fictifs)' }).first();
		const ainCell = await row.locator('td').first().innerText();
		expect(ainCell).toContain(`non calculé : ${ainValues.length} communes sur ${ainExpected} ont une valeur (moins de 80 %)`);
		await portrait.close();

		// The same communes as a selection: every one has a value, the count is their sum.
		const selection = await suite.page(context, `/territoire/selection/${ainValues.map(([c]) => c).join('-')}`);
		const selectionSection = selection.getByTestId('portrait-imported');
		await selectionSection.waitFor({ timeout: 90_000 });
		const selectionRow = selectionSection.locator('tr', { hasText: 'Médecins (Médecins fictifs)' }).first();
		expect(Number((await selectionRow.locator('td').first().innerText()).replace(/\s|\u202f/g, ''))).toBe(ainValues.reduce((sum, [, v]) => sum + v, 0));
		await selection.close();
		await context.close();
		expect(watch.errors).toEqual([]);
		expect(watch.foreignRequests).toEqual([]);
	});

	it('a permalink to an imported indicator this browser does not hold says so in French, with a link to /donnees, and shows the default map', async () => {
		const context = await suite.context();
		const page = await suite.page(context, `/?i=${INDICATOR}`);
		const notice = page.getByTestId('missing-indicator');
		await notice.waitFor({ timeout: 60_000 });
		expect(await notice.innerText()).toContain(`L’indicateur « ${INDICATOR} » n’est pas dans ce navigateur`);
		expect(await notice.locator('a').getAttribute('href')).toMatch(/\/donnees$/);
		await expect.poll(() => page.getByTestId('legend').innerText(), { timeout: 90_000 }).toContain('APL');
		await context.close();
		expect(watch.errors).toEqual([]);
	});

	it('a file written before 15141 was split: the report lists the split, a re-established commune’s portrait shows the copied rate and says where it comes from', async () => {
		const context = await suite.context();
		const page = await suite.page(context, '/donnees');
		await page.locator('[data-testid=import-input]:enabled').waitFor({ timeout: 90_000 });
		await page.getByTestId('import-input').setInputFiles(resolve(FILES, 'scission-avant-2025.csv'));
		const form = page.getByTestId('generic-import');
		await form.waitFor({ timeout: 60_000 });
		await form.getByTestId('generic-name').fill('Scission fictive');
		for (const column of ['2', '3']) {
			const box = form.locator(`[data-testid=generic-column][data-column="${column}"] input[type=checkbox]`);
			if (!(await box.isChecked())) await box.check();
		}
		await form.locator('[data-testid=generic-column][data-column="3"] select[aria-label="Nature de la valeur"]').selectOption('rate');
		await form.getByTestId('generic-submit').click();
		await expect.poll(() => page.getByTestId('user-import').count(), { timeout: 60_000 }).toBe(1);
		const log = await page.getByTestId('user-import').innerText();
		expect(log).toMatch(/15141 Neussargues en Pinatelle \(avant 2025\) réparti sur 4 communes rétablies : 15031 Celles \([\d,]+ %\), 15035 Chalinargues/);

		const portrait = await suite.page(context, '/territoire/commune/15031');
		const section = portrait.getByTestId('portrait-imported');
		await section.waitFor({ timeout: 90_000 });
		const cell = section.locator('tr', { hasText: 'taux_vaccination (Scission fictive)' }).first().locator('td').first();
		await expect.poll(() => cell.innerText(), { timeout: 60_000 }).toMatch(/^62,5/);
		expect(await cell.getByTestId('figure-note').innerText()).toContain('valeur de la commune d’origine 15141 Neussargues en Pinatelle (fichier avant 2025)');
		await context.close();
		expect(watch.errors).toEqual([]);
	});

	it('a workbook of several sheets: the user chooses the sheet, the description follows it, and the import keeps it after a reload', async () => {
		// FICTITIOUS counts, one sheet a year.
		const file = join(mkdtempSync(join(tmpdir(), 'sheets-')), 'effectifs-fictifs.xlsx');
		writeFileSync(
			file,
			buildWorkbook([
				{ name: '2023', rows: [['Code commune', 'Effectif 2023'], ['46042', 10]] },
				{ name: '2024', rows: [['Code', 'Commune', 'Effectif 2024'], ['46042', 'Cahors', 14], ['46102', 'Figeac', 6]] }
			])
		);
		const context = await suite.context();
		const page = await suite.page(context, '/donnees');
		await page.locator('[data-testid=import-input]:enabled').waitFor({ timeout: 90_000 });
		await page.getByTestId('import-input').setInputFiles(file);
		const form = page.getByTestId('generic-import');
		await form.waitFor({ timeout: 60_000 });
		const sheet = form.getByTestId('generic-sheet');
		expect(await sheet.locator('option').allInnerTexts()).toEqual(['2023', '2024']);
		expect(await sheet.inputValue()).toBe('2023');
		await sheet.selectOption('2024');
		await expect.poll(() => form.locator('[data-testid=generic-column]').allInnerTexts(), { timeout: 30_000 }).toEqual([
			expect.stringContaining('Commune'),
			expect.stringContaining('Effectif 2024')
		]);
		// On a phone, the value columns scroll inside their own box: the form keeps to the screen.
		await page.setViewportSize({ width: 390, height: 844 });
		expect(await form.evaluate((f) => f.scrollWidth - f.clientWidth)).toBeLessThanOrEqual(0);
		await form.getByTestId('generic-name').fill('Effectifs par feuille');
		await form.getByTestId('generic-submit').click();
		const card = page.getByTestId('user-import').filter({ hasText: 'Effectifs par feuille' });
		await expect.poll(() => card.count(), { timeout: 60_000 }).toBe(1);
		expect(await card.innerText()).toContain('feuille « 2024 » lue');
		await page.reload();
		await expect.poll(() => card.count(), { timeout: 90_000 }).toBe(1);
		expect(await card.innerText()).toContain('feuille « 2024 » lue');
		expect(await card.locator('[role=alert]').count()).toBe(0);
		expect(watch.errors).toEqual([]);
	});
});
