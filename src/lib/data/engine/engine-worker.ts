import ehWasmUrl from '@duckdb/duckdb-wasm/dist/duckdb-eh.wasm?url';
import ehWorkerUrl from '@duckdb/duckdb-wasm/dist/duckdb-browser-eh.worker.js?url';
import { NETWORK_LOST } from './fetch';

/** duckdb-wasm's worker, compiling the engine from the moment it exists. */
export interface EngineWorker {
	worker: Worker;
	/** Rejects, in French and naming the file, when the engine cannot be downloaded or compiled. */
	failed: Promise<never>;
	/** What to hand to `AsyncDuckDB.instantiate`: the module is already on its way (see below). */
	compiledModuleUrl: string;
	/** Once the engine has started: later errors of the worker are its own, reported as usual. */
	started(): void;
}

/** Sent by the wrapper as a log message, which AsyncDuckDB hands to its (void) logger. */
interface StartFailure {
	type: 'LOG';
	engineStartFailed: string;
}

/**
 * The worker's script: a short wrapper around duckdb-wasm's own (the "eh" bundle, served by the app,
 * no CDN; every browser we target has WebAssembly exceptions). As soon as the worker starts, it
 * fetches the 34 MB wasm and compiles it while it downloads (`compileStreaming`): neither waits for
 * the page's main thread, busy drawing the first view, nor for duckdb-wasm's page-side code to load.
 * duckdb-wasm's own download goes through `WebAssembly.instantiateStreaming`, which the
 * wrapper answers with that module; it is handed an empty `data:` URL, so nothing is fetched twice.
 * The wrapper also reports what duckdb-wasm's worker never does: a failed download leaves a rejected
 * promise in the worker and `instantiate` waiting for ever.
 */
function wrapperScript(wasmUrl: string, workerUrl: string): string {
	return `
const fail = (reason) => self.postMessage({ type: 'LOG', engineStartFailed: String(reason) });
self.addEventListener('unhandledrejection', (event) => fail(event.reason));
const compiled = fetch(${JSON.stringify(wasmUrl)}).then((response) => {
	if (!response.ok) throw new Error('HTTP ' + response.status);
	return WebAssembly.compileStreaming(response);
});
compiled.catch(fail);
WebAssembly.instantiateStreaming = async (_source, imports) => {
	const module = await compiled;
	return { module, instance: await WebAssembly.instantiate(module, imports) };
};
importScripts(${JSON.stringify(workerUrl)});
`;
}

/** Starts the engine's worker, which downloads and compiles the wasm at once. Browser only. */
export function spawnEngineWorker(): EngineWorker {
	const absolute = (url: string) => new URL(url, location.href).href;
	const url = URL.createObjectURL(new Blob([wrapperScript(absolute(ehWasmUrl), absolute(ehWorkerUrl))], { type: 'text/javascript' }));
	const worker = new Worker(url);
	const listening = new AbortController();
	const failed = new Promise<never>((_, reject) => {
		const fail = (file: string, reason: string) => {
			URL.revokeObjectURL(url);
			reject(new Error(`Le moteur de calcul (${fileName(file)}) n’a pas pu être téléchargé (${downloadFailure(reason)}).`));
		};
		const { signal } = listening;
		// The wrapper ran, but duckdb-wasm's script could not be fetched (importScripts threw).
		worker.addEventListener(
			'error',
			(event) => {
				event.preventDefault();
				fail(ehWorkerUrl, event.message ?? '');
			},
			{ signal }
		);
		worker.addEventListener(
			'message',
			(event: MessageEvent<Partial<StartFailure>>) => {
				if (typeof event.data?.engineStartFailed === 'string') fail(ehWasmUrl, event.data.engineStartFailed);
			},
			{ signal }
		);
	});
	const started = () => {
		listening.abort();
		// The worker has read its script long ago: the blob's URL is no longer needed.
		URL.revokeObjectURL(url);
	};
	return { worker, failed, compiledModuleUrl: 'data:application/wasm,', started };
}

const fileName = (url: string) => url.slice(url.lastIndexOf('/') + 1);

/** Why a download failed, from the worker's error text: the server's status, a lost connection, or a damaged file. */
export function downloadFailure(reason: string): string {
	const status = /HTTP \d+/.exec(reason);
	if (status) return status[0];
	if (reason === '' || /fetch|network/i.test(reason)) return NETWORK_LOST;
	return 'le fichier reçu n’est pas un moteur valide';
}
