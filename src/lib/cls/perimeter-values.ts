/**
 * Indicateurs d'une liste de communes (périmètre d'un CLS, zone visée par une action) : ratio de sommes
 * sur ses communes, comme tout agrégat de l'atlas, à côté du département, de la région et de la France.
 *
 * La liste est liée en un seul paramètre (`string_split(?, ',')`), jamais insérée dans le texte SQL ;
 * chaque code est de plus vérifié (code commune INSEE) avant la requête.
 */
import type { DbConnector } from '../db/connector';
import { getIndicator, type Indicator, type NumericIndicator } from '../indicators/catalogue';
import { queryTerritoryValue } from '../indicators/values';
import { communeSetValueSql } from '../indicators/sql';
import { isCommuneCode } from '../territory/insee-code';

/** Sous-requête des codes liés : une ligne `code` par commune de la liste. */
const CODES = "SELECT unnest(string_split(?, ',')) AS code";

function codesParam(codes: readonly string[]): string {
	for (const c of codes) if (!isCommuneCode(c)) throw new Error(`« ${c} » n'est pas un code commune INSEE`);
	return codes.join(',');
}

/** Valeur d'un indicateur sur une liste de communes ; NaN si inconnue ou si la liste est vide. */
export async function queryCommunesValue(db: DbConnector, indicator: NumericIndicator, codes: readonly string[]): Promise<number> {
	if (codes.length === 0) return NaN;
	const { sql, params } = communeSetValueSql(indicator, codes);
	const v = (await db.query(sql, params)).get(0)?.toJSON().value as number | null | undefined;
	return v === null || v === undefined ? NaN : Number(v);
}

export interface RadonCommunes {
	/** Communes classées en zone 3 (potentiel significatif). */
	zone3: number;
	/** Communes présentes dans le fichier IRSN. */
	known: number;
	/** Communes de la liste. */
	total: number;
}

/** Nombre de communes de la liste en zone radon 3, sur celles que le fichier IRSN classe. */
export async function radonZone3Communes(db: DbConnector, codes: readonly string[]): Promise<RadonCommunes> {
	if (codes.length === 0) return { zone3: 0, known: 0, total: 0 };
	const t = await db.query(
		`SELECT count(*) FILTER (WHERE r.classe = 3)::INTEGER AS zone3, count(r.code)::INTEGER AS known FROM (${CODES}) l LEFT JOIN radon r ON r.code = l.code`,
		[codesParam(codes)]
	);
	const row = t.get(0)!.toJSON() as { zone3: number; known: number };
	return { zone3: Number(row.zone3), known: Number(row.known), total: codes.length };
}

export interface NamedTerritory {
	code: string;
	nom: string;
}

export interface PerimeterReferences {
	/** Département de la plupart des communes, et combien de départements la liste touche. */
	departement: NamedTerritory | null;
	departements: number;
	region: NamedTerritory | null;
	regions: number;
}

/** Département et région de référence d'une liste de communes : ceux du plus grand nombre de ses communes. */
export async function perimeterReferences(db: DbConnector, codes: readonly string[]): Promise<PerimeterReferences> {
	if (codes.length === 0) return { departement: null, departements: 0, region: null, regions: 0 };
	const param = codesParam(codes);
	const top = async (key: 'dep' | 'reg', table: 'departements' | 'regions') => {
		const t = await db.query(
			`SELECT c.${key} AS code, t.nom, count(*) OVER ()::INTEGER AS distinct_n FROM communes c JOIN ${table} t ON t.code = c.${key} ` +
				`WHERE c.code IN (${CODES}) GROUP BY c.${key}, t.nom ORDER BY count(*) DESC, c.${key} LIMIT 1`,
			[param]
		);
		if (t.numRows === 0) return { ref: null, n: 0 };
		const row = t.get(0)!.toJSON() as { code: string; nom: string; distinct_n: number };
		return { ref: { code: row.code, nom: row.nom }, n: Number(row.distinct_n) };
	};
	const [d, r] = [await top('dep', 'departements'), await top('reg', 'regions')];
	return { departement: d.ref, departements: d.n, region: r.ref, regions: r.n };
}

/** Indicateurs clés d'un périmètre de CLS, dans l'ordre d'affichage. */
export const CLS_KEY_INDICATORS = [
	'apl_mg_moins65_2023',
	'apl_mg_moins65_evolution_2022_2023',
	'apl_mg_moins65_sous_seuil_2023',
	'population',
	'part_75_ans_plus_bv_2022',
	'dist_msp_km',
	'radon_part_population_zone3',
	'medecin_omnipraticien_bpe2013'
] as const;

/** Tables DuckDB à charger avant de calculer ces indicateurs (plus celles des territoires). */
export function indicatorTables(ids: readonly string[]): string[] {
	return [...new Set(['communes', 'departements', 'regions', ...ids.flatMap((id) => getIndicator(id).tables)])];
}

export function numericIndicator(id: string): NumericIndicator | null {
	const i: Indicator = getIndicator(id);
	return i.kind === 'class' ? null : i;
}

export interface ProfileRow {
	indicator: NumericIndicator;
	/** Valeur de la liste, puis du département, de la région et de la France ; NaN si inconnue. */
	values: number[];
}

export interface PerimeterProfile {
	references: PerimeterReferences;
	/** En-têtes des colonnes de valeurs après « Périmètre » : département, région, France. */
	columns: string[];
	rows: ProfileRow[];
}

/** Indicateurs d'une liste de communes à côté de son département, de sa région et de la France. */
export async function perimeterProfile(
	db: DbConnector,
	codes: readonly string[],
	ids: readonly string[] = CLS_KEY_INDICATORS
): Promise<PerimeterProfile> {
	const references = await perimeterReferences(db, codes);
	const refs = [
		references.departement ? { level: 'departement' as const, code: references.departement.code } : undefined,
		references.region ? { level: 'region' as const, code: references.region.code } : undefined,
		null
	].filter((r) => r !== undefined);
	const columns = [
		...(references.departement ? [references.departement.nom] : []),
		...(references.region ? [references.region.nom] : []),
		'France'
	];
	const rows: ProfileRow[] = [];
	for (const id of ids) {
		const indicator = numericIndicator(id);
		if (!indicator) continue;
		const values = [await queryCommunesValue(db, indicator, codes)];
		for (const r of refs) values.push(await queryTerritoryValue(db, indicator, r));
		rows.push({ indicator, values });
	}
	return { references, columns, rows };
}
