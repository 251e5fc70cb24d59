import { describe, expect, it } from 'vitest';
import { SHIPPED_CLS, getShippedCls } from '../../../src/lib/register/register';
import { citedIndicator, citedTerritory, indicatorFigureSentence, isIndicatorFigure, type IndicatorFigure } from '../../../src/lib/data/queries/document-figures';
import { chiffreCiteSchema } from '../../../src/lib/register/schema';

const cited = (id: string) => (getShippedCls(id)?.chiffresCites ?? []).filter(isIndicatorFigure);

describe('figures of the documents that match an indicator', () => {
	it('name an indicator of the catalogue that has a value (not a zoning class)', () => {
		const all = SHIPPED_CLS.flatMap((c) => (c.chiffresCites ?? []).filter(isIndicatorFigure));
		expect(all.length).toBeGreaterThan(0);
		for (const c of all) expect(citedIndicator(c.indicateur)?.id, c.indicateur).toBe(c.indicateur);
		expect(citedIndicator('zonage_inconnu')).toBeUndefined();
	});

	it('hold the est-Cantal 65+ share and the Lot under-25 and 75+ shares, with their dates', () => {
		expect(cited('est-cantal-2018').map((c) => [c.indicateur, c.valeur, c.departement])).toEqual([['part_65_plus', 28, undefined]]);
		for (const id of ['cauvaldor', 'grand-figeac', 'pter-grand-quercy']) {
			const lot = cited(id).map((c) => [c.indicateur, c.valeur, c.departement, c.date]);
			expect(lot).toEqual([
				['part_moins_25', 22.4, '46', '18 novembre 2022'],
				['part_75_plus', 15.5, '46', '18 novembre 2022']
			]);
		}
	});

	it('refuse a figure that is neither a FINESS count nor an indicator', () => {
		const source = { document: '004_0265d92eed53777d.txt', titre: 'Fiche' };
		expect(chiffreCiteSchema.safeParse({ valeur: 28, citation: 'x', date: '2018', source }).success).toBe(false);
		expect(chiffreCiteSchema.safeParse({ indicateur: 'part_65_plus', valeur: 28, departement: '151', citation: 'x', date: '2018', source }).success).toBe(false);
		expect(chiffreCiteSchema.safeParse({ indicateur: 'part_65_plus', valeur: 28, citation: 'x', date: '2018', source }).success).toBe(true);
	});

	it('say both figures, or why the atlas has none yet', () => {
		const [c] = cited('est-cantal-2018');
		const indicator = citedIndicator('part_65_plus');
		if (!indicator) throw new Error('part_65_plus absent du catalogue');
		const base: IndicatorFigure = { cited: c, indicator, where: 'périmètre du contrat', millesime: 'INSEE, 2021', value: 27.64 };
		const both = indicatorFigureSentence(base);
		expect(both).toContain('28,0 %');
		expect(both).toContain('27,6 %');
		expect(both).toContain(c.date);
		expect(indicatorFigureSentence({ ...base, value: 'absent' })).toMatch(/dès que ses données sont importées/);
		expect(indicatorFigureSentence({ ...base, value: NaN })).toMatch(/ne la donnent pas/);
	});
});

describe('the territory of a cited figure', () => {
	it('labels the Lot’s figures as the Lot’s wherever a contract of the Lot quotes them', () => {
		for (const id of ['cauvaldor', 'grand-figeac', 'pter-grand-quercy']) {
			const cls = SHIPPED_CLS.find((c) => c.id.includes(id));
			expect(cls, id).toBeDefined();
			const lot = (cls!.chiffresCites ?? []).filter(isIndicatorFigure).filter((c) => c.departement === '46');
			expect(lot.length, id).toBeGreaterThan(0);
			for (const c of lot) expect(citedTerritory(c)).toBe('chiffre du département du Lot ; l’atlas : même département');
		}
	});

	it('says when the atlas compares another territory than the document’s', () => {
		expect(citedTerritory({ territoire: 'bassin de santé intermédiaire' })).toBe('chiffre du bassin de santé intermédiaire ; l’atlas : périmètre du contrat');
		expect(citedTerritory({})).toBe('chiffre du périmètre du contrat');
		expect(citedTerritory({ departement: '15' })).toBe('chiffre du département 15 ; l’atlas : même département');
	});
});
