import { describe, expect, it } from 'vitest';
import { classify, classIndex, classifyCategories, classifyQuantiles, quantileBreaks } from '../../../src/lib/indicators/classify';

describe('classIndex', () => {
	it('puts a value equal to a bound in the upper class', () => {
		expect(classIndex(1.99, [2, 4])).toBe(0);
		expect(classIndex(2, [2, 4])).toBe(1);
		expect(classIndex(4, [2, 4])).toBe(2);
		expect(classIndex(100, [2, 4])).toBe(2);
	});
});

describe('quantile classes', () => {
	it('splits 1…12 into four classes of three', () => {
		const values = Float64Array.from({ length: 12 }, (_, i) => i + 1);
		const c = classifyQuantiles(values, 4);
		expect(c.counts).toEqual([3, 3, 3, 3]);
		expect(c.min).toBe(1);
		expect(c.max).toBe(12);
	});

	it('drops duplicate bounds when many values tie', () => {
		// Quartiles 0, 0, 0.25 (interpolated): the tied zeros make one class, not three empty ones.
		const sorted = Float64Array.from([0, 0, 0, 0, 0, 0, 1, 2]);
		expect(quantileBreaks(sorted, 4)).toEqual([0.25]);
	});

	it('counts missing values apart and marks them −1', () => {
		const c = classify(Float64Array.from([1, NaN, 3]), [2]);
		expect(c.counts).toEqual([1, 1]);
		expect(c.missing).toBe(1);
		expect(Array.from(c.classOf)).toEqual([0, -1, 1]);
	});
});

describe('categorical classes', () => {
	it('follows the declared order of categories', () => {
		const c = classifyCategories(Float64Array.from([3, 1, 1, NaN, 2]), [1, 2, 3]);
		expect(c.counts).toEqual([2, 1, 1]);
		expect(c.missing).toBe(1);
		expect(Array.from(c.classOf)).toEqual([2, 0, 0, -1, 1]);
	});
});
