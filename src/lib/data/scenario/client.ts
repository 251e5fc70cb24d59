/**
 * The page's side of the scenario worker (worker.ts): one worker per page, loaded once per millésime, each run a
 * promise. A bad scenario rejects with the engine's French message; the caller keeps its current scenario.
 */
import type { Manifest } from '../queries/artefacts';
import type { ScenarioResult } from '../../scenario/scenario';
import type { PlacementResult } from '../../scenario/placement';

type RequestBody =
	| { type: 'load'; dataUrl: string; manifest: Manifest; annee: number }
	| { type: 'run'; text: string }
	| { type: 'place'; perimeter: string[]; gps: number }
	/** A real travel-time matrix (the file's bytes) instead of the approximate times; null: back to the approximate ones. */
	| { type: 'matrix'; bytes: ArrayBuffer | null };
export type WorkerRequest = RequestBody & { id: number };

export interface LoadedBaseline {
	codes: string[];
	pstd: Float64Array;
	population: Float64Array;
	aplMoins65: Float64Array;
	apl: Float64Array;
	/** Each commune's centroid, where a map marks it. */
	lon: Float64Array;
	lat: Float64Array;
}

export type WorkerReply =
	| ({ id: number; type: 'loaded' } & LoadedBaseline)
	| ({ id: number; type: 'result'; ms: number } & ScenarioResult)
	| ({ id: number; type: 'placed' } & PlacementResult)
	| { id: number; type: 'progress'; done: number; total: number }
	| { id: number; type: 'matrix'; report: string[] }
	| { id: number; type: 'error'; message: string };

export type RunResult = ScenarioResult & { ms: number };

export class ScenarioClient {
	private readonly worker = new Worker(new URL('./worker.ts', import.meta.url), { type: 'module' });
	private next = 0;
	private readonly pending = new Map<number, { resolve: (reply: WorkerReply) => void; reject: (error: Error) => void; progress?: (done: number, total: number) => void }>();

	constructor() {
		this.worker.onmessage = (event: MessageEvent<WorkerReply>) => {
			const reply = event.data;
			const waiting = this.pending.get(reply.id);
			if (!waiting) return;
			if (reply.type === 'progress') {
				waiting.progress?.(reply.done, reply.total);
				return;
			}
			this.pending.delete(reply.id);
			if (reply.type === 'error') waiting.reject(new Error(reply.message));
			else waiting.resolve(reply);
		};
	}

	private ask(request: RequestBody, progress?: (done: number, total: number) => void, transfer: Transferable[] = []): Promise<WorkerReply> {
		const id = ++this.next;
		return new Promise((resolve, reject) => {
			this.pending.set(id, { resolve, reject, progress });
			this.worker.postMessage({ ...request, id } satisfies WorkerRequest, transfer);
		});
	}

	async load(dataUrl: string, manifest: Manifest, annee: number): Promise<LoadedBaseline> {
		const reply = await this.ask({ type: 'load', dataUrl, manifest, annee });
		if (reply.type !== 'loaded') throw new Error('Réponse inattendue du moteur de scénario.');
		return reply;
	}

	async run(text: string): Promise<RunResult> {
		const reply = await this.ask({ type: 'run', text });
		if (reply.type !== 'result') throw new Error('Réponse inattendue du moteur de scénario.');
		return reply;
	}

	/** « Où installer ? » over `perimeter` for `gps` GPs, with the progress after each GP placed. */
	async place(perimeter: string[], gps: number, progress: (done: number, total: number) => void): Promise<PlacementResult> {
		const reply = await this.ask({ type: 'place', perimeter, gps }, progress);
		if (reply.type !== 'placed') throw new Error('Réponse inattendue du moteur de scénario.');
		return reply;
	}

	/**
	 * Scenarios use the travel-time matrix of this file (CSV `commune_origine;commune_destination;minutes`), for
	 * every millésime, until `null` brings back the approximate times. Answers the French report of what was read; a
	 * file that cannot be used rejects with its French message and the times in use stay.
	 */
	async useMatrix(bytes: ArrayBuffer | null): Promise<string[]> {
		const reply = await this.ask({ type: 'matrix', bytes }, undefined, bytes ? [bytes] : []);
		if (reply.type !== 'matrix') throw new Error('Réponse inattendue du moteur de scénario.');
		return reply.report;
	}

	close(): void {
		this.worker.terminate();
	}
}
