/**
 * The manifest, its checks and errors, for the modules outside the data layer that read artefacts
 * themselves: the map's meshes and the first view's commune values never go through DuckDB.
 */
import { COMMUNE_VALUES_TABLE, MANIFEST_FILE, TERRITORY_VALUES_TABLE, findArtefact, type Manifest } from '../engine/artefacts';
import type { Level } from '../../territory/key';
import { COARSE_COMMUNES } from '../geometry/mesh';

export {
	ArtefactError,
	COMMUNE_VALUES_TABLE,
	FIRST_VIEW_LEVELS,
	TERRITORY_VALUES_TABLE,
	TRAVEL_TIMES_TABLE,
	firstViewColumn,
	findArtefact, isGeometryTable, parseManifest, readArtefact, type ArtefactEntry, type CommuneNote, type CommuneRasterEntry, type Manifest, type PrerenderEntry } from '../engine/artefacts';
export { fetchBytes } from '../engine/fetch';

/** Each level's geometry artefact (a mesh ready to draw, see map/mesh.ts). */
export const GEOMETRY_TABLES: Record<Level, string> = {
	commune: 'communes_geom',
	epci: 'epci_geom',
	departement: 'departements_geom',
	region: 'regions_geom'
};

/**
 * The files the explorer's first view reads first, in the data folder: the manifest, the commune
 * (simplified: the first view is at country zoom), département and région meshes, the commune image
 * the map draws at that zoom, and the values. The explorer's page asks for them in its HTML
 * (src/hooks.server.ts), so that they download while the app's scripts load and start.
 */
export function firstViewFiles(manifest: Manifest): string[] {
	const tables = [COARSE_COMMUNES.table, GEOMETRY_TABLES.departement, GEOMETRY_TABLES.region, COMMUNE_VALUES_TABLE, TERRITORY_VALUES_TABLE];
	const raster = manifest.prerender?.raster?.file;
	return [MANIFEST_FILE, ...tables.map((table) => findArtefact(manifest, table).file), ...(raster ? [raster] : [])];
}
