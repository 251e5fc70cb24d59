import { describe, expect, it } from 'vitest';
import { type Facility, GridIndex, type Point, buildAcces, computeAcces, haversineKm, nearestBruteForce, zoneOf } from '../../../pipeline/acces';
import { f64, label, makeTable, utf8 } from '../../../pipeline/lib/arrow';

const PARIS = { lon: 2.3522, lat: 48.8566 };
const LYON = { lon: 4.8357, lat: 45.764 };

describe('haversineKm', () => {
	it('gives Paris–Lyon ≈ 392 km, symmetric, 0 on the same point', () => {
		const d = haversineKm(PARIS.lon, PARIS.lat, LYON.lon, LYON.lat);
		expect(Math.abs(d - 392)).toBeLessThan(2);
		expect(haversineKm(LYON.lon, LYON.lat, PARIS.lon, PARIS.lat)).toBe(d);
		expect(haversineKm(1.44, 44.45, 1.44, 44.45)).toBe(0);
	});

	it('gives one degree of meridian ≈ 111.2 km and half the globe between antipodes', () => {
		expect(haversineKm(0, 45, 0, 46)).toBeCloseTo(111.195, 2);
		expect(haversineKm(0, 0, 180, 0)).toBeCloseTo(Math.PI * 6371.0088, 6);
	});
});

/** Deterministic pseudo-random numbers (mulberry32), so the fixture is the same on every run. */
function random(seed: number): () => number {
	let a = seed;
	return () => {
		a = (a + 0x6d2b79f5) | 0;
		let t = Math.imul(a ^ (a >>> 15), 1 | a);
		t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

describe('GridIndex', () => {
	const next = random(42);
	// A cluster, sparse points, and two ids at the very same place (ties go to the smaller id).
	const points: Point[] = [
		...Array.from({ length: 200 }, (_, i) => ({ id: `c${String(i).padStart(3, '0')}`, lon: 2 + next() * 0.5, lat: 48.5 + next() * 0.5 })),
		...Array.from({ length: 60 }, (_, i) => ({ id: `s${String(i).padStart(3, '0')}`, lon: -5 + next() * 14, lat: 42 + next() * 9 })),
		{ id: 'tie-b', lon: 6.5, lat: 44.1 },
		{ id: 'tie-a', lon: 6.5, lat: 44.1 }
	];
	const queries = [
		...Array.from({ length: 400 }, () => [-6 + next() * 16, 41 + next() * 11]),
		[6.5, 44.1],
		[6.51, 44.1],
		[-20, 30], // far outside the grid
		[2.25, 48.75]
	];

	for (const cellDeg of [0.05, 0.1, 0.5, 3]) {
		it(`returns the same nearest point and distance as brute force (cells of ${cellDeg}°)`, () => {
			const index = new GridIndex(points, cellDeg);
			expect(index.size).toBe(points.length);
			for (const [lon, lat] of queries) expect(index.nearest(lon, lat)).toEqual(nearestBruteForce(points, lon, lat));
		});
	}

	it('breaks ties by the smaller id, whatever the input order', () => {
		expect(new GridIndex(points).nearest(6.5, 44.1)).toEqual({ id: 'tie-a', km: 0 });
		expect(new GridIndex([...points].reverse()).nearest(6.5, 44.1)?.id).toBe('tie-a');
		expect(nearestBruteForce(points, 6.5, 44.1)?.id).toBe('tie-a');
	});

	it('returns null when empty', () => {
		expect(new GridIndex([]).nearest(2, 48)).toBeNull();
	});
});

const facility = (nofinesset: string, categorie: string, dep: string, codeCommune: string | null, lon: number | null, lat: number | null): Facility => ({
	nofinesset,
	categorie,
	dep,
	codeCommune,
	lon,
	lat
});

describe('computeAcces', () => {
	const communes = [
		{ code: '97209', lon: -61.07, lat: 14.64 }, // Fort-de-France
		{ code: '75056', lon: PARIS.lon, lat: PARIS.lat },
		{ code: '97411', lon: 55.45, lat: -20.88 }, // Saint-Denis (La Réunion)
		{ code: '69123', lon: LYON.lon, lat: LYON.lat }
	];
	const facilities = [
		facility('750000001', 'msp', '75', '75056', 2.36, 48.86),
		facility('750000002', 'msp', '75', '75056', 2.3, 48.85),
		facility('690000001', 'pharmacie', '69', '69123', LYON.lon, LYON.lat),
		facility('750000003', 'pharmacie', '75', '75056', 2.35, 48.85),
		// As in the 2021 national file: DROM rows have no coordinates and no commune.
		facility('970000001', 'msp', '972', null, null, null),
		facility('970000002', 'pharmacie', '972', null, null, null),
		// A located DROM establishment serves its own DROM only (Guadeloupe, not Martinique).
		facility('970000003', 'pharmacie', '971', '97105', -61.73, 15.99),
		facility('970000004', 'hopital', '974', '97411', 55.46, -20.89)
	];
	const rows = computeAcces(communes, facilities);
	const byCode = new Map(rows.map((r) => [r.code, r]));

	it('sorts rows by code', () => {
		expect(rows.map((r) => r.code)).toEqual(['69123', '75056', '97209', '97411']);
	});

	it('never gives a DROM commune a mainland (or another DROM) establishment', () => {
		expect(byCode.get('97209')).toEqual({
			code: '97209',
			dist: { msp: null, centre_sante: null, ehpad: null, hopital: null, pharmacie: null },
			nbMspCommune: null,
			mspPlusProche: null
		});
		const reunion = byCode.get('97411');
		expect(reunion?.dist.hopital).toBeCloseTo(haversineKm(55.45, -20.88, 55.46, -20.89), 2);
		expect(reunion?.dist.pharmacie).toBeNull();
		expect(reunion?.dist.msp).toBeNull();
	});

	it('keeps mainland communes on mainland establishments, rounded to 0.01 km', () => {
		const paris = byCode.get('75056');
		expect(paris?.mspPlusProche).toBe('750000001');
		expect(paris?.nbMspCommune).toBe(2);
		expect(paris?.dist.msp).toBe(Math.round(haversineKm(PARIS.lon, PARIS.lat, 2.36, 48.86) * 100) / 100);
		expect(paris?.dist.hopital).toBeNull(); // no mainland hospital in the fixture: the 974 one does not count
		const lyon = byCode.get('69123');
		expect(lyon?.dist.pharmacie).toBe(0);
		expect(lyon?.nbMspCommune).toBe(0);
		expect(lyon?.dist.msp).toBeGreaterThan(380);
	});

	it('decides zones from code prefixes (Corsica is mainland)', () => {
		expect(['2A004', '2B033', '46042', '97101', '97611'].map(zoneOf)).toEqual(['metro', 'metro', 'metro', '971', '976']);
	});

	it('builds the Arrow table with the documented columns and types', () => {
		const communesTable = makeTable([
			utf8('code', communes.map((c) => c.code)),
			f64('lon', communes.map((c) => c.lon)),
			f64('lat', communes.map((c) => c.lat))
		]);
		const finessTable = makeTable([
			utf8('nofinesset', facilities.map((f) => f.nofinesset)),
			label('categorie', facilities.map((f) => f.categorie)),
			utf8('code_commune', facilities.map((f) => f.codeCommune)),
			label('dep', facilities.map((f) => f.dep)),
			f64('lon', facilities.map((f) => f.lon)),
			f64('lat', facilities.map((f) => f.lat))
		]);
		const table = buildAcces(communesTable, finessTable, () => {});
		expect(table.schema.fields.map((f) => `${f.name}:${f.type}`)).toEqual([
			'code:Utf8',
			'dist_msp_km:Float64',
			'dist_centre_sante_km:Float64',
			'dist_ehpad_km:Float64',
			'dist_hopital_km:Float64',
			'dist_pharmacie_km:Float64',
			'nb_msp_commune:Int16',
			'msp_plus_proche:Utf8'
		]);
		expect(table.get(1)?.toJSON()).toMatchObject({ code: '75056', nb_msp_commune: 2, msp_plus_proche: '750000001' });
	});
});
