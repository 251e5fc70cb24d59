/**
 * Quartiers prioritaires 2024 (ANCT): their perimeters for the map (`qpv_geom`, repaired by the
 * pipeline so that no ring crosses itself) and their names and communes for lists and tooltips
 * (`qpv_quartiers`). Values are bound, never spliced.
 */
import { findArtefact, hasArtefact, type Manifest } from '../engine/artefacts';
import { loadPolygons } from './load-polygons';
import type { FlatPolygons } from '../geometry/polygons';
import { isCommuneCode } from '../../territory/insee-code';
import { sql } from './sql';
import type { DataSource } from './source';

export const QPV_GEOM = 'qpv_geom';

export interface Qpv {
	code: string;
	nom: string;
	/** INSEE codes of the communes the quartier lies in (several for a quartier across a boundary). */
	communes: string[];
}

/** The QPV perimeters, in `qpv_quartiers` order; null when this build of the atlas has none. */
export function loadQpvPerimeters(manifest: Manifest, dataUrl: string): Promise<FlatPolygons | null> {
	if (!hasArtefact(manifest, QPV_GEOM)) return Promise.resolve(null);
	return loadPolygons(findArtefact(manifest, QPV_GEOM), dataUrl);
}

/** The quartiers lying (at least partly) in any of the given communes; the source loads `qpv_quartiers`. */
export async function qpvOfCommunes(source: DataSource, codes: readonly string[]): Promise<Qpv[]> {
	for (const c of codes) if (!isCommuneCode(c)) throw new Error(`« ${c} » n’est pas un code commune INSEE`);
	if (codes.length === 0) return [];
	const rows = await source.rows<{ code: string; nom: string; communes: string | null }>(
		['qpv_quartiers'],
		sql`SELECT code, nom, communes FROM qpv_quartiers
			WHERE list_has_any(string_split(communes, ' '), string_split(${codes.join(',')}, ','))
			ORDER BY code`
	);
	return rows.map((row) => ({
		code: String(row.code),
		nom: String(row.nom),
		communes: row.communes ? String(row.communes).split(' ') : []
	}));
}
