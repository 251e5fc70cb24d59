/**
 * The legend of the layers drawn over the choropleth (facilities, zonings, CLS perimeters, the
 * selection of communes): one list for the map's own legend and for the exported PNG.
 */
import { FACILITY_CATEGORIES } from './facilities';
import { OVERLAYS } from './overlays';
import type { LayerLegendEntry } from '../export/map-image';
import { FINESS_SHORT_SOURCE } from '../data/queries/provenance';

export const CLS_PERIMETER_COLOR: [number, number, number] = [0, 109, 119];
/** The selection of communes, in violet: apart from the palettes, the CLS teal and the selection black. */
export const GROUP_COLOR: [number, number, number] = [124, 58, 237];

const css = ([r, g, b]: readonly number[]) => `rgb(${r} ${g} ${b})`;

/** Entries of the layers shown, and the sources they add to the indicator's. */
export function layerLegend(shownLayers: readonly string[], groupShown: boolean): { entries: LayerLegendEntry[]; sources: string[] } {
	const facilities = FACILITY_CATEGORIES.filter((c) => shownLayers.includes(c.id));
	const overlays = OVERLAYS.filter((o) => shownLayers.includes(o.id));
	const entries: LayerLegendEntry[] = [
		...facilities.map((c) => ({ id: c.id, label: c.label, color: c.color, shape: 'point' as const })),
		...overlays.map((o) => ({ id: o.id, label: o.label, color: css(o.color), shape: 'outline' as const })),
		...(shownLayers.includes('cls') ? [{ id: 'cls', label: 'Périmètres des CLS du registre', color: css(CLS_PERIMETER_COLOR), shape: 'line' as const }] : []),
		...(groupShown ? [{ id: 'group', label: 'Sélection de communes', color: css(GROUP_COLOR), shape: 'line' as const }] : [])
	];
	const sources = [
		...(facilities.length ? [FINESS_SHORT_SOURCE] : []),
		...overlays.map((o) => o.source),
		...(shownLayers.includes('cls') ? ['registre cls-atlas (documents publics des contrats)'] : [])
	];
	return { entries, sources };
}
