/** What the map's point and outline layers read: geolocated FINESS establishments, overlays' communes. */
import type { Table } from 'apache-arrow';
import { communeList, joinSql, sql } from './sql';
import type { DataSource } from './source';

/** Establishments of the given categories with coordinates, ordered by category then FINESS number. */
export function facilityRows(source: DataSource, categories: readonly string[]): Promise<Table> {
	const list = joinSql(categories.map((c) => sql`${c}`));
	return source.query(
		['finess'],
		sql`SELECT CAST(categorie AS VARCHAR) AS categorie, lon, lat, raison_sociale, nofinesset, CAST(source AS VARCHAR) AS source
		 FROM finess WHERE lon IS NOT NULL AND CAST(categorie AS VARCHAR) IN (${list})
		 ORDER BY categorie, nofinesset`
	);
}

/** The millésime of a FINESS row, from its `source` file: the Occitanie extract of 2025-2026 or the national stock of 2021. */
export function finessMillesime(source: string): string {
	return source === 'finess-occitanie-2026' ? '2025-2026' : '2021';
}

/** One establishment of the list of a territory's facilities. */
export interface FacilityItem {
	nofinesset: string;
	nom: string;
	categorie: string;
	/** Its commune (COG 2025) and that commune's name. */
	code: string;
	commune: string;
	/** Of the FINESS file it comes from: « 2025-2026 » or « 2021 ». */
	millesime: string;
}

/**
 * The establishments whose FINESS commune is one of `codes` (what the portrait counts), of the given categories,
 * by category, commune name then name. Cached per list.
 */
export function facilityList(source: DataSource, codes: readonly string[], categories: readonly string[]): Promise<FacilityItem[]> {
	if (codes.length === 0 || categories.length === 0) return Promise.resolve([]);
	return source.cached(`facility-list|${categories.join(',')}|${codes.join(',')}`, async () => {
		const rows = await source.rows<{ nofinesset: string; nom: string; categorie: string; code: string; commune: string | null; source: string }>(
			['finess', 'communes'],
			sql`SELECT f.nofinesset, f.raison_sociale AS nom, CAST(f.categorie AS VARCHAR) AS categorie, f.code_commune AS code, c.nom AS commune,
			 CAST(f.source AS VARCHAR) AS source
			 FROM finess f LEFT JOIN communes c ON c.code = f.code_commune
			 WHERE f.code_commune IN ${communeList(codes)} AND CAST(f.categorie AS VARCHAR) IN (${joinSql(categories.map((c) => sql`${c}`))})
			 ORDER BY CAST(f.categorie AS VARCHAR), c.nom, f.raison_sociale, f.nofinesset`
		);
		return rows.map((r) => ({
			nofinesset: String(r.nofinesset),
			nom: String(r.nom ?? ''),
			categorie: String(r.categorie),
			code: String(r.code),
			commune: String(r.commune ?? r.code),
			millesime: finessMillesime(String(r.source))
		}));
	});
}

/** Communes in radon zone 3. */
export async function radonZone3Codes(source: DataSource): Promise<string[]> {
	return (await source.query(['radon'], sql`SELECT code FROM radon WHERE classe = 3`)).getChild('code')!.toArray() as string[];
}

/** Centroids of the communes with a QPV, by code. */
export async function qpvCentroids(source: DataSource): Promise<{ lon: Float64Array; lat: Float64Array }> {
	const table = await source.query(['communes', 'qpv'], sql`SELECT c.lon, c.lat FROM communes c JOIN qpv q ON q.code = c.code ORDER BY c.code`);
	return { lon: table.getChild('lon')!.toArray() as Float64Array, lat: table.getChild('lat')!.toArray() as Float64Array };
}
