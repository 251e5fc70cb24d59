/**
 * Generates the report in the browser, nothing sent anywhere: the figures are read once (`collectReport`),
 * the chosen sections built, then in a worker each figure drawn at 300 dpi and the file written (the page
 * stays responsive). Progress is reported; an AbortSignal cancels at the next step, and ends the worker.
 */
import regularFontUrl from '@fontsource/source-sans-3/files/source-sans-3-latin-400-normal.woff?url';
import boldFontUrl from '@fontsource/source-sans-3/files/source-sans-3-latin-700-normal.woff?url';
import type { AtlasContext } from '../../../data/queries/context';
import { fetchBytes, findArtefact } from '../../../data/queries/artefacts';
import type { IndicatorRanks, Portrait } from '../portrait';
import { loadPolygons } from '../../../data/queries/load-polygons';
import { slug } from '../../../export/download';
import { collectReport, type ReportData } from './collect';
import { buildReport } from './build';
import { figureBlocks, type SectionId } from './model';
import { communeShapes, pickPolygons, type CommuneShapes } from './render';
import type { WriterReply, WriterRequest } from './writer-worker';
import { ScenarioClient, type LoadedBaseline } from '../../../data/scenario/client';
import type { ScenarioRunner } from './scenario-figures';

export type ReportFormat = 'docx' | 'pdf';

export interface ReportProgress {
	label: string;
	done: number;
	total: number;
}

/** Lets the page paint and answer input between two steps; throws when cancelled. */
async function pause(signal: AbortSignal): Promise<void> {
	signal.throwIfAborted();
	await new Promise((resolve) => setTimeout(resolve, 0));
	signal.throwIfAborted();
}

/** The scenario worker of « Et si… ? », started for the first scenario, one millésime loaded at a time; ended with the collection. */
function scenarioWorker(atlas: AtlasContext, signal: AbortSignal): { run: ScenarioRunner; close(): void } {
	let client: ScenarioClient | null = null;
	let loaded: { annee: number; baseline: Promise<LoadedBaseline> } | null = null;
	const aborted = new Promise<never>((_, reject) => signal.addEventListener('abort', () => reject(signal.reason), { once: true }));
	aborted.catch(() => undefined);
	const run: ScenarioRunner = async (texte, annee) => {
		client ??= new ScenarioClient();
		if (loaded?.annee !== annee) loaded = { annee, baseline: client.load(atlas.files.dataUrl, atlas.files.manifest, annee) };
		const baseline = await Promise.race([loaded.baseline, aborted]);
		const result = await Promise.race([client.run(texte), aborted]);
		return { codes: baseline.codes, population: baseline.population, pstd: baseline.pstd, result };
	};
	return { run, close: () => client?.close() };
}

export async function collectFor(
	atlas: AtlasContext,
	portrait: Portrait,
	ranks: ReadonlyMap<string, IndicatorRanks>,
	editedOn: string,
	signal: AbortSignal
): Promise<ReportData> {
	const scenarios = scenarioWorker(atlas, signal);
	try {
		return await collectReport(atlas.source, portrait.territory, {
			portrait,
			ranks,
			communeNames: atlas.communeNames,
			membership: atlas.membership,
			index: atlas.index,
			qpv: atlas.qpv,
			editedOn,
			scenarios: scenarios.run,
			checkpoint: () => pause(signal)
		});
	} finally {
		scenarios.close();
	}
}

let shapes: Promise<CommuneShapes> | null = null;

function communeGeometry(atlas: AtlasContext): Promise<CommuneShapes> {
	shapes ??= loadPolygons(findArtefact(atlas.files.manifest, 'communes_geom'), atlas.files.dataUrl).then(communeShapes);
	shapes.catch(() => (shapes = null));
	return shapes;
}

type Written = Extract<WriterReply, { bytes: Uint8Array }>;

function write(request: WriterRequest, signal: AbortSignal, onProgress: (done: number, label: string) => void): Promise<Written> {
	const worker = new Worker(new URL('./writer-worker.ts', import.meta.url), { type: 'module' });
	return new Promise<Written>((resolve, reject) => {
		const stop = () => {
			worker.terminate();
			reject(signal.reason);
		};
		signal.addEventListener('abort', stop, { once: true });
		worker.onmessage = (event: MessageEvent<WriterReply>) => {
			if ('progress' in event.data) {
				onProgress(event.data.progress, event.data.label);
				return;
			}
			signal.removeEventListener('abort', stop);
			worker.terminate();
			if ('error' in event.data) reject(new Error(event.data.error));
			else resolve(event.data);
		};
		worker.onerror = (event) => {
			signal.removeEventListener('abort', stop);
			worker.terminate();
			reject(new Error(event.message || 'erreur de l’écriture du fichier'));
		};
		worker.postMessage(request);
	});
}

export interface GeneratedReport {
	blob: Blob;
	filename: string;
	/** Pages of a PDF. */
	pages: number | null;
}

export async function writeReport(
	atlas: AtlasContext,
	data: ReportData,
	sections: readonly SectionId[],
	format: ReportFormat,
	signal: AbortSignal,
	onProgress: (p: ReportProgress) => void
): Promise<GeneratedReport> {
	const doc = buildReport(data, sections);
	const blocks = figureBlocks(doc);
	const total = blocks.length + 2;
	onProgress({ label: 'Fond des cartes', done: 0, total });
	const geometry = await communeGeometry(atlas);
	await pause(signal);
	const polygons = pickPolygons(
		geometry,
		blocks.flatMap((b) => (b.spec.kind === 'map' ? b.spec.colors.map(([code]) => code) : []))
	);
	const fonts = { regular: await fetchBytes(regularFontUrl), bold: await fetchBytes(boldFontUrl) };
	await pause(signal);
	const reply = await write({ format, doc, polygons, fonts }, signal, (done, label) => onProgress({ label, done, total }));
	onProgress({ label: 'Terminé', done: total, total });
	const type = format === 'docx' ? 'application/vnd.openxmlformats-officedocument.wordprocessingml.document' : 'application/pdf';
	return { blob: new Blob([reply.bytes as BlobPart], { type }), filename: `diagnostic-${slug(data.portrait.territory.nom)}.${format}`, pages: reply.pages };
}
