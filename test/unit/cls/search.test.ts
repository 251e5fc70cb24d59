import { describe, expect, it } from 'vitest';
import { SHIPPED_CLS } from '../../../src/lib/register/register';
import { aliasedEpci, clsSearchHits, searchWithCls, shortNameOf } from '../../../src/lib/data/queries/cls-search';
import type { TerritoryHit } from '../../../src/lib/data/queries/search';

describe('CLS in the search box (the shipped register)', () => {
	it('reads a usual short name from the porteur’s name, none without a final parenthesis', () => {
		expect(shortNameOf('Communauté de communes Causses et Vallée de la Dordogne (Cauvaldor)')).toBe('Cauvaldor');
		expect(shortNameOf('Communauté de communes du Grand Figeac')).toBeNull();
	});

	it('« Cauvaldor » finds its CLS and names its EPCI by SIREN', () => {
		const hits = clsSearchHits(SHIPPED_CLS, 'cauvaldor', []).named;
		expect(hits.map((h) => h.code)).toEqual(['cauvaldor']);
		expect(aliasedEpci(SHIPPED_CLS, 'Cauvaldor')).toEqual([{ siren: '200066371', alias: 'Cauvaldor' }]);
		// A word start only: « aldor » is not a word of any name.
		expect(clsSearchHits(SHIPPED_CLS, 'aldor', [])).toEqual({ named: [], covering: [] });
	});

	it('finds a CLS by its name without accents, and by an EPCI of its perimeter', () => {
		expect(clsSearchHits(SHIPPED_CLS, 'bassin d aurillac', []).named.map((h) => h.code)).toEqual(['bassin-aurillac-carlades-chataigneraie-2024-2028']);
		const epci: TerritoryHit = { level: 'epci', code: '200066660', nom: 'CC de Saint-Flour', detail: 'CC · 53 communes' };
		expect(clsSearchHits(SHIPPED_CLS, 'cc de saint-flour', [epci]).covering.map((h) => h.code)).toContain('est-cantal-2018');
	});

	it('puts the CLS first, then the EPCI its short name names, then the territories', async () => {
		// Fictitious answers of the territory search (test fixture): the EPCI by its SIREN, nothing by « cauvaldor ».
		const territories = async (text: string): Promise<TerritoryHit[]> =>
			text === '200066371' ? [{ level: 'epci', code: '200066371', nom: 'CC Causses et Vallée de la Dordogne', detail: 'CC · 77 communes' }] : [];
		const hits = await searchWithCls(SHIPPED_CLS, 'Cauvaldor', territories);
		expect(hits.map((h) => `${h.level}:${h.code}`)).toEqual(['cls:cauvaldor', 'epci:200066371']);
		expect(hits[1].detail).toBe('Cauvaldor · CC · 77 communes');
	});

	it('a territory named exactly as typed comes before a CLS: « Figeac » is the commune, then its CLS', async () => {
		// Fictitious answers of the territory search (test fixture).
		const territories = async (): Promise<TerritoryHit[]> => [
			{ level: 'commune', code: '46102', nom: 'Figeac', detail: 'Lot (46)' },
			{ level: 'epci', code: '200067361', nom: 'CC Grand-Figeac', detail: 'CC · 92 communes' }
		];
		const hits = await searchWithCls(SHIPPED_CLS, 'figeac', territories);
		expect(hits.map((h) => `${h.level}:${h.code}`)).toEqual(['commune:46102', 'cls:grand-figeac', 'epci:200067361']);
	});
});
