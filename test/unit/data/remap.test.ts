import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadCog, remap, sum, toCog2025, weightedRate, worstClass } from '../../../pipeline/lib/cog';
import { APL_WORKBOOK, buildApl } from '../../../pipeline/sources/apl';
import { aplWorkbook } from '../../support/xlsx-fixture';
import { buildRadon } from '../../../pipeline/sources/radon';

const FIXTURES = join(import.meta.dirname, '../../fixtures/data');
const cog = loadCog(FIXTURES);
const rowsOf = (table: { toArray(): { toJSON(): Record<string, unknown> }[] }) => table.toArray().map((r) => r.toJSON());

describe('COG 2025 remap', () => {
	it('maps old codes through the passage table and keeps unknown codes apart', () => {
		expect(toCog2025(cog, '46998')).toBe('46999');
		expect(toCog2025(cog, '46042')).toBe('46042');
		const { groups, unknown } = remap(cog, ['46998', '12345', '46997', '46042'], (c) => c);
		expect([...groups.keys()]).toEqual(['46042', '46999']);
		expect(groups.get('46999')).toEqual(['46998', '46997']);
		expect(unknown).toEqual(['12345']);
	});

	it('weights rates by population, not a plain mean', () => {
		expect(weightedRate([{ rate: 1, weight: 100 }, { rate: 4, weight: 900 }])).toBeCloseTo(3.7, 12);
		expect(weightedRate([{ rate: 2, weight: null }])).toBe(2);
		expect(weightedRate([{ rate: null, weight: 10 }])).toBeNull();
		expect(sum([null, null])).toBeNull();
		expect(sum([3, null, 4])).toBe(7);
	});

	it('sums populations and weights APL for a merged commune', () => {
		// The DREES workbook's layout, written for the test: Cahors with its real 2022/2023 values, two FICTITIOUS
		// communes (46997, 46998: codes of no commune, merged into 46999 by the fixture COG).
		const from = mkdtempSync(join(tmpdir(), 'apl-'));
		mkdirSync(join(from, dirname(APL_WORKBOOK)), { recursive: true });
		const unit = 'En nombre de consultations/visites accessibles par habitant standardisé';
		writeFileSync(
			join(from, APL_WORKBOOK),
			aplWorkbook('médecins généralistes', unit, [
				{ annee: 2022, lines: [['46042', 'Cahors', 4.113, 21823.21, 20159, 3.818], ['46997', 'Petite', 1.0, 100, 90, 1.0], ['46998', 'Grande', 4.0, 900, 1000, 3.0]] },
				{ annee: 2023, lines: [['46042', 'Cahors', 4.166, 21712.15, 20141, 3.704]] }
			])
		);
		const apl = rowsOf(buildApl(from, cog, () => {}));
		rmSync(from, { recursive: true });
		expect(apl.map((r) => `${r.code}/${r.annee}`)).toEqual(['46042/2022', '46042/2023', '46999/2022']);
		const merged = apl[2];
		expect(merged.apl_mg).toBeCloseTo(3.7, 12); // (1·100 + 4·900) / 1000, the plain mean would be 2.5
		expect(merged.apl_mg_moins65).toBeCloseTo(2.8, 12);
		expect(merged.pop_totale).toBe(1090);
		expect(merged.pop_standardisee).toBe(1000);
		expect(merged.nb_codes_source).toBe(2);
		expect(apl[0].apl_mg).toBe(4.113);
	});

	it('takes the worst radon class and flags mixed merged communes; skips and logs bad rows', () => {
		expect(worstClass([1, 3, 1])).toEqual({ max: 3, min: 1, mixed: true });
		const log: string[] = [];
		const radon = rowsOf(buildRadon(FIXTURES, cog, (m) => log.push(m)));
		expect(radon).toEqual([
			{ code: '2A004', classe: 3, classe_min: 3, mixte: false, nb_communes_2018: 1, codes_2018: '2A004', code_origine: null },
			{ code: '46042', classe: 1, classe_min: 1, mixte: false, nb_communes_2018: 1, codes_2018: '46042', code_origine: null },
			{ code: '46999', classe: 3, classe_min: 1, mixte: true, nb_communes_2018: 2, codes_2018: '46997 46998', code_origine: null }
		]);
		expect(log[0]).toContain('1 corrompues');
		expect(log[0]).toContain('1 sans code');
		expect(log[0]).toContain('1 doublons (2A004)');
	});
});
