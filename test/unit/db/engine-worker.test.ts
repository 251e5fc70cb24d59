import { describe, expect, it } from 'vitest';
import { downloadFailure } from '../../../src/lib/data/engine/engine-worker';
import { NETWORK_LOST } from '../../../src/lib/data/engine/fetch';

describe('why the engine could not be downloaded, from the worker’s error text', () => {
	it('gives the server’s status when there is one', () => {
		expect(downloadFailure('Error: HTTP 404')).toBe('HTTP 404');
		expect(downloadFailure('Error: HTTP 503')).toBe('HTTP 503');
	});

	it('says the connection may be lost when the request itself failed', () => {
		expect(downloadFailure('TypeError: Failed to fetch')).toBe(NETWORK_LOST);
		expect(downloadFailure('NetworkError: Failed to execute importScripts')).toBe(NETWORK_LOST);
		expect(downloadFailure('')).toBe(NETWORK_LOST);
	});

	it('says the file is not an engine when it came but does not compile', () => {
		expect(downloadFailure('CompileError: WebAssembly.compileStreaming(): expected magic word 00 61 73 6d')).toBe(
			'le fichier reçu n’est pas un moteur valide'
		);
		expect(downloadFailure("TypeError: WebAssembly.compileStreaming(): Incorrect response MIME type. Expected 'application/wasm'.")).toBe(
			'le fichier reçu n’est pas un moteur valide'
		);
	});
});
