import { describe, expect, it } from 'vitest';
import { insideRing, pointsInside } from '../../../src/lib/map/lasso';

// A "C" shape: the notch on the right (x in 1..3, y in 1..2) is outside.
const C = [0, 0, 3, 0, 3, 1, 1, 1, 1, 2, 3, 2, 3, 3, 0, 3];

describe('lasso', () => {
	it('tells inside from outside, notch included', () => {
		expect(insideRing(0.5, 1.5, C)).toBe(true);
		expect(insideRing(2, 0.5, C)).toBe(true);
		expect(insideRing(2, 1.5, C)).toBe(false);
		expect(insideRing(4, 1.5, C)).toBe(false);
		expect(insideRing(-0.1, 2, C)).toBe(false);
	});

	it('keeps the indices of the points inside, none for a degenerate ring', () => {
		const xs = [0.5, 2, 2, 4, 2.5];
		const ys = [1.5, 1.5, 2.5, 1, 0.2];
		expect(pointsInside(xs, ys, C)).toEqual([0, 2, 4]);
		expect(pointsInside(xs, ys, [0, 0, 3, 3])).toEqual([]);
	});
});
