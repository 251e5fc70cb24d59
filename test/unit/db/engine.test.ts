import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { openNodeAtlas, DEFAULT_DATA_DIR } from '../../../src/lib/data/engine/node';
import type { DbConnector } from '../../../src/lib/data/engine/connector';
import { ArtefactError, parseManifest, readArtefact, type ArtefactEntry } from '../../../src/lib/data/engine/artefacts';
import { DEFAULT_INDICATOR_ID, INDICATORS, getIndicator } from '../../../src/lib/indicators/catalogue';
import { figures, territoryValues } from '../../../src/lib/data/queries/values';
import { openNodeSource, type NodeSource } from '../../../src/lib/data/queries/node';
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
		const { values: apl } = await territoryValues(source, getIndicator('apl_mg_moins65_2023'), 'commune', FRANCE);
		const codes = Array.from((await db.query('SELECT code FROM communes ORDER BY code')).getChild('code')!.toArray()) as string[];
		// DREES publishes no commune of Mayotte, nor the six uninhabited « villages morts pour la France » of the Meuse.
		const missing = codes.filter((c, i) => Number.isNaN(apl[i]));
		expect(missing.filter((c) => c.startsWith('976'))).toHaveLength(17);
		expect(missing).toEqual(expect.arrayContaining(['55039', '55050', '55139', '55189', '55239', '55307']));
		// Communes re-established since the workbook's COG carry their former commune's value (pipeline/lib/cog.ts).
		for (const code of ['15031', '15035', '15171']) expect(apl[codes.indexOf(code)], code).toBeGreaterThan(0);
	});
});

describe('the reference APL reproduces what DREES publishes', () => {
	const france = async (id: string) => (await figures(source, [FRANCE], [id]))[0].values[0];

	it('3,3 consultations in 2022 and 2023, -1,4 % between them, from the shipped artefacts', async () => {
		// DREES, « L'accessibilité moyenne aux médecins généralistes s'établit à 3,3 consultations par an et par
		// habitant » (2022; DREES, November 2023), 3,3 again in 2023 and « -1,4 % entre 2022 et 2023 » (DREES,
		// APL 2022-2023 data release, 20 December 2024). DREES's headline is the APL to GPs under 65.
		expect(DEFAULT_INDICATOR_ID).toBe('apl_mg_moins65_2023');
		const [y2022, y2023] = [await france('apl_mg_moins65_2022'), await france('apl_mg_moins65_2023')];
		expect(y2022.toFixed(1)).toBe('3.3');
		expect(y2023.toFixed(1)).toBe('3.3');
		expect((100 * (y2023 / y2022 - 1)).toFixed(1)).toBe('-1.4');
		// The change indicator is the same difference of ratios of sums.
		expect(await france('apl_mg_moins65_evolution_2022_2023')).toBeCloseTo(y2023 - y2022, 9);
		// The all-ages variant is not DREES's headline (3,8): it must not pass for it.
		expect((await france('apl_mg_2023')).toFixed(1)).not.toBe('3.3');
	});

	it('the share of the population under the 2,5 threshold is a ratio of sums of the total population', async () => {
		const share = await france('apl_mg_moins65_sous_seuil_2023');
		const hand = (
			await db.query(
				'SELECT 100 * sum(pop_totale) FILTER (WHERE apl_mg_moins65 < 2.5) / sum(pop_totale) AS v FROM apl a JOIN communes c USING (code) WHERE a.annee = 2023'
			)
		).get(0)!.toJSON().v as number;
		expect(share).toBeCloseTo(hand, 9);
		expect(share).toBeGreaterThan(0);
		expect(share).toBeLessThan(100);
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
