import type { FileDb } from './connector';
import { spawnEngineWorker } from './engine-worker';

let engine: Promise<FileDb> | null = null;
let start: () => void = () => undefined;
const started = new Promise<void>((resolve) => (start = resolve));

/**
 * The page's one DuckDB, once started. Compiling its 34 MB of wasm is the longest step of a cold
 * start, done by its worker off the main thread: the root layout starts it as soon as the app boots,
 * the explorer once its first view's geometry is in (it draws that view without it).
 */
export function browserEngine(): Promise<FileDb> {
	if (!engine) {
		const opening = started.then(async () => {
			// The worker first: it compiles the wasm while duckdb-wasm's page side is imported.
			const worker = spawnEngineWorker();
			const { openBrowserDb } = await import('./browser').catch((error: unknown) => {
				worker.worker.terminate();
				throw error;
			});
			return openBrowserDb(worker);
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
