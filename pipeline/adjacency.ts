/**
 * Commune adjacency from the IGN contours. The contours come from a topology-preserving
 * simplification of the whole layer (data/SOURCES.md), so two communes that share a border
 * share the very same vertices along it: two rings are neighbours when they have a segment in
 * common (same two endpoints, in either direction). A contact at a single point (four communes
 * meeting at a corner) is not a shared border and does not count.
 */
import type { Table } from 'apache-arrow';
import { i16, makeTable, utf8 } from './lib/arrow';
import type { PolygonCoords } from './lib/geometry';
import { compare } from './lib/cog';

export interface CodedShape {
	code: string;
	polygons: readonly PolygonCoords[];
}

/** A vertex as an exact key: the contours carry 5 decimals, so 1e-5° units are integers. */
const vertexKey = (p: readonly number[]) => `${Math.round(p[0] * 1e5)},${Math.round(p[1] * 1e5)}`;

/** For every shape, the sorted codes of the shapes that share at least one segment with it (possibly none). */
export function neighbours(shapes: readonly CodedShape[]): Map<string, string[]> {
	// segment key → the first code seen on it; a second code on the same segment makes a pair.
	const owner = new Map<string, string>();
	const result = new Map<string, Set<string>>(shapes.map((s) => [s.code, new Set<string>()]));
	for (const { code, polygons } of shapes) {
		for (const rings of polygons) {
			for (const ring of rings) {
				for (let i = 0; i < ring.length - 1; i++) {
					const a = vertexKey(ring[i]);
					const b = vertexKey(ring[i + 1]);
					if (a === b) continue;
					const key = a < b ? `${a};${b}` : `${b};${a}`;
					const other = owner.get(key);
					if (other === undefined) owner.set(key, code);
					else if (other !== code) {
						result.get(code)?.add(other);
						result.get(other)?.add(code);
					}
				}
			}
		}
	}
	return new Map([...result].map(([code, set]) => [code, [...set].sort(compare)]));
}

/**
 * The `communes_voisines` artefact: one row per commune, in code order, with the number of its
 * neighbours and their codes joined by spaces (null for a commune without any, e.g. an island).
 */
export function adjacencyTable(byCode: ReadonlyMap<string, readonly string[]>): Table {
	const codes = [...byCode.keys()].sort(compare);
	const lists = codes.map((c) => byCode.get(c) ?? []);
	return makeTable([
		utf8('code', codes),
		i16('nb_voisins', lists.map((l) => l.length)),
		utf8('voisins', lists.map((l) => (l.length ? l.join(' ') : null)))
	]);
}
