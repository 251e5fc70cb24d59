import { ScatterplotLayer } from '@deck.gl/layers';
import type { DataSource } from '../data/queries/source';
import { facilityRows, finessMillesime } from '../data/queries/map';
import { FINESS_SOURCE } from '../data/queries/provenance';
import { hexToRgba } from '../indicators/palettes';

/** FINESS categories drawn as point layers, each with its legend entry. */
export const FACILITY_CATEGORIES = [
	{ id: 'msp', label: 'Maisons de santé pluriprofessionnelles', color: '#d62728' },
	{ id: 'centre_sante', label: 'Centres de santé', color: '#9467bd' },
	{ id: 'cpts', label: 'CPTS', color: '#17becf' },
	{ id: 'hopital', label: 'Hôpitaux et cliniques', color: '#1f3a5f' },
	{ id: 'ehpad', label: 'EHPAD', color: '#8c564b' },
	{ id: 'pharmacie', label: 'Pharmacies', color: '#2ca02c' }
] as const;
export type FacilityCategory = (typeof FACILITY_CATEGORIES)[number]['id'];

/** The points' source: FINESS, whose DROM establishments have no coordinates. */
export const FACILITY_SOURCE = `${FINESS_SOURCE} ; sans coordonnées dans les DROM`;

/** Geolocated establishments, columnar: one typed array per attribute, grouped by category. */
export interface Facilities {
	/** Rows [start, end) of each category in the arrays below. */
	ranges: Record<FacilityCategory, [number, number]>;
	positions: Float32Array;
	names: string[];
	codes: string[];
	millesime: string[];
}

export async function loadFacilities(source: DataSource): Promise<Facilities> {
	const ids = FACILITY_CATEGORIES.map((c) => c.id);
	const table = await facilityRows(source, ids);
	const categories = table.getChild('categorie')!.toArray() as string[];
	const lon = table.getChild('lon')!.toArray() as Float64Array;
	const lat = table.getChild('lat')!.toArray() as Float64Array;
	const positions = new Float32Array(table.numRows * 2);
	for (let i = 0; i < table.numRows; i++) {
		positions[i * 2] = lon[i];
		positions[i * 2 + 1] = lat[i];
	}
	const ranges = {} as Facilities['ranges'];
	for (const id of ids) {
		const start = categories.indexOf(id);
		ranges[id] = start < 0 ? [0, 0] : [start, categories.lastIndexOf(id) + 1];
	}
	return {
		ranges,
		positions,
		names: table.getChild('raison_sociale')!.toArray() as string[],
		codes: table.getChild('nofinesset')!.toArray() as string[],
		millesime: (table.getChild('source')!.toArray() as string[]).map(finessMillesime)
	};
}

/** The outline of every point. */
export const HALO: [number, number, number, number] = [255, 255, 255, 255];
export const HALO_WIDTH_PX = 1.5;

/** One layer per category; points keep a legible size at every zoom. */
export function facilityLayers(facilities: Facilities, shown: readonly string[]) {
	return FACILITY_CATEGORIES.filter((c) => shown.includes(c.id)).map((category) => {
		const [start, end] = facilities.ranges[category.id];
		return new ScatterplotLayer({
			id: `finess-${category.id}`,
			data: {
				length: end - start,
				attributes: { getPosition: { value: facilities.positions.subarray(start * 2, end * 2), size: 2 } }
			},
			// Picking gives the index within this category: the tooltip adds `start` back.
			updateTriggers: { getPosition: start },
			getFillColor: hexToRgba(category.color),
			// A white halo: the point stays readable on every class colour, its own hue included (red MSP on red classes).
			getLineColor: HALO,
			stroked: true,
			lineWidthUnits: 'pixels',
			getLineWidth: HALO_WIDTH_PX,
			// Metres, bounded in pixels: dots stay apart over France and readable over a canton.
			getRadius: category.id === 'pharmacie' || category.id === 'ehpad' ? 250 : 400,
			radiusMinPixels: 2.5,
			radiusMaxPixels: 7,
			pickable: true
		});
	});
}
