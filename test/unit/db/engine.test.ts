import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { openNodeAtlas, DEFAULT_DATA_DIR } from '../../../src/lib/db/node';
import type { DbConnector } from '../../../src/lib/db/connector';
import { ArtefactError, parseManifest, readArtefact, type ArtefactEntry } from '../../../src/lib/db/artefacts';
import { INDICATORS, getIndicator } from '../../../src/lib/indicators/catalogue';
import { territoryValues } from '../../../src/lib/data/values';
import { openNodeSource, type NodeSource } from '../../../src/lib/data/node';
import { FRANCE } from '../../../src/lib/territory/key';

let db: DbConnector;
let source: NodeSource;
beforeAll(async () => {
	db = await openNodeAtlas();
	source = await openNodeSource();
});
afterAll(async () => {
	await db?.close();
	await source?.close();
});

describe('the engine the app ships (duckdb-wasm), offline', () => {
	it('fails at once, without downloading anything, when a query needs an extension', async () => {
		await expect(db.query("SELECT * FROM read_parquet('x.parquet')")).rejects.toThrow(/parquet extension/);
	});

	it('binds parameters instead of splicing them into the SQL', async () => {
		const hostile = "46042' OR '1'='1";
		const none = await db.query('SELECT count(*)::INTEGER AS n FROM communes WHERE code = ?', [hostile]);
		expect(none.get(0)!.toJSON().n).toBe(0);
		const one = await db.query('SELECT nom FROM communes WHERE code = ?', ['46042']);
		expect(one.get(0)!.toJSON().nom).toBe('Cahors');
	});
});

describe('commune values of the catalogue', () => {
	it('come in the order of the commune geometry, one per commune', async () => {
		const codes = (await db.query('SELECT code FROM communes ORDER BY code')).getChild('code')!.toArray();
		for (const indicator of INDICATORS) {
			const { values, inScope } = await territoryValues(source, indicator, 'commune', FRANCE);
			expect(values.length, indicator.id).toBe(codes.length);
			expect(inScope.every((v) => v === 1)).toBe(true);
		}
		const { values: apl } = await territoryValues(source, getIndicator('apl_mg_2023'), 'commune', FRANCE);
		const cahors = Array.from(codes).indexOf('46042');
		// DREES, APL 2023 of Cahors: 4.166 (../shared/data/apl-drees/SOURCE.txt).
		expect(apl[cahors]).toBeCloseTo(4.166, 3);
	});

	it('are NaN where the source has no value, never 0', async () => {
		const { values: radon } = await territoryValues(source, getIndicator('radon_classe'), 'commune', FRANCE);
		const codes = Array.from((await db.query('SELECT code FROM communes ORDER BY code')).getChild('code')!.toArray());
		// IRSN's file has no row for 76601, 85165, 85212 and 97616 (SOURCE.txt).
		for (const code of ['76601', '85165', '85212', '97616']) expect(radon[codes.indexOf(code)], code).toBeNaN();
		expect(radon.filter((v) => Number.isNaN(v)).length).toBe(4);
	});
});

describe('artefact checks', async () => {
	const manifest = parseManifest(await readFile(join(DEFAULT_DATA_DIR, 'manifest.json'), 'utf8'));
	const entry = manifest.artefacts.find((a) => a.table === 'regions') as ArtefactEntry;
	const original = new Uint8Array(await readFile(join(DEFAULT_DATA_DIR, entry.file)));

	it('accept the committed file, compressed or already decompressed by the server', async () => {
		const ipc = await readArtefact(entry, async () => original);
		expect(ipc.byteLength).toBe(entry.ipc_bytes);
		expect((await readArtefact(entry, async () => ipc)).byteLength).toBe(entry.ipc_bytes);
	});

	it('refuse a truncated file, naming it, in French', async () => {
		await expect(readArtefact(entry, async () => original.subarray(0, 100))).rejects.toThrow(
			/« regions\.arrows\.gz » est incomplet ou corrompu : 100 octets reçus/
		);
	});

	it('refuse a file of the right size with other content', async () => {
		const other = gzipSync(Buffer.alloc(entry.ipc_bytes));
		const sameSize = new Uint8Array(entry.bytes);
		sameSize.set(other.subarray(0, Math.min(other.length, entry.bytes)));
		await expect(readArtefact(entry, async () => sameSize)).rejects.toThrow(ArtefactError);
		await expect(readArtefact(entry, async () => sameSize)).rejects.toThrow(/empreinte SHA-256/);
	});

	it('refuse a missing file, naming it', async () => {
		await expect(
			readArtefact(entry, async () => {
				throw new Error('HTTP 404');
			})
		).rejects.toThrow(/« regions\.arrows\.gz » est introuvable \(HTTP 404\)/);
	});

	it('refuse a manifest that is not JSON or not of this schema', () => {
		expect(() => parseManifest('{')).toThrow(/JSON invalide/);
		expect(() => parseManifest('{"schema": 99, "artefacts": []}')).toThrow(/format attendu/);
	});
});
