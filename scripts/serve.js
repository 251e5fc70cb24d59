/**
 * The server of `npm start`, and of the end-to-end tests and the benchmark (test/support/browser.ts):
 * the static build (build/) through sirv, with
 * - the `.br`/`.gz` files of scripts/precompress.js sent with `Content-Encoding` and `Vary: Accept-Encoding`;
 * - `application/wasm` for DuckDB's engine, so that the browser compiles it while it downloads;
 * - a year of cache for the hashed files of `_app/immutable/`, revalidation (ETag) for the rest;
 * - every other path answered 200 with the app shell (adapter-static's `200.html`): the app draws
 *   the page, or its own error page, for any deep link;
 * - request headers up to 256 KiB, for a URL that lists every commune of France (34,875 × 6 characters).
 *
 * Usage: `node scripts/serve.js [--port 4173] [--host 127.0.0.1] [--dir build]`
 */
import { createServer } from 'node:http';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import sirv from 'sirv';

export const MAX_HEADER_BYTES = 256 * 1024;
/** adapter-static's `fallback` (svelte.config.js): the shell that draws any route in the browser. */
export const FALLBACK = '200.html';
const IMMUTABLE = '/_app/immutable/';

/**
 * An HTTP server for the built atlas in `dir`, not yet listening.
 * @param {string} dir
 */
export function createAtlasServer(dir) {
	if (!existsSync(resolve(dir, FALLBACK))) {
		throw new Error(`Pas d'application construite dans ${dir} (${FALLBACK} manquant) : lancez d'abord « npx vite build ».`);
	}
	const files = sirv(dir, {
		brotli: true,
		gzip: true,
		etag: true,
		single: FALLBACK,
		setHeaders(res, pathname) {
			res.setHeader('Cache-Control', pathname.startsWith(IMMUTABLE) ? 'public,max-age=31536000,immutable' : 'no-cache');
			// Gzipped Arrow IPC streams of the pipeline: sent as they are (sirv names the encoding).
			if (pathname.endsWith('.arrows.gz')) res.setHeader('Content-Type', 'application/vnd.apache.arrow.stream');
			// Gzipped geometry meshes (src/lib/map/mesh.ts): plain bytes for the app.
			if (pathname.endsWith('.mesh.gz')) res.setHeader('Content-Type', 'application/octet-stream');
		}
	});
	return createServer({ maxHeaderSize: MAX_HEADER_BYTES }, (req, res) => files(req, res));
}

/**
 * Starts the server; resolves with its URL once it listens.
 * @param {{ dir?: string, port: number, host?: string }} options `port` 0: any free port
 * @returns {Promise<{ url: string, close: () => Promise<void> }>}
 */
export function serveAtlas({ dir = 'build', port, host = '127.0.0.1' }) {
	return new Promise((resolveUrl, reject) => {
		const server = createAtlasServer(dir);
		server.once('error', reject);
		server.listen(port, host, () => {
			server.off('error', reject);
			const address = server.address();
			resolveUrl({
				url: `http://${host}:${typeof address === 'object' && address ? address.port : port}`,
				close: () =>
					new Promise((done) => {
						server.close(() => done(undefined));
						server.closeAllConnections();
					})
			});
		});
	});
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
	const { values } = parseArgs({
		options: { port: { type: 'string', default: '4173' }, host: { type: 'string', default: '127.0.0.1' }, dir: { type: 'string', default: 'build' } }
	});
	serveAtlas({ dir: values.dir, port: Number(values.port), host: values.host }).then(
		({ url }) => console.log(`Atlas servi sur ${url}/`),
		(/** @type {Error & { code?: string }} */ error) => {
			console.error(error.code === 'EADDRINUSE' ? `Le port ${values.port} est déjà utilisé : choisissez-en un autre avec --port.` : error.message);
			process.exit(1);
		}
	);
}
