/**
 * Communes around a commune, read from the pipeline's artefacts: those sharing a border with it
 * (`communes_voisines`, pipeline/adjacency.ts) and the other communes of its EPCI. Every value is bound,
 * never spliced; the source loads the tables each query reads.
 */
import { isCommuneCode } from '../../territory/insee-code';
import { raw, sql, type Sql } from './sql';
import type { DataSource } from './source';
import type { Level } from '../../territory/key';

export interface NearbyCommune {
	code: string;
	nom: string;
}

/** Largest population first, so that a list cut short keeps the communes that weigh most. */
const ORDER = raw('ORDER BY c.population DESC NULLS LAST, c.code');

function checked(code: string): string {
	if (!isCommuneCode(code)) throw new Error(`« ${code} » n’est pas un code commune INSEE`);
	return code;
}

async function communeRows(source: DataSource, tables: readonly string[], query: Sql): Promise<NearbyCommune[]> {
	const rows = await source.rows<{ code: string; nom: string }>(tables, query);
	return rows.map((row) => ({ code: String(row.code), nom: String(row.nom) }));
}

/** The communes sharing a border with `code` (none for an island commune). */
export async function neighbourCommunes(source: DataSource, code: string): Promise<NearbyCommune[]> {
	return communeRows(
		source,
		['communes', 'communes_voisines'],
		sql`WITH v AS (SELECT unnest(string_split(voisins, ' ')) AS code FROM communes_voisines WHERE code = ${checked(code)})
			SELECT c.code, c.nom FROM v JOIN communes c ON c.code = v.code ${ORDER}`
	);
}

/** The other communes of the EPCI of `code`, with the EPCI's name; null when the commune belongs to none. */
export async function epciCommunes(source: DataSource, code: string): Promise<{ epci: string; communes: NearbyCommune[] } | null> {
	const c = checked(code);
	const names = await source.rows<{ nom: string | null }>(['communes', 'epci'], sql`SELECT e.nom FROM communes s JOIN epci e ON e.code = s.epci WHERE s.code = ${c}`);
	const epci = names[0]?.nom ?? null;
	if (epci === null) return null;
	return {
		epci: String(epci),
		communes: await communeRows(source, ['communes'], sql`SELECT c.code, c.nom FROM communes s JOIN communes c ON c.epci = s.epci WHERE s.code = ${c} AND c.code <> s.code ${ORDER}`)
	};
}

/** Where each territory of a level lies and which territories of the same level border it. */
export interface LevelAdjacency {
	/** code → centroid (mean of its communes' centroids for a grouping level) and neighbours' codes. */
	territories: Map<string, { lon: number; lat: number; neighbours: string[] }>;
}

/** Column of `communes` that holds each level's code. */
const LEVEL_COLUMN: Record<Level, string> = { commune: 'code', epci: 'epci', departement: 'dep', region: 'reg' };

/**
 * Adjacency of the territories of a level, for moving across the map with the keyboard: two
 * territories are neighbours when one commune of each shares a border (`communes_voisines`), so the
 * commune adjacency is aggregated for EPCI, départements and régions. Cached per level.
 */
export function levelAdjacency(source: DataSource, level: Level): Promise<LevelAdjacency> {
	const column = raw(LEVEL_COLUMN[level]);
	return source.cached(`adjacency|${level}`, async () => {
		const rows = await source.rows<{ code: string; lon: number; lat: number; voisins: string[] | null }>(
			['communes', 'communes_voisines'],
			sql`WITH edges AS (SELECT code, unnest(string_split(voisins, ' ')) AS voisin FROM communes_voisines),
				pairs AS (
					SELECT DISTINCT a.${column} AS code, b.${column} AS voisin
					FROM edges e JOIN communes a ON a.code = e.code JOIN communes b ON b.code = e.voisin
					WHERE a.${column} IS NOT NULL AND b.${column} IS NOT NULL AND a.${column} <> b.${column}
				),
				centres AS (
					SELECT ${column} AS code, avg(lon) AS lon, avg(lat) AS lat FROM communes
					WHERE ${column} IS NOT NULL AND lon IS NOT NULL GROUP BY ${column}
				)
				SELECT c.code, c.lon, c.lat, list(p.voisin ORDER BY p.voisin) FILTER (WHERE p.voisin IS NOT NULL) AS voisins
				FROM centres c LEFT JOIN pairs p ON p.code = c.code
				GROUP BY c.code, c.lon, c.lat`
		);
		const territories = new Map<string, { lon: number; lat: number; neighbours: string[] }>();
		for (const row of rows) {
			territories.set(String(row.code), { lon: Number(row.lon), lat: Number(row.lat), neighbours: row.voisins ? Array.from(row.voisins, String) : [] });
		}
		return { territories };
	});
}
