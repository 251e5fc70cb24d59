import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseManifest } from '../../../src/lib/data/engine/artefacts';
import { indicatorsUsing, otherUses, shippedOrder, sizeLabel } from '../../../src/lib/features/datasets/datasets';
import { tablesOf } from '../../../src/lib/indicators/measure';

const manifest = parseManifest(readFileSync(resolve(import.meta.dirname, '../../../static/data/manifest.json'), 'utf8'));

describe('the data page (/donnees)', () => {
	it('has, for every table of the manifest, its producer, millésime, licence and coverage, and at least one use', () => {
		for (const entry of manifest.artefacts) {
			expect(entry.about, entry.table).toMatchObject({ producer: expect.any(String), millesime: expect.any(String), licence: expect.any(String), couverture: expect.any(String) });
			expect(indicatorsUsing(entry.table).length > 0 || otherUses(entry.table) !== null, entry.table).toBe(true);
		}
	});

	it('names the caveats of the old BPE and of FINESS mixed millésimes', () => {
		const about = (table: string) => manifest.artefacts.find((a) => a.table === table)?.about;
		expect(about('bpe2013')?.limites?.join(' ')).toContain('Données anciennes (2013)');
		expect(about('finess')?.limites?.join(' ')).toContain('2025-2026 en Occitanie, 2021 ailleurs');
	});

	it('lists the indicators whose SQL reads a table', () => {
		expect(indicatorsUsing('apl').map((i) => i.id)).toContain('apl_mg_2023');
		expect(indicatorsUsing('apl').every((i) => tablesOf(i).includes('apl'))).toBe(true);
		expect(indicatorsUsing('communes').map((i) => i.id)).toEqual(['population', 'densite_population']);
		expect(indicatorsUsing('cog_passage')).toEqual([]);
	});

	it('lists the data tables first and the contours last, each group in the manifest\'s order', () => {
		const ordered = shippedOrder(manifest.artefacts).map((a) => a.table);
		const geometry = (t: string) => t.endsWith('_geom');
		const firstContour = ordered.findIndex(geometry);
		expect(firstContour).toBeGreaterThan(0);
		expect(ordered.slice(firstContour).every(geometry)).toBe(true);
		const inManifest = manifest.artefacts.map((a) => a.table);
		expect(ordered.filter((t) => !geometry(t))).toEqual(inManifest.filter((t) => !geometry(t)));
		expect(ordered.filter(geometry)).toEqual(inManifest.filter(geometry));
	});

	it('gives sizes in Ko under one Mo and in Mo with one decimal above', () => {
		expect(sizeLabel(2048)).toBe('2 Ko');
		expect(sizeLabel(1024 * 1024 - 1)).toBe('1\u00a0024 Ko');
		expect(sizeLabel(1024 * 1024)).toBe('1,0 Mo');
		expect(sizeLabel(3.25 * 1024 * 1024)).toBe('3,3 Mo');
	});
});
