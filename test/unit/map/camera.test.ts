import { describe, expect, it } from 'vitest';
import { fittableBounds, mapPadding, metresPerPixel } from '../../../src/lib/map/camera';
import { boundsOf } from '../../../src/lib/map/style';
import { tableToIPC } from 'apache-arrow';
import { multiPolygonColumn } from '../../../pipeline/lib/geometry';
import { makeTable, utf8 } from '../../../pipeline/lib/arrow';
import { flattenMultiPolygons } from '../../../src/lib/data/geometry/polygons';

// Two unit squares, A at the origin and B at (2, 2): geometry, not data.
const square = (x: number) => [[[x, x], [x + 1, x], [x + 1, x + 1], [x, x + 1], [x, x]]];
const squares = flattenMultiPolygons(
	tableToIPC(makeTable([utf8('code', ['A', 'B']), multiPolygonColumn('geometry', [[square(0)], [square(2)]])]), 'stream'),
	{ triangulate: false }
);

describe('fittableBounds', () => {
	it('keeps the bounds of a known territory', () => {
		expect(fittableBounds(boundsOf(squares, (c) => c === 'B'))).toEqual([2, 2, 3, 3]);
	});

	it('refuses the infinite bounds of an unknown territory or an empty set', () => {
		expect(boundsOf(squares, (c) => c === 'Z')).toEqual([Infinity, Infinity, -Infinity, -Infinity]);
		expect(fittableBounds(boundsOf(squares, (c) => c === 'Z'))).toBeNull();
	});

	it('refuses NaN, inverted or missing bounds', () => {
		expect(fittableBounds([0, Number.NaN, 1, 1])).toBeNull();
		expect(fittableBounds([3, 0, 1, 1])).toBeNull();
		expect(fittableBounds([0, 3, 1, 1])).toBeNull();
		expect(fittableBounds(null)).toBeNull();
		expect(fittableBounds(undefined)).toBeNull();
	});

	it('keeps a single point (the camera caps the zoom)', () => {
		expect(fittableBounds([1.5, 44, 1.5, 44])).toEqual([1.5, 44, 1.5, 44]);
	});
});

describe('metresPerPixel', () => {
	it('is the equator length over 512 px at zoom 0, and halves with each zoom level', () => {
		expect(metresPerPixel(0, 0)).toBeCloseTo(40_075_016.686 / 512, 6);
		expect(metresPerPixel(0, 3)).toBeCloseTo(40_075_016.686 / 512 / 8, 6);
		expect(metresPerPixel(60, 0)).toBeCloseTo(40_075_016.686 / 1024, 6);
	});
});

describe('mapPadding', () => {
	it('keeps one margin on wide screens', () => {
		expect(mapPadding(20, false)).toBe(20);
	});
	it('fits between the zone buttons and the legend strip on narrow screens', () => {
		const p = mapPadding(30, true);
		expect(typeof p).toBe('object');
		if (typeof p === 'number') return;
		expect(p.left).toBe(30);
		expect(p.right).toBe(30);
		expect(p.top).toBeGreaterThan(30);
		// The legend strip is the tallest thing over the map: the bottom gets the most room.
		expect(p.bottom).toBeGreaterThan(p.top);
	});
});
