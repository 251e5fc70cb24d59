import { describe, expect, it } from 'vitest';
import { bearing, neighbourToward, type Place } from '../../../src/lib/map/keyboard';

// Fictitious places around a centre (test fixture): one per compass point, and one far north-east.
const centre: Place = { code: 'c', lon: 1.8, lat: 44.9 };
const north: Place = { code: 'n', lon: 1.81, lat: 45.0 };
const south: Place = { code: 's', lon: 1.79, lat: 44.8 };
const east: Place = { code: 'e', lon: 1.95, lat: 44.91 };
const west: Place = { code: 'w', lon: 1.65, lat: 44.88 };
const northEast: Place = { code: 'ne', lon: 1.95, lat: 45.02 };

describe('bearing', () => {
	it('is 0 to the north, 90 to the east, 180 to the south, 270 to the west', () => {
		expect(bearing(centre, { lon: 1.8, lat: 45 })).toBeCloseTo(0, 6);
		expect(bearing(centre, { lon: 2, lat: 44.9 })).toBeCloseTo(90, 0);
		expect(bearing(centre, { lon: 1.8, lat: 44 })).toBeCloseTo(180, 6);
		expect(bearing(centre, { lon: 1, lat: 44.9 })).toBeCloseTo(270, 0);
	});

	it('shrinks longitudes with latitude: one degree east is not one degree north', () => {
		expect(bearing({ lon: 0, lat: 60 }, { lon: 1, lat: 61 })).toBeLessThan(30);
	});
});

describe('neighbourToward', () => {
	const all = [north, south, east, west, northEast];
	it('picks the neighbour lying in each arrow’s direction', () => {
		expect(neighbourToward(centre, all, 'up')?.code).toBe('n');
		expect(neighbourToward(centre, all, 'down')?.code).toBe('s');
		expect(neighbourToward(centre, all, 'right')?.code).toBe('e');
		expect(neighbourToward(centre, all, 'left')?.code).toBe('w');
	});

	it('takes a diagonal neighbour when it is the only one on that side, none when nothing lies that way', () => {
		expect(neighbourToward(centre, [northEast, south], 'up')?.code).toBe('ne');
		expect(neighbourToward(centre, [northEast, south], 'right')?.code).toBe('ne');
		expect(neighbourToward(centre, [south], 'up')).toBeNull();
		expect(neighbourToward(centre, [], 'left')).toBeNull();
	});
});
