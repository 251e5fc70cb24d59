import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { DIRECTION_LABELS, INDICATORS, INDICATOR_THEMES, getIndicator, tablesOf } from '../../../src/lib/indicators/catalogue';
import { formatThreshold } from '../../../src/lib/indicators/format';

const manifest = JSON.parse(readFileSync(resolve(import.meta.dirname, '../../../static/data/manifest.json'), 'utf8')) as {
	artefacts: { table: string }[];
};
const tables = new Set(manifest.artefacts.map((a) => a.table));

describe('the indicator catalogue', () => {
	it('has unique ids', () => {
		expect(new Set(INDICATORS.map((i) => i.id)).size).toBe(INDICATORS.length);
	});

	for (const indicator of INDICATORS) {
		it(`${indicator.id}: source, millésime, licence, unit, definition and theme are given`, () => {
			expect(indicator.source.producer).not.toBe('');
			expect(indicator.source.dataset).not.toBe('');
			expect(indicator.source.millesime).toMatch(/\d{4}/);
			expect(indicator.source.licence).toMatch(/Licence Ouverte/);
			expect(indicator.definition.length).toBeGreaterThan(30);
			expect(INDICATOR_THEMES).toContain(indicator.theme);
			if (indicator.kind !== 'class') expect(indicator.unit).not.toBe('');
			if (indicator.kind !== 'class') expect(indicator.missing).not.toBe('');
		});

		it(`${indicator.id}: reads only tables that ship`, () => {
			for (const table of tablesOf(indicator)) expect(tables.has(table), table).toBe(true);
		});
	}

	it('labels bassin-de-vie values as such, and ranks no commune on them nor on BPE 2013 counts', () => {
		for (const indicator of INDICATORS.filter((i) => i.trueLevel === 'bassin_de_vie')) {
			expect(indicator.label).toMatch(/bassin de vie/);
			expect(indicator.unrankedAtCommune).toBe('mesuré au bassin de vie');
		}
		for (const indicator of INDICATORS.filter((i) => i.id.endsWith('_bpe2013'))) expect(indicator.unrankedAtCommune).toBe('BPE 2013');
		expect(getIndicator('dist_msp_km').unrankedAtCommune).toBeUndefined();
	});

	it('declares the direction of every indicator, neutral for counts and densities of people', () => {
		for (const indicator of INDICATORS) expect(Object.keys(DIRECTION_LABELS), indicator.id).toContain(indicator.direction);
		expect(getIndicator('population').direction).toBe('neutral');
		expect(getIndicator('densite_population').direction).toBe('neutral');
		expect(getIndicator('dist_msp_km').direction).toBe('higher_worse');
		expect(getIndicator('apl_mg_moins65_2023').direction).toBe('higher_better');
	});

	it('attaches the 2,5 sous-densité threshold to the reference APL only, with its source', () => {
		const withThreshold = INDICATORS.filter((i) => i.thresholds?.length).map((i) => i.id);
		expect(withThreshold).toEqual(['apl_mg_moins65_2023', 'apl_mg_moins65_2022']);
		const [t] = getIndicator('apl_mg_moins65_2023').thresholds!;
		expect(t.value).toBe(2.5);
		expect(t.source).toMatch(/DREES/);
		expect(formatThreshold(getIndicator('apl_mg_moins65_2023'), t)).toBe('seuil de sous-densité 2,5');
		expect(getIndicator('apl_mg_moins65_sous_seuil_2023').measure).toMatchObject({ kind: 'share', when: { column: 'apl_mg_moins65', below: 2.5 } });
	});
});
