import { type PolygonCoords, type Position, selfIntersections } from './geometry';

/**
 * Topology-preserving simplification of a whole layer (communes): the rings are cut into arcs at
 * their nodes (where the territories on either side change, or three or more borders meet), each
 * arc is simplified once (Douglas–Peucker) and both territories along it keep the same vertices,
 * so neighbours still share their borders exactly: no gap, no overlap. Distances are measured in
 * Web Mercator pixels at a given zoom, the map's own unit: `pixels` at `zoom` is the largest
 * distance between a simplified border and the original one, half that one zoom level down.
 * A ring keeps at least three vertices, so no part disappears (the parts are the same as the
 * original's, in the same order); a territory whose simplification made its edges cross gets all
 * its vertices back, which its neighbours then share too.
 */
export interface Tolerance {
	zoom: number;
	pixels: number;
}

interface Vertex {
	x: number;
	y: number;
}

/** Position of a vertex in Web Mercator pixels at `zoom` (512-pixel tiles, as MapLibre). */
function mercator([lon, lat]: Position, zoom: number): Vertex {
	const size = 512 * 2 ** zoom;
	const phi = (Math.max(-85, Math.min(85, lat)) * Math.PI) / 180;
	return { x: ((lon + 180) / 360) * size, y: ((1 - Math.log(Math.tan(Math.PI / 4 + phi / 2)) / Math.PI) / 2) * size };
}

/** Squared distance from p to the segment a-b. */
function segmentDistance2(p: Vertex, a: Vertex, b: Vertex): number {
	const dx = b.x - a.x;
	const dy = b.y - a.y;
	const length2 = dx * dx + dy * dy;
	const t = length2 === 0 ? 0 : Math.max(0, Math.min(1, ((p.x - a.x) * dx + (p.y - a.y) * dy) / length2));
	const ex = a.x + t * dx - p.x;
	const ey = a.y + t * dy - p.y;
	return ex * ex + ey * ey;
}

/** Douglas–Peucker on ids[from..to] (both kept): marks in `keep` the vertices it retains. */
function douglasPeucker(ids: readonly number[], from: number, to: number, at: readonly Vertex[], tolerance2: number, keep: Uint8Array): void {
	const stack = [from, to];
	while (stack.length) {
		const last = stack.pop()!;
		const first = stack.pop()!;
		let worst = -1;
		let worstDistance = tolerance2;
		for (let i = first + 1; i < last; i++) {
			const d = segmentDistance2(at[ids[i]], at[ids[first]], at[ids[last]]);
			if (d > worstDistance) {
				worst = i;
				worstDistance = d;
			}
		}
		if (worst < 0) continue;
		keep[ids[worst]] = 1;
		stack.push(first, worst, worst, last);
	}
}

/** Each distinct position gets an id; the rings become lists of ids (without their closing repeat). */
function indexRings(shapes: readonly (readonly PolygonCoords[])[], zoom: number) {
	const idOf = new Map<string, number>();
	const at: Vertex[] = [];
	const rings: number[][] = [];
	/** Each ring's positions, parallel to its ids. */
	const points: Position[][] = [];
	/** For each shape, the indices of its rings. */
	const ringsOf: number[][] = [];
	for (const polygons of shapes) {
		const mine: number[] = [];
		for (const polygon of polygons) {
			for (const ring of polygon) {
				const ids: number[] = [];
				const kept: Position[] = [];
				for (let i = 0; i < ring.length - 1; i++) {
					const key = `${ring[i][0]},${ring[i][1]}`;
					let id = idOf.get(key);
					if (id === undefined) {
						idOf.set(key, (id = at.length));
						at.push(mercator(ring[i], zoom));
					}
					if (ids[ids.length - 1] !== id) {
						ids.push(id);
						kept.push(ring[i]);
					}
				}
				if (ids.length > 1 && ids[0] === ids[ids.length - 1]) {
					ids.pop();
					kept.pop();
				}
				mine.push(rings.length);
				rings.push(ids);
				points.push(kept);
			}
		}
		ringsOf.push(mine);
	}
	return { at, rings, points, ringsOf };
}

/**
 * Nodes: vertices where an arc must end, the same seen from every ring through them — where the
 * rings along the incoming and outgoing edges differ, where three or more edges meet, or where a
 * ring passes twice.
 */
function findNodes(rings: readonly number[][], vertices: number): Uint8Array {
	const edgeKey = (a: number, b: number) => (a < b ? a * vertices + b : b * vertices + a);
	const owners = new Map<number, number[]>();
	const neighbours = new Map<number, Set<number>>();
	const link = (a: number, b: number) => {
		let set = neighbours.get(a);
		if (!set) neighbours.set(a, (set = new Set()));
		set.add(b);
	};
	rings.forEach((ids, r) => {
		for (let i = 0; i < ids.length; i++) {
			const a = ids[i];
			const b = ids[(i + 1) % ids.length];
			const key = edgeKey(a, b);
			const list = owners.get(key);
			if (list) list.push(r);
			else owners.set(key, [r]);
			link(a, b);
			link(b, a);
		}
	});
	const node = new Uint8Array(vertices);
	for (const [v, set] of neighbours) if (set.size > 2) node[v] = 1;
	const ownersOf = (a: number, b: number) => owners.get(edgeKey(a, b))!.join(',');
	for (const ids of rings) {
		const seen = new Set<number>();
		for (let i = 0; i < ids.length; i++) {
			const v = ids[i];
			if (seen.has(v)) node[v] = 1;
			seen.add(v);
			if (ownersOf(ids[(i + ids.length - 1) % ids.length], v) !== ownersOf(v, ids[(i + 1) % ids.length])) node[v] = 1;
		}
	}
	return node;
}

/** Decides, arc by arc, which vertices stay (`keep`): each arc once, whichever ring meets it first. */
function simplifyArcs(rings: readonly number[][], at: readonly Vertex[], node: Uint8Array, tolerance2: number): Uint8Array {
	const keep = new Uint8Array(at.length);
	const decided = new Uint8Array(at.length);
	for (const ids of rings) {
		const starts = ids.flatMap((v, i) => (node[v] ? [i] : []));
		if (starts.length === 0) {
			// A ring with no node (an island, an enclave inside one territory): anchored on its smallest
			// id and on the vertex farthest from it, the same from both sides.
			if (decided[ids[0]]) continue;
			const a = ids.indexOf(Math.min(...ids));
			const rotated = [...ids.slice(a), ...ids.slice(0, a), ids[a]];
			const anchor = at[rotated[0]];
			let b = 1;
			for (let i = 1; i < ids.length; i++) if (segmentDistance2(at[rotated[i]], anchor, anchor) > segmentDistance2(at[rotated[b]], anchor, anchor)) b = i;
			keep[rotated[0]] = keep[rotated[b]] = 1;
			douglasPeucker(rotated, 0, b, at, tolerance2, keep);
			douglasPeucker(rotated, b, rotated.length - 1, at, tolerance2, keep);
			for (const v of ids) decided[v] = 1;
			continue;
		}
		for (const s of starts) keep[ids[s]] = decided[ids[s]] = 1;
		for (let k = 0; k < starts.length; k++) {
			const from = starts[k];
			const to = k + 1 < starts.length ? starts[k + 1] : starts[0] + ids.length;
			if (to - from < 2 || decided[ids[(from + 1) % ids.length]]) continue;
			const arc: number[] = [];
			for (let i = from; i <= to; i++) arc.push(ids[i % ids.length]);
			douglasPeucker(arc, 0, arc.length - 1, at, tolerance2, keep);
			for (const v of arc) decided[v] = 1;
		}
	}
	return keep;
}

/** Rings rebuilt from the kept vertices, closed again, in the original structure. */
function rebuild(shapes: readonly (readonly PolygonCoords[])[], rings: readonly number[][], points: readonly Position[][], keep: Uint8Array): PolygonCoords[][] {
	let r = 0;
	return shapes.map((polygons) =>
		polygons.map((polygon) =>
			polygon.map(() => {
				const ids = rings[r];
				const kept = points[r++].filter((_, i) => keep[ids[i]]);
				return [...kept, kept[0]];
			})
		)
	);
}

export interface Simplified {
	shapes: PolygonCoords[][];
	/** Vertices before and after (closing repeats not counted). */
	vertices: { before: number; after: number };
	/** Territories given back their full outline because the simplification made their edges cross. */
	restored: number;
}

export function simplifyLayer(shapes: readonly (readonly PolygonCoords[])[], { zoom, pixels }: Tolerance): Simplified {
	const { at, rings, points, ringsOf } = indexRings(shapes, zoom);
	const node = findNodes(rings, at.length);
	const keep = simplifyArcs(rings, at, node, pixels * pixels);
	const keepAll = (r: number) => rings[r].forEach((v) => (keep[v] = 1));
	// A ring keeps three vertices at least: a part never vanishes, never flattens to a line.
	rings.forEach((ids, r) => {
		if (ids.filter((v) => keep[v]).length < 3) keepAll(r);
	});
	const before = shapes.map((polygons) => selfIntersections(polygons));
	const restoredShapes = new Set<number>();
	let result = rebuild(shapes, rings, points, keep);
	for (let pass = 0; pass < 5; pass++) {
		const crossed = result.flatMap((polygons, s) => (selfIntersections(polygons) > before[s] ? [s] : []));
		if (crossed.length === 0) break;
		for (const s of crossed) {
			restoredShapes.add(s);
			ringsOf[s].forEach(keepAll);
		}
		result = rebuild(shapes, rings, points, keep);
	}
	const count = (list: readonly number[][]) => list.reduce((n, ids) => n + ids.length, 0);
	return {
		shapes: result,
		vertices: { before: count(rings), after: rings.reduce((n, ids) => n + ids.filter((v) => keep[v]).length, 0) },
		restored: restoredShapes.size
	};
}
