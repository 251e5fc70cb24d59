/**
 * Age structure of a territory beside its references, from the INSEE census table `population_ages`
 * when the atlas ships it: the share of a band is Σ band / Σ population over the communes, the same
 * ratio of sums as every other figure of the portrait.
 */
import type { Area } from '../../territory/key';
import { AGE_BANDS, COARSE_BANDS, POPULATION_AGES_TABLE, TABLE_BANDS, ageColumn, menColumn, womenColumn, type AgeBand } from '../../indicators/age-bands';
import { raw, sql } from './sql';
import type { DataSource } from './source';
import { areaCondition } from './values';
import { coverageState, type Coverage } from '../../indicators/coverage';

export interface AgeShares {
	/** Share of the population in each band of the structure's `bands` (0–1); NaN when no commune has data. */
	all: number[];
	/** Men, women of each band as shares of the population known by sex; null without columns by sex. */
	men: number[] | null;
	women: number[] | null;
	/** Communes of the area in the census table, of those inhabited: below MIN_COVERAGE the shares are withheld (NaN). */
	coverage: Coverage;
}

export interface AgeStructure {
	/** Census year. */
	annee: number;
	/** The bands of the file imported: AGE_BANDS (commune base), or COARSE_BANDS (the IRIS base has 75+ in one band). */
	bands: readonly AgeBand[];
	/** One entry per target, in the order given. */
	shares: AgeShares[];
}

const sums = (columns: readonly string[], filter = '') => columns.map((c) => `sum(p.${c})${filter} AS ${c}`);

/** Column names come from TABLE_BANDS only; the communes are bound parameters. */
const SUMS = [
	...sums(['pop', ...TABLE_BANDS.map(ageColumn), ...TABLE_BANDS.map(menColumn), ...TABLE_BANDS.map(womenColumn)]),
	// The pyramid's denominator: the population of the communes known by sex.
	`sum(p.pop) FILTER (WHERE p.${menColumn(AGE_BANDS[0])} IS NOT NULL) AS pop_sexe`,
	'count(p.code) AS covered',
	'count(*) FILTER (WHERE c.population > 0 OR p.code IS NOT NULL) AS expected'
].join(', ');

type Sums = Record<string, number | bigint | null>;

function shares(row: Sums, columns: readonly string[], total: number | bigint | null): number[] | null {
	if (total === null || Number(total) <= 0) return null;
	return columns.map((c) => (row[c] === null ? NaN : Number(row[c]) / Number(total)));
}

/**
 * The age structure of each area (territory, département, région, France); null when the table is
 * empty or when this build of the atlas does not ship it.
 */
export async function ageStructure(source: DataSource, areas: readonly Area[]): Promise<AgeStructure | null> {
	if (!source.has(POPULATION_AGES_TABLE)) return null;
	const tables = ['communes', POPULATION_AGES_TABLE];
	const meta = (
		await source.query(
			tables,
			sql`SELECT max(annee)::INTEGER AS annee, count(${raw(ageColumn(AGE_BANDS[5]))})::INTEGER AS detailed FROM ${raw(POPULATION_AGES_TABLE)}`
		)
	).get(0)?.toJSON();
	if (meta?.annee === null || meta?.annee === undefined) return null;
	// A file without the 75–89 band (the IRIS base) has 75+ in one band.
	const bands: readonly AgeBand[] = Number(meta.detailed) > 0 ? AGE_BANDS : COARSE_BANDS;
	const out: AgeShares[] = [];
	for (const area of areas) {
		const row = (
			await source.query(tables, sql`SELECT ${raw(SUMS)} FROM communes c LEFT JOIN ${raw(POPULATION_AGES_TABLE)} p ON p.code = c.code WHERE ${areaCondition(area)}`)
		).get(0)!.toJSON() as Sums;
		const coverage = { covered: Number(row.covered), expected: Number(row.expected) };
		const shown = coverageState(coverage) !== 'withheld';
		const all = (shown ? shares(row, bands.map(ageColumn), row.pop) : null) ?? bands.map(() => NaN);
		const bySex = (columns: readonly string[]) => (shown ? shares(row, columns, row.pop_sexe) : null);
		out.push({ all, men: bySex(bands.map(menColumn)), women: bySex(bands.map(womenColumn)), coverage });
	}
	return { annee: Number(meta.annee), bands, shares: out };
}
