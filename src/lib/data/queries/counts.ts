/**
 * Counts over the communes of an area: FINESS establishments by category, communes and population
 * in each class of a class indicator (radon, density grid), QPV, communes in radon zone 3.
 */
import { getIndicator, tablesOf } from '../../indicators/catalogue';
import { communeList, sql } from './sql';
import { measureSql } from './measure';
import type { DataSource } from './source';

/** The FINESS categories the atlas counts (`finess.categorie`), in the order portraits and lists show them. */
export const FINESS_LABELS: Record<string, string> = {
	msp: 'Maisons de santé pluriprofessionnelles',
	centre_sante: 'Centres de santé',
	hopital: 'Hôpitaux et cliniques (avec lits)',
	ehpad: 'EHPAD',
	pharmacie: 'Pharmacies',
	cpts: 'CPTS (siège)',
	autre: 'Autres établissements (laboratoires, CMP, médico-social…)'
};

/** Establishments of each FINESS category in the communes. */
export async function facilityCounts(source: DataSource, codes: readonly string[]): Promise<Map<string, number>> {
	const rows = await source.rows<{ categorie: string; n: number }>(
		['finess'],
		sql`SELECT categorie::VARCHAR AS categorie, count(*)::INTEGER AS n FROM finess WHERE code_commune IN ${communeList(codes)} GROUP BY categorie`
	);
	return new Map(rows.map((r) => [String(r.categorie), Number(r.n)]));
}

export interface ClassCount {
	/** The class value; null for communes without a class. */
	value: number | null;
	communes: number;
	population: number;
}

/** Communes and population of each class of a class indicator, plus a row (value null) for communes without one. */
export async function classCounts(source: DataSource, id: 'radon_classe' | 'grille_densite', codes: readonly string[]): Promise<ClassCount[]> {
	const indicator = getIndicator(id);
	if (indicator.kind !== 'class') throw new Error(id);
	const rows = await source.rows<{ value: number | null; communes: number; population: number | null }>(
		['communes', ...tablesOf(indicator)],
		sql`SELECT s.value, count(*)::INTEGER AS communes, sum(c.population)::DOUBLE AS population FROM communes c LEFT JOIN (${measureSql(indicator.measure)}) s ON s.code = c.code WHERE c.code IN ${communeList(codes)} GROUP BY s.value`
	);
	return rows.map((r) => ({ value: r.value === null ? null : Number(r.value), communes: Number(r.communes), population: Number(r.population ?? 0) }));
}

export interface QpvCount {
	/** Communes with at least one QPV. */
	communes: number;
	quartiers: number;
	population: number;
}

export async function qpvCount(source: DataSource, codes: readonly string[]): Promise<QpvCount> {
	const [q] = await source.rows<{ communes: number; quartiers: number | null; population: number | null }>(
		['communes', 'qpv'],
		sql`SELECT count(*)::INTEGER AS communes, sum(q.nb_qpv)::INTEGER AS quartiers, sum(c.population)::DOUBLE AS population FROM qpv q JOIN communes c ON c.code = q.code WHERE q.code IN ${communeList(codes)}`
	);
	return { communes: Number(q?.communes ?? 0), quartiers: Number(q?.quartiers ?? 0), population: Number(q?.population ?? 0) };
}

export interface RadonCommunes {
	/** Communes in zone 3 (significant potential). */
	zone3: number;
	/** Communes the IRSN file classifies. */
	known: number;
	/** Communes of the list. */
	total: number;
}

/** Communes of the list in radon zone 3, among those the IRSN file classifies. Cached per list. */
export function radonZone3Communes(source: DataSource, codes: readonly string[]): Promise<RadonCommunes> {
	if (codes.length === 0) return Promise.resolve({ zone3: 0, known: 0, total: 0 });
	return source.cached(`radon3|${codes.join(',')}`, async () => {
		const [row] = await source.rows<{ zone3: number; known: number }>(
			['radon'],
			sql`SELECT count(*) FILTER (WHERE r.classe = 3)::INTEGER AS zone3, count(r.code)::INTEGER AS known FROM ${communeList(codes)} l LEFT JOIN radon r ON r.code = l.code`
		);
		return { zone3: Number(row.zone3), known: Number(row.known), total: codes.length };
	});
}
