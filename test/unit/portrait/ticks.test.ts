import { describe, expect, it } from 'vitest';
import { integerTicks } from '../../../src/lib/features/portrait/ui/ticks';

describe('chart axis ticks', () => {
	it('count every unit up to the threshold, every other one beyond', () => {
		expect(integerTicks(4.2, 6)).toEqual([0, 1, 2, 3, 4]);
		expect(integerTicks(7.9, 6)).toEqual([0, 2, 4, 6]);
		expect(integerTicks(7.9, 8)).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
	});
});
