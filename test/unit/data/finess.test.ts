import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadCog } from '../../../pipeline/lib/cog';
import { SOURCE_FRANCE, SOURCE_OCCITANIE, categorieOf, mergeFiness, readFrance, readOccitanie } from '../../../pipeline/sources/finess';

const FIXTURES = join(import.meta.dirname, '../../fixtures/data');
const cog = loadCog(FIXTURES);
const occitanie = readOccitanie(join(FIXTURES, 'finess-occitanie-2026/finess_occitanie2.csv'), cog);
const france = readFrance(join(FIXTURES, 'finess-france-2021/finess_et_20210108_flat_with_commune.csv'), cog);

describe('FINESS', () => {
	it('collapses the Occitanie rows per activity into one row per ET', () => {
		expect(occitanie.rows).toBe(4);
		expect(occitanie.etablissements.map((e) => e.nofinesset)).toEqual(['460000001', '460000002']);
		expect(occitanie.etablissements[0]).toMatchObject({ nofinessej: '460000009', categetab: 603, codeCommune: '46042', dep: '46', lon: 1.44, lat: 44.45 });
	});

	it('remaps an old commune code to COG 2025', () => {
		expect(occitanie.etablissements[1].codeCommune).toBe('46999');
	});

	it('uses Occitanie 2026 in Occitanie and France 2021 elsewhere; DROM kept without coordinates, COM dropped', () => {
		expect(france.outside).toBe(1); // 97500 Saint-Pierre-et-Miquelon
		const { merged, replaced } = mergeFiness(occitanie.etablissements, france.etablissements);
		expect(replaced).toBe(2);
		expect(merged.map((e) => [e.nofinesset, e.source])).toEqual([
			['2A0000004', SOURCE_FRANCE],
			['460000001', SOURCE_OCCITANIE],
			['460000002', SOURCE_OCCITANIE],
			['970000005', SOURCE_FRANCE]
		]);
		expect(merged[1].raisonSociale).toBe('MSP DU CAUSSE');
		expect(merged[0].dep).toBe('2A');
		expect(merged[3]).toMatchObject({ dep: '973', lon: null, lat: null, codeCommune: null });
	});

	it('maps FINESS categories to atlas categories', () => {
		expect([603, 124, 500, 604, 620, 355, 101, 611, null].map(categorieOf)).toEqual([
			'msp', 'centre_sante', 'ehpad', 'cpts', 'pharmacie', 'hopital', 'hopital', 'autre', 'autre'
		]);
	});
});
