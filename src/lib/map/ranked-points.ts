import { ScatterplotLayer, TextLayer } from '@deck.gl/layers';
import type { Rgba } from '../indicators/palettes';

/**
 * A ranking drawn on the map (« Où installer ? »): one numbered disc per place, the focused one larger and
 * outlined in black, so that it stands out where the list's keyboard focus is.
 */
export interface RankedPoint {
	code: string;
	rank: number;
	lon: number;
	lat: number;
}

/** Magenta: a hue neither the diverging nor the sequential palettes of the scenario maps use. */
export const RANKED_COLOR: Rgba = [192, 38, 211, 255];
export const RANKED_CSS = 'rgb(192, 38, 211)';
const RADIUS_PX = 10;
const FOCUSED_RADIUS_PX = 14;

export function rankedPointLayers(points: readonly RankedPoint[], focused: string | null, fontFamily: string) {
	// The focused disc last: drawn over its neighbours.
	const ordered = [...points].sort((a, b) => Number(a.code === focused) - Number(b.code === focused));
	const triggers = { focused, points };
	return [
		new ScatterplotLayer<RankedPoint>({
			id: 'ranked-points',
			data: ordered,
			getPosition: (p) => [p.lon, p.lat],
			getFillColor: RANKED_COLOR,
			getLineColor: (p) => (p.code === focused ? [17, 24, 39, 255] : [255, 255, 255, 255]),
			getLineWidth: (p) => (p.code === focused ? 3 : 1.5),
			getRadius: (p) => (p.code === focused ? FOCUSED_RADIUS_PX : RADIUS_PX),
			radiusUnits: 'pixels',
			lineWidthUnits: 'pixels',
			stroked: true,
			updateTriggers: { getLineColor: triggers, getLineWidth: triggers, getRadius: triggers }
		}),
		new TextLayer<RankedPoint>({
			id: 'ranked-points-rank',
			data: ordered,
			getPosition: (p) => [p.lon, p.lat],
			getText: (p) => String(p.rank),
			getSize: (p) => (p.code === focused ? 15 : 12),
			getColor: [255, 255, 255, 255],
			fontFamily,
			fontWeight: 700,
			characterSet: '0123456789',
			getTextAnchor: 'middle',
			getAlignmentBaseline: 'center',
			updateTriggers: { getSize: triggers }
		})
	];
}
