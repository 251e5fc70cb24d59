/** Mainland France and the five DROM, each reachable in one click (the DROM are drawn at their true positions). */
export interface Zone {
	id: string;
	label: string;
	/** Fallback bounds [west, south, east, north], used before the geometry is loaded. */
	bounds: [number, number, number, number];
	contains: (communeCode: string) => boolean;
}

const drom = (id: string, label: string, prefix: string, bounds: Zone['bounds']): Zone => ({
	id,
	label,
	bounds,
	contains: (code) => code.startsWith(prefix)
});

export const ZONES: Zone[] = [
	{ id: 'metropole', label: 'France métropolitaine', bounds: [-5.2, 41.3, 9.6, 51.1], contains: (code) => !code.startsWith('97') },
	drom('guadeloupe', 'Guadeloupe', '971', [-61.81, 15.83, -61.0, 16.52]),
	drom('martinique', 'Martinique', '972', [-61.23, 14.39, -60.81, 14.88]),
	drom('guyane', 'Guyane', '973', [-54.6, 2.11, -51.6, 5.75]),
	drom('reunion', 'La Réunion', '974', [55.21, -21.39, 55.84, -20.87]),
	drom('mayotte', 'Mayotte', '976', [44.98, -13.0, 45.3, -12.64])
];
