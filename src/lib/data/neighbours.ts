/**
 * Communes around a commune, read from the pipeline's artefacts: those sharing a border with it
 * (`communes_voisines`, data/adjacency.ts) and the other communes of its EPCI. The SQL of these
 * lists lives here and only here; every value is bound, never spliced.
 */
import type { DbConnector } from '../db/connector';
import { isCommuneCode } from '../territory/insee-code';

/** Tables these queries read: the caller loads them first (`AtlasData.db(NEIGHBOUR_TABLES)`). */
export const NEIGHBOUR_TABLES = ['communes', 'communes_voisines', 'epci'] as const;

export interface NearbyCommune {
	code: string;
	nom: string;
}

/** Largest population first, so that a list cut short keeps the communes that weigh most. */
const ORDER = 'ORDER BY c.population DESC NULLS LAST, c.code';

const NEIGHBOURS_SQL = `
	WITH v AS (SELECT unnest(string_split(voisins, ' ')) AS code FROM communes_voisines WHERE code = ?)
	SELECT c.code, c.nom FROM v JOIN communes c ON c.code = v.code ${ORDER}`;

const EPCI_SQL = `
	SELECT c.code, c.nom FROM communes s JOIN communes c ON c.epci = s.epci
	WHERE s.code = ? AND c.code <> s.code ${ORDER}`;

const EPCI_NAME_SQL = `SELECT e.nom FROM communes s JOIN epci e ON e.code = s.epci WHERE s.code = ?`;

function checked(code: string): string {
	if (!isCommuneCode(code)) throw new Error(`« ${code} » n’est pas un code commune INSEE`);
	return code;
}

async function communeRows(db: DbConnector, text: string, code: string): Promise<NearbyCommune[]> {
	const table = await db.query(text, [checked(code)]);
	return table.toArray().map((row: { code: string; nom: string }) => ({ code: String(row.code), nom: String(row.nom) }));
}

/** The communes sharing a border with `code` (none for an island commune). */
export function neighbourCommunes(db: DbConnector, code: string): Promise<NearbyCommune[]> {
	return communeRows(db, NEIGHBOURS_SQL, code);
}

/** The other communes of the EPCI of `code`, with the EPCI's name; null when the commune belongs to none. */
export async function epciCommunes(db: DbConnector, code: string): Promise<{ epci: string; communes: NearbyCommune[] } | null> {
	const name = await db.query(EPCI_NAME_SQL, [checked(code)]);
	const epci = name.numRows ? (name.getChild('nom')?.get(0) as string | null) : null;
	if (epci === null) return null;
	return { epci: String(epci), communes: await communeRows(db, EPCI_SQL, code) };
}
