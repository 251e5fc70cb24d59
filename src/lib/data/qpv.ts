/**
 * Quartiers prioritaires 2024 (ANCT): their perimeters for the map (`qpv_geom`, repaired by the
 * pipeline so that no ring crosses itself) and their names and communes for lists and tooltips
 * (`qpv_quartiers`). Values are bound, never spliced.
 */
import type { DbConnector } from '../db/connector';
import { findArtefact, hasArtefact } from '../db/artefacts';
import type { AtlasData } from '../db/atlas';
import { loadPolygons } from '../map/load-polygons';
import type { FlatPolygons } from '../map/polygons';
import { isCommuneCode } from '../territory/insee-code';

export const QPV_GEOM = 'qpv_geom';
/** Tables {@link qpvOfCommunes} reads: load them first (`AtlasData.db(QPV_TABLES)`). */
export const QPV_TABLES = ['qpv_quartiers'] as const;

export interface Qpv {
	code: string;
	nom: string;
	/** INSEE codes of the communes the quartier lies in (several for a quartier across a boundary). */
	communes: string[];
}

/** The QPV perimeters, in `qpv_quartiers` order; null when this build of the atlas has none. */
export function loadQpvPerimeters(data: AtlasData): Promise<FlatPolygons | null> {
	if (!hasArtefact(data.manifest, QPV_GEOM)) return Promise.resolve(null);
	return loadPolygons(findArtefact(data.manifest, QPV_GEOM), data.dataUrl);
}

const QPV_SQL = `
	SELECT code, nom, communes FROM qpv_quartiers
	WHERE list_has_any(string_split(communes, ' '), string_split(?, ','))
	ORDER BY code`;

/** The quartiers lying (at least partly) in any of the given communes. */
export async function qpvOfCommunes(db: DbConnector, codes: readonly string[]): Promise<Qpv[]> {
	for (const c of codes) if (!isCommuneCode(c)) throw new Error(`« ${c} » n’est pas un code commune INSEE`);
	if (codes.length === 0) return [];
	const table = await db.query(QPV_SQL, [codes.join(',')]);
	return table.toArray().map((row: { code: string; nom: string; communes: string | null }) => ({
		code: String(row.code),
		nom: String(row.nom),
		communes: row.communes ? String(row.communes).split(' ') : []
	}));
}
