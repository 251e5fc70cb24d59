/** IGN ADMIN EXPRESS COG CARTO 2025 polygons (simplified, WGS84) for communes, EPCI, départements, régions. */
import { join } from 'node:path';
import { SourceError } from '../lib/csv';
import { type PolygonCoords, readFeatures, toPolygons } from '../lib/geometry';
import { compare } from '../lib/cog';

export interface Shape {
	code: string;
	polygons: PolygonCoords[];
	/** AREA attribute, m². */
	area: number;
	zone: string;
}

const LAYERS = {
	communes: { file: 'communes-cog2025-wgs84.geojson', key: 'DEPCOM' },
	epci: { file: 'epci-cog2025-wgs84.geojson', key: 'EPCI' },
	departements: { file: 'departements-cog2025-wgs84.geojson', key: 'DEP' },
	regions: { file: 'regions-cog2025-wgs84.geojson', key: 'REG' }
} as const;

export type Layer = keyof typeof LAYERS;

/** Shapes of one layer, sorted by code. */
export function readContours(from: string, layer: Layer): Shape[] {
	const { file: name, key } = LAYERS[layer];
	const file = join(from, 'contours-cog2025', name);
	const features = readFeatures(file);
	const shapes = features.map((feature, i) => {
		const code = feature.properties?.[key];
		if (typeof code !== 'string' || code === '') throw new SourceError(`Propriété « ${key} » absente de l'entité ${i} de ${file}`);
		const area = Number(feature.properties.AREA);
		return {
			code,
			polygons: toPolygons(feature.geometry, `${file}, entité ${code}`),
			area: Number.isFinite(area) ? area : NaN,
			zone: String(feature.properties.zone ?? '')
		};
	});
	shapes.sort((a, b) => compare(a.code, b.code));
	for (let i = 1; i < shapes.length; i++) {
		if (shapes[i].code === shapes[i - 1].code) throw new SourceError(`Code ${shapes[i].code} en double dans ${file}`);
	}
	return shapes;
}
