/**
 * The `population_ages` table, as the import of an INSEE base writes it (db/formats/population-ages.ts) and
 * the portrait reads it: census counts per commune, by age band and sex.
 */
import { LICENCE } from './catalogue';

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

/** 75 and over in one band: the IRIS base's only band beyond 74 (the commune base's 7589 + 90P). */
export const OLDEST_BAND = { insee: '75P', column: '75p', label: '75 ans ou plus', short: '75 et +' } as const;

/** The pyramid of a file that has no 75–89 / 90+ split (the IRIS base): the first five bands, then 75+. */
export const COARSE_BANDS = [...AGE_BANDS.slice(0, 5), OLDEST_BAND] as const;

/** Every band the table holds a column for (all, men, women). */
export const TABLE_BANDS = [...AGE_BANDS, OLDEST_BAND] as const;

export type AgeBand = (typeof TABLE_BANDS)[number];

/**
 * Age groups the CLS diagnostics quote that cut inside the pyramid's bands, each a column of the table: the
 * INSEE columns that give it (suffixes of `PAA_POP…`), and what to tell a user whose file lacks them.
 */
export const AGE_GROUPS = [
	{
		column: 'age_0024',
		label: 'moins de 25 ans',
		insee: ['0002', '0305', '0610', '1117', '1824'],
		lacking: 'le fichier n’a pas les tranches fines de 0 à 24 ans (la base communale ne les donne pas ; la base IRIS « base-ic-evol-struct-pop » les donne)'
	},
	{
		column: 'age_65p',
		label: '65 ans ou plus',
		insee: ['65P'],
		lacking: 'le fichier n’a ni la colonne des 65 ans ou plus, ni celles des hommes et des femmes de 65 ans ou plus'
	}
] as const;

/** Artefact columns of a band: all, men, women. */
export const ageColumn = (band: AgeBand) => `age_${band.column}`;
export const menColumn = (band: AgeBand) => `h_${band.column}`;
export const womenColumn = (band: AgeBand) => `f_${band.column}`;

/** Attribution of the table, for the portrait and its exports, written like the catalogue's `sourceLine`. */
export function populationAgesSource(annee: number): string {
	return `INSEE – Évolution et structure de la population (recensement, base communale ou IRIS), ${annee} (${LICENCE})`;
}
