/**
 * The portrait's charts as golden SVGs, the way Observable Plot tests its marks: each chart rendered on
 * fixed inputs by Svelte's server renderer and compared, line by line, with test/golden/<name>.svg. The
 * values are fictitious (marked so in each golden's name and title), chosen to reach the cases a chart has
 * to draw: a missing value, a long name cut, a legend that wraps, the compact variants of the printed page.
 */
import type { Component } from 'svelte';
import { render } from 'svelte/server';
import { describe, it } from 'vitest';
import { expectGoldenText } from '../../support/golden';
import { AGE_BANDS, COARSE_BANDS } from '../../../src/lib/indicators/age-bands';
import AgeBars from '../../../src/lib/features/portrait/ui/AgeBars.svelte';
import AgePyramid from '../../../src/lib/features/portrait/ui/AgePyramid.svelte';
import AplBars from '../../../src/lib/features/portrait/ui/AplBars.svelte';
import StripPlot from '../../../src/lib/features/portrait/ui/StripPlot.svelte';

/**
 * The chart's markup as a standalone SVG file, one element a line: without Svelte's hydration markers, with
 * the namespace a viewer needs, a title saying the values are fictitious. A diff then points at one mark.
 */
function svgFile<P extends Record<string, unknown>>(component: Component<P>, props: P, title: string): string {
	const { body } = render(component as Component<Record<string, unknown>>, { props });
	const markup = body
		.replace(/<!--[^]*?-->/g, '')
		.replace(/^<svg /, '<svg xmlns="http://www.w3.org/2000/svg" ')
		.replace(/^(<svg[^>]*>)/, `$1<desc>${title}</desc>`)
		.replace(/<(\w+)([^<>]*)><\/\1>/g, '<$1$2/>')
		.replaceAll('><', '>\n<');
	return `${markup}\n`;
}

const FICTITIOUS = 'Valeurs fictives, pour le test';

/** 64 communes of a fictitious département, codes and values spread by a fixed rule (no randomness). */
const communes = Array.from({ length: 64 }, (_, i) => `99${String(i + 1).padStart(3, '0')}`);
const values = Float64Array.from(communes, (_, i) => (i === 7 ? NaN : 0.6 + ((i * 37) % 64) / 11));

describe('portrait charts (golden SVGs)', () => {
	it('APL bars, before and after, a missing value and a long name cut', () => {
		const props = {
			labels: ['Communauté de communes du Territoire Fictif', 'Département fictif', 'Région fictive', 'France'],
			before: [2.41, 3.02, 3.35, 3.44],
			after: [2.68, NaN, 3.29, 3.4]
		};
		expectGoldenText(svgFile(AplBars, props, FICTITIOUS), 'apl-bars.svg');
		expectGoldenText(svgFile(AplBars, { ...props, compact: true }, FICTITIOUS), 'apl-bars-compact.svg');
	});

	it('strip plot of the communes, the territory marked and its commune highlighted', () => {
		const props = { values, codes: communes, marked: 3.12, markedLabel: 'Territoire fictif', highlight: '99012', reference: 3.4, referenceLabel: 'France' };
		expectGoldenText(svgFile(StripPlot, props, FICTITIOUS), 'strip-plot.svg');
		expectGoldenText(svgFile(StripPlot, { ...props, compact: true, highlight: null, reference: NaN }, FICTITIOUS), 'strip-plot-compact.svg');
	});

	it('age bars: the territory and three references, long names cut, a band missing', () => {
		const shares = [
			[0.152, 0.121, 0.149, 0.212, 0.214, 0.121, 0.031],
			[0.148, 0.132, 0.158, 0.208, 0.205, 0.12, 0.029],
			[0.161, 0.158, 0.172, 0.197, 0.183, 0.105, 0.024],
			[0.175, 0.176, 0.186, 0.196, 0.167, 0.084, 0.016]
		];
		shares[1][6] = NaN;
		const labels = ['Communauté de communes du Territoire Fictif', 'Département fictif', 'Région fictive du Grand Sud', 'France'];
		expectGoldenText(svgFile(AgeBars, { bands: AGE_BANDS, labels, shares }, FICTITIOUS), 'age-bars.svg');
	});

	it('age pyramid, with the reference outlined and without it (coarse bands)', () => {
		const territory = { men: [0.074, 0.061, 0.072, 0.104, 0.106, 0.056, 0.01], women: [0.07, 0.058, 0.075, 0.108, 0.11, 0.068, 0.021] };
		const reference = {
			all: [],
			men: [0.089, 0.088, 0.09, 0.096, 0.08, 0.037, 0.005],
			women: [0.085, 0.087, 0.095, 0.1, 0.088, 0.049, 0.012],
			coverage: { covered: 100, expected: 100 }
		};
		expectGoldenText(svgFile(AgePyramid, { bands: AGE_BANDS, territory, reference, referenceLabel: 'France' }, FICTITIOUS), 'age-pyramid.svg');
		const coarse = { men: [0.074, 0.061, 0.072, 0.104, 0.106, NaN], women: [0.07, 0.058, 0.075, 0.108, 0.11, 0.089] };
		expectGoldenText(svgFile(AgePyramid, { bands: COARSE_BANDS, territory: coarse, reference: null, referenceLabel: '' }, FICTITIOUS), 'age-pyramid-coarse.svg');
	});
});
