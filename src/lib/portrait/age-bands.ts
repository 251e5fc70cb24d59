/**
 * The `population_ages` artefact, as `data/sources/population-ages.ts` writes it and the portrait
 * reads it: INSEE census counts per commune (base « base-cc-evol-struct-pop »), by age band and sex.
 */
import { LICENCE } from '../indicators/catalogue';

export const POPULATION_AGES_TABLE = 'population_ages';

/**
 * The seven bands of the INSEE file, in age order: its column suffix (`P21_POP0014`), the artefact's
 * (`age_0014`), the label and a short one for a line of figures.
 */
export const AGE_BANDS = [
	{ insee: '0014', column: '0014', label: '0–14 ans', short: '0–14' },
	{ insee: '1529', column: '1529', label: '15–29 ans', short: '15–29' },
	{ insee: '3044', column: '3044', label: '30–44 ans', short: '30–44' },
	{ insee: '4559', column: '4559', label: '45–59 ans', short: '45–59' },
	{ insee: '6074', column: '6074', label: '60–74 ans', short: '60–74' },
	{ insee: '7589', column: '7589', label: '75–89 ans', short: '75–89' },
	{ insee: '90P', column: '90p', label: '90 ans ou plus', short: '90 et +' }
] as const;

export type AgeBand = (typeof AGE_BANDS)[number];

/** Artefact columns of a band: all, men, women. */
export const ageColumn = (band: AgeBand) => `age_${band.column}`;
export const menColumn = (band: AgeBand) => `h_${band.column}`;
export const womenColumn = (band: AgeBand) => `f_${band.column}`;

/** Attribution of the table, for the portrait and its exports, written like the catalogue's `sourceLine`. */
export function populationAgesSource(annee: number): string {
	return `INSEE – Évolution et structure de la population (recensement, base-cc-evol-struct-pop), ${annee} (${LICENCE})`;
}
