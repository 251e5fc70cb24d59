/**
 * The numbered sources of a printed page: each line once, in first-cited order, numbered from 1; a table row or a
 * chart cites the number of its line instead of repeating it. When every line ends with the same licence « (…) »,
 * the licence is printed once below the list rather than on each line.
 */
export interface Footnotes {
	/** The lines, each once, in the order they were first given. */
	readonly lines: readonly string[];
	/** The licence closing every line, or null when the lines do not share one. */
	readonly sharedLicence: string | null;
	/** The number of a line (1 for the first), 0 when the page does not cite it. */
	number(line: string): number;
	/** A line without the shared licence. */
	withoutLicence(line: string): string;
}

export function footnotes(lines: Iterable<string>): Footnotes {
	const unique = [...new Set(lines)];
	const licence = unique[0]?.match(/ \(([^()]+)\)$/)?.[1];
	const sharedLicence = licence && unique.every((line) => line.endsWith(` (${licence})`)) ? licence : null;
	const suffix = sharedLicence ? ` (${sharedLicence})` : '';
	return {
		lines: unique,
		sharedLicence,
		number: (line) => unique.indexOf(line) + 1,
		withoutLicence: (line) => (suffix && line.endsWith(suffix) ? line.slice(0, -suffix.length) : line)
	};
}
