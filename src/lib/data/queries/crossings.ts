/**
 * Communes that crossed the sous-densité threshold between two millésimes of DREES's reference APL
 * (GPs under 65): under it in 2023 after being at or above it in 2022, and the other way. The list a
 * diagnostic quotes beside the change map.
 */
import { APL_SOUS_DENSITE } from '../../indicators/catalogue';
import type { Area } from '../../territory/key';
import { areaCondition, areaId } from './values';
import { sql } from './sql';
import type { DataSource } from './source';

export interface Crossing {
	code: string;
	nom: string;
	/** Population municipale (NaN when unknown). */
	population: number;
	before: number;
	after: number;
	/** `down`: fell under the threshold; `up`: rose to it or above. */
	direction: 'down' | 'up';
}

/** The millésimes compared. */
export const CROSSING_YEARS = [2022, 2023] as const;

/** Communes of `area` whose APL crossed `threshold` between the two millésimes, largest population first. Cached. */
export function thresholdCrossings(source: DataSource, area: Area, threshold = APL_SOUS_DENSITE.value): Promise<Crossing[]> {
	const [before, after] = CROSSING_YEARS;
	return source.cached(`crossings|${threshold}|${areaId(area)}`, async () => {
		const rows = await source.rows<{ code: string; nom: string; population: number | null; before: number; after: number }>(
			['communes', 'apl'],
			sql`SELECT c.code, c.nom, c.population::DOUBLE AS population, b.apl_mg_moins65::DOUBLE AS before, a.apl_mg_moins65::DOUBLE AS after
				FROM communes c
				JOIN apl b ON b.code = c.code AND b.annee = ${before}
				JOIN apl a ON a.code = c.code AND a.annee = ${after}
				WHERE ${areaCondition(area)} AND (b.apl_mg_moins65 < ${threshold}) <> (a.apl_mg_moins65 < ${threshold})
				ORDER BY c.population DESC NULLS LAST, c.code`
		);
		return rows.map((r) => ({
			code: String(r.code),
			nom: String(r.nom),
			population: r.population === null ? NaN : Number(r.population),
			before: Number(r.before),
			after: Number(r.after),
			direction: Number(r.after) < threshold ? 'down' : 'up'
		}));
	});
}
