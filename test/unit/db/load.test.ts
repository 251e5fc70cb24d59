import { describe, expect, it } from 'vitest';
import { TableLoader } from '../../../src/lib/data/engine/load';
import { NETWORK_LOST, fetchBytes } from '../../../src/lib/data/engine/fetch';
import type { DbConnector } from '../../../src/lib/data/engine/connector';
import type { Manifest } from '../../../src/lib/data/engine/artefacts';

// Fictitious manifest entry, for the test only.
const manifest = { artefacts: [{ table: 'communes', file: 'communes.arrow.gz', ipc_bytes: 1, ipc_sha256: '0' }] } as unknown as Manifest;

describe('a load that fails (network lost)', () => {
	it('is not cached: a later try fetches again', async () => {
		let reads = 0;
		const loader = new TableLoader(() => Promise.resolve({} as DbConnector), manifest, async () => {
			reads++;
			throw new Error(NETWORK_LOST);
		});
		await expect(loader.ensure(['communes'])).rejects.toThrow(/n’a pas pu être téléchargé \(pas de réponse du serveur/);
		await expect(loader.ensure(['communes'])).rejects.toThrow();
		expect(reads).toBe(2);
	});

	it('says so in French when the server does not answer', async () => {
		// Port 9 (discard) on loopback: nothing listens, the fetch fails as offline.
		await expect(fetchBytes('http://127.0.0.1:9/x')).rejects.toThrow(NETWORK_LOST);
	});
});
