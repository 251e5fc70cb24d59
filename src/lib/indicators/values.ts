import type { DbConnector } from '../db/connector';
import type { Indicator } from './catalogue';

/**
 * One value per commune, in the order of the `communes` table (which is the order of the
 * commune geometry), so the result maps straight onto the polygons.
 * The SQL comes from the catalogue (constants), never from user input.
 */
export function communeValuesSql(indicator: Indicator): string {
	const value =
		indicator.kind === 'ratio'
			? `CAST(${indicator.factor} AS DOUBLE) * s.num / NULLIF(s.den, 0)`
			: 'CAST(s.value AS DOUBLE)';
	return `SELECT ${value} AS value FROM communes c LEFT JOIN (${indicator.sql}) s ON s.code = c.code ORDER BY c.code`;
}

/** Commune values as a Float64Array, NaN where the source has no value. */
export async function queryCommuneValues(db: DbConnector, indicator: Indicator): Promise<Float64Array> {
	const table = await db.query(communeValuesSql(indicator));
	const column = table.getChild('value');
	if (!column) throw new Error('colonne « value » absente du résultat');
	const out = new Float64Array(table.numRows);
	let i = 0;
	// Nulls come back as null through iteration; the raw buffer would hide them as 0.
	for (const v of column) out[i++] = v === null ? NaN : (v as number);
	return out;
}
