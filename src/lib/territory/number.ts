const formatters = new Map<number, Intl.NumberFormat>();

/**
 * A number the French way: 4,17 ; 12 345. Intl separates thousands with U+202F, which the shipped
 * font subset lacks (it showed as « 45461 »): the classic no-break space U+00A0 is used instead.
 */
export function formatNumber(value: number, precision: number): string {
	let f = formatters.get(precision);
	if (!f) {
		f = new Intl.NumberFormat('fr-FR', { minimumFractionDigits: precision, maximumFractionDigits: precision });
		formatters.set(precision, f);
	}
	return f.format(value).replaceAll('\u202f', '\u00a0');
}
