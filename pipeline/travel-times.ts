/**
 * Approximate road travel times between communes, for the APL scenarios (« Et si… ? »).
 * DREES computes the APL on INSEE's Metric road times, which cannot be downloaded: the atlas approximates them
 * from geometry. Time between the centroids of communes i and j (crow-fly distance d, in km):
 *
 *     t_ij = stop + 60 · detour · d · (1 / (2 · v_i) + 1 / (2 · v_j))   (minutes; t_ii = 0)
 *
 * half of the way at the speed of each end's class of the INSEE density grid (dense, intermediate, rural), plus a
 * fixed cost per trip between two communes. The parameters are calibrated by pipeline/travel-times-calibrate.ts
 * against DREES's own APL ranks (data/SOURCES.md, « Travel times »).
 */
import type { Table } from 'apache-arrow';
import { code32, f32, makeTable } from './lib/arrow';
import { SourceError } from './lib/csv';

/** The density class of each level of the INSEE grid (1–7): 0 dense (1–2), 1 intermediate (3–4), 2 rural (5–7). */
export const DENSITY_CLASS = [0, 0, 1, 1, 2, 2, 2] as const;

export interface TimeModel {
	/** Road length over crow-fly distance. */
	detour: number;
	/** Mean road speed, km/h, for each density class. */
	speeds: readonly [number, number, number];
	/** Minutes added to every trip between two different communes (leaving, parking). */
	stop: number;
}

/** The calibrated model (figures of pipeline/travel-times-calibrate.ts in data/SOURCES.md). */
export const TRAVEL_MODEL: TimeModel = { detour: 1.3, speeds: [50, 50, 50], stop: 0 };

/** DREES's weights stop at 20 minutes; pairs are kept up to this bound so that a user sees the margin. */
export const MAX_MINUTES = 25;

export interface Place {
	code: string;
	lon: number;
	lat: number;
	/** Level of the INSEE density grid, 1–7. */
	densite: number;
}

const EARTH_KM = 6371.0088;
const RAD = Math.PI / 180;

export function crowKm(a: Place, b: Place): number {
	const dLat = (b.lat - a.lat) * RAD;
	const dLon = (b.lon - a.lon) * RAD;
	const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * RAD) * Math.cos(b.lat * RAD) * Math.sin(dLon / 2) ** 2;
	return 2 * EARTH_KM * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** Pairs i < j (indices into `places`) whose crow-fly distance is at most `maxKm`, with that distance. */
export function nearPairs(places: readonly Place[], maxKm: number): { a: Int32Array; b: Int32Array; km: Float64Array } {
	// A grid of cells at least maxKm wide: a pair within reach is in the same or an adjacent cell.
	const cellLat = maxKm / 110.5;
	const cellLon = maxKm / (111.3 * Math.cos(52 * RAD));
	const key = (x: number, y: number) => `${x},${y}`;
	const cells = new Map<string, number[]>();
	const cellOf = places.map((p) => [Math.floor(p.lon / cellLon), Math.floor(p.lat / cellLat)] as const);
	cellOf.forEach(([x, y], i) => {
		const list = cells.get(key(x, y));
		if (list) list.push(i);
		else cells.set(key(x, y), [i]);
	});
	const a: number[] = [];
	const b: number[] = [];
	const km: number[] = [];
	places.forEach((p, i) => {
		const [x, y] = cellOf[i];
		for (let dx = -1; dx <= 1; dx++) {
			for (let dy = -1; dy <= 1; dy++) {
				for (const j of cells.get(key(x + dx, y + dy)) ?? []) {
					if (j <= i) continue;
					const d = crowKm(p, places[j]);
					if (d <= maxKm) {
						a.push(i);
						b.push(j);
						km.push(d);
					}
				}
			}
		}
	});
	// Sorted by (a, b): the artefact is deterministic and compresses well.
	const order = a.map((_, k) => k).sort((p, q) => a[p] - a[q] || b[p] - b[q]);
	return { a: Int32Array.from(order, (k) => a[k]), b: Int32Array.from(order, (k) => b[k]), km: Float64Array.from(order, (k) => km[k]) };
}

/** Minutes between two different communes under `model`. */
export function minutes(model: TimeModel, km: number, densiteA: number, densiteB: number): number {
	const va = model.speeds[DENSITY_CLASS[densiteA - 1]];
	const vb = model.speeds[DENSITY_CLASS[densiteB - 1]];
	return model.stop + 60 * model.detour * km * (0.5 / va + 0.5 / vb);
}

/** The largest crow-fly distance a pair within `maxMinutes` can have under `model`. */
export function reachKm(model: TimeModel, maxMinutes: number): number {
	return ((maxMinutes - model.stop) / 60) * (Math.max(...model.speeds) / model.detour);
}

/**
 * The `temps_trajet` artefact: one row per unordered pair of communes within MAX_MINUTES (times are symmetric),
 * `origine` < `destination` in code order, minutes to a tenth. The same commune (0 minute) is implicit.
 */
export function travelTimesTable(places: readonly Place[], model = TRAVEL_MODEL): Table {
	const pairs = nearPairs(places, reachKm(model, MAX_MINUTES));
	const origine: number[] = [];
	const destination: number[] = [];
	const mins: number[] = [];
	for (let k = 0; k < pairs.a.length; k++) {
		const i = pairs.a[k];
		const j = pairs.b[k];
		const t = Math.round(minutes(model, pairs.km[k], places[i].densite, places[j].densite) * 10) / 10;
		if (t > MAX_MINUTES) continue;
		origine.push(i);
		destination.push(j);
		mins.push(t);
	}
	const codes = places.map((p) => p.code);
	return makeTable([code32('origine', origine.map((i) => codes[i])), code32('destination', destination.map((i) => codes[i])), f32('minutes', mins)]);
}

/** The places of the communes table (centroids) with their density level from the typologies table. */
export function placesOf(communes: Table, typologies: Table): Place[] {
	const levels = new Map(Array.from(typologies.getChild('code')!, (c, k) => [String(c), Number(typologies.getChild('densite_niveau')!.get(k))]));
	const lon = communes.getChild('lon')!;
	const lat = communes.getChild('lat')!;
	return Array.from(communes.getChild('code')!, (c, k) => {
		const code = String(c);
		const densite = levels.get(code);
		if (densite === undefined) throw new SourceError(`Temps de trajet : commune ${code} sans niveau de densité`);
		return { code, lon: Number(lon.get(k)), lat: Number(lat.get(k)), densite };
	});
}

export function buildTravelTimes(communes: Table, typologies: Table, log: (message: string) => void): Table {
	const table = travelTimesTable(placesOf(communes, typologies));
	log(`Temps de trajet approchés : ${table.numRows} paires de communes à ${MAX_MINUTES} min au plus`);
	return table;
}
