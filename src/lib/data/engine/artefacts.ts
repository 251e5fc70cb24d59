/**
 * The manifest written by the data pipeline (`npm run data`) and the checks the app runs on
 * every artefact before using it: a truncated or stale file must stop the app with a clear
 * message rather than draw wrong figures.
 */

import type { Provenance } from '../../indicators/provenance';
import { NETWORK_LOST } from './fetch';

export interface ArtefactEntry {
	table: string;
	file: string;
	rows: number;
	bytes: number;
	sha256: string;
	/** The same, decompressed (Arrow IPC, or a mesh for geometry): what arrives when the server sends the file with Content-Encoding: gzip. */
	ipc_bytes: number;
	ipc_sha256: string;
	/** French title shown in the app. */
	title: string;
	/** Short provenance: producer + millésime. */
	source: string;
	/** What the data page (/donnees) says of the table, from data/SOURCES.md. */
	about?: DatasetAbout;
}

/** A dataset described for its users, in French (pipeline/build.ts writes it into the manifest): its provenance, then its coverage. */
export interface DatasetAbout extends Provenance {
	couverture: string;
	transformation?: string;
	/** Known caveats: old millésime, mixed millésimes, partial coverage. */
	limites?: string[];
	/** What a tooltip or a portrait must say of particular communes' values. */
	notes?: CommuneNote[];
	/** How the source's commune codes were brought to COG 2025 (`npm run data:audit` prints it). */
	remap?: RemapRecord[];
}

/** One source file (or sheet) remapped to COG 2025: its COG, the merges, the splits and the codes of no commune. */
export interface RemapRecord {
	source: string;
	cog: number;
	/** COG 2025 communes made of several source codes. */
	fusions: number;
	/** Former communes shared among the communes re-established since, « 15141 → 15031 15035 … ». */
	scissions: string[];
	/** Source codes of no COG 2025 commune (outside the atlas, or unknown). */
	inconnus: string[];
}

/**
 * A note on some communes' values: `origine` when the value is the former commune's, the commune having been
 * re-established since the source's COG; `millesime` when it is of another millésime than the others' (Mayotte's
 * population); `absence` when the producer does not publish the commune (the reason).
 */
export interface CommuneNote {
	kind: 'origine' | 'millesime' | 'absence';
	/** COG 2025 commune codes. */
	codes: string[];
	/** French, without a final full stop: « valeur de la commune d’origine … ». */
	text: string;
}

/** The CLS register (`npm run data` validates `data/cls`): JSON, not a table; the app bundles it (cls/register.ts). */
export interface RegisterEntry {
	file: string;
	contracts: number;
	bytes: number;
	sha256: string;
	title: string;
	source: string;
}

/** A file the pipeline wrote beside the artefacts, with its size and SHA-256. */
export interface FileEntry {
	file: string;
	bytes: number;
	sha256: string;
}

/**
 * The explorer's default view drawn by the pipeline (pipeline/prerender.ts): its HTML shows it before any
 * script runs. It names what it was drawn from, so that a change of data or of the default view
 * without `npm run data` is caught (test/unit/data/prerender.test.ts).
 */
export interface PrerenderEntry {
	/** The view drawn: the explorer's default (indicator, level, method, classes) over France. */
	indicator: string;
	level: string;
	method: string;
	classes: number;
	/** Artefacts drawn from (values and meshes) and the data version: SHA-256 of their own SHA-256, in this order. */
	inputs: string[];
	data: string;
	/** [west, south, east, north] of the images: the map's opening bounds, fitted as MapLibre fits them. */
	bounds: [number, number, number, number];
	/** The classes drawn (the legend's bounds and counts). */
	classification: { min: number; max: number; breaks: number[]; counts: number[]; missing: number };
	/** The fill at several widths (PNG, one colour a class), and the département and région borders (SVG). */
	images: (FileEntry & { width: number; height: number })[];
	outlines: FileEntry;
	/** The communes outside the DROM as an image of their indices, drawn by the map at country zoom (geometry/raster.ts). */
	raster?: CommuneRasterEntry;
}

/** The commune image: gzipped, with the digest of its bytes once decompressed, and its frame on the map. */
export interface CommuneRasterEntry extends FileEntry {
	ipc_bytes: number;
	ipc_sha256: string;
	width: number;
	height: number;
	/** Its pixels are the map's pixels at this zoom. */
	zoom: number;
	/** [west, south, east, north] of the image's edges. */
	bounds: [number, number, number, number];
}

export interface Manifest {
	schema: number;
	artefacts: ArtefactEntry[];
	register?: RegisterEntry;
	prerender?: PrerenderEntry;
}

export const MANIFEST_FILE = 'manifest.json';
export const MANIFEST_SCHEMA = 1;

/** A missing, truncated or altered artefact. The message is meant for the user, in French. */
export class ArtefactError extends Error {
	constructor(message: string) {
		super(message);
		this.name = 'ArtefactError';
	}
}

/** Geometry artefacts (meshes ready to draw, see map/mesh.ts). */
export function isGeometryTable(table: string): boolean {
	return table.endsWith('_geom');
}

/** Every catalogue indicator's value per commune over France: the first view's colours, without the engine. */
export const COMMUNE_VALUES_TABLE = 'commune_values';
/** The same for the other levels (EPCI, départements, régions), with each value's numerator and denominator. */
export const TERRITORY_VALUES_TABLE = 'territory_values';
/** Levels of `territory_values`. */
export const FIRST_VIEW_LEVELS = ['epci', 'departement', 'region'] as const;
/** Column of `territory_values` holding an indicator's value, or the numerator or denominator it is computed from. */
export function firstViewColumn(indicator: string, part: 'value' | 'num' | 'den'): string {
	return part === 'value' ? indicator : `${indicator}:${part}`;
}

/** Travel times between communes (2 million pairs): read by the scenario engine itself, only when a scenario is made. */
export const TRAVEL_TIMES_TABLE = 'temps_trajet';

/** Geometries, the first view's values and the travel times are read by the app directly; every other artefact becomes a DuckDB table. */
export function isEngineTable(table: string): boolean {
	return !isGeometryTable(table) && table !== COMMUNE_VALUES_TABLE && table !== TERRITORY_VALUES_TABLE && table !== TRAVEL_TIMES_TABLE;
}

export function parseManifest(text: string): Manifest {
	let parsed: unknown;
	try {
		parsed = JSON.parse(text);
	} catch {
		throw new ArtefactError(`Le manifeste des données (${MANIFEST_FILE}) est illisible : JSON invalide.`);
	}
	const manifest = parsed as Partial<Manifest>;
	if (manifest.schema !== MANIFEST_SCHEMA || !Array.isArray(manifest.artefacts)) {
		throw new ArtefactError(
			`Le manifeste des données (${MANIFEST_FILE}) n’a pas le format attendu (schéma ${MANIFEST_SCHEMA}).`
		);
	}
	return manifest as Manifest;
}

/** Whether this build of the atlas ships a table (some are built only when their raw file exists). */
export function hasArtefact(manifest: Manifest, table: string): boolean {
	return manifest.artefacts.some((a) => a.table === table);
}

export function findArtefact(manifest: Manifest, table: string): ArtefactEntry {
	const entry = manifest.artefacts.find((a) => a.table === table);
	if (!entry) throw new ArtefactError(`Le jeu de données « ${table} » est absent du manifeste.`);
	return entry;
}

async function sha256Hex(bytes: Uint8Array): Promise<string> {
	const digest = await crypto.subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>);
	return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
}

/** Throws an ArtefactError naming the file when its size or checksum differs from the manifest. */
async function verify(file: string, bytes: Uint8Array, expectedBytes: number, expectedSha256: string): Promise<void> {
	if (bytes.byteLength !== expectedBytes) {
		throw new ArtefactError(
			`Le fichier de données « ${file} » est incomplet ou corrompu : ${bytes.byteLength} octets reçus, ${expectedBytes} attendus.`
		);
	}
	if ((await sha256Hex(bytes)) !== expectedSha256) {
		throw new ArtefactError(
			`Le fichier de données « ${file} » est corrompu : son empreinte SHA-256 ne correspond pas au manifeste.`
		);
	}
}

/** Artefacts are gzipped Arrow IPC streams; DecompressionStream exists in browsers, workers and Node. */
async function gunzip(bytes: Uint8Array): Promise<Uint8Array> {
	const stream = new Blob([bytes as Uint8Array<ArrayBuffer>]).stream().pipeThrough(new DecompressionStream('gzip'));
	return new Uint8Array(await new Response(stream).arrayBuffer());
}

/** Reads one artefact through `read`, checks it against the manifest and returns its Arrow IPC bytes. */
export async function readArtefact(
	entry: Pick<ArtefactEntry, 'file' | 'bytes' | 'sha256' | 'ipc_bytes' | 'ipc_sha256'>,
	read: (file: string) => Promise<Uint8Array>
): Promise<Uint8Array> {
	let bytes: Uint8Array;
	try {
		bytes = await read(entry.file);
	} catch (cause) {
		const why = cause instanceof Error ? cause.message : String(cause);
		throw new ArtefactError(
			why === NETWORK_LOST
				? `Le fichier de données « ${entry.file} » n’a pas pu être téléchargé (${why}).`
				: `Le fichier de données « ${entry.file} » est introuvable (${why}).`
		);
	}
	if (!isGzip(bytes)) {
		// Already decompressed on the way (Content-Encoding: gzip): check the decompressed digest.
		await verify(entry.file, bytes, entry.ipc_bytes, entry.ipc_sha256);
		return bytes;
	}
	await verify(entry.file, bytes, entry.bytes, entry.sha256);
	return gunzip(bytes);
}

function isGzip(bytes: Uint8Array): boolean {
	return bytes[0] === 0x1f && bytes[1] === 0x8b;
}
