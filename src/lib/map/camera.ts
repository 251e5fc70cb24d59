/** [west, south, east, north], in degrees. */
export type Bounds = [number, number, number, number];

/** Where the camera should go: a new request (a new object) moves it, even to the same place. */
/** Room kept around fitted bounds, in CSS pixels: the same on every side, or per side. */
export type Padding = number | { top: number; bottom: number; left: number; right: number };

/** Narrow screens (the CSS breakpoint of the map's panels). */
export const NARROW_MEDIA = '(max-width: 700px)';

/** Room around France when the explorer's map opens (the prerendered view, explorer/first-view-html.ts, fits the same). */
export const OPENING_PADDING = 20;

/**
 * Room around a fit on the explorer's map: on a narrow screen the legend is a strip along the
 * bottom of the map and the zone buttons a row along its top, so the territory is fitted between them.
 */
export function mapPadding(base: number, narrow: boolean): Padding {
	return narrow ? { top: base + 40, bottom: base + 200, left: base, right: base } : base;
}

export interface FitRequest {
	bounds: Bounds | null;
	padding: Padding;
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
