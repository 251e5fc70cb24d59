import { describe, expect, it } from 'vitest';
import { followUp, seriesOf, signatureYear } from '../../../src/lib/register/follow-up';
import { SHIPPED_CLS } from '../../../src/lib/register/register';

describe('follow-up of an action’s indicators', () => {
	it('groups the catalogue’s millésimes of one indicator into a series', () => {
		expect(seriesOf('apl_mg_moins65_2023').map((s) => [s.indicator.id, s.year])).toEqual([
			['apl_mg_moins65_2022', 2022],
			['apl_mg_moins65_2023', 2023]
		]);
		// Same stem, different unit or kind: not the same series.
		expect(seriesOf('apl_mg_moins65_sous_seuil_2023').map((s) => s.indicator.id)).toEqual(['apl_mg_moins65_sous_seuil_2023']);
		expect(seriesOf('population')).toEqual([]);
		expect(seriesOf('radon_classe')).toEqual([]);
	});

	it('takes the millésime in force at the signature, and the latest now', () => {
		const f = followUp('apl_mg_2023', 2022);
		expect(f.kind).toBe('change');
		if (f.kind === 'change') expect([f.signature.indicator.id, f.now.indicator.id]).toEqual(['apl_mg_2022', 'apl_mg_2023']);
		expect(followUp('apl_mg_2022', 2025)).toMatchObject({ kind: 'same', now: { year: 2023 } });
		expect(followUp('apl_mg_2023', 2018)).toMatchObject({ kind: 'after', first: { year: 2022 }, now: { year: 2023 }, signatureYear: 2018 });
		expect(followUp('apl_mg_2023', null)).toEqual({ kind: 'none' });
		expect(followUp('population', 2022)).toEqual({ kind: 'none' });
	});

	it('reads the signature year from the date, the year, or the period', () => {
		const year = (id: string) => signatureYear(SHIPPED_CLS.find((c) => c.id === id)!);
		expect(year('cauvaldor')).toBe(2022);
		expect(year('est-cantal-2018')).toBe(2018);
		expect(signatureYear({ dateSignature: null, periode: { debut: 2021, fin: 2026 } })).toBe(2021);
	});
});
