/**
 * Communes around a commune, read from the pipeline's artefacts: those sharing a border with it
 * (`communes_voisines`, data/adjacency.ts) and the other communes of its EPCI. Every value is bound,
 * never spliced; the source loads the tables each query reads.
 */
import { isCommuneCode } from '../territory/insee-code';
import { raw, sql, type Sql } from './sql';
import type { DataSource } from './source';

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
