/**
 * The manifest, its checks and errors, for the modules outside the data layer that read artefacts
 * themselves: the map's meshes and the first view's commune values never go through DuckDB.
 */
export {
	ArtefactError,
	COMMUNE_VALUES_TABLE,
	FIRST_VIEW_LEVELS,
	TERRITORY_VALUES_TABLE,
	firstViewColumn,
	findArtefact, isGeometryTable, readArtefact, type ArtefactEntry, type Manifest } from '../db/artefacts';
export { fetchBytes } from '../db/fetch';
