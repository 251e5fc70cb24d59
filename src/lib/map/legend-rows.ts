import type { Indicator } from '../indicators/catalogue';
import type { Classification } from '../indicators/classify';
import { classColors, MISSING_COLOR } from '../indicators/palettes';
import { formatNumber } from '../territory/number';
import type { LegendRow } from '../export/map-image';

/** Rows of a legend: one per class (bounds or category label, count), then missing values if any. */
export function legendRows(indicator: Indicator, classification: Classification): LegendRow[] {
	const colors = classColors(indicator, classification.counts.length);
	let rows: LegendRow[];
	if (indicator.kind === 'class') {
		rows = indicator.classes.map((c, i) => ({ color: colors[i], label: c.label, count: classification.counts[i], classIndex: i }));
	} else {
		const { breaks, min, max } = classification;
		const bounds = [min, ...breaks, max];
		const p = indicator.precision;
		rows = classification.counts.map((count, i) => ({
			color: colors[i],
			label: `${formatNumber(bounds[i], p)} – ${i === breaks.length ? '' : '< '}${formatNumber(bounds[i + 1], p)}`,
			count,
			classIndex: i
		}));
	}
	if (classification.missing > 0) {
		rows.push({
			color: `rgb(${MISSING_COLOR.slice(0, 3).join(' ')})`,
			label: 'Donnée manquante',
			count: classification.missing,
			classIndex: null
		});
	}
	return rows;
}

/**
 * Territories of each class that a filter keeps (mask[i] = 1), for « 1 commune retenue sur 37 »;
 * null without a filter. Same length as `classification.counts`.
 */
export function keptCounts(classification: Classification, mask: Uint8Array | null): number[] | null {
	if (!mask) return null;
	const kept = new Array<number>(classification.counts.length).fill(0);
	classification.classOf.forEach((c, i) => {
		if (c >= 0 && c < kept.length && mask[i]) kept[c]++;
	});
	return kept;
}
