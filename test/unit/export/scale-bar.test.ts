import { describe, expect, it } from 'vitest';
import { scaleBar } from '../../../src/lib/export/map-image';

describe('scale bar of the exported map', () => {
	it('picks a round length that fits', () => {
		// 1 km per pixel: at most 120 km → 100 km, 100 px.
		expect(scaleBar(1000)).toEqual({ metres: 100_000, pixels: 100, label: '100 km' });
		// 7.3 m per pixel: at most 876 m → 500 m.
		const bar = scaleBar(7.3);
		expect(bar.metres).toBe(500);
		expect(bar.pixels).toBeCloseTo(68.49, 2);
		expect(bar.label).toBe('500 m');
	});
});
