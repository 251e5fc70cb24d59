import type { Indicator } from './catalogue';

const formatters = new Map<number, Intl.NumberFormat>();

/** A number the French way: 4,17 ; 12 345. */
export function formatNumber(value: number, precision: number): string {
	let f = formatters.get(precision);
	if (!f) {
		f = new Intl.NumberFormat('fr-FR', { minimumFractionDigits: precision, maximumFractionDigits: precision });
		formatters.set(precision, f);
	}
	return f.format(value);
}

/** An indicator's value for display, with its unit or class label; says so when there is none. */
export function formatValue(indicator: Indicator, value: number): string {
	if (!Number.isFinite(value)) return 'donnée manquante';
	if (indicator.kind === 'class') {
		return indicator.classes.find((c) => c.value === value)?.label ?? formatNumber(value, 0);
	}
	return `${formatNumber(value, indicator.precision)} ${indicator.unit}`;
}
