import { describe, expect, it } from 'vitest';
import { tableToIPC } from 'apache-arrow';
import { multiPolygonColumn } from '../../../pipeline/lib/geometry';
import { makeTable, utf8 } from '../../../pipeline/lib/arrow';
import { flattenMultiPolygons } from '../../../src/lib/data/geometry/polygons';
import { perimetersOutline } from '../../../src/lib/map/perimeter-outline';

// Three unit squares side by side, sharing borders exactly (as topology-preserving contours do).
const square = (x: number) => [[[x, 0], [x + 1, 0], [x + 1, 1], [x, 1], [x, 0]]];
const polygons = flattenMultiPolygons(
	tableToIPC(makeTable([utf8('code', ['A', 'B', 'C']), multiPolygonColumn('geometry', [[square(0)], [square(1)], [square(2)]])]), 'stream'),
	{ triangulate: false }
);

describe('perimeter outlines', () => {
	it('drop the borders shared inside the perimeter and keep the outer ones', () => {
		// A ∪ B: a 2×1 rectangle, 6 unit edges (the A|B border is internal).
		expect(perimetersOutline(polygons, [['A', 'B']]).length / 4).toBe(6);
		// One commune: its 4 edges.
		expect(perimetersOutline(polygons, [['C']]).length / 4).toBe(4);
		// Two perimeters are outlined one after the other; unknown codes are ignored.
		expect(perimetersOutline(polygons, [['A', 'B', 'C'], ['B', 'ZZZ']]).length / 4).toBe(8 + 4);
	});
});
