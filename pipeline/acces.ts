/**
 * `acces`: straight-line (great-circle) distance from each commune centroid to the nearest FINESS
 * establishment of each atlas category, within the same zone (metropolitan France + Corsica, or one DROM).
 * Derived from the `communes` and `finess` tables built earlier in the same run.
 */
import type { Table } from 'apache-arrow';
import { f64, i16, makeTable, utf8 } from './lib/arrow';
import { compare } from './lib/cog';

/** Mean Earth radius (IUGG), km. */
export const EARTH_RADIUS_KM = 6371.0088;
const RAD = Math.PI / 180;

export function haversineKm(lon1: number, lat1: number, lon2: number, lat2: number): number {
	const dLat = (lat2 - lat1) * RAD;
	const dLon = (lon2 - lon1) * RAD;
	const h = Math.sin(dLat / 2) ** 2 + Math.cos(lat1 * RAD) * Math.cos(lat2 * RAD) * Math.sin(dLon / 2) ** 2;
	return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** Zone of a commune or département code: `metro` (incl. Corsica) or the DROM code 971…976. */
export const zoneOf = (code: string) => (code.startsWith('97') ? code.slice(0, 3) : 'metro');

export interface Point {
	id: string;
	lon: number;
	lat: number;
}

export interface Nearest {
	id: string;
	km: number;
}

/** Nearest point, ties broken by the smaller id so the result never depends on input order. */
const better = (km: number, id: string, best: Nearest | null) => best === null || km < best.km || (km === best.km && id < best.id);

export function nearestBruteForce(points: readonly Point[], lon: number, lat: number): Nearest | null {
	let best: Nearest | null = null;
	for (const p of points) {
		const km = haversineKm(lon, lat, p.lon, p.lat);
		if (better(km, p.id, best)) best = { id: p.id, km };
	}
	return best;
}

/**
 * Grid index: points bucketed in `cellDeg` × `cellDeg` cells; a query visits rings of cells around its own cell
 * and stops once no unvisited cell can hold a point nearer than the best found. After ring k, any unvisited point
 * is at least k cells away in latitude or in longitude; the bound below holds on the sphere
 * (hav d = hav Δφ + cos φ1 cos φ2 hav Δλ ≥ cos² φmax hav Δλ, and d ≥ R·|Δφ|), so the answer equals brute force.
 */
export class GridIndex {
	private readonly ids: string[];
	private readonly lons: Float64Array;
	private readonly lats: Float64Array;
	private readonly latMin: number;
	private readonly lonMin: number;
	private readonly rows: number;
	private readonly cols: number;
	/** Points of cell c are order[start[c]] … order[start[c + 1] - 1] (compressed sparse rows). */
	private readonly start: Int32Array;
	private readonly order: Int32Array;
	private readonly maxAbsLat: number;

	constructor(
		points: readonly Point[],
		private readonly cellDeg = 0.1
	) {
		// Sorted by id: with equal distances the first point met is the one with the smaller id.
		const sorted = [...points].sort((a, b) => compare(a.id, b.id));
		this.ids = sorted.map((p) => p.id);
		this.lons = Float64Array.from(sorted, (p) => p.lon);
		this.lats = Float64Array.from(sorted, (p) => p.lat);
		const n = sorted.length;
		this.latMin = n ? Math.min(...this.lats) : 0;
		this.lonMin = n ? Math.min(...this.lons) : 0;
		this.rows = n ? Math.floor((Math.max(...this.lats) - this.latMin) / cellDeg) + 1 : 0;
		this.cols = n ? Math.floor((Math.max(...this.lons) - this.lonMin) / cellDeg) + 1 : 0;
		this.maxAbsLat = n ? Math.max(...this.lats.map(Math.abs)) : 0;
		const cellOf = new Int32Array(n);
		this.start = new Int32Array(this.rows * this.cols + 1);
		for (let i = 0; i < n; i++) {
			cellOf[i] = this.row(this.lats[i]) * this.cols + this.col(this.lons[i]);
			this.start[cellOf[i] + 1]++;
		}
		for (let c = 0; c < this.rows * this.cols; c++) this.start[c + 1] += this.start[c];
		const fill = this.start.slice(0, -1);
		this.order = new Int32Array(n);
		for (let i = 0; i < n; i++) this.order[fill[cellOf[i]]++] = i;
	}

	get size(): number {
		return this.ids.length;
	}

	private row(lat: number): number {
		return Math.floor((lat - this.latMin) / this.cellDeg);
	}

	private col(lon: number): number {
		return Math.floor((lon - this.lonMin) / this.cellDeg);
	}

	/** Lower bound (km) of the distance to any point at least k cells away in latitude or longitude. */
	private ringBound(k: number, lat: number): number {
		const gap = k * this.cellDeg * RAD;
		const cosMax = Math.cos(Math.max(this.maxAbsLat, Math.abs(lat)) * RAD);
		const alongMeridian = EARTH_RADIUS_KM * gap;
		const alongParallel = 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, cosMax * Math.sin(Math.min(gap, Math.PI) / 2)));
		return Math.min(alongMeridian, alongParallel);
	}

	nearest(lon: number, lat: number): Nearest | null {
		if (this.ids.length === 0) return null;
		const qi = this.row(lat);
		const qj = this.col(lon);
		const lastRing = Math.max(Math.abs(qi), Math.abs(this.rows - 1 - qi), Math.abs(qj), Math.abs(this.cols - 1 - qj));
		let bestKm = Infinity;
		let best = -1;
		const visit = (i: number, j: number) => {
			if (i < 0 || i >= this.rows || j < 0 || j >= this.cols) return;
			const c = i * this.cols + j;
			for (let s = this.start[c]; s < this.start[c + 1]; s++) {
				const p = this.order[s];
				const km = haversineKm(lon, lat, this.lons[p], this.lats[p]);
				if (km < bestKm || (km === bestKm && p < best)) {
					bestKm = km;
					best = p;
				}
			}
		};
		for (let k = 0; k <= lastRing; k++) {
			for (let i = qi - k; i <= qi + k; i++) {
				if (i === qi - k || i === qi + k) for (let j = qj - k; j <= qj + k; j++) visit(i, j);
				else {
					visit(i, qj - k);
					if (k > 0) visit(i, qj + k);
				}
			}
			// Margin so that rounding can never stop the search before an equally near point.
			if (best >= 0 && this.ringBound(k, lat) - 1e-9 > bestKm) break;
		}
		return { id: this.ids[best], km: bestKm };
	}
}

/** Categories with a distance column, in column order. `cpts` is a territory, not a place: left out. */
export const ACCES_CATEGORIES = ['msp', 'centre_sante', 'ehpad', 'hopital', 'pharmacie'] as const;

export interface CommuneCentroid {
	code: string;
	lon: number;
	lat: number;
}

export interface Facility {
	nofinesset: string;
	categorie: string;
	codeCommune: string | null;
	dep: string | null;
	lon: number | null;
	lat: number | null;
}

export interface AccesRow {
	code: string;
	dist: Record<(typeof ACCES_CATEGORIES)[number], number | null>;
	nbMspCommune: number | null;
	mspPlusProche: string | null;
}

const round2 = (km: number) => Math.round(km * 100) / 100;

export function computeAcces(communes: readonly CommuneCentroid[], facilities: readonly Facility[]): AccesRow[] {
	// One index per (category, zone); an establishment's zone comes from its département.
	const groups = new Map<string, Point[]>();
	for (const f of facilities) {
		if (f.lon === null || f.lat === null || f.dep === null) continue;
		const key = `${f.categorie}|${zoneOf(f.dep)}`;
		let list = groups.get(key);
		if (!list) groups.set(key, (list = []));
		list.push({ id: f.nofinesset, lon: f.lon, lat: f.lat });
	}
	const indexes = new Map([...groups].map(([key, points]) => [key, new GridIndex(points)]));

	const mspByCommune = new Map<string, number>();
	for (const f of facilities) {
		if (f.categorie === 'msp' && f.codeCommune !== null) mspByCommune.set(f.codeCommune, (mspByCommune.get(f.codeCommune) ?? 0) + 1);
	}
	// A zone where no MSP has a commune (the DROM in the 2021 file) cannot be counted: null, not 0.
	const mspZones = new Set([...mspByCommune.keys()].map(zoneOf));

	return [...communes]
		.sort((a, b) => compare(a.code, b.code))
		.map((c) => {
			const zone = zoneOf(c.code);
			const nearest = Object.fromEntries(
				ACCES_CATEGORIES.map((cat) => [cat, indexes.get(`${cat}|${zone}`)?.nearest(c.lon, c.lat) ?? null])
			) as Record<(typeof ACCES_CATEGORIES)[number], Nearest | null>;
			return {
				code: c.code,
				dist: Object.fromEntries(ACCES_CATEGORIES.map((cat) => [cat, nearest[cat] ? round2(nearest[cat].km) : null])) as AccesRow['dist'],
				nbMspCommune: mspZones.has(zone) ? (mspByCommune.get(c.code) ?? 0) : null,
				mspPlusProche: nearest.msp?.id ?? null
			};
		});
}

/** Reads the centroids and establishments back from the tables of the same build. */
export function buildAcces(communes: Table, finess: Table, log: (message: string) => void): Table {
	const col = <T>(table: Table, name: string): T[] => {
		const vector = table.getChild(name);
		if (!vector) throw new Error(`Colonne ${name} absente`);
		return [...vector] as T[];
	};
	const codes = col<string>(communes, 'code');
	const lons = col<number | null>(communes, 'lon');
	const lats = col<number | null>(communes, 'lat');
	const centroids = codes.map((code, i) => {
		const lon = lons[i];
		const lat = lats[i];
		if (lon === null || lat === null) throw new Error(`Commune ${code} sans centroïde`);
		return { code, lon, lat };
	});
	const ids = col<string>(finess, 'nofinesset');
	const categories = col<string>(finess, 'categorie');
	const communesF = col<string | null>(finess, 'code_commune');
	const deps = col<string | null>(finess, 'dep');
	const flons = col<number | null>(finess, 'lon');
	const flats = col<number | null>(finess, 'lat');
	const facilities: Facility[] = ids.map((nofinesset, i) => ({
		nofinesset,
		categorie: categories[i],
		codeCommune: communesF[i],
		dep: deps[i],
		lon: flons[i],
		lat: flats[i]
	}));
	const rows = computeAcces(centroids, facilities);
	const located = ACCES_CATEGORIES.map((cat) => `${cat} ${facilities.filter((f) => f.categorie === cat && f.lon !== null).length}`);
	log(`Accès : ${rows.length} communes ; établissements géolocalisés : ${located.join(', ')} ; ${rows.filter((r) => r.dist.msp === null).length} communes sans distance (DROM)`);
	return makeTable([
		utf8('code', rows.map((r) => r.code)),
		...ACCES_CATEGORIES.map((cat) => f64(`dist_${cat}_km`, rows.map((r) => r.dist[cat]))),
		i16('nb_msp_commune', rows.map((r) => r.nbMspCommune)),
		utf8('msp_plus_proche', rows.map((r) => r.mspPlusProche))
	]);
}
