import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { ckmeans } from 'simple-statistics';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { tableFromIPC } from 'apache-arrow';
import { gunzipSync } from 'node:zlib';
import { ckmeansStarts } from '../../../src/lib/indicators/ckmeans';
import {
	OUT_OF_SCOPE,
	classIndex,
	classify,
	classifyCategories,
	classifyValues,
	equalIntervalBreaks,
	jenksBreaks,
	quantileBreaks
} from '../../../src/lib/indicators/classify';

const sorted = (values: number[]) => Float64Array.from(values).sort();

describe('classIndex', () => {
	it('puts a value equal to a bound in the upper class', () => {
		expect(classIndex(1.99, [2, 4])).toBe(0);
		expect(classIndex(2, [2, 4])).toBe(1);
		expect(classIndex(4, [2, 4])).toBe(2);
		expect(classIndex(100, [2, 4])).toBe(2);
	});
});

describe('quantiles', () => {
	it('split 1…12 into four classes of three', () => {
		const c = classifyValues(Float64Array.from({ length: 12 }, (_, i) => i + 1), 'quantiles', 4);
		expect(c.counts).toEqual([3, 3, 3, 3]);
		expect(c.breaks).toEqual([3.75, 6.5, 9.25]);
		expect([c.min, c.max]).toEqual([1, 12]);
	});

	it('drop duplicate bounds when many values tie', () => {
		// Quartiles 0, 0, 0.25 (interpolated): the tied zeros make one class, not three empty ones.
		expect(quantileBreaks(sorted([0, 0, 0, 0, 0, 0, 1, 2]), 4)).toEqual([0.25]);
	});
});

describe('natural breaks (ckmeans)', () => {
	it('find the gaps between three obvious groups', () => {
		expect(jenksBreaks(sorted([1, 1.2, 1.1, 5, 5.3, 5.1, 10, 10.4, 9.8]), 3)).toEqual([5, 9.8]);
	});

	it('ask no more classes than there are distinct values', () => {
		expect(jenksBreaks(sorted([2, 2, 2, 7, 7]), 5)).toEqual([7]);
	});

	// The typed-array port must give simple-statistics' clusters, ties and all.
	const referenceStarts = (values: Float64Array, k: number) => {
		const starts: number[] = [];
		let at = 0;
		for (const cluster of ckmeans(Array.from(values), k)) {
			starts.push(at);
			at += cluster.length;
		}
		return starts;
	};

	it('split where simple-statistics does, on values with many ties', () => {
		// Few distinct values (ties everywhere) and spread ones, 2 to 9 classes.
		const values = fc.oneof(
			fc.array(fc.integer({ min: 0, max: 12 }), { minLength: 1, maxLength: 300 }),
			fc.array(fc.double({ min: -1e6, max: 1e6, noNaN: true }), { minLength: 1, maxLength: 300 })
		);
		fc.assert(
			fc.property(values, fc.integer({ min: 2, max: 9 }), (raw, k) => {
				const data = sorted(raw);
				const distinct = new Set(data).size;
				const classes = Math.min(k, distinct);
				expect(ckmeansStarts(data, classes)).toEqual(distinct === 1 ? [0] : referenceStarts(data, classes));
			}),
			{ numRuns: 300 }
		);
	});

	it('split the APL of the 35,000 communes where simple-statistics does', () => {
		const table = tableFromIPC(gunzipSync(readFileSync(resolve(import.meta.dirname, '../../../static/data/apl.arrows.gz'))));
		const apl = table.getChild('apl_mg')!.toArray() as Float64Array;
		const data = Float64Array.from(apl.filter(Number.isFinite)).sort();
		expect(data.length).toBeGreaterThan(30_000);
		expect(ckmeansStarts(data, 5)).toEqual(referenceStarts(data, 5));
	});
});

describe('equal intervals', () => {
	it('cut the range into k equal steps', () => {
		expect(equalIntervalBreaks(sorted([0, 3, 10]), 5)).toEqual([2, 4, 6, 8]);
	});
});

describe('manual breaks', () => {
	it('are sorted and used as given', () => {
		const c = classifyValues(Float64Array.from([1, 2, 3, 4, 5]), 'manuel', 0, undefined, [4, 2]);
		expect(c.breaks).toEqual([2, 4]);
		expect(c.counts).toEqual([1, 2, 2]);
	});

	it('outside the values are left out, and never make more than 9 classes', () => {
		const values = Float64Array.from([1, 2, 3, 4, 5]);
		expect(classifyValues(values, 'manuel', 0, undefined, [-100_000_000, 0, 3, 99]).breaks).toEqual([3]);
		const many = Array.from({ length: 1000 }, (_, i) => 1 + i / 250);
		const c = classifyValues(values, 'manuel', 0, undefined, many);
		expect(c.breaks.length).toBeLessThanOrEqual(8);
		expect(c.counts.length).toBeLessThanOrEqual(9);
		expect(classifyValues(values, 'manuel', 0, undefined, [NaN, Infinity, 2]).breaks).toEqual([2]);
	});
});

describe('scope and missing values', () => {
	it('classes are computed on the territories in scope only; others are marked out of scope', () => {
		const values = Float64Array.from([1, 2, 3, 4, 100, 200]);
		const inScope = Uint8Array.from([1, 1, 1, 1, 0, 0]);
		const c = classifyValues(values, 'quantiles', 2, inScope);
		expect(c.max).toBe(4);
		expect(c.breaks).toEqual([2.5]);
		expect(c.counts).toEqual([2, 2]);
		expect(c.classOf[4]).toBe(OUT_OF_SCOPE);
	});

	it('counts missing values apart and marks them −1', () => {
		const c = classify(Float64Array.from([1, NaN, 3]), [2]);
		expect(c.counts).toEqual([1, 1]);
		expect(c.missing).toBe(1);
		expect(Array.from(c.classOf)).toEqual([0, -1, 1]);
	});
});

describe('categorical classes', () => {
	it('follow the declared order of categories', () => {
		const c = classifyCategories(Float64Array.from([3, 1, 1, NaN, 2]), [1, 2, 3]);
		expect(c.counts).toEqual([2, 1, 1]);
		expect(c.missing).toBe(1);
		expect(Array.from(c.classOf)).toEqual([2, 0, 0, -1, 1]);
	});
});
