import { describe, expect, it } from 'vitest';
import { tableToIPC } from 'apache-arrow';
import { LineLayer, ScatterplotLayer } from '@deck.gl/layers';
import { multiPolygonColumn } from '../../../pipeline/lib/geometry';
import { makeTable, utf8 } from '../../../pipeline/lib/arrow';
import { flattenMultiPolygons } from '../../../src/lib/data/geometry/polygons';
import { AREAS_FROM_ZOOM, featureCentres, overlayLayers, type OverlayData } from '../../../src/lib/map/overlays';
import { square } from '../../fixtures/shapes';

// Two fictitious quartiers: a 2×1 rectangle at the origin, and a second one made of two parts far apart.
const polygons = flattenMultiPolygons(
	tableToIPC(
		makeTable([
			utf8('code', ['QA', 'QB']),
			multiPolygonColumn('geometry', [
				[[[[0, 0], [2, 0], [2, 1], [0, 1], [0, 0]]]],
				[[square(10, 10, 1)], [square(14, 12, 2)]]
			])
		]),
		'stream'
	),
	{ triangulate: false }
);

describe('QPV overlay', () => {
	it('puts each quartier at the centre of its bounding box, all its parts together', () => {
		expect(Array.from(featureCentres(polygons))).toEqual([1, 0.5, 13, 12]);
	});

	it('shows points from afar and perimeters from the zoom where a quartier can be seen', () => {
		const data: OverlayData = { kind: 'areas', segments: new Float32Array([0, 0, 1, 1]), positions: featureCentres(polygons) };
		const far = overlayLayers('qpv', data, AREAS_FROM_ZOOM - 0.1);
		expect(far.map((l) => l.constructor)).toEqual([ScatterplotLayer]);
		// Close: the perimeters over a white halo, each with its own id (deck.gl matches layers by id).
		const close = overlayLayers('qpv', data, AREAS_FROM_ZOOM);
		expect(close.map((l) => l.constructor)).toEqual([LineLayer, LineLayer]);
		expect(new Set([...far, ...close].map((l) => l.id)).size).toBe(3);
		// An overlay of points (a build without perimeters) stays points at any zoom.
		expect(overlayLayers('qpv', { kind: 'points', positions: new Float32Array([1, 2]) }, 14).map((l) => l.constructor)).toEqual([ScatterplotLayer]);
	});
});
