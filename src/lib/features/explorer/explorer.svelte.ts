import type { CommuneNote, Manifest } from '../../data/queries/artefacts';
import { atlasSource, keepForOffline, startEngine } from '../../data/queries/atlas';
import type { DataSource } from '../../data/queries/source';
import { communeCodes } from '../../data/queries/values';
import { TERRITORY_TABLES, placeRows } from '../../data/queries/territories';
import { communeNote } from '../../data/queries/provenance';
import { getIndicator, levelsOf, tablesOf, type Indicator } from '../../indicators/catalogue';
import type { Area, Level } from '../../territory/key';
import { loadFirstView, type FirstView } from '../../map/first-view';
import type { PlaceLabels } from '../../map/layers';
import { placeLabelsOf } from '../../map/label-placement';
import { loadFacilities, type Facilities } from '../../map/facilities';
import { OVERLAYS, loadOverlay, type OverlayData, type OverlayId } from '../../map/overlays';
import { DEFAULT_VIEW, ignoredNotice, type ViewState } from '../../links/view-state';
import { checkSameCodes, checkTerritories, firstColouredMap, loadFailure, openingFailure, perfMark } from './opening';
import { TerritoryShapes, type OpeningInputs } from './territory-shapes.svelte';
import { MapValues, type ValueInputs } from './map-values.svelte';
import { CriterionMask } from './criterion-mask.svelte';
import { CommuneSelection } from './selection.svelte';

/**
 * State of the map explorer, composed of small clients of the data layer (Mosaic's coordinator and clients):
 * `shapes` (geometry, names, populations), `values` (the map's values and classes), `criterion` (the filter's mask)
 * and `selection`; this class holds the view, the opening and the layers drawn over the map.
 * Data flows one way: artefacts → DuckDB → Arrow → typed arrays → layers.
 * The first view (France, any level) needs no engine: geometry comes triangulated and the
 * values come in their own artefacts (map/first-view.ts), so the map is coloured, and changes
 * level, while DuckDB starts in the background. What needs SQL waits for the engine, then runs: nothing asked is lost.
 * Each view change re-runs only the queries it invalidates.
 */
export class Explorer {
	phase = $state<'loading' | 'outlines' | 'ready' | 'error'>('loading');
	error = $state<string | null>(null);
	view = $state<ViewState>(DEFAULT_VIEW);
	labels = $state.raw<PlaceLabels | null>(null);
	facilities = $state.raw<Facilities | null>(null);
	/** Zonings drawn over the map, once loaded. */
	overlays = $state.raw<Partial<Record<OverlayId, OverlayData>>>({});
	/** Communes of a CLS perimeter, given by the page (the CLS registry lives in the browser). */
	resolveCls: ((id: string) => Promise<string[] | null>) | null = null;
	/** Why the last change of view could not be shown (a file that did not load); « Réessayer » calls `retry`. */
	loadError = $state<string | null>(null);
	/** What of the opening permalink could not be honoured (said once, in French). */
	linkNotice = $state<string | null>(null);

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

	/** What every client of the explorer reads besides the data layer: the first view's values, the engine. */
	private readonly opening: OpeningInputs = { firstView: () => this.firstView, whenEngine: () => this.whenEngine() };
	private readonly inputs: ValueInputs = { ...this.opening, shapes: new TerritoryShapes(this.opening), areaOf: (view) => this.areaOf(view) };
	/** Geometry, names and populations of each level. */
	readonly shapes = this.inputs.shapes;
	/** Values shown: they belong to `values.shown.indicator` at its level (the view may be ahead while a query runs). */
	readonly values = new MapValues(this.inputs);
	readonly criterion = new CriterionMask(this.inputs);
	readonly selection = new CommuneSelection(
		() => this.view,
		(change) => this.update(change)
	);

	get indicator(): Indicator {
		return getIndicator(this.view.indicator);
	}

	/**
	 * What the shipped data says of a commune's value of the indicator shown: inherited from a former commune, not
	 * published, or resting on a population of another millésime (every indicator reads `communes`).
	 */
	communeNote(code: string): CommuneNote | null {
		return this.manifest ? communeNote(this.manifest, [...tablesOf(this.indicator), 'communes'], code) : null;
	}

	/** `ignored`: what the permalink's parser already dropped; territories are then checked against the data. */
	async start(dataUrl: string, view: ViewState, ignored: readonly string[] = []): Promise<void> {
		perfMark('start');
		this.view = view;
		this.linkNotice = ignoredNotice(ignored);
		this.dataUrl = dataUrl;
		const { shapes } = this;
		try {
			const source = await atlasSource(dataUrl);
			this.manifest = source.manifest;
			shapes.open(source.manifest, dataUrl);
			// The commune image with the first view's geometry: every frame the software renderer draws while
			// the engine starts is then one rectangle, not the 170,000 triangles that held the main thread
			// 0.5 s a frame and kept the engine's messages waiting.
			void shapes.loadRaster();
			this.values.connect(source.client());
			this.criterion.connect(source.client());
			// The first view needs the commune geometry (always drawn), that of the level shown, and the commune values.
			const geometry = Promise.all([shapes.load('commune'), shapes.load(view.level)]).then((p) => {
				if (this.phase === 'loading') this.phase = 'outlines';
				perfMark('geometry-ready');
				return p;
			});
			// DuckDB starts once the first view's geometry is in, its worker fetching and compiling the
			// wasm while the map is drawn, and so do the tables every control needs (inserted once the
			// engine is up): after the first coloured map, the main thread only has a few queries left.
			// Measured (6 cold starts each): started with the page, its compiling competed with
			// the geometry's decoding and the first coloured map came 0.3 s later; measured again with
			// the engine started as the explorer opens (3 cold starts each, alternated, busy machine), the
			// first coloured map came 1.6 × later and `interactive` 1.3 × later. A failure is said once
			// the first view is drawn.
			// On a second visit (the service worker answers, the wasm's compiled code is cached), the engine
			// starts with the page: there is no download to share the cores with. Measured in three runs of 3
			// second visits each, alternated: `interactive` × 0.86, × 0.97 and × 0.85, the live map no later.
			const warm = typeof navigator !== 'undefined' && !!navigator.serviceWorker?.controller;
			const firstValues = loadFirstView(source.manifest, dataUrl);
			// The indicator's own tables only for a view the first view's values cannot colour (a territory
			// studied, a newer indicator): over France they waited unused among the start's bytes (0.7 MB
			// for the APL), and a later query loads them when it needs them.
			const withIndicator = [...TERRITORY_TABLES, ...tablesOf(this.indicator)];
			const startTables = firstValues.then(
				(values) => (values.values(view.indicator, view.level, view.scope) ? TERRITORY_TABLES : withIndicator),
				() => withIndicator
			);
			const tables = (warm ? Promise.resolve() : geometry).then(() => Promise.all([startEngine(), startTables.then((t) => source.prefetch(t))]));
			tables.catch(() => undefined);
			this.firstView = Promise.all([firstValues, geometry]).then(([values, [communes]]) => {
				checkSameCodes(values.codes('commune'), communes.codes, 'Les valeurs des communes et leurs contours');
				shapes.nameOnce('commune', () => values.names('commune'));
				return values;
			});
			// What needs the engine waits for the first view to be drawn.
			this.engine = this.firstView
				.then((values) => (values.values(view.indicator, view.level, view.scope) ? firstColouredMap() : undefined))
				// The EPCI geometry too, so that a first change of level needs no wait (départements and régions are outlines).
				.then(() => void shapes.load('epci').catch(() => undefined))
				.then(() => tables)
				.then(async () => {
					perfMark('duckdb-ready');
					await this.checkAlignment(source);
					const opened = this.view;
					const checked = await checkTerritories(source, this.view, shapes.geometry.commune!.codes, ignored);
					if (checked) {
						this.view = checked.view;
						this.linkNotice = checked.notice;
					}
					this.source = source;
					// A permalink's unknown territory was dropped: the view waiting for the engine is redrawn.
					if (this.view !== opened) this.refresh().catch((error: unknown) => this.fail(error));
					return source;
				});
			this.engine.catch(() => undefined);
			this.loadOutlines();

			await this.refresh();
			await this.criterion.refresh(this.view.filter);
			await this.engine;
			this.engineReady = true;
			await shapes.loadNames(this.view.level, this.source);
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
		if (this.phase === 'ready' || this.values.shown) {
			// The map is up: a later load failed (network lost); say it, keep the map. If the engine
			// was still starting, « Réessayer » starts it again.
			this.loadError = loadFailure(error);
			this.restartOnRetry = this.phase !== 'ready';
			return;
		}
		this.phase = 'error';
		this.error = openingFailure(error);
	}

	/** Geometry of a level, loaded in the background if it is not yet (e.g. to fit the map to an EPCI). */
	ensureGeometry(level: Level): void {
		this.shapes.load(level).catch((error: unknown) => this.fail(error));
	}

	/** The communes' full outline, loaded in the background (the map zoomed in, an export): it then replaces the simplified one. */
	ensureDetail(): Promise<void> {
		if (!this.manifest) return Promise.resolve(); // not open yet: the map asks again once it draws
		return this.shapes.loadDetail().then(
			() => undefined,
			(error: unknown) => this.fail(error)
		);
	}

	/** Département and région outlines (and fills at those levels): drawn when they arrive, never waited for. */
	private loadOutlines() {
		Promise.all([this.shapes.load('departement'), this.shapes.load('region')]).catch((error: unknown) => this.fail(error));
	}

	/** The map colours territory i with row i of the queries: both must list the same codes in the same order. */
	private async checkAlignment(source: DataSource) {
		const [communes, rows] = await Promise.all([this.shapes.load('commune'), communeCodes(source), this.shapes.loadNames('commune', source)]);
		checkSameCodes(rows, communes.codes, 'Les contours des communes et la table des communes');
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
			await this.criterion.refresh(this.view.filter);
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
			await this.criterion.refresh(this.view.filter);
		}
		if (next.layers.length && !this.facilities) await this.ensureFacilities();
		await this.ensureOverlays();
	}

	/** The map's values of the current view; once shown, a view without criterion drops the old mask. */
	private refresh(classesOnly = false): Promise<void> {
		const view = this.view;
		return this.values.refresh(view, classesOnly, () => {
			if (!this.view.filter) this.criterion.clear();
			if (this.source) void this.shapes.loadNames(view.level, this.source);
		});
	}

	private async ensureOverlays() {
		const communes = this.shapes.geometry.commune;
		const source = this.source;
		if (!source || !communes) return; // start() runs it once the engine is up
		for (const overlay of OVERLAYS) {
			if (!this.view.layers.includes(overlay.id) || this.overlays[overlay.id]) continue;
			this.overlays = { ...this.overlays, [overlay.id]: await loadOverlay(source, overlay.id, communes, this.dataUrl) };
		}
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

	/** A click on a class of the legend keeps only it on the map; again, and it is let go. */
	toggleClass(index: number): Promise<void> {
		const kept = this.view.keptClasses;
		return this.update({ keptClasses: kept.includes(index) ? kept.filter((k) => k !== index) : [...kept, index].sort() });
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
