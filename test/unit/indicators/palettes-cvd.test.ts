import { describe, expect, it } from 'vitest';
import { schemeRdYlGn, schemeSpectral } from 'd3-scale-chromatic';
import { INDICATORS } from '../../../src/lib/indicators/catalogue';
import { classColors } from '../../../src/lib/indicators/palettes';
import { MAX_CLASSES, MIN_CLASSES } from '../../../src/lib/indicators/classify';
import { deltaE2000, seenDifference, type Vision } from './color-vision';

/**
 * Every map must stay readable with a red–green colour vision deficiency: any two classes of a palette,
 * seen through a protanope's or a deuteranope's eyes (Machado 2009), differ by at least MIN_DIFFERENCE
 * (CIEDE2000; about 2.3 is a just-noticeable difference, neighbouring fills on a map need more).
 */
const MIN_DIFFERENCE = 4.5;
const VISIONS: Vision[] = ['normale', 'protanopie', 'deutéranopie'];

/** The smallest difference between two classes of `colors` with `vision`, and which pair. */
function closestPair(colors: readonly string[], vision: Vision): { difference: number; pair: string } {
	let difference = Infinity;
	let pair = '';
	for (let i = 0; i < colors.length; i++) {
		for (let j = i + 1; j < colors.length; j++) {
			const d = seenDifference(colors[i], colors[j], vision);
			if (d < difference) [difference, pair] = [d, `${colors[i]} / ${colors[j]}`];
		}
	}
	return { difference, pair };
}

describe('colour difference and simulation', () => {
	it('gives CIEDE2000 as Sharma, Wu & Dalal’s reference pairs', () => {
		expect(deltaE2000([50, 2.6772, -79.7751], [50, 0, -82.7485])).toBeCloseTo(2.0425, 4);
		expect(deltaE2000([50, -1.3802, -84.2814], [50, 0, -82.7485])).toBeCloseTo(1.0, 4);
		expect(deltaE2000([60.2574, -34.0099, 36.2677], [60.4626, -34.1751, 39.4387])).toBeCloseTo(1.2644, 4);
	});

	it('makes red and green alike for a deuteranope, not blue and yellow', () => {
		expect(seenDifference('#d7191c', '#1a9641', 'normale')).toBeGreaterThan(40);
		expect(seenDifference('#d7191c', '#1a9641', 'deutéranopie')).toBeLessThan(15);
		expect(seenDifference('#2c7bb6', '#fdae61', 'deutéranopie')).toBeGreaterThan(40);
	});

	it('rejects the red–green palettes this test exists to keep out', () => {
		for (const scheme of [schemeRdYlGn, schemeSpectral]) {
			expect(closestPair(scheme[7], 'deutéranopie').difference).toBeLessThan(MIN_DIFFERENCE);
		}
	});
});

describe('the catalogue’s palettes', () => {
	for (const indicator of INDICATORS) {
		const counts = indicator.kind === 'class' ? [indicator.classes.length] : Array.from({ length: MAX_CLASSES - MIN_CLASSES + 1 }, (_, i) => MIN_CLASSES + i);
		it(`keeps every class of « ${indicator.label} » distinct with a red–green deficiency`, () => {
			for (const k of counts) {
				const colors = classColors(indicator, k);
				for (const vision of VISIONS) {
					const { difference, pair } = closestPair(colors, vision);
					expect(difference, `${k} classes, vision ${vision}: ${pair}`).toBeGreaterThanOrEqual(MIN_DIFFERENCE);
				}
			}
		});
	}
});
