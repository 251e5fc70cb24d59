import type { Vector } from 'apache-arrow';
import type { DbConnector } from '../db/connector';
import { ArtefactError, MANIFEST_FILE, findArtefact, parseManifest, type Manifest } from '../db/artefacts';
import { TableLoader } from '../db/load';
import { browserEngine } from '../db/engine';
import { fetchBytes } from '../db/fetch';
import { DEFAULT_INDICATOR_ID, getIndicator, type Indicator } from '../indicators/catalogue';
import { classifyCategories, classifyQuantiles, type Classification } from '../indicators/classify';
import { queryCommuneValues } from '../indicators/values';
import { loadPolygons } from '../map/load-polygons';
import type { FlatPolygons } from '../map/polygons';
import type { PlaceLabels } from '../map/layers';

/** Number of classes until the explorer lets the analyst choose. */
const DEFAULT_CLASS_COUNT = 6;

/** Population from which a commune is labelled, by zoom: big towns first, villages when close. */
const LABEL_ZOOMS: [number, number][] = [
	[50_000, 4],
	[15_000, 6],
	[5_000, 7.5],
	[1_000, 9],
	[0, 10]
];

function perfMark(name: string) {
	performance.mark(`cls:${name}`);
}

/**
 * State of the map explorer. Data flows one way: artefacts → DuckDB → Arrow → typed arrays → layers.
 * Geometry is fetched and triangulated in a worker while DuckDB starts, so the map outline
 * shows before the engine is ready.
 */
export class Explorer {
	phase = $state<'chargement' | 'contours' | 'pret' | 'erreur'>('chargement');
	error = $state<string | null>(null);
	indicator = $state<Indicator>(getIndicator(DEFAULT_INDICATOR_ID));
	communes = $state.raw<FlatPolygons | null>(null);
	departements = $state.raw<FlatPolygons | null>(null);
	regions = $state.raw<FlatPolygons | null>(null);
	values = $state.raw<Float64Array | null>(null);
	classification = $state.raw<Classification | null>(null);
	labels = $state.raw<PlaceLabels | null>(null);
	/** Commune names, in geometry order. */
	names = $state.raw<Vector | null>(null);

	private db: DbConnector | null = null;
	private tables: TableLoader | null = null;

	async start(dataUrl: string): Promise<void> {
		perfMark('start');
		const engine = browserEngine();
		try {
			const manifest = await fetchManifest(dataUrl);
			// While the engine starts: geometry (worker) and the tables the first map needs.
			const geometry = loadPolygons(findArtefact(manifest, 'communes_geom'), dataUrl).then((p) => {
				this.communes = p;
				if (this.phase === 'chargement') this.phase = 'contours';
				perfMark('geometry-ready');
				return p;
			});
			this.tables = new TableLoader(engine, manifest, (file) => fetchBytes(`${dataUrl}/${file}`));
			const firstTables = this.tables.ensure(['communes', ...this.indicator.tables]);
			this.loadOutlines(manifest, dataUrl);

			const [polygons, db] = await Promise.all([geometry, engine, firstTables]);
			this.db = db;
			perfMark('duckdb-ready');
			await this.checkAlignment(db, polygons);
			await this.showIndicator(this.indicator);
			this.phase = 'pret';
			await Promise.all([this.loadLabels(db), this.tables.ensureAll()]);
		} catch (error) {
			this.fail(error);
		}
	}

	private fail(error: unknown) {
		this.phase = 'erreur';
		this.error =
			error instanceof ArtefactError
				? error.message
				: `Le chargement de l’atlas a échoué : ${error instanceof Error ? error.message : String(error)}`;
	}

	/** Département and région outlines: drawn when they arrive, never waited for. */
	private loadOutlines(manifest: Manifest, dataUrl: string) {
		Promise.all([
			loadPolygons(findArtefact(manifest, 'departements_geom'), dataUrl, { triangulate: false }),
			loadPolygons(findArtefact(manifest, 'regions_geom'), dataUrl, { triangulate: false })
		]).then(
			([d, r]) => {
				this.departements = d;
				this.regions = r;
			},
			(error: unknown) => this.fail(error)
		);
	}

	/** The map colours commune i with row i of the query: both must list the same codes in the same order. */
	private async checkAlignment(db: DbConnector, polygons: FlatPolygons) {
		const table = await db.query('SELECT code, nom FROM communes ORDER BY code');
		const codes = table.getChild('code')!;
		const same = codes.length === polygons.codes.length && polygons.codes.every((c, i) => codes.get(i) === c);
		if (!same) throw new ArtefactError('Les contours des communes et la table des communes ne correspondent pas : reconstruisez les données (npm run data).');
		this.names = table.getChild('nom');
	}

	async showIndicator(indicator: Indicator): Promise<void> {
		if (!this.db || !this.tables) return;
		perfMark('recolor-start');
		await this.tables.ensure(indicator.tables);
		const values = await queryCommuneValues(this.db, indicator);
		const classification =
			indicator.kind === 'class'
				? classifyCategories(values, indicator.classes.map((c) => c.value))
				: classifyQuantiles(values, DEFAULT_CLASS_COUNT);
		this.indicator = indicator;
		this.values = values;
		this.classification = classification;
	}

	private async loadLabels(db: DbConnector) {
		const table = await db.query(
			'SELECT nom, lon, lat, population FROM communes WHERE population IS NOT NULL ORDER BY population DESC'
		);
		const population = table.getChild('population')!.toArray() as Int32Array;
		const minZoom = Float32Array.from(population, (p) => LABEL_ZOOMS.find(([min]) => p >= min)![1]);
		this.labels = {
			names: table.getChild('nom')!.toArray() as string[],
			lon: table.getChild('lon')!.toArray() as Float64Array,
			lat: table.getChild('lat')!.toArray() as Float64Array,
			minZoom
		};
	}
}

async function fetchManifest(dataUrl: string): Promise<Manifest> {
	const response = await fetch(`${dataUrl}/${MANIFEST_FILE}`).catch(() => null);
	if (!response?.ok) throw new ArtefactError(`Le manifeste des données (${MANIFEST_FILE}) est introuvable.`);
	return parseManifest(await response.text());
}
