import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync, gzipSync } from 'node:zlib';
import { precompress } from '../../../scripts/precompress.js';
import { serveAtlas } from '../../../scripts/serve.js';

/** A miniature build/ (test content, not data): a shell, a hashed script, a "wasm", a gzipped artefact, a tiny file. */
const root = mkdtempSync(join(tmpdir(), 'cls-serve-'));
const dir = join(root, 'build');
const cacheDir = join(root, 'cache');
const shell = `<!doctype html><title>coquille</title>${'<div></div>'.repeat(200)}`;
const script = `export const x = ${JSON.stringify('abc'.repeat(1000))};`;
const wasm = Buffer.from('\0asm'.repeat(2000));
/** An artefact of the pipeline, gzipped, large enough for its brotli twin to gain. */
const rows = Buffer.from(Array.from({ length: 3000 }, (_, i) => `commune ${i % 97} ${(i * 7919) % 1013}`).join('\n'));

let server: { url: string; close(): Promise<void> };

beforeAll(async () => {
	mkdirSync(join(dir, '_app/immutable/chunks'), { recursive: true });
	mkdirSync(join(dir, 'data'), { recursive: true });
	writeFileSync(join(dir, '200.html'), shell);
	writeFileSync(join(dir, '_app/immutable/chunks/app.js'), script);
	writeFileSync(join(dir, '_app/immutable/engine.wasm'), wasm);
	writeFileSync(join(dir, 'data/table.arrows.gz'), gzipSync('table'));
	writeFileSync(join(dir, 'data/rows.mesh.gz'), gzipSync(rows));
	writeFileSync(join(dir, 'tiny.json'), '{}');
	await precompress(dir, { cacheDir });
	server = await serveAtlas({ dir, port: 0 });
});

afterAll(async () => {
	await server?.close();
	rmSync(root, { recursive: true, force: true });
});

describe('precompress', () => {
	it('writes brotli and gzip twins that decompress to the file', () => {
		for (const [file, content] of [
			['200.html', Buffer.from(shell)],
			['_app/immutable/chunks/app.js', Buffer.from(script)],
			['_app/immutable/engine.wasm', wasm]
		] as const) {
			expect(brotliDecompressSync(readFileSync(join(dir, `${file}.br`))).equals(content), file).toBe(true);
			expect(gunzipSync(readFileSync(join(dir, `${file}.gz`))).equals(content), file).toBe(true);
		}
	});

	it('gives a gzipped artefact a brotli twin of its content, smaller than the gzip', () => {
		const twin = readFileSync(join(dir, 'data/rows.mesh.gz.br'));
		expect(brotliDecompressSync(twin).equals(rows)).toBe(true);
		expect(twin.length).toBeLessThan(readFileSync(join(dir, 'data/rows.mesh.gz')).length);
		expect(existsSync(join(dir, 'data/rows.mesh.gz.gz'))).toBe(false);
	});

	it('leaves alone what is already compressed or too small to gain', () => {
		expect(existsSync(join(dir, 'data/table.arrows.gz.br'))).toBe(false);
		expect(existsSync(join(dir, 'tiny.json.br'))).toBe(false);
	});

	it('takes a second build from its cache', async () => {
		const cached = readdirSync(cacheDir);
		expect(cached).toHaveLength(7);
		rmSync(join(dir, '200.html.br'));
		await precompress(dir, { cacheDir });
		expect(readdirSync(cacheDir)).toEqual(cached);
		expect(brotliDecompressSync(readFileSync(join(dir, '200.html.br'))).toString()).toBe(shell);
	});
});

describe('serveAtlas', () => {
	it('sends the brotli twin to a client that accepts it, with its type and a year of cache', async () => {
		const response = await fetch(`${server.url}/_app/immutable/engine.wasm`, { headers: { 'Accept-Encoding': 'br' } });
		expect(response.headers.get('content-encoding')).toBe('br');
		expect(response.headers.get('content-type')).toBe('application/wasm');
		expect(response.headers.get('cache-control')).toBe('public,max-age=31536000,immutable');
		expect(Buffer.from(await response.arrayBuffer()).equals(wasm)).toBe(true);
	});

	it('asks to revalidate what is not hashed, and sends artefacts as gzipped Arrow streams', async () => {
		const page = await fetch(`${server.url}/200.html`);
		expect(page.headers.get('cache-control')).toBe('no-cache');
		await page.arrayBuffer();
		const artefact = await fetch(`${server.url}/data/table.arrows.gz`, { headers: { 'Accept-Encoding': 'identity' } });
		expect(artefact.headers.get('content-type')).toBe('application/vnd.apache.arrow.stream');
		expect(artefact.headers.get('content-encoding')).toBe('gzip');
		expect(Buffer.from(await artefact.arrayBuffer()).toString()).toBe('table');
		for (const [encoding, expected] of [['br', 'br'], ['gzip', 'gzip']] as const) {
			const mesh = await fetch(`${server.url}/data/rows.mesh.gz`, { headers: { 'Accept-Encoding': encoding } });
			expect(mesh.headers.get('content-encoding'), encoding).toBe(expected);
			expect(mesh.headers.get('content-type'), encoding).toBe('application/octet-stream');
			expect(Buffer.from(await mesh.arrayBuffer()).equals(rows), encoding).toBe(true);
		}
	});

	it('answers any route with the shell, a missing file with 404, a 60,000-character URL with 200', async () => {
		for (const path of ['/territoire/commune/46251', '/territoire/departement/46', '/inconnue']) {
			const response = await fetch(server.url + path);
			expect(response.status, path).toBe(200);
			expect(await response.text(), path).toBe(shell);
		}
		expect((await fetch(`${server.url}/_app/immutable/absent.js`)).status).toBe(404);
		const codes = Array.from({ length: 10_000 }, (_, i) => String(1001 + i).padStart(5, '0')).join('-');
		const long = await fetch(`${server.url}/territoire/selection/${codes}`);
		expect(long.status).toBe(200);
		expect(await long.text()).toBe(shell);
	});

	it('refuses to start without a build', async () => {
		await expect(serveAtlas({ dir: join(root, 'absent'), port: 0 })).rejects.toThrow(/vite build/);
	});
});
