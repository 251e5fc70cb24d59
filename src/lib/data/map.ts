/** What the map's point and outline layers read: geolocated FINESS establishments, overlays' communes. */
import type { Table } from 'apache-arrow';
import { joinSql, sql } from './sql';
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

/** Communes in radon zone 3. */
export async function radonZone3Codes(source: DataSource): Promise<string[]> {
	return (await source.query(['radon'], sql`SELECT code FROM radon WHERE classe = 3`)).getChild('code')!.toArray() as string[];
}

/** Centroids of the communes with a QPV, by code. */
export async function qpvCentroids(source: DataSource): Promise<{ lon: Float64Array; lat: Float64Array }> {
	const table = await source.query(['communes', 'qpv'], sql`SELECT c.lon, c.lat FROM communes c JOIN qpv q ON q.code = c.code ORDER BY c.code`);
	return { lon: table.getChild('lon')!.toArray() as Float64Array, lat: table.getChild('lat')!.toArray() as Float64Array };
}
