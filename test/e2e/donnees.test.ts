import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { SHOTS, e2eSuite } from '../support/suite';
import { readWorkbook, rowStartingWith } from '../support/xlsx';
import { AGE_BANDS } from '../../src/lib/indicators/age-bands';

// Fictitious counts in the official INSEE layout: test/fixtures/population-ages/README.md.
const VARIANTS = resolve(import.meta.dirname, '../fixtures/population-ages');
const CAUVALDOR_FILE = resolve(VARIANTS, 'base-cc-evol-struct-pop-2021-cauvaldor.csv');
const CAUVALDOR_EPCI = '200066371';

const suite = e2eSuite({ db: true });
const { watch } = suite;

/**
 * Share of each age band over the fixture's lines of Cauvaldor communes, computed here without the importer:
 * the CSV split by hand (first line of a code kept), each code taken to COG 2025 by SQL on cog_passage; and
 * those communes (COG 2025), a few of Cauvaldor's 77.
 */
async function expectedCauvaldorShares(): Promise<{ shares: number[]; communes: string[] }> {
	const [header, ...lines] = readFileSync(CAUVALDOR_FILE, 'utf8').replace(/^\uFEFF/, '').trim().split(/\r?\n/).map((l) => l.split(';'));
	const col = (name: string) => header.indexOf(name);
	const seen = new Set<string>();
	const communes = new Set<string>();
	let pop = 0;
	const bands = AGE_BANDS.map(() => 0);
	for (const cells of lines) {
		const code = cells[col('CODGEO')];
		if (seen.has(code)) continue;
		seen.add(code);
		const row = (
			await suite.db.query(
				`SELECT c.code, c.epci FROM communes c WHERE c.code = coalesce((SELECT p.code FROM cog_passage p WHERE p.code_hist = ?), ?)`,
				[code, code]
			)
		).toArray()[0];
		if (row?.toJSON().epci !== CAUVALDOR_EPCI) continue;
		communes.add(String(row.toJSON().code));
		pop += Number(cells[col('P21_POP')]);
		AGE_BANDS.forEach((b, i) => (bands[i] += Number(cells[col(`P21_POP${b.insee}`)])));
	}
	expect(pop).toBeGreaterThan(0);
	return { shares: bands.map((n) => n / pop), communes: [...communes].sort() };
}

const inhabited = async (where: string) => Number((await suite.db.query(`SELECT count(*) AS n FROM communes WHERE population > 0 AND ${where}`)).toArray()[0].toJSON().n);

async function importFiles(page: Page, ...files: string[]) {
	await page.getByTestId('import-input').setInputFiles(files.map((f) => resolve(VARIANTS, f)));
	await expect.poll(() => page.getByTestId('import-outcomes').locator('li').count(), { timeout: 60_000 }).toBe(files.length);
}

async function portraitAgeShares(page: Page): Promise<number[]> {
	await page.getByTestId('portrait-ages').waitFor({ timeout: 90_000 });
	const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('portrait-export-xlsx').click()]);
	const wb = readWorkbook(readFileSync((await download.path())!));
	return AGE_BANDS.map((b) => Number(rowStartingWith(wb, `Part des ${b.label} (recensement 2021)`, 4)[3]?.text) / 100);
}

describe('/donnees', () => {
	it('lists every dataset of the manifest with its producer, millésime, caveats and the indicators that use it', async () => {
		const context = await suite.context();
		const page = await suite.page(context, '/donnees');
		const manifest = JSON.parse(readFileSync(resolve(import.meta.dirname, '../../static/data/manifest.json'), 'utf8')) as { artefacts: { table: string }[] };
		await expect.poll(() => page.getByTestId('dataset').count(), { timeout: 90_000 }).toBe(manifest.artefacts.length);
		const bpe = await page.locator('[data-testid=dataset][data-table=bpe2013]').innerText();
		expect(bpe).toContain('Données anciennes (2013)');
		expect(bpe).toContain('Médecins généralistes');
		const finess = await page.locator('[data-testid=dataset][data-table=finess]').innerText();
		expect(finess).toMatch(/Deux millésimes mêlés : 2025-2026 en Occitanie, 2021 ailleurs/);
		expect(await page.getByTestId('imports-empty').isVisible()).toBe(true);
		await context.close();
	});

	it('imports the INSEE base: the Cauvaldor portrait shows the SQL ratio of sums; a broken file after it changes nothing, after a reload too', async () => {
		const context = await suite.context();
		const page = await suite.page(context, '/donnees');
		await page.locator('[data-testid=import-input]:enabled').waitFor({ timeout: 90_000 });
		await importFiles(page, 'base-cc-evol-struct-pop-2021-cauvaldor.csv');
		const report = await page.getByTestId('import-report').innerText();
		// 10 lines: 8 Cauvaldor codes (2 old ones merged into 2 others: 6 communes), 1 duplicate, 1 code outside the atlas.
		expect(report.replace(/\s+/g, ' ')).toMatch(/Lignes lues 10 Communes 2025 6 \(2 issues de fusions ; [\d\s\u202f]+ sans ligne\) Codes rattachés 2 Codes inconnus 1 Doublons 1/);
		expect(await page.locator('[data-testid=user-import] .log').innerText()).toContain('97501');
		// The commune base has no band ending at 24: the report says the under-25 share cannot be computed, and why.
		expect(report).toContain('part des moins de 25 ans non calculable : le fichier n’a pas les tranches fines de 0 à 24 ans');
		await page.setViewportSize({ width: 1440, height: 900 });
		await page.locator('#mine').scrollIntoViewIfNeeded();
		await page.screenshot({ path: resolve(SHOTS, 'donnees-1440.png') });
		await page.screenshot({ path: resolve(SHOTS, 'donnees-1440-full.png'), fullPage: true });
		await page.setViewportSize({ width: 390, height: 844 });
		await page.locator('#mine').scrollIntoViewIfNeeded();
		await page.screenshot({ path: resolve(SHOTS, 'donnees-390.png') });
		await page.screenshot({ path: resolve(SHOTS, 'donnees-390-full.png'), fullPage: true });

		// The communes of the file: the portrait of their selection shows the SQL ratio of sums.
		const { shares: expected, communes } = await expectedCauvaldorShares();
		const selection = await suite.page(context, `/territoire/selection/${communes.join('-')}`);
		(await portraitAgeShares(selection)).forEach((s, i) => expect(s).toBeCloseTo(expected[i], 9));
		await selection.close();

		// Cauvaldor: the file has a few of its 77 communes. Its figure and the Lot's would be those communes': withheld, and said so;
		// the imported 75+ row stands before the bassin-de-vie approximation, which says it is one.
		const cauvaldor = await inhabited(`epci = '${CAUVALDOR_EPCI}'`);
		const lot = await inhabited(`dep = '46'`);
		const portrait = await suite.page(context, '/territoire/cls/cauvaldor');
		const imported = portrait.locator('tr[data-indicator=part_75_plus]').first();
		await imported.waitFor({ timeout: 90_000 });
		const cells = await imported.locator('td').allInnerTexts();
		expect(cells[0]).toContain(`non calculé : ${communes.length} communes sur ${cauvaldor} ont une valeur (moins de 80 %)`);
		expect(cells[1]).toContain(`sur ${lot} ont une valeur`);
		const order = await portrait.locator('tr[data-indicator^=part_75]').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-indicator')));
		expect(order.slice(0, 2)).toEqual(['part_75_plus', 'part_75_ans_plus_bv_2022']);
		expect(await portrait.locator('tr[data-indicator=part_75_ans_plus_bv_2022] [data-testid=figure-proxy]').first().innerText()).toContain('approximation');
		expect(await portrait.getByTestId('portrait-ages-coverage').innerText()).toContain(`Contrat local de santé de Cauvaldor : non calculé : ${communes.length} communes sur ${cauvaldor}`);
		await portrait.close();

		// The CLS page: the Lot's 15.5 % aged 75+ (CNR Santé synthesis, register) beside the atlas's share of the Lot, which the file
		// covers in part: withheld, with the file's year.
		const cls = await suite.page(context, '/cls/cauvaldor');
		const share = cls.getByTestId('document-share').filter({ hasText: '75 ans ou plus' });
		await expect
			.poll(() => share.innerText(), { timeout: 90_000 })
			.toMatch(new RegExp(`15,5 % pour la part des 75 ans ou plus \\(recensement\\) \\(chiffre du département du Lot ; l’atlas : même département\\) ; l’atlas \\(INSEE, 2021\\) : non calculé : \\d+ communes sur ${lot} ont une valeur`));
		await cls.close();

		// A file of another format, an empty one and the same base again: each refused with its own message.
		await importFiles(page, 'not-insee.csv', 'empty.csv', 'base-cc-evol-struct-pop-2021-cauvaldor.csv');
		const outcomes = await page.getByTestId('import-outcomes').locator('li').allInnerTexts();
		expect(outcomes[0]).toMatch(/^not-insee\.csv : Format non reconnu : not-insee\.csv\. En-tête lu : « code ; valeur »/);
		expect(outcomes[1]).toBe('empty.csv : Fichier vide : empty.csv');
		expect(outcomes[2]).toContain('est déjà importé depuis « base-cc-evol-struct-pop-2021-cauvaldor.csv »');
		await page.reload();
		await expect.poll(() => page.getByTestId('user-import').count(), { timeout: 90_000 }).toBe(1);
		expect(await page.getByTestId('user-import').locator('[role=alert]').count()).toBe(0);

		const again = await suite.page(context, `/territoire/selection/${communes.join('-')}`);
		(await portraitAgeShares(again)).forEach((s, i) => expect(s).toBeCloseTo(expected[i], 9));
		await again.close();

		// Removed: the file leaves the browser, the portrait says the base is missing again.
		await page.getByTestId('import-remove').click();
		await page.getByTestId('imports-empty').waitFor();
		await page.reload();
		await page.getByTestId('imports-empty').waitFor({ timeout: 90_000 });
		const without = await suite.page(context, '/territoire/cls/cauvaldor');
		await without.getByTestId('portrait-ages-absent').waitFor({ timeout: 90_000 });
		await context.close();
		expect(watch.errors).toEqual([]);
		expect(watch.foreignRequests).toEqual([]);
	}, 300_000);
});
