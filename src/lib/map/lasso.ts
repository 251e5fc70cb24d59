/**
 * The lasso of the map: a closed free-hand ring drawn with Shift + drag; the communes whose
 * centroid falls inside it join the selection.
 */

/** Even-odd rule; `ring` is [x0, y0, x1, y1, …], closed implicitly. */
export function insideRing(x: number, y: number, ring: ArrayLike<number>): boolean {
	let inside = false;
	const n = ring.length / 2;
	for (let i = 0, j = n - 1; i < n; j = i++) {
		const xi = ring[i * 2];
		const yi = ring[i * 2 + 1];
		const xj = ring[j * 2];
		const yj = ring[j * 2 + 1];
		if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
	}
	return inside;
}

/** Indices of the points inside the ring, tested only within its bounding box. */
export function pointsInside(xs: ArrayLike<number>, ys: ArrayLike<number>, ring: ArrayLike<number>): number[] {
	if (ring.length < 6) return [];
	let [minX, minY, maxX, maxY] = [Infinity, Infinity, -Infinity, -Infinity];
	for (let i = 0; i < ring.length; i += 2) {
		minX = Math.min(minX, ring[i]);
		maxX = Math.max(maxX, ring[i]);
		minY = Math.min(minY, ring[i + 1]);
		maxY = Math.max(maxY, ring[i + 1]);
	}
	const out: number[] = [];
	for (let i = 0; i < xs.length; i++) {
		const x = xs[i];
		const y = ys[i];
		if (x >= minX && x <= maxX && y >= minY && y <= maxY && insideRing(x, y, ring)) out.push(i);
	}
	return out;
}
