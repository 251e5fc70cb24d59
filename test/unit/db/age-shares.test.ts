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
const LOT: Area = { level: 'departement', code: '46' };
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

describe('age shares of the IRIS base (ratio of sums)', () => {
	it('under 25, 65+ and 75+ of a département equal the sums of its IRIS over their population', async () => {
		const pop = lotSum(['P21_POP']);
		expect(await value('part_moins_25', LOT)).toBeCloseTo((100 * lotSum(['P21_POP0002', 'P21_POP0305', 'P21_POP0610', 'P21_POP1117', 'P21_POP1824'])) / pop, 9);
		expect(await value('part_65_plus', LOT)).toBeCloseTo((100 * lotSum(['P21_POP65P'])) / pop, 9);
		expect(await value('part_75_plus', LOT)).toBeCloseTo((100 * lotSum(['P21_POP75P'])) / pop, 9);
	});

	it('the Lot’s under-25 figure of the register is shown beside the atlas’s, with the document’s date', async () => {
		const cited = (getShippedCls('cauvaldor')?.chiffresCites ?? []).filter(isIndicatorFigure).find((c) => c.indicateur === 'part_moins_25');
		if (!cited?.departement) throw new Error('chiffre du Lot absent du registre');
		const indicator = citedIndicator(cited.indicateur)!;
		const atlas = await value(cited.indicateur, { level: 'departement', code: cited.departement });
		const sentence = indicatorFigureSentence({ cited, indicator, where: 'département 46', millesime: 'INSEE', value: atlas });
		expect(sentence).toContain('22,4 %');
		expect(sentence).toContain(`${atlas.toFixed(1).replace('.', ',')} %`);
		expect(sentence).toContain('18 novembre 2022');
	});
});
