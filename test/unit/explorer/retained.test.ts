import { describe, expect, it } from 'vitest';
import { classifyValues } from '../../../src/lib/indicators/classify';
import { getIndicator } from '../../../src/lib/indicators/catalogue';
import { seedManualBreaks } from '../../../src/lib/links/view-state';
import { isDimmed } from '../../../src/lib/features/explorer/map-export';
import { legendLabel } from '../../../src/lib/export/map-image';
import { countAndPopulation, isNarrowed, narrowingLines, populationOf, retainedIndices } from '../../../src/lib/features/explorer/retained';

// Fictitious values (test fixture): six communes, the last out of scope, one without a value.
const VALUES = Float64Array.from([1.2, 2.4, 3.1, NaN, 4.0, 1.0]);
const IN_SCOPE = Uint8Array.from([1, 1, 1, 1, 1, 0]);
const classification = classifyValues(VALUES, 'manuel', 3, IN_SCOPE, [2.5, 3.5]);
const APL = getIndicator('apl_mg_moins65_2023');

describe('the territories the map keeps', () => {
	it('nothing narrows the map without a kept class or a criterion', () => {
		expect(retainedIndices({ classification, keptClasses: [], filterMask: null, level: 'commune' })).toBeNull();
		// A criterion on communes does not narrow a map of EPCI.
		expect(isNarrowed({ keptClasses: [], filterMask: new Uint8Array(6), level: 'epci' })).toBe(false);
	});

	it('a kept class keeps its territories in scope with a value, never the missing or out of scope', () => {
		expect(retainedIndices({ classification, keptClasses: [0], filterMask: null, level: 'commune' })).toEqual([0, 1]);
		expect(retainedIndices({ classification, keptClasses: [0, 2], filterMask: null, level: 'commune' })).toEqual([0, 1, 4]);
	});

	it('the criterion and the kept class together', () => {
		const mask = Uint8Array.from([0, 1, 1, 1, 1, 1]);
		expect(retainedIndices({ classification, keptClasses: [0], filterMask: mask, level: 'commune' })).toEqual([1]);
		expect(retainedIndices({ classification, keptClasses: [], filterMask: mask, level: 'commune' })).toEqual([1, 2, 4]);
	});

	it('counts and sums the population, or says none when one is unknown', () => {
		expect(populationOf([0, 1], [58000, 66, 1])).toBe(58066);
		expect(populationOf([0, 1], [58000, NaN])).toBeNull();
		expect(countAndPopulation(167, ['commune', 'communes'], 58066)).toBe('167 communes · 58\u00a0066 hab.');
		expect(countAndPopulation(1, ['commune', 'communes'], null)).toBe('1 commune');
	});

	it('says which class was kept, with its bounds, and the criterion', () => {
		const lines = narrowingLines(APL, classification, { keptClasses: [0], method: 'manuel', filter: { indicator: 'dist_msp_km', op: '>', value: 15 } }, 'commune');
		expect(lines[0]).toMatch(/^Classe gardée : 1 \(1,20 – < 2,50 consultations/);
		expect(lines[0]).toContain('seuils manuels en 3 classes');
		expect(lines[1]).toMatch(/^Critère : Distance à la maison de santé.* strictement supérieur à 15,0 km$/);
	});
});

describe('« Seuils manuels » and the PNG legend', () => {
	it('manual bounds start from those shown, rounded as displayed, so the map keeps its classes', () => {
		expect(seedManualBreaks([2.4999, 3.14159, 3.14], 2)).toEqual([2.5, 3.14]);
		const seeded = classifyValues(VALUES, 'manuel', 3, IN_SCOPE, seedManualBreaks([2.5, 3.5], 2));
		expect(seeded.counts.length).toBe(3);
	});

	it('a class the map hides is dimmed in the PNG legend, and says so', () => {
		expect(isDimmed([0], 1)).toBe(true);
		expect(isDimmed([0], 0)).toBe(false);
		expect(isDimmed([], 1)).toBe(false);
		expect(isDimmed([0], null)).toBe(false);
		expect(legendLabel({ color: '#000', label: '2,50 – < 3,50', count: 3, classIndex: 1, dimmed: true })).toBe('2,50 – < 3,50 (non affichée)');
	});
});
