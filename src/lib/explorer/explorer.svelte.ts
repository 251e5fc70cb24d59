import type { Vector } from 'apache-arrow';
import type { DbConnector } from '../db/connector';
import { ArtefactError, MANIFEST_FILE, findArtefact, parseManifest, type Manifest } from '../db/artefacts';
import { loadTables } from '../db/load';
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

	async start(dataUrl: string): Promise<void> {
		try {
			const manifest = await fetchManifest(dataUrl);
			const geometry = loadPolygons(findArtefact(manifest, 'communes_geom'), dataUrl).then((p) => {
				this.communes = p;
				if (this.phase === 'chargement') this.phase = 'contours';
				perfMark('geometry-ready');
				return p;
			});
			const outlines = Promise.all([
				loadPolygons(findArtefact(manifest, 'departements_geom'), dataUrl),
				loadPolygons(findArtefact(manifest, 'regions_geom'), dataUrl)
			]).then(([d, r]) => {
				this.departements = d;
				this.regions = r;
			});
			const database = this.openDatabase(manifest, dataUrl);
			const [polygons, db] = await Promise.all([geometry, database, outlines]);
			await this.checkAlignment(db, polygons);
			await this.showIndicator(this.indicator);
			this.phase = 'pret';
			await this.loadLabels(db);
		} catch (error) {
			this.phase = 'erreur';
			this.error =
				error instanceof ArtefactError
					? error.message
					: `Le chargement de l’atlas a échoué : ${error instanceof Error ? error.message : String(error)}`;
		}
	}

	private async openDatabase(manifest: Manifest, dataUrl: string): Promise<DbConnector> {
		const { openBrowserDb } = await import('../db/browser');
		const db = await openBrowserDb();
		await loadTables(db, manifest, (file) => fetchBytes(`${dataUrl}/${file}`));
		perfMark('duckdb-ready');
		this.db = db;
		return db;
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
		if (!this.db) return;
		perfMark('recolor-start');
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
