import type { FileDb } from './connector';
import type { EngineFiles } from './browser';
import { keepForOffline } from './engine-offline';

let engine: Promise<FileDb> | null = null;
let files: Promise<EngineFiles> | null = null;
let start: () => void = () => undefined;
const started = new Promise<void>((resolve) => (start = resolve));

/** The engine's files, downloading (once; again after a failure). */
function engineFiles(): Promise<EngineFiles> {
	if (!files) {
		const downloading = import('./browser').then(({ downloadEngine }) => downloadEngine());
		files = downloading;
		const forget = () => {
			if (files === downloading) files = null;
		};
		downloading.then(({ wasm, worker }) => Promise.all([wasm, worker])).catch(forget);
	}
	return files;
}

/**
 * Starts downloading the engine's files without compiling them: the explorer calls it once its first
 * view's files are on their way, so that the 34 MB of wasm arrive while the map is drawn.
 */
export function prefetchEngine(): void {
	engineFiles().catch(() => undefined);
}

/**
 * The page's one DuckDB, once started. Compiling its 34 MB of wasm is the longest step of a cold
 * start and takes both cores of a small machine: the root layout starts it as soon as the app
 * boots, except on the explorer, which draws its first view without it and starts it after.
 */
export function browserEngine(): Promise<FileDb> {
	if (!engine) {
		const opening = started
			.then(() => Promise.all([import('./browser'), engineFiles()]))
			.then(([{ openBrowserDb }, downloaded]) => openBrowserDb(downloaded))
			.then((db) => {
				keepForOffline();
				return db;
			});
		engine = opening;
		// A failed start (network lost while the wasm was fetched) is forgotten: the next call tries again.
		opening.catch(() => {
			if (engine === opening) engine = null;
		});
	}
	return engine;
}

/** Starts the engine (once) and returns it. */
export function startEngine(): Promise<FileDb> {
	start();
	return browserEngine();
}
