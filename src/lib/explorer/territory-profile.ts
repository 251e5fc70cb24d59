import type { DbConnector } from '../db/connector';
import { getIndicator, type Level, type NumericIndicator } from '../indicators/catalogue';
import { queryTerritoriesValue } from '../indicators/values';

/**
 * Key figures of a territory beside those of its département, région and France: the side panel
 * opened by a click on the map. Every figure is computed from the commune rows (ratio of sums).
 */

export interface TerritoryRef {
	level: Level;
	code: string;
	nom: string;
}

export interface ProfileRow {
	indicator: NumericIndicator;
	/** Value of the territory, then of each reference, in `references` order; NaN when unknown. */
	values: number[];
}

export interface TerritoryProfile {
	territory: TerritoryRef;
	/** Containing territories: EPCI, département, région. */
	parents: TerritoryRef[];
	/** Column headers of the reference values: département, région, France. */
	references: string[];
	rows: ProfileRow[];
}

/** Indicators of the panel, besides the one on the map. */
export const PROFILE_INDICATORS = [
	'population',
	'densite_population',
	'apl_mg_moins65_2023',
	'apl_mg_moins65_evolution_2022_2023',
	'apl_mg_moins65_sous_seuil_2023',
	'dist_msp_km',
	'besoin_age_2023',
	'part_75_ans_plus_bv_2022',
	'medecin_omnipraticien_bpe2013',
	'radon_part_population_zone3'
];

const NAME_SQL: Record<Level, string> = {
	commune: 'SELECT nom FROM communes WHERE code = ?',
	epci: 'SELECT nom FROM epci WHERE code = ?',
	departement: 'SELECT nom FROM departements WHERE code = ?',
	region: 'SELECT nom FROM regions WHERE code = ?'
};

/** Département and région of a territory: for an EPCI, those of most of its communes. */
const PARENTS_SQL: Record<Level, string | null> = {
	commune:
		'SELECT c.epci, e.nom AS epci_nom, c.dep, d.nom AS dep_nom, c.reg, r.nom AS reg_nom FROM communes c ' +
		'LEFT JOIN epci e ON e.code = c.epci JOIN departements d ON d.code = c.dep JOIN regions r ON r.code = c.reg WHERE c.code = ?',
	epci:
		'SELECT NULL AS epci, NULL AS epci_nom, c.dep, d.nom AS dep_nom, c.reg, r.nom AS reg_nom FROM communes c ' +
		'JOIN departements d ON d.code = c.dep JOIN regions r ON r.code = c.reg WHERE c.epci = ? ' +
		'GROUP BY ALL ORDER BY count(*) DESC, c.dep LIMIT 1',
	departement:
		'SELECT NULL AS epci, NULL AS epci_nom, NULL AS dep, NULL AS dep_nom, d.reg, r.nom AS reg_nom FROM departements d ' +
		'JOIN regions r ON r.code = d.reg WHERE d.code = ?',
	region: null
};

export async function territoryName(db: DbConnector, level: Level, code: string): Promise<string | null> {
	const table = await db.query(NAME_SQL[level], [code]);
	return table.numRows ? String(table.get(0)!.toJSON().nom) : null;
}

/** Tables the profile reads, to load before asking for it. */
export function profileTables(mapIndicator: string): string[] {
	return [...new Set([mapIndicator, ...PROFILE_INDICATORS].flatMap((id) => getIndicator(id).tables))];
}

export async function territoryProfile(
	db: DbConnector,
	level: Level,
	code: string,
	mapIndicator: string
): Promise<TerritoryProfile | null> {
	const nom = await territoryName(db, level, code);
	if (nom === null) return null;
	const parents: TerritoryRef[] = [];
	const parentsSql = PARENTS_SQL[level];
	if (parentsSql) {
		const table = await db.query(parentsSql, [code]);
		const row = table.numRows ? (table.get(0)!.toJSON() as Record<string, string | null>) : {};
		if (row.epci) parents.push({ level: 'epci', code: row.epci, nom: row.epci_nom ?? row.epci });
		if (row.dep) parents.push({ level: 'departement', code: row.dep, nom: row.dep_nom ?? row.dep });
		if (row.reg) parents.push({ level: 'region', code: row.reg, nom: row.reg_nom ?? row.reg });
	}
	const territory = { level, code, nom };
	const references = parents.filter((p) => p.level !== 'epci');
	const ids = [...new Set([mapIndicator, ...PROFILE_INDICATORS])];
	const indicators = ids.map(getIndicator).filter((i): i is NumericIndicator => i.kind !== 'class');
	const rows: ProfileRow[] = [];
	for (const indicator of indicators) {
		rows.push({ indicator, values: await queryTerritoriesValue(db, indicator, [territory, ...references, null]) });
	}
	return { territory, parents, references: [...references.map((r) => r.nom), 'France'], rows };
}
