/**
 * Reference geography tables: communes (attributes + geometry) and the EPCI, départements
 * and régions above them. The three commune lists (COG 2025 table, IGN contours,
 * decoupage-administratif) must be the same 34,875 codes, else the build stops.
 */
import type { Table } from 'apache-arrow';
import { f64, i32, label, makeTable, utf8 } from './lib/arrow';
import { SourceError } from './lib/csv';
import { mainCentroid, multiPolygonColumn } from './lib/geometry';
import { simplifyLayer } from './lib/simplify';
import { COARSE_COMMUNES } from '../src/lib/data/geometry/mesh';
import { adjacencyTable, neighbours } from './adjacency';
import { type Cog, compare } from './lib/cog';
import { type Shape, readContours } from './sources/contours';
import { decoupageCommunes, decoupageEpci } from './lib/decoupage';

export const COMMUNE_COUNT = 34_875;

function sameCodes(what: string, expected: readonly string[], actual: readonly string[]): void {
	const actualSet = new Set(actual);
	const expectedSet = new Set(expected);
	const missing = expected.filter((c) => !actualSet.has(c));
	const extra = actual.filter((c) => !expectedSet.has(c));
	if (missing.length || extra.length || expected.length !== actual.length)
		throw new SourceError(`${what} : ${missing.length} codes absents (${missing.slice(0, 5).join(' ')}), ${extra.length} en trop (${extra.slice(0, 5).join(' ')})`);
}

const geometryTable = (shapes: readonly Pick<Shape, 'code' | 'polygons'>[]) =>
	makeTable([utf8('code', shapes.map((s) => s.code)), multiPolygonColumn('geometry', shapes.map((s) => s.polygons))]);

/**
 * The communes for the map at country zoom: the same parts, their shared borders simplified once
 * for both sides (pipeline/lib/simplify.ts) within the tolerance the map relies on.
 */
function coarseCommunes(shapes: readonly Shape[], log: (message: string) => void): Table {
	const { shapes: simplified, vertices, restored } = simplifyLayer(
		shapes.map((s) => s.polygons),
		{ zoom: COARSE_COMMUNES.zoom, pixels: COARSE_COMMUNES.pixels }
	);
	log(`Contours des communes simplifiés (${COARSE_COMMUNES.pixels} px au zoom ${COARSE_COMMUNES.zoom}) : ${vertices.before} → ${vertices.after} sommets, ${restored} communes gardées entières (arêtes croisées)`);
	return geometryTable(shapes.map((s, i) => ({ code: s.code, polygons: simplified[i] })));
}

export interface GeographyTables {
	communes: Table;
	communes_geom: Table;
	/** The same, simplified for the map at country zoom (COARSE_COMMUNES). */
	communes_simplifiees_geom: Table;
	/** Communes sharing a border with each commune (pipeline/adjacency.ts). */
	communes_voisines: Table;
	epci: Table;
	epci_geom: Table;
	departements: Table;
	departements_geom: Table;
	regions: Table;
	regions_geom: Table;
}

export function buildGeography(from: string, cog: Cog, bvOf: Map<string, string>, log: (message: string) => void = () => {}): GeographyTables {
	const codes = cog.communes.map((c) => c.code);
	if (codes.length !== COMMUNE_COUNT) throw new SourceError(`cog2025/communes.csv : ${codes.length} communes au lieu de ${COMMUNE_COUNT}`);
	const shapes = readContours(from, 'communes');
	sameCodes('contours-cog2025/communes-cog2025-wgs84.geojson vs cog2025/communes.csv', codes, shapes.map((s) => s.code));
	const decoupage = new Map(decoupageCommunes().map((c) => [c.code, c]));
	sameCodes('@etalab/decoupage-administratif communes.json vs cog2025/communes.csv', codes, [...decoupage.keys()]);

	const centroids = shapes.map((s) => mainCentroid(s.polygons));
	const communes = makeTable([
		utf8('code', codes),
		utf8('nom', cog.communes.map((c) => c.nom)),
		label('dep', cog.communes.map((c) => c.dep)),
		label('reg', cog.communes.map((c) => c.reg)),
		label('epci', cog.communes.map((c) => c.epci)),
		label('bv2022', codes.map((c) => bvOf.get(c) ?? null)),
		i32('population', codes.map((c) => decoupage.get(c)?.population ?? null)),
		f64('area_km2', shapes.map((s) => (Number.isFinite(s.area) ? s.area / 1e6 : null))),
		f64('lon', centroids.map(([lon]) => lon)),
		f64('lat', centroids.map(([, lat]) => lat)),
		utf8('codes_postaux', codes.map((c) => [...(decoupage.get(c)?.codesPostaux ?? [])].sort(compare).join(' ') || null))
	]);

	const epciShapes = readContours(from, 'epci');
	const natures = new Map(decoupageEpci().map((e) => [e.code, e]));
	const epciCodes = [...new Set(cog.communes.flatMap((c) => (c.epci ? [c.epci] : [])))].sort(compare);
	sameCodes('contours-cog2025/epci-cog2025-wgs84.geojson vs cog2025/communes.csv', epciCodes, epciShapes.map((s) => s.code));
	sameCodes('@etalab/decoupage-administratif epci.json vs cog2025/communes.csv', epciCodes, [...natures.keys()]);
	const epci = makeTable([
		utf8('code', epciCodes),
		utf8('nom', epciCodes.map((c) => natures.get(c)?.nom ?? null)),
		label('nature', epciCodes.map((c) => natures.get(c)?.type ?? null))
	]);

	const deps = new Map(cog.communes.map((c) => [c.dep, c]));
	const depCodes = [...deps.keys()].sort(compare);
	const depShapes = readContours(from, 'departements');
	sameCodes('contours-cog2025/departements-cog2025-wgs84.geojson vs cog2025/communes.csv', depCodes, depShapes.map((s) => s.code));
	const departements = makeTable([
		utf8('code', depCodes),
		utf8('nom', depCodes.map((d) => deps.get(d)?.nomDep ?? null)),
		utf8('reg', depCodes.map((d) => deps.get(d)?.reg ?? null))
	]);

	const regs = new Map(cog.communes.map((c) => [c.reg, c]));
	const regCodes = [...regs.keys()].sort(compare);
	const regShapes = readContours(from, 'regions');
	sameCodes('contours-cog2025/regions-cog2025-wgs84.geojson vs cog2025/communes.csv', regCodes, regShapes.map((s) => s.code));
	const regions = makeTable([utf8('code', regCodes), utf8('nom', regCodes.map((r) => regs.get(r)?.nomReg ?? null))]);

	return {
		communes,
		communes_geom: geometryTable(shapes),
		communes_simplifiees_geom: coarseCommunes(shapes, log),
		communes_voisines: adjacencyTable(neighbours(shapes)),
		epci,
		epci_geom: geometryTable(epciShapes),
		departements,
		departements_geom: geometryTable(depShapes),
		regions,
		regions_geom: geometryTable(regShapes)
	};
}
