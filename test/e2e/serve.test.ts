import { describe, expect, it } from 'vitest';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { e2eSuite } from '../support/suite';
import { waitForColouredMap } from '../support/browser';
import { firstViewFiles, parseManifest } from '../../src/lib/data/queries/artefacts';
import { DEFAULT_INDICATOR_ID, getIndicator, tablesOf } from '../../src/lib/indicators/catalogue';

/** What `npm start` serves (scripts/serve.js over build/), as the browser and a link pasted in a mail get it. */

const BUILD = resolve(import.meta.dirname, '../../build');
const wasmFiles = () =>
	readdirSync(BUILD, { recursive: true, encoding: 'utf8' }).filter((name) => name.endsWith('.wasm'));

const suite = e2eSuite();
const { watch } = suite;

describe('the production build', () => {
	it('ships exactly one DuckDB engine, the "eh" bundle, with its brotli and gzip twins', () => {
		const wasm = wasmFiles();
		expect(wasm).toHaveLength(1);
		expect(wasm[0]).toMatch(/duckdb-eh\.[\w-]+\.wasm$/);
		expect(existsSync(resolve(BUILD, `${wasm[0]}.br`))).toBe(true);
		expect(existsSync(resolve(BUILD, `${wasm[0]}.gz`))).toBe(true);
	});

	it('ships no benchmark page', () => {
		expect(existsSync(resolve(BUILD, 'bench'))).toBe(false);
	});
});

describe('the server of npm start', () => {
	it('sends the wasm brotli-compressed, as application/wasm, cached for a year', async () => {
		const [wasm] = wasmFiles();
		const original = readFileSync(resolve(BUILD, wasm));
		const response = await fetch(`${suite.server.url}/${wasm}`, { headers: { 'Accept-Encoding': 'gzip, deflate, br' } });
		expect(response.status).toBe(200);
		expect(response.headers.get('content-encoding')).toBe('br');
		expect(response.headers.get('content-type')).toBe('application/wasm');
		expect(response.headers.get('vary')).toBe('Accept-Encoding');
		expect(response.headers.get('cache-control')).toContain('immutable');
		expect(Number(response.headers.get('content-length'))).toBe(readFileSync(resolve(BUILD, `${wasm}.br`)).length);
		// fetch decodes brotli: the bytes are the engine's.
		expect(Buffer.from(await response.arrayBuffer()).equals(original)).toBe(true);
	});

	it('sends gzip to a client without brotli, and the file as it is to one without either', async () => {
		const [wasm] = wasmFiles();
		const gzip = await fetch(`${suite.server.url}/${wasm}`, { headers: { 'Accept-Encoding': 'gzip' } });
		expect(gzip.headers.get('content-encoding')).toBe('gzip');
		await gzip.arrayBuffer();
		const plain = await fetch(`${suite.server.url}/${wasm}`, { headers: { 'Accept-Encoding': 'identity' } });
		expect(plain.headers.get('content-encoding')).toBeNull();
		expect(Number(plain.headers.get('content-length'))).toBe(readFileSync(resolve(BUILD, wasm)).length);
		await plain.arrayBuffer();
	});

	it('answers every deep link with 200 and the page, prerendered or the app shell', async () => {
		const pages: [path: string, file: string][] = [
			['/territoire/commune/46251', '200.html'],
			['/territoire/departement/46', '200.html'],
			['/territoire/commune/%25', '200.html'],
			['/une/page/inconnue', '200.html'],
			['/cls/cauvaldor', 'cls/cauvaldor.html'],
			['/comparer', 'comparer.html']
		];
		for (const [path, file] of pages) {
			const response = await fetch(suite.server.url + path);
			expect(response.status, path).toBe(200);
			expect(response.headers.get('content-type'), path).toContain('text/html');
			expect(await response.text(), path).toBe(readFileSync(resolve(BUILD, file), 'utf8'));
		}
	});

	it('answers 404, not the shell, for a missing file', async () => {
		const response = await fetch(`${suite.server.url}/_app/immutable/chunks/absent.js`);
		expect(response.status).toBe(404);
	});

	it('answers 200, not 431, to a selection of 10,000 communes in the URL', async () => {
		const codes = Array.from({ length: 10_000 }, (_, i) => String(1001 + i).padStart(5, '0'));
		const response = await fetch(`${suite.server.url}/territoire/selection/${codes.join('-')}`);
		expect(response.status).toBe(200);
		expect(await response.text()).toBe(readFileSync(resolve(BUILD, '200.html'), 'utf8'));
	});

	it('the explorer’s page asks for its first view’s files in its HTML, and the app uses them: each is downloaded once', async () => {
		const manifest = parseManifest(readFileSync(resolve(BUILD, 'data/manifest.json'), 'utf8'));
		const files = firstViewFiles(manifest);
		expect(files).toContain('communes_simplifiees_geom.mesh.gz');
		expect(files).toContain(manifest.prerender?.raster?.file);
		const html = readFileSync(resolve(BUILD, 'index.html'), 'utf8');
		for (const file of files) expect(html).toContain(`<link rel="preload" href="/data/${file}" as="fetch" crossorigin="anonymous">`);
		// Other pages do not download the explorer's files.
		expect(readFileSync(resolve(BUILD, '200.html'), 'utf8')).not.toContain('rel="preload"');

		const context = await suite.context();
		const requested: string[] = [];
		context.on('request', (request) => requested.push(new URL(request.url()).pathname));
		const page = await suite.page(context, '/');
		await waitForColouredMap(page);
		for (const file of files) expect(requested.filter((path) => path === `/data/${file}`), file).toHaveLength(1);
		await context.close();
		expect(watch.errors).toEqual([]);
	});

	it('starts over France without the indicator’s own table, which a permalink studying a territory asks for at once', async () => {
		const manifest = parseManifest(readFileSync(resolve(BUILD, 'data/manifest.json'), 'utf8'));
		const files = tablesOf(getIndicator(DEFAULT_INDICATOR_ID)).map((table) => manifest.artefacts.find((a) => a.table === table)!.file);
		expect(files.length).toBeGreaterThan(0);
		/** When (ms since navigation) each of `files` was first asked for, and when the engine was up. */
		const timings = async (path: string) => {
			const { page, errors } = await suite.open(path, { waitForMap: true });
			await page.waitForFunction(() => performance.getEntriesByName('cls:interactive').length > 0, undefined, { timeout: 60_000 });
			const times = await page.evaluate(
				(names) => ({
					interactive: performance.getEntriesByName('cls:interactive')[0].startTime,
					asked: names.map((name) => performance.getEntriesByType('resource').find((r) => r.name.endsWith(`/data/${name}`))?.startTime ?? Infinity)
				}),
				files
			);
			return { ...times, errors };
		};
		// Over France the first view's values colour the map: the table comes once the engine is up, or later.
		const france = await timings('/');
		for (const asked of france.asked) expect(asked).toBeGreaterThanOrEqual(france.interactive);
		// A département studied needs SQL on that table: it is asked for with the engine, before `interactive`.
		const cantal = await timings(`/?i=${DEFAULT_INDICATOR_ID}&p=departement:15`);
		for (const asked of cantal.asked) expect(asked).toBeLessThan(cantal.interactive);
		expect([...france.errors, ...cantal.errors]).toEqual([]);
	});

	it('draws a deep-linked portrait, and the browser compiles the wasm while it downloads', async () => {
		const context = await suite.context();
		const page = await suite.page(context, '/territoire/commune/46251');
		await expect.poll(() => page.getByTestId('portrait-title').innerText(), { timeout: 60_000 }).toContain('Saint-Céré');
		const [wasm] = wasmFiles();
		const compiled = await page.evaluate(
			(url) => WebAssembly.compileStreaming(fetch(url)).then((module) => WebAssembly.Module.exports(module).length),
			`/${wasm}`
		);
		expect(compiled).toBeGreaterThan(0);
		await context.close();
		expect(watch.errors).toEqual([]);
		expect(watch.foreignRequests).toEqual([]);
	});
});
