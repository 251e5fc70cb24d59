/** [west, south, east, north], in degrees. */
export type Bounds = [number, number, number, number];

/** Where the camera should go: a new request (a new object) moves it, even to the same place. */
export interface FitRequest {
	bounds: Bounds | null;
	padding: number;
	maxZoom?: number;
}

/**
 * The bounds if a camera can fit them: finite, west ≤ east and south ≤ north. An unknown territory
 * or an empty set of communes has none (`boundsOf` then gives infinities): the camera stays put.
 */
export function fittableBounds(bounds: Bounds | null | undefined): Bounds | null {
	if (!bounds || bounds.length !== 4 || !bounds.every(Number.isFinite)) return null;
	const [west, south, east, north] = bounds;
	return west <= east && south <= north ? bounds : null;
}

/** Ground metres per CSS pixel at a latitude and zoom (512 px Web Mercator tiles). */
export function metresPerPixel(latitude: number, zoom: number): number {
	return (40_075_016.686 * Math.cos((latitude * Math.PI) / 180)) / (512 * 2 ** zoom);
}

/** The map as drawn for an export at `scale` device pixels per CSS pixel, for the page to compose around. */
export interface MapShot {
	canvas: HTMLCanvasElement;
	cssWidth: number;
	cssHeight: number;
	metresPerPixel: number;
	scale: 1 | 2;
}
