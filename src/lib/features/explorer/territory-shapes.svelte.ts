import { GEOMETRY_TABLES, findArtefact, type Manifest } from '../../data/queries/artefacts';
import type { DataSource } from '../../data/queries/source';
import { territoryValues } from '../../data/queries/values';
import { levelNames } from '../../data/queries/territories';
import { loadCommuneRaster, loadPolygons, type PlacedRaster } from '../../data/queries/load-polygons';
import type { FlatPolygons } from '../../data/geometry/polygons';
import { COARSE_COMMUNES } from '../../data/geometry/mesh';
import { getIndicator } from '../../indicators/catalogue';
import type { FirstView } from '../../map/first-view';
import type { Level } from '../../territory/key';

/** Where the clients of the explorer find values without SQL, and the engine once started. */
export interface OpeningInputs {
	/** The first view's values, without the engine (null before the opening). */
	firstView(): Promise<FirstView> | null;
	/** The engine, waited for if it is still starting (null if it failed). */
	whenEngine(): Promise<DataSource | null>;
}

/**
 * Geometry, names and populations of each level, each loaded once; the map and the tables read them.
 * The communes come first simplified (`COARSE_COMMUNES`: what the map draws at country zoom, half the
 * bytes), their full outline only once asked for (`loadDetail`: the map zoomed in, an export).
 */
export class TerritoryShapes {
	/** Geometry of each level, once loaded; the communes' is the full mesh once loaded, the simplified one until then. */
	geometry = $state.raw<Partial<Record<Level, FlatPolygons>>>({});
	/** The simplified commune mesh, once loaded (same communes and parts as the full one). */
	coarseCommunes = $state.raw<FlatPolygons | null>(null);
	/** The communes outside the DROM as an image, drawn at country zoom once loaded (null before, or if the data has none). */
	communeRaster = $state.raw<PlacedRaster | null>(null);
	/** Territory names of each level, in geometry order. */
	names = $state.raw<Partial<Record<Level, string[]>>>({});
	/** Population of every territory of a level (geometry order), for the tables' population column and totals. */
	population = $state.raw<Partial<Record<Level, Float64Array>>>({});

	private manifest: Manifest | null = null;
	private dataUrl = '';
	private rasterLoad: Promise<void> | null = null;

	/** Populations come from the first view's artefact, else from the engine (the explorer's, once started). */
	constructor(private readonly inputs: OpeningInputs) {}
	/** Each level's geometry is fetched and triangulated once, however many callers ask at the same time. */
	// eslint-disable-next-line svelte/prefer-svelte-reactivity -- a private cache of promises, not state
	private loads = new Map<Level | 'commune-detail', Promise<FlatPolygons>>();

	/** Where the artefacts are: set at each opening, before anything is loaded. */
	open(manifest: Manifest, dataUrl: string): void {
		this.manifest = manifest;
		this.dataUrl = dataUrl;
	}

	/** A level's geometry as first drawn (the communes simplified). */
	load(level: Level): Promise<FlatPolygons> {
		return this.once(level, level === 'commune' ? COARSE_COMMUNES.table : GEOMETRY_TABLES[level], (p) => {
			if (level === 'commune') this.coarseCommunes = p;
			// The full communes may have come first (a link opening zoomed in): they stay.
			if (level !== 'commune' || !this.geometry.commune) this.geometry = { ...this.geometry, [level]: p };
		});
	}

	/** The communes' full outline, which then replaces the simplified one in `geometry`. */
	loadDetail(): Promise<FlatPolygons> {
		return this.once('commune-detail', GEOMETRY_TABLES.commune, (p) => (this.geometry = { ...this.geometry, commune: p }));
	}

	/**
	 * The commune image, fetched once beside the first view's geometry: until it is in (or if it cannot
	 * be read), the map draws the simplified mesh, which shows the same; only the frames are slower.
	 */
	loadRaster(): Promise<void> {
		const entry = this.manifest?.prerender?.raster;
		if (!entry) return Promise.resolve();
		this.rasterLoad ??= loadCommuneRaster(entry, this.dataUrl).then(
			(raster) => void (this.communeRaster = raster),
			() => undefined
		);
		return this.rasterLoad;
	}

	private once(key: Level | 'commune-detail', table: string, loaded: (p: FlatPolygons) => void): Promise<FlatPolygons> {
		let load = this.loads.get(key);
		if (!load) {
			const loading = loadPolygons(findArtefact(this.manifest!, table), this.dataUrl).then((p) => {
				loaded(p);
				return p;
			});
			// A failed load (network lost) is forgotten: the next call tries again.
			loading.catch(() => {
				if (this.loads.get(key) === loading) this.loads.delete(key);
			});
			this.loads.set(key, loading);
			load = loading;
		}
		return load;
	}

	/** Names a level from what is at hand (the first view's artefact), unless it already has them. */
	nameOnce(level: Level, names: () => string[]): void {
		if (!this.names[level]) this.names = { ...this.names, [level]: names() };
	}

	/** A level's names from the engine, once. */
	async loadNames(level: Level, source: DataSource | null): Promise<void> {
		if (this.names[level] || !source) return;
		const { names } = await levelNames(source, level);
		this.names = { ...this.names, [level]: names };
	}

	/** Loads a level's populations once: from the first view's artefact, else with the engine. */
	async ensurePopulation(level: Level): Promise<void> {
		if (this.population[level]) return;
		const population = getIndicator('population');
		let values = (await this.inputs.firstView())?.values(population.id, level, { level: 'france' })?.values ?? null;
		if (!values) {
			const source = await this.inputs.whenEngine();
			values = source ? (await territoryValues(source, population, level, null)).values : null;
		}
		if (values) this.population = { ...this.population, [level]: values };
	}
}
