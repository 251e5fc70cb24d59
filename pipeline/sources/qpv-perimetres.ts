/**
 * ANCT quartiers prioritaires 2024: perimeters (simplified by the file's host, see data/SOURCES.md).
 * The simplification left some rings crossing themselves; each such geometry is repaired by the
 * union of the geometry with itself (polyclip-ts), which rebuilds simple rings around the same area,
 * then checked again once its coordinates are rounded to the float32 of the artefact.
 */
import { join } from 'node:path';
import type { Table } from 'apache-arrow';
import { union } from 'polyclip-ts';
import { bool, makeTable, utf8 } from '../lib/arrow';
import { SourceError } from '../lib/csv';
import { type PolygonCoords, multiPolygonColumn, readFeatures, selfIntersections, toPolygons } from '../lib/geometry';
import { compare } from '../lib/cog';

export const QPV_FILE = 'qpv2024-perimetres/qpv2024_simplified.geojson';
export const QPV_COUNT = 1_609;

/** Coordinates as the artefact stores them (float32): validity is checked on what is shipped. */
const toFloat32 = (polygons: readonly PolygonCoords[]): PolygonCoords[] =>
	polygons.map((rings) => rings.map((ring) => ring.map(([lon, lat]) => [Math.fround(lon), Math.fround(lat)])));

/** The geometry without self-intersection: itself when it has none, else its union with itself (twice at most). */
export function repairPolygons(polygons: readonly PolygonCoords[]): { polygons: PolygonCoords[]; repaired: boolean } {
	let current = toFloat32(polygons);
	if (selfIntersections(current) === 0) return { polygons: current, repaired: false };
	for (let pass = 0; pass < 3; pass++) {
		current = toFloat32(union(current as Parameters<typeof union>[0]) as PolygonCoords[]);
		if (selfIntersections(current) === 0) return { polygons: current, repaired: true };
	}
	throw new SourceError('géométrie non réparable');
}

/** `qpv_quartiers` (attributes, a DuckDB table) and `qpv_geom` (perimeters, read by the map), same order. */
export function buildQpvPerimetres(from: string, log: (message: string) => void): { qpv_quartiers: Table; qpv_geom: Table } {
	const file = join(from, QPV_FILE);
	const features = readFeatures(file);
	const records = features.map((feature, i) => {
		const p = feature.properties ?? {};
		const code = p.code_qp;
		if (typeof code !== 'string' || !/^QN(\d{3}|02[AB])\d{2}[A-Z]$/.test(code)) throw new SourceError(`${file}, entité ${i} : code_qp « ${String(code)} » invalide`);
		const where = `${file}, ${code}`;
		let repaired: ReturnType<typeof repairPolygons>;
		try {
			repaired = repairPolygons(toPolygons(feature.geometry, where));
		} catch (error) {
			throw new SourceError(`${where} : ${(error as Error).message}`);
		}
		const communes = String(p.insee_com ?? '').split(',').map((c) => c.trim()).filter(Boolean).sort(compare);
		return { code, nom: String(p.lib_qp ?? ''), dep: String(p.insee_dep ?? ''), communes: communes.join(' ') || null, ...repaired };
	});
	records.sort((a, b) => compare(a.code, b.code));
	for (let i = 1; i < records.length; i++) {
		if (records[i].code === records[i - 1].code) throw new SourceError(`${file} : ${records[i].code} en double`);
	}
	log(`QPV 2024 (périmètres) : ${records.length} quartiers, ${records.filter((r) => r.repaired).length} géométries auto-sécantes réparées`);
	const codes = utf8('code', records.map((r) => r.code));
	return {
		qpv_quartiers: makeTable([
			codes,
			utf8('nom', records.map((r) => r.nom)),
			utf8('dep', records.map((r) => r.dep)),
			utf8('communes', records.map((r) => r.communes)),
			bool('repare', records.map((r) => r.repaired))
		]),
		qpv_geom: makeTable([codes, multiPolygonColumn('geometry', records.map((r) => r.polygons))])
	};
}
