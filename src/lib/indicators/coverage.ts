import { formatNumber } from '../territory/number';

/**
 * An aggregate over the communes of an area is only as true as the communes it sums: a reference of
 * the Lot computed on the 77 communes of an imported file is Cauvaldor's value, not the Lot's.
 * Every aggregate carries how many inhabited communes of its area have a value; below MIN_COVERAGE it
 * is withheld, above it is shown with the count when one is missing. An uninhabited commune (the
 * villages of the Meuse « morts pour la France ») without a value is not counted as missing.
 */
export interface Coverage {
	/** Communes of the area with a value. */
	covered: number;
	/** Communes of the area that could have one: inhabited, or with a value. */
	expected: number;
}

/** Share of the communes below which an aggregate is not shown (data/SOURCES.md, « Couverture »). */
export const MIN_COVERAGE = 0.8;

export type CoverageState = 'complete' | 'partial' | 'withheld';

export function coverageState(c: Coverage): CoverageState {
	if (c.covered >= c.expected) return 'complete';
	return c.covered >= MIN_COVERAGE * c.expected ? 'partial' : 'withheld';
}

const communes = (n: number) => `${formatNumber(n, 0)} commune${n > 1 ? 's' : ''}`;

/**
 * What a figure says of its coverage: nothing when complete, « calculé sur 77 communes sur 313 » when
 * partial, why it is withheld otherwise (an area without any commune with a value just has no value).
 */
export function coverageNote(c: Coverage | undefined): string | null {
	if (!c || c.expected === 0) return null;
	switch (coverageState(c)) {
		case 'complete':
			return null;
		case 'partial':
			return `calculé sur ${communes(c.covered)} sur ${formatNumber(c.expected, 0)}`;
		case 'withheld':
			return c.covered === 0
				? null
				: `non calculé : ${communes(c.covered)} sur ${formatNumber(c.expected, 0)} ont une valeur (moins de ${formatNumber(100 * MIN_COVERAGE, 0)} %)`;
	}
}
