import type { Indicator, Threshold } from './catalogue';
import { formatNumber } from '../territory/number';

/** An indicator's value for display, with its unit (unless told not to) or class label; says so when there is none. */
export function formatValue(indicator: Indicator, value: number, { unit = true } = {}): string {
	if (!Number.isFinite(value)) return unit ? 'donnée manquante' : '–';
	if (indicator.kind === 'class') {
		return indicator.classes.find((c) => c.value === value)?.label ?? formatNumber(value, 0);
	}
	const sign = indicator.kind === 'change' && value > 0 ? '+' : '';
	const text = sign + formatNumber(value, indicator.precision);
	return unit && indicator.unit ? `${text} ${indicator.unit}` : text;
}

/** « seuil de sous-densité 2,5 », a reference threshold of the catalogue as legend and tables print it. */
export function formatThreshold(indicator: Indicator, t: Threshold): string {
	return `${t.label} ${formatNumber(t.value, Math.min(indicator.precision, 1))}`;
}
