import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { communeList, joinSql, raw, sql } from '../../../src/lib/data/queries/sql';
import { DataSource, STALE } from '../../../src/lib/data/queries/source';
import type { DbConnector } from '../../../src/lib/data/engine/connector';
import type { TableLoader } from '../../../src/lib/data/engine/load';

const ROOT = join(import.meta.dirname, '../../..');

/**
 * Where SQL text may be written: the data layer (`src/lib/data/`: engine, queries, imports), which also builds
 * each indicator's SQL from the catalogue's declared measure. Nowhere else in `src/`, comments included.
 */
const SQL_ALLOWED = ['src/lib/data/'];

/** SQL keywords as written in this code base (upper case); French UI text never writes them so. */
const SQL_TEXT = /\b(SELECT|FROM|JOIN|WHERE|GROUP BY|ORDER BY|UNION ALL|INSERT INTO|CREATE (?:OR REPLACE )?(?:TEMP )?TABLE|string_split)\b/;

function files(dir: string): string[] {
	return readdirSync(dir).flatMap((name) => {
		const path = join(dir, name);
		return statSync(path).isDirectory() ? files(path) : /\.(ts|js|svelte)$/.test(name) ? [path] : [];
	});
}

describe('SQL lives in the data layer only', () => {
	it('the pattern catches SQL and lets French text through', () => {
		expect(SQL_TEXT.test("const q = 'SELECT nom FROM communes'")).toBe(true);
		expect(SQL_TEXT.test('`c.code IN (SELECT unnest(string_split(?, \',\')))`')).toBe(true);
		expect(SQL_TEXT.test('Sélection de communes, à partir de la carte')).toBe(false);
	});

	it(`no module of src/ outside ${SQL_ALLOWED.join(', ')} contains SQL text`, () => {
		const offenders: string[] = [];
		for (const path of files(join(ROOT, 'src'))) {
			const rel = relative(ROOT, path).replaceAll('\\', '/');
			if (SQL_ALLOWED.some((allowed) => rel === allowed || rel.startsWith(allowed))) continue;
			readFileSync(path, 'utf8')
				.split('\n')
				.forEach((line, i) => {
					if (SQL_TEXT.test(line)) offenders.push(`${rel}:${i + 1}: ${line.trim()}`);
				});
		}
		expect(offenders).toEqual([]);
	});
});

describe('the sql tag', () => {
	it('binds interpolated values as parameters, never in the text', () => {
		const hostile = "46' OR '1'='1";
		const q = sql`SELECT nom FROM communes WHERE dep = ${hostile} AND population > ${1000}`;
		expect(q.text).toBe('SELECT nom FROM communes WHERE dep = ? AND population > ?');
		expect(q.params).toEqual([hostile, 1000]);
	});

	it('nests fragments with their parameters in order, however often they appear', () => {
		const condition = sql`c.dep = ${'46'}`;
		const q = sql`SELECT sum(x) FILTER (WHERE ${condition}) / sum(y) FILTER (WHERE ${condition}), ${raw('v0')} FROM t WHERE a = ${1}`;
		expect(q.text).toBe('SELECT sum(x) FILTER (WHERE c.dep = ?) / sum(y) FILTER (WHERE c.dep = ?), v0 FROM t WHERE a = ?');
		expect(q.params).toEqual(['46', '46', 1]);
		expect(joinSql([sql`${'a'}`, sql`${'b'}`]).text).toBe('?, ?');
	});

	it('checks every commune of a list before binding it as one parameter', () => {
		const list = communeList(['46042', '2A004']);
		expect(list.text).not.toContain('46042');
		expect(list.params).toEqual(['46042,2A004']);
		expect(() => communeList(['46042', "46102') OR ('1'='1"])).toThrow(/code commune INSEE/);
		expect(() => communeList(['46042,46102'])).toThrow(/code commune INSEE/);
	});
});

/** A data source over a fake engine: counts queries, fails on demand. */
function fakeSource(answer: (text: string) => Promise<unknown>) {
	const ensured: string[][] = [];
	const engine = { query: (text: string) => answer(text) } as unknown as DbConnector;
	const loader = { ensure: async (tables: readonly string[]) => void ensured.push([...tables]), tables: [] } as unknown as TableLoader;
	return { source: new DataSource({ schema: 1, artefacts: [] }, () => Promise.resolve(engine), loader), ensured };
}

describe('the data source', () => {
	it('loads the tables a query names before running it', async () => {
		const { source, ensured } = fakeSource(async () => ({ numRows: 0 }));
		await source.query(['communes', 'apl'], sql`SELECT 1`);
		expect(ensured).toEqual([['communes', 'apl']]);
	});

	it('caches results, never failures: a failed load can be retried', async () => {
		let calls = 0;
		const { source } = fakeSource(async () => ({}));
		const run = async () => {
			calls++;
			if (calls === 1) throw new Error('réseau coupé');
			return calls;
		};
		await expect(source.cached('k', run)).rejects.toThrow('réseau coupé');
		expect(await source.cached('k', run)).toBe(2);
		expect(await source.cached('k', run)).toBe(2);
		expect(calls).toBe(2);
	});

	it('drops a stale answer: a request superseded by a newer one of the same client resolves as STALE', async () => {
		const { source } = fakeSource(async () => ({}));
		const client = source.client();
		let release!: (v: string) => void;
		const slow = client.request(() => new Promise<string>((resolve) => (release = resolve)));
		const fast = client.request(async () => 'nouvelle vue');
		release('ancienne vue');
		expect(await fast).toBe('nouvelle vue');
		expect(await slow).toBe(STALE);
		// Another client is not affected.
		expect(await source.client().request(async () => 'autre')).toBe('autre');
	});

	it('a superseded request that fails is stale too, the latest one reports its own error', async () => {
		const { source } = fakeSource(async () => ({}));
		const client = source.client();
		let fail!: (e: Error) => void;
		const old = client.request(() => new Promise<string>((_, reject) => (fail = reject)));
		const latest = client.request(async () => {
			throw new Error('dernière');
		});
		fail(new Error('ancienne'));
		expect(await old).toBe(STALE);
		await expect(latest).rejects.toThrow('dernière');
	});
});

describe('provenance, written once', () => {
	it('agrees with the manifest the pipeline writes', async () => {
		const { parseManifest } = await import('../../../src/lib/data/engine/artefacts');
		const { BASEMAP_SOURCE, FINESS_SOURCE, COG_SOURCE, tableSource } = await import('../../../src/lib/data/queries/provenance');
		const manifest = parseManifest(readFileSync(join(ROOT, 'static/data/manifest.json'), 'utf8'));
		for (const table of ['communes_geom', 'epci_geom', 'departements_geom', 'regions_geom']) expect(tableSource(manifest, table), table).toBe(BASEMAP_SOURCE);
		expect(tableSource(manifest, 'regions')).toBe('INSEE – COG 2025');
		expect(COG_SOURCE).toContain('2025');
		const finess = tableSource(manifest, 'finess')!;
		expect(finess).toMatch(/^FINESS – extrait Occitanie 2025-2026 ; stock national du 8 janvier 2021$/);
		for (const part of ['FINESS', 'Occitanie', '2025', '8 janvier 2021']) expect(FINESS_SOURCE).toContain(part);
		expect(tableSource(manifest, 'absente')).toBeNull();
	});

	it('no source line of the basemap or of FINESS is written outside the registry and the catalogue’s shipped indicators', () => {
		const offenders = files(join(ROOT, 'src'))
			.filter((path) => !/data[\\/]queries[\\/]provenance\.ts$|indicators[\\/]shipped\.ts$/.test(path))
			.filter((path) => /ADMIN EXPRESS|FINESS( –|:| 20)|Etalab 2\.0\)/.test(readFileSync(path, 'utf8').replace(/^\s*(\/\/|\*|\/\*\*).*$/gm, '')))
			.map((path) => relative(ROOT, path));
		expect(offenders).toEqual([]);
	});
});
