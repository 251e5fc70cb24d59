/**
 * The manifest, its checks and errors, for the modules outside the data layer that read artefacts
 * themselves: the map's geometry, fetched and triangulated in a worker, never goes through DuckDB.
 */
export { ArtefactError, findArtefact, isGeometryTable, readArtefact, type ArtefactEntry, type Manifest } from '../db/artefacts';
export { fetchBytes } from '../db/fetch';
