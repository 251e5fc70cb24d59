import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { INDICATORS, THEMES } from '../../../src/lib/indicators/catalogue';

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
			expect(THEMES).toContain(indicator.theme);
			if (indicator.kind !== 'class') expect(indicator.unit).not.toBe('');
			if (indicator.kind !== 'class') expect(indicator.missing).not.toBe('');
		});

		it(`${indicator.id}: reads only tables that ship`, () => {
			for (const table of indicator.tables) expect(tables.has(table), table).toBe(true);
		});
	}

	it('labels bassin-de-vie values as such', () => {
		for (const indicator of INDICATORS.filter((i) => i.trueLevel === 'bassin_de_vie')) {
			expect(indicator.label).toMatch(/bassin de vie/);
		}
	});
});
