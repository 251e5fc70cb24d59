/**
 * Age structure of a territory beside its references, from the INSEE census table `population_ages`
 * when the atlas ships it: the share of a band is Σ band / Σ population over the communes, the same
 * ratio of sums as every other figure of the portrait.
 */
import type { DbConnector } from '../db/connector';
import { communeSetCondition, type CommuneSet } from '../indicators/sql';
import { AGE_BANDS, POPULATION_AGES_TABLE, ageColumn, menColumn, womenColumn } from './age-bands';

export interface AgeShares {
	/** Share of the population in each band of AGE_BANDS (0–1); NaN when no commune has data. */
	all: number[];
	/** Men, women of each band as shares of the population known by sex; null without columns by sex. */
	men: number[] | null;
	women: number[] | null;
}

export interface AgeStructure {
	/** Census year. */
	annee: number;
	/** One entry per target, in the order given. */
	shares: AgeShares[];
}

const sums = (columns: readonly string[], filter = '') => columns.map((c) => `sum(p.${c})${filter} AS ${c}`);

/** Column names come from AGE_BANDS only; the communes are bound parameters. */
const SUMS = [
	...sums(['pop', ...AGE_BANDS.map(ageColumn), ...AGE_BANDS.map(menColumn), ...AGE_BANDS.map(womenColumn)]),
	// The pyramid's denominator: the population of the communes known by sex.
	`sum(p.pop) FILTER (WHERE p.${menColumn(AGE_BANDS[0])} IS NOT NULL) AS pop_sexe`
].join(', ');

type Sums = Record<string, number | bigint | null>;

function shares(row: Sums, columns: readonly string[], total: number | bigint | null): number[] | null {
	if (total === null || Number(total) <= 0) return null;
	return columns.map((c) => (row[c] === null ? NaN : Number(row[c]) / Number(total)));
}

/** The age structure of each target (territory, département, région, France); null when the table is empty. */
export async function ageStructure(db: DbConnector, targets: readonly CommuneSet[]): Promise<AgeStructure | null> {
	const year = (await db.query(`SELECT max(annee)::INTEGER AS annee FROM ${POPULATION_AGES_TABLE}`)).get(0)?.toJSON().annee;
	if (year === null || year === undefined) return null;
	const out: AgeShares[] = [];
	for (const target of targets) {
		const where = communeSetCondition(target);
		const row = (
			await db.query(`SELECT ${SUMS} FROM ${POPULATION_AGES_TABLE} p JOIN communes c ON c.code = p.code WHERE ${where.sql}`, where.params)
		).get(0)!.toJSON() as Sums;
		const all = shares(row, AGE_BANDS.map(ageColumn), row.pop) ?? AGE_BANDS.map(() => NaN);
		out.push({ all, men: shares(row, AGE_BANDS.map(menColumn), row.pop_sexe), women: shares(row, AGE_BANDS.map(womenColumn), row.pop_sexe) });
	}
	return { annee: Number(year), shares: out };
}
