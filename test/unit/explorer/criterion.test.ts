import { describe, expect, it } from 'vitest';
import { CRITERION_OPS, passesCriterion, type CriterionFilter } from '../../../src/lib/links/view-state';

describe('criterion filter', () => {
	const above: CriterionFilter = { indicator: 'dist_msp_km', op: '>', value: 15 };
	const below: CriterionFilter = { ...above, op: '<' };

	it('is strict, as its words say: a value equal to the threshold is not kept', () => {
		expect(passesCriterion(above, 15)).toBe(false);
		expect(passesCriterion(above, 15.01)).toBe(true);
		expect(passesCriterion(below, 15)).toBe(false);
		expect(passesCriterion(below, 14.99)).toBe(true);
		expect(CRITERION_OPS['>']).toBe('strictement supérieur à');
		expect(CRITERION_OPS['<']).toBe('strictement inférieur à');
	});

	it('never keeps a commune without a value', () => {
		for (const v of [NaN, Infinity, -Infinity]) {
			expect(passesCriterion(above, v)).toBe(false);
			expect(passesCriterion(below, v)).toBe(false);
		}
	});
});
