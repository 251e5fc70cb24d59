import { describe, expect, it } from 'vitest';
import { boundsOf } from '../../../src/lib/map/style';
import { fittableBounds } from '../../../src/lib/map/camera';
import type { FlatPolygons } from '../../../src/lib/data/geometry/polygons';

describe('bounds the map can fit', () => {
	it('an unknown territory has no bounds, never infinite ones', () => {
		// Fictitious square, for the test only.
		const square = {
			codes: ['A'],
			partFeature: Uint32Array.from([0]),
			partStarts: Uint32Array.from([0, 4]),
			positions: Float64Array.from([0, 0, 1, 0, 1, 1, 0, 1])
		} as unknown as FlatPolygons;
		expect(fittableBounds(boundsOf(square, (c) => c === 'A'))).toEqual([0, 0, 1, 1]);
		expect(fittableBounds(boundsOf(square, (c) => c === 'unknown'))).toBeNull();
	});
});
