import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openNodeSource, type NodeSource } from '../../../src/lib/data/queries/node';
import type { FileDb } from '../../../src/lib/data/engine/connector';
import { importOfficialFile } from '../../../src/lib/data/imports/imports';
import { figures } from '../../../src/lib/data/queries/values';
import { sql } from '../../../src/lib/data/queries/sql';
import { citedIndicator, indicatorFigureSentence, isIndicatorFigure } from '../../../src/lib/data/queries/document-figures';
import { getShippedCls } from '../../../src/lib/register/register';
import type { Area } from '../../../src/lib/territory/key';

// The three age shares of the IRIS base, at the département level, against ratios of sums computed here from the
// file's own lines; and the Lot's figures of the CLS register beside them. Fixture values are fictitious.
const DIR = join(import.meta.dirname, '../../fixtures/population-ages');
const IRIS_FILE = 'base-ic-evol-struct-pop-2021-iris.csv';
let source: NodeSource;

beforeAll(async () => {
	source = await openNodeSource();
	await source.query(['communes', 'cog_passage', 'departements'], sql`SELECT 1`);
	await importOfficialFile(source.db as FileDb, new Uint8Array(readFileSync(join(DIR, IRIS_FILE))), IRIS_FILE);
	source.markImported('population_ages', true);
});
afterAll(() => source?.close());

/** Sums of columns over the file's IRIS of the Lot, each IRIS once (its first line), read without the atlas's code. */
function lotSum(names: readonly string[]): number {
	const [header, ...lines] = readFileSync(join(DIR, IRIS_FILE), 'utf8').replace(/^\uFEFF/, '').trim().split(/\r?\n/).map((l) => l.split(';'));
	const seen = new Set<string>();
	const lot = lines.filter((l) => l[header.indexOf('COM')].startsWith('46') && !seen.has(l[0]) && seen.add(l[0]));
	expect(lot.length).toBeGreaterThan(3);
	return lot.reduce((s, l) => s + names.reduce((t, n) => t + Number(l[header.indexOf(n)]), 0), 0);
}

const value = async (id: string, area: Area) => (await figures(source, [area], [citedIndicator(id)!]))[0].values[0];
/** The Lot's communes the file gives (a handful of its 313): an area it covers whole. */
async function fileLot(): Promise<Area> {
	const rows = (await source.db.query(`SELECT a.code FROM population_ages a JOIN communes c ON c.code = a.code WHERE c.dep = '46' ORDER BY 1`)).toArray();
	return { codes: rows.map((r) => String(r.toJSON().code)) };
}

describe('age shares of the IRIS base (ratio of sums)', () => {
	it('under 25, 65+ and 75+ of the file’s communes of a département equal the sums of its IRIS over their population', async () => {
		const pop = lotSum(['P21_POP']);
		const lot = await fileLot();
		expect(await value('part_moins_25', lot)).toBeCloseTo((100 * lotSum(['P21_POP0002', 'P21_POP0305', 'P21_POP0610', 'P21_POP1117', 'P21_POP1824'])) / pop, 9);
		expect(await value('part_65_plus', lot)).toBeCloseTo((100 * lotSum(['P21_POP65P'])) / pop, 9);
		expect(await value('part_75_plus', lot)).toBeCloseTo((100 * lotSum(['P21_POP75P'])) / pop, 9);
	});

	it('the Lot’s under-25 figure of the register beside the atlas’s: withheld, and why, when the file holds a few of its communes', async () => {
		const cited = (getShippedCls('cauvaldor')?.chiffresCites ?? []).filter(isIndicatorFigure).find((c) => c.indicateur === 'part_moins_25');
		if (!cited?.departement) throw new Error('chiffre du Lot absent du registre');
		const indicator = citedIndicator(cited.indicateur)!;
		const [atlas] = await figures(source, [{ level: 'departement', code: cited.departement }], [indicator]);
		const { covered, expected } = atlas.coverage[0];
		expect(covered).toBe(((await fileLot()) as { codes: string[] }).codes.length);
		const sentence = indicatorFigureSentence({ cited, indicator, where: 'département 46', millesime: 'INSEE, 2021', value: atlas.values[0], coverage: atlas.coverage[0] });
		expect(sentence).toContain('22,4 %');
		expect(sentence).toContain('18 novembre 2022');
		expect(sentence).toContain(`l’atlas (INSEE, 2021) : non calculé : ${covered} communes sur ${expected} ont une valeur (moins de 80 %)`);
		// On the communes the file covers, the atlas gives its figure beside the document's.
		const shown = await value(cited.indicateur, await fileLot());
		expect(indicatorFigureSentence({ cited, indicator, where: 'communes du fichier', millesime: 'INSEE, 2021', value: shown, coverage: { covered, expected: covered } })).toContain(
			`l’atlas (INSEE, 2021) : ${shown.toFixed(1).replace('.', ',')} %.`
		);
	});
});
