/// <reference lib="webworker" />
/**
 * The scenario engine in a worker: loads DREES's APL and the travel times once (about a second), then answers each
 * scenario (a few milliseconds over France) without ever blocking the page. Messages: see client.ts.
 */
import { fetchBytes, type Manifest } from '../queries/artefacts';
import { loadScenarioInputs, type ScenarioInputs } from './inputs';
import type { TravelPairs } from '../../scenario/engine';
import { readMatrixCsv } from '../../scenario/matrix';
import { ScenarioModel } from '../../scenario/scenario';
import { parseScenario } from '../../scenario/text';
import { whereToInstall } from '../../scenario/placement';
import { decodeText } from '../../text/encoding';
import type { WorkerReply, WorkerRequest } from './client';

let inputs: ScenarioInputs | null = null;
let model: ScenarioModel | null = null;
/** The user's travel-time matrix: it replaces the approximate times, whatever millésime is loaded after. */
let imported: TravelPairs | null = null;
/** The load under way: a scenario asked meanwhile (a change added at once) waits for it. */
let loading: Promise<unknown> = Promise.resolve();

function post(reply: WorkerReply, transfer: Transferable[] = []): void {
	(self as unknown as DedicatedWorkerGlobalScope).postMessage(reply, transfer);
}

self.onmessage = async (event: MessageEvent<WorkerRequest>) => {
	const request = event.data;
	try {
		if (request.type === 'load') {
			const manifest: Manifest = request.manifest;
			const pending = loadScenarioInputs(manifest, (file) => fetchBytes(`${request.dataUrl}/${file}`), request.annee).then((loaded) => {
				inputs = loaded;
				model = new ScenarioModel(loaded.baseline, imported ?? loaded.pairs);
				return loaded;
			});
			loading = pending.catch(() => undefined);
			const { baseline, lon, lat } = await pending;
			const { codes, pstd, population, aplMoins65, apl } = baseline;
			post({ id: request.id, type: 'loaded', codes: [...codes], pstd, population, aplMoins65, apl, lon, lat });
			return;
		}
		await loading;
		if (!model || !inputs) throw new Error('Moteur de scénario non chargé.');
		if (request.type === 'matrix') {
			// Read in full before anything changes: a file refused leaves the times in use.
			const read = request.bytes ? readMatrixCsv(decodeText(new Uint8Array(request.bytes)).text, inputs.baseline) : null;
			imported = read?.pairs ?? null;
			model = new ScenarioModel(inputs.baseline, imported ?? inputs.pairs);
			post({ id: request.id, type: 'matrix', report: read?.report ?? [] });
			return;
		}
		if (request.type === 'place') {
			const id = request.id;
			const placed = whereToInstall(model, request.perimeter, request.gps, (done, total) => post({ id, type: 'progress', done, total }));
			post({ id, type: 'placed', ...placed });
			return;
		}
		const started = performance.now();
		const result = model.run(parseScenario(request.text));
		const ms = performance.now() - started;
		post({ id: request.id, type: 'result', ms, ...result }, [result.after.buffer, result.delta.buffer]);
	} catch (error) {
		post({ id: request.id, type: 'error', message: error instanceof Error ? error.message : String(error) });
	}
};
