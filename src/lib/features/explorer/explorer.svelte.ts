import { ArtefactError, GEOMETRY_TABLES, findArtefact, type CommuneNote, type Manifest } from '../../data/queries/artefacts';
import { atlasSource, keepForOffline, startEngine } from '../../data/queries/atlas';
import { STALE, type DataClient, type DataSource } from '../../data/queries/source';
import { communeCodes, territoryValues, type TerritoryValues } from '../../data/queries/values';
import { TERRITORY_TABLES, communeCentroids, levelNames, placeRows } from '../../data/queries/territories';
import { getIndicator, levelsOf, type Indicator } from '../../indicators/catalogue';
import type { Area, Level } from '../../territory/key';
import type { Classification } from '../../indicators/classify';
import { loadPolygons } from '../../data/queries/load-polygons';
import { loadFirstView, type FirstView } from '../../map/first-view';
import type { FlatPolygons } from '../../data/geometry/polygons';
import type { PlaceLabels } from '../../map/layers';
import { placeLabelsOf } from '../../map/label-placement';
import { loadFacilities, type Facilities } from '../../map/facilities';
import { OVERLAYS, loadOverlay, type OverlayData, type OverlayId } from '../../map/overlays';
import { DEFAULT_VIEW, classifyView, ignoredNotice, passesCriterion, type ViewState } from '../../links/view-state';
import { territoryName } from '../../data/queries/territories';
import { communeNote } from '../../data/queries/provenance';
import { MAX_SELECTION, countCommunes, normalizeSelection } from '../../territory/key';
import { formatNumber } from '../../territory/number';

/** A failed load, in French, for the user. */
function loadFailure(error: unknown): string {
	const why = error instanceof Error ? error.message : String(error);
	return `Le chargement a échoué : ${why} Vérifiez la connexion, puis réessayez.`;
}

/** A plain lookup set (not state). */
const codeSet = (codes: readonly string[]): ReadonlySet<string> => new Set(codes);

function perfMark(name: string) {
	performance.mark(`cls:${name}`);
}

/**
 * State of the map explorer. Data flows one way: artefacts → DuckDB → Arrow → typed arrays → layers.
 * The first view (France, any level) needs no engine: geometry comes triangulated and the
 * values come in their own artefacts (map/first-view.ts), so the map is coloured, and changes
 * level, while DuckDB starts in the background. What needs SQL waits for the engine, then runs: nothing asked is lost.
 * Each view change re-runs only the queries it invalidates.
 */
export class Explorer {
	phase = $state<'loading' | 'outlines' | 'ready' | 'error'>('loading');
	error = $state<string | null>(null);
	view = $state<ViewState>(DEFAULT_VIEW);
	/** Geometry of each level, once loaded. */
	geometry = $state.raw<Partial<Record<Level, FlatPolygons>>>({});
	/** Territory names of each level, in geometry order. */
	names = $state.raw<Partial<Record<Level, string[]>>>({});
	/** Values shown: they belong to `shown.indicator` at `shown.level` (the view may be ahead while a query runs). */
	shown = $state.raw<{ indicator: Indicator; level: Level; values: TerritoryValues } | null>(null);
	classification = $state.raw<Classification | null>(null);
	/** Commune mask of the criterion filter (1 = passes), or null without filter. */
	filterMask = $state.raw<Uint8Array | null>(null);
	/** The criterion's value of every commune (same order as the mask), or null without filter. */
	filterValues = $state.raw<Float64Array | null>(null);
	labels = $state.raw<PlaceLabels | null>(null);
	facilities = $state.raw<Facilities | null>(null);
	busy = $state(false);
	/** Zonings drawn over the map, once loaded. */
	overlays = $state.raw<Partial<Record<OverlayId, OverlayData>>>({});
	/** Communes of a scope that is a list of them (selection, CLS perimeter); `scope` tells which one. */
	scopeCommunes = $state.raw<{ scope: string; codes: readonly string[] } | null>(null);
	/** Communes of a CLS perimeter, given by the page (the CLS registry lives in the browser). */
	resolveCls: ((id: string) => Promise<string[] | null>) | null = null;
	/** Why the last addition to the selection of communes was refused. */
	groupWarning = $state<string | null>(null);
	/** Why the last change of view could not be shown (a file that did not load); « Réessayer » calls `retry`. */
	loadError = $state<string | null>(null);
	/** What of the opening permalink could not be honoured (said once, in French). */
	linkNotice = $state<string | null>(null);
	/** A territory the map should zoom to (a search result); `n` makes each request distinct. */
	focusRequest = $state<{ level: Level; code: string; n: number } | null>(null);
	/** Population of every territory of a level (geometry order), for the tables' population column and totals. */
	population = $state.raw<Partial<Record<Level, Float64Array>>>({});

	/** The data layer, once DuckDB is up and its tables checked. */
	source = $state.raw<DataSource | null>(null);
	/** False while DuckDB starts: the controls that need it say so, and their requests wait for it. */
	engineReady = $state(false);
	/** The data layer once the engine is started and checked; rejected if it fails. */
	private engine: Promise<DataSource> | null = null;
	/** The opening failed after the first view was drawn (engine start): « Réessayer » runs it again. */
	private restartOnRetry = false;
	private firstView: Promise<FirstView> | null = null;
	private manifest: Manifest | null = null;
	private dataUrl = '';
	/** The map's values and the filter's: a newer view's answer wins, an older one is dropped. */
	private valuesClient: DataClient | null = null;
	private filterClient: DataClient | null = null;

	get indicator(): Indicator {
		return getIndicator(this.view.indicator);
	}

	/**
	 * What the shipped data says of a commune's value of the indicator shown: inherited from a former commune, not
	 * published, or resting on a population of another millésime (every indicator reads `communes`).
	 */
	communeNote(code: string): CommuneNote | null {
		return this.manifest ? communeNote(this.manifest, [...this.indicator.tables, 'communes'], code) : null;
	}

	/** `ignored`: what the permalink's parser already dropped; territories are then checked against the data. */
	async start(dataUrl: string, view: ViewState, ignored: readonly string[] = []): Promise<void> {
		perfMark('start');
		this.view = view;
		this.linkNotice = ignoredNotice(ignored);
		this.dataUrl = dataUrl;
		try {
			const source = await atlasSource(dataUrl);
			this.manifest = source.manifest;
			this.valuesClient = source.client();
			this.filterClient = source.client();
			// The first view needs the commune geometry (always drawn), that of the level shown, and the commune values.
			const geometry = Promise.all([this.loadGeometry('commune'), this.loadGeometry(view.level)]).then((p) => {
				if (this.phase === 'loading') this.phase = 'outlines';
				perfMark('geometry-ready');
				return p;
			});
			// DuckDB starts once the first view's geometry is in, its worker fetching and compiling the
			// wasm while the map is drawn, and so do the tables every control needs (inserted once the
			// engine is up): after the first coloured map, the main thread only has a few queries left.
			// Measured (6 cold starts each): started with the page, its compiling competed with
			// the geometry's decoding and the first coloured map came 0.3 s later. A failure is said once
			// the first view is drawn.
			const tables = geometry.then(() => Promise.all([startEngine(), source.prefetch([...TERRITORY_TABLES, ...this.indicator.tables])]));
			tables.catch(() => undefined);
			this.firstView = Promise.all([loadFirstView(source.manifest, dataUrl), geometry]).then(([values, [communes]]) => {
				checkSameCodes(values.codes('commune'), communes.codes, 'Les valeurs des communes et leurs contours');
				if (!this.names.commune) this.names = { ...this.names, commune: values.names('commune') };
				return values;
			});
			// What needs the engine waits for the first view to be drawn.
			this.engine = this.firstView
				.then((values) => (values.values(view.indicator, view.level, view.scope) ? firstColouredMap() : undefined))
				// The EPCI geometry too, so that a first change of level needs no wait (départements and régions are outlines).
				.then(() => void this.loadGeometry('epci').catch(() => undefined))
				.then(() => tables)
				.then(async () => {
					perfMark('duckdb-ready');
					await this.checkAlignment(source);
					const opened = this.view;
					await this.checkTerritories(source, ignored);
					this.source = source;
					// A permalink's unknown territory was dropped: the view waiting for the engine is redrawn.
					if (this.view !== opened) this.refresh().catch((error: unknown) => this.fail(error));
					return source;
				});
			this.engine.catch(() => undefined);
			this.loadOutlines();

			await this.refresh();
			await this.refreshFilter();
			await this.engine;
			this.engineReady = true;
			await this.loadNames(this.view.level);
			this.phase = 'ready';
			perfMark('interactive');
			await Promise.all([this.loadLabels(source), source.prefetch()]);
			// Filling the service worker's caches reads every file again: not while the page starts.
			keepForOffline();
			if (this.view.layers.length) await Promise.all([this.ensureFacilities(), this.ensureOverlays()]);
		} catch (error) {
			this.fail(error);
		}
	}

	/** The engine, waited for if it is still starting (null if it failed: the error is already shown). */
	async whenEngine(): Promise<DataSource | null> {
		if (this.source) return this.source;
		if (!this.engine) return null;
		return this.engine.catch(() => null);
	}

	private fail(error: unknown) {
		if (this.phase === 'ready' || this.shown) {
			// The map is up: a later load failed (network lost); say it, keep the map. If the engine
			// was still starting, « Réessayer » starts it again.
			this.loadError = loadFailure(error);
			this.restartOnRetry = this.phase !== 'ready';
			return;
		}
		this.phase = 'error';
		this.error =
			error instanceof ArtefactError
				? error.message
				: `Le chargement de l’atlas a échoué : ${error instanceof Error ? error.message : String(error)}`;
	}

	/** Each level's geometry is fetched and triangulated once, however many callers ask at the same time. */
	// eslint-disable-next-line svelte/prefer-svelte-reactivity -- a private cache of promises, not state
	private geometryLoads = new Map<Level, Promise<FlatPolygons>>();
	private loadGeometry(level: Level): Promise<FlatPolygons> {
		let load = this.geometryLoads.get(level);
		if (!load) {
			const loading = loadPolygons(findArtefact(this.manifest!, GEOMETRY_TABLES[level]), this.dataUrl).then((p) => {
				this.geometry = { ...this.geometry, [level]: p };
				return p;
			});
			// A failed load (network lost) is forgotten: the next call tries again.
			loading.catch(() => {
				if (this.geometryLoads.get(level) === loading) this.geometryLoads.delete(level);
			});
			this.geometryLoads.set(level, loading);
			load = loading;
		}
		return load;
	}

	/** Geometry of a level, loaded in the background if it is not yet (e.g. to fit the map to an EPCI). */
	ensureGeometry(level: Level): void {
		this.loadGeometry(level).catch((error: unknown) => this.fail(error));
	}

	/** Département and région outlines (and fills at those levels): drawn when they arrive, never waited for. */
	private loadOutlines() {
		Promise.all([this.loadGeometry('departement'), this.loadGeometry('region')]).catch((error: unknown) => this.fail(error));
	}

	/** The map colours territory i with row i of the queries: both must list the same codes in the same order. */
	private async checkAlignment(source: DataSource) {
		const [communes, rows] = await Promise.all([this.loadGeometry('commune'), communeCodes(source), this.loadNames('commune', source)]);
		checkSameCodes(rows, communes.codes, 'Les contours des communes et la table des communes');
	}

	/**
	 * A permalink's territories must exist in the data (`departement:99`, `epci:123456789` have the right
	 * form but no territory): unknown ones are dropped, and the user is told which.
	 */
	private async checkTerritories(source: DataSource, ignored: readonly string[]) {
		const view = this.view;
		const dropped = [...ignored];
		const exists = async (level: Level, code: string) => (await territoryName(source, level, code)) !== null;
		let { scope, selection, group } = view;
		if (scope.level === 'region' || scope.level === 'departement' || scope.level === 'epci') {
			if (!(await exists(scope.level, scope.code))) {
				dropped.push(`territoire étudié « ${scope.level}:${scope.code} » introuvable`);
				scope = { level: 'france' };
			}
		}
		if (selection && !(await exists(selection.level, selection.code))) {
			dropped.push(`territoire sélectionné « ${selection.level}:${selection.code} » introuvable`);
			selection = null;
		}
		const known = codeSet(this.geometry.commune!.codes);
		const unknown = group.filter((c) => !known.has(c));
		if (unknown.length) {
			dropped.push(`commune${unknown.length > 1 ? 's' : ''} ${unknown.slice(0, 3).join(', ')}${unknown.length > 3 ? '…' : ''} introuvable${unknown.length > 1 ? 's' : ''}`);
			group = group.filter((c) => known.has(c));
		}
		if (scope.level === 'selection' && group.length === 0) scope = { level: 'france' };
		if (dropped.length === ignored.length) return;
		this.view = { ...view, scope, selection, group };
		this.linkNotice = ignoredNotice(dropped);
	}

	/** Loads a level's populations once: from the first view's artefact, else with the engine. */
	async ensurePopulation(level: Level): Promise<void> {
		if (this.population[level]) return;
		const population = getIndicator('population');
		let values = (await this.firstView)?.values(population.id, level, { level: 'france' })?.values ?? null;
		if (!values) {
			const source = await this.whenEngine();
			values = source ? (await territoryValues(source, population, level, null)).values : null;
		}
		if (values) this.population = { ...this.population, [level]: values };
	}

	private async loadNames(level: Level, source = this.source) {
		if (this.names[level] || !source) return;
		const { names } = await levelNames(source, level);
		this.names = { ...this.names, [level]: names };
	}

	/** Applies a change of view and recomputes what it invalidates; a failure is said (`loadError`), never thrown. */
	async update(change: Partial<ViewState>): Promise<void> {
		try {
			await this.apply(change);
			this.loadError = null;
		} catch (error) {
			this.loadError = loadFailure(error);
		}
	}

	/** « Réessayer »: shows the current view again, loading what failed (or restarts a failed opening). */
	async retry(): Promise<void> {
		this.loadError = null;
		if (this.phase === 'error' || this.restartOnRetry) {
			this.error = null;
			this.restartOnRetry = false;
			if (this.phase === 'error') this.phase = 'loading';
			await this.start(this.dataUrl, this.view);
			return;
		}
		try {
			await this.refresh();
			await this.refreshFilter();
			if (this.view.layers.length && !this.facilities) await this.ensureFacilities();
			await this.ensureOverlays();
		} catch (error) {
			this.loadError = loadFailure(error);
		}
	}

	private async apply(change: Partial<ViewState>): Promise<void> {
		const next = { ...this.view, ...change };
		const indicator = getIndicator(next.indicator);
		// Communes by default; a user's file of EPCI or département values starts at its own level.
		if (!levelsOf(indicator).includes(next.level)) next.level = levelsOf(indicator).includes('commune') ? 'commune' : levelsOf(indicator)[0];
		if (change.indicator && change.indicator !== this.view.indicator) next.keptClasses = [];
		// An empty selection can't be the territory studied: back to France.
		if (next.scope.level === 'selection' && next.group.length === 0) next.scope = { level: 'france' };
		const previous = this.view;
		this.view = next;
		const scopeChanged =
			JSON.stringify(next.scope) !== JSON.stringify(previous.scope) || (next.scope.level === 'selection' && next.group.join() !== previous.group.join());
		const dataChanged = next.indicator !== previous.indicator || next.level !== previous.level || scopeChanged;
		const classesChanged =
			next.method !== previous.method || next.classes !== previous.classes || next.breaks.join() !== previous.breaks.join();
		if (dataChanged || classesChanged) await this.refresh(!dataChanged);
		if (JSON.stringify(next.filter) !== JSON.stringify(previous.filter) || scopeChanged) {
			await this.refreshFilter();
		}
		if (next.layers.length && !this.facilities) await this.ensureFacilities();
		await this.ensureOverlays();
	}

	private async ensureOverlays() {
		const communes = this.geometry.commune;
		const source = this.source;
		if (!source || !communes) return; // start() runs it once the engine is up
		for (const overlay of OVERLAYS) {
			if (!this.view.layers.includes(overlay.id) || this.overlays[overlay.id]) continue;
			this.overlays = { ...this.overlays, [overlay.id]: await loadOverlay(source, overlay.id, communes, this.dataUrl) };
		}
	}

	/**
	 * Queries values (unless only the classes changed) and classifies them. Values over France,
	 * at any level, come from their artefacts without SQL; any other view waits for the engine if it is
	 * still starting. Marks the timing for the benchmark.
	 */
	private async refresh(classesOnly = false): Promise<void> {
		const client = this.valuesClient;
		if (!client) return;
		perfMark('recolor-start');
		this.busy = true;
		const view = this.view;
		const indicator = getIndicator(view.indicator);
		const previous = this.shown;
		let shown: typeof previous | typeof STALE;
		try {
			shown = await client.request(async () => {
				if (classesOnly && previous) return previous;
				const firstView = await this.firstView;
				const direct = firstView?.values(indicator.id, view.level, view.scope);
				if (firstView && direct) {
					const geometry = await this.loadGeometry(view.level);
					checkSameCodes(firstView.codes(view.level), geometry.codes, 'Les valeurs des territoires et leurs contours');
					if (!this.names[view.level]) this.names = { ...this.names, [view.level]: firstView.names(view.level) };
					this.scopeCommunes = null;
					return { indicator, level: view.level, values: direct };
				}
				// Any other view waits for the engine if it is still starting (null: it failed, the error is shown).
				const source = await this.whenEngine();
				if (!source) return null;
				await Promise.all([this.loadGeometry(view.level), this.loadNames(view.level, source)]);
				const area = await this.areaOf(view);
				this.scopeCommunes = area !== null && 'codes' in area ? { scope: JSON.stringify(view.scope), codes: area.codes } : null;
				return { indicator, level: view.level, values: await territoryValues(source, indicator, view.level, area) };
			});
		} catch (error) {
			this.busy = false;
			throw error;
		}
		// A newer view was asked for meanwhile: its own refresh shows it (and clears `busy`).
		if (shown === STALE) return;
		if (!shown) {
			this.busy = false;
			return;
		}
		const { values, inScope } = shown.values;
		this.classification = classifyView(indicator, values, view, inScope);
		this.shown = shown;
		if (!this.view.filter) this.clearFilter();
		if (this.source) void this.loadNames(view.level);
		this.busy = false;
	}

	/** The area a view studies: a selection or a CLS perimeter becomes its list of communes (null: France). */
	async areaOf(view: ViewState): Promise<Area> {
		switch (view.scope.level) {
			case 'france':
				return null;
			case 'selection':
				return { codes: view.group };
			case 'cls':
				return { codes: (await this.resolveCls?.(view.scope.code)) ?? [] };
			default:
				return view.scope;
		}
	}

	/** The criterion is on commune values over France: from their artefact, or from the engine. */
	private async refreshFilter(): Promise<void> {
		const filter = this.view.filter;
		const client = this.filterClient;
		if (!filter || !client) {
			client?.cancel();
			this.clearFilter();
			return;
		}
		const indicator = getIndicator(filter.indicator);
		const values = await client.request(async () => {
			const direct = (await this.firstView)?.values(indicator.id, 'commune', { level: 'france' })?.values;
			if (direct) return direct;
			const source = await this.whenEngine();
			return source ? (await territoryValues(source, indicator, 'commune', null)).values : null;
		});
		if (values === STALE || !values) return;
		const mask = new Uint8Array(values.length);
		for (let i = 0; i < values.length; i++) mask[i] = passesCriterion(filter, values[i]) ? 1 : 0;
		this.filterValues = values;
		this.filterMask = mask;
	}

	private clearFilter() {
		this.filterMask = null;
		this.filterValues = null;
	}

	/** A click on a class of the legend keeps only it on the map; again, and it is let go. */
	toggleClass(index: number): Promise<void> {
		const kept = this.view.keptClasses;
		return this.update({ keptClasses: kept.includes(index) ? kept.filter((k) => k !== index) : [...kept, index].sort() });
	}

	focus(territory: { level: Level; code: string }) {
		this.focusRequest = { ...territory, n: (this.focusRequest?.n ?? 0) + 1 };
	}

	/** Shift-click on a commune: in the selection of communes if it was not, out of it if it was. */
	toggleInGroup(code: string): Promise<void> {
		const group = this.view.group;
		return this.update({ group: group.includes(code) ? group.filter((c) => c !== code) : normalizeSelection([...group, code]) });
	}

	/** The lasso, or the retained communes: they join the selection, unless it would grow too large. */
	async addToGroup(codes: readonly string[]): Promise<void> {
		const size = countCommunes([...this.view.group, ...codes]);
		this.groupWarning =
			size > MAX_SELECTION
				? `Sélection non modifiée : elle compterait ${formatNumber(size, 0)} communes, au-delà de la limite de ${formatNumber(MAX_SELECTION, 0)}.`
				: null;
		if (!this.groupWarning) await this.update({ group: normalizeSelection([...this.view.group, ...codes]) });
	}

	/** Centroid of every commune (`communes.lon`, `lat`), for the lasso; queried once. */
	async communeCentroids(): Promise<{ codes: string[]; lon: Float64Array; lat: Float64Array } | null> {
		return this.source ? communeCentroids(this.source) : null;
	}

	private async ensureFacilities() {
		// Without the engine yet, start() runs it once the engine is up.
		if (this.facilities || !this.source) return;
		this.facilities = await loadFacilities(this.source);
	}

	private async loadLabels(source: DataSource) {
		this.labels = placeLabelsOf(await placeRows(source));
	}
}

/**
 * Resolves once the map has drawn its first coloured frame (AtlasMap marks it), or after
 * FIRST_MAP_WAIT_MS if it never does (no WebGL…): the engine must start anyway.
 */
const FIRST_MAP_WAIT_MS = 3000;
function firstColouredMap(): Promise<void> {
	return new Promise((resolve) => {
		const drawn = () => performance.getEntriesByName('cls:first-colored-map').length > 0;
		if (drawn()) return resolve();
		const observer = new PerformanceObserver(() => {
			if (!drawn()) return;
			observer.disconnect();
			resolve();
		});
		observer.observe({ type: 'mark' });
		setTimeout(() => {
			observer.disconnect();
			resolve();
		}, FIRST_MAP_WAIT_MS);
	});
}

function checkSameCodes(actual: readonly string[], expected: readonly string[], what: string): void {
	if (actual.length !== expected.length || actual.some((c, i) => c !== expected[i])) {
		throw new ArtefactError(`${what} ne correspondent pas : les fichiers de données de cette version de l’atlas sont incohérents, la carte ne peut pas être dessinée.`);
	}
}
