/**
 * The server of `npm start`, and of the end-to-end tests and the benchmark (test/support/browser.ts):
 * the static build (build/) through sirv, with
 * - the `.br`/`.gz` files of scripts/precompress.js sent with `Content-Encoding` and `Vary: Accept-Encoding`;
 * - `application/wasm` for DuckDB's engine, so that the browser compiles it while it downloads;
 * - a year of cache for the hashed files of `_app/immutable/`, revalidation (ETag) for the rest;
 * - every other path answered 200 with the app shell (adapter-static's `200.html`): the app draws
 *   the page, or its own error page, for any deep link;
 * - URLs up to 256 KiB, for one that lists every commune of France (34,875 × 6 characters); longer: 414,
 *   request line and headers over 320 KiB: 431;
 * - `Range` checked as RFC 9110 says (scripts/range.js): malformed → ignored (200), unsatisfiable → 416;
 * - GET and HEAD only (405 with `Allow` for any other method);
 * - security headers on every response (SECURITY_HEADERS; the page's script policy, with the hashes of
 *   SvelteKit's inline bootstrap, is a `<meta>` of each page: svelte.config.js, `kit.csp`);
 * - no request, however malformed, ends the process: each error is logged in one line and answered
 *   (500, or the connection closed if the answer had begun).
 *
 * Usage: `node scripts/serve.js [--port 4173] [--host 127.0.0.1] [--dir build]`
 */
import { createServer } from 'node:http';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import sirv from 'sirv';
import { parseRange } from './range.js';

export const MAX_URL_BYTES = 256 * 1024;
export const MAX_HEADER_BYTES = 320 * 1024;
const METHODS = ['GET', 'HEAD'];

/**
 * Sent with every response. The directives a `<meta>` policy cannot carry (`frame-ancestors`) and those
 * that hold for every file, pages or not; the page's own policy (scripts, workers, styles, connections)
 * comes with the page, so that it holds offline too, when the service worker answers.
 */
export const SECURITY_HEADERS = {
	'Content-Security-Policy': "frame-ancestors 'none'; base-uri 'self'; form-action 'self'; object-src 'none'",
	'X-Content-Type-Options': 'nosniff',
	'Referrer-Policy': 'no-referrer',
	'X-Frame-Options': 'DENY',
	'Cross-Origin-Opener-Policy': 'same-origin',
	'Permissions-Policy': 'camera=(), microphone=(), geolocation=(), payment=(), usb=(), serial=(), midi=(), browsing-topics=()'
};
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
		setHeaders(res, pathname, stats) {
			checkRange(/** @type {import('node:http').IncomingMessage} */ (res.req), stats.size);
			res.setHeader('Cache-Control', pathname.startsWith(IMMUTABLE) ? 'public,max-age=31536000,immutable' : 'no-cache');
			// Gzipped Arrow IPC streams of the pipeline: sent as they are (sirv names the encoding).
			if (pathname.endsWith('.arrows.gz')) res.setHeader('Content-Type', 'application/vnd.apache.arrow.stream');
			// Gzipped geometry meshes (src/lib/data/geometry/mesh.ts): plain bytes for the app.
			if (pathname.endsWith('.mesh.gz')) res.setHeader('Content-Type', 'application/octet-stream');
		}
	});
	const server = createServer({ maxHeaderSize: MAX_HEADER_BYTES }, (req, res) => {
		for (const [name, value] of Object.entries(SECURITY_HEADERS)) res.setHeader(name, value);
		if (!METHODS.includes(req.method ?? '')) return answer(res, 405, 'Méthode non autorisée', { Allow: METHODS.join(', ') });
		if (Buffer.byteLength(req.url ?? '') > MAX_URL_BYTES) return answer(res, 414, 'Adresse trop longue');
		// sirv pipes a file stream into the response: an error of that stream (file gone, disk) is ours.
		res.on('pipe', (source) => source.once('error', (error) => fail(req, res, error)));
		try {
			files(req, res);
		} catch (error) {
			fail(req, res, /** @type {Error} */ (error));
		}
	});
	// CONNECT never reaches the request handler.
	server.on('connect', (_req, socket) => {
		socket.on('error', () => socket.destroy());
		socket.end(`HTTP/1.1 405 Method Not Allowed\r\nAllow: ${METHODS.join(', ')}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
	});
	server.on('clientError', (error, socket) => {
		const code = /** @type {{ code?: string }} */ (error).code;
		if (code !== 'ECONNRESET') logError(`requête illisible : ${code ?? ''} ${error.message}`);
		if (!socket.writable) return socket.destroy();
		const status = code === 'HPE_HEADER_OVERFLOW' ? '431 Request Header Fields Too Large' : '400 Bad Request';
		socket.end(`HTTP/1.1 ${status}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
	});
	return server;
}

/**
 * Leaves sirv a canonical range, or none: sirv reads the header loosely and would otherwise send the
 * wrong bytes or throw. Range is defined for GET only; `If-Range` is dropped with it (sirv's ETags are
 * weak, which never match it), so the whole file is sent.
 * @param {import('node:http').IncomingMessage} req
 * @param {number} size bytes of the file sirv chose (its brotli or gzip twin, if that is what it sends)
 */
function checkRange(req, size) {
	if (req.headers.range === undefined) return;
	/** @type {ReturnType<typeof parseRange>} */
	const range = req.method === 'GET' && req.headers['if-range'] === undefined ? parseRange(req.headers.range, size) : { kind: 'ignore' };
	// sirv reads an end of 0 as "to the last byte": `bytes=0-0` gets the whole file, as § 14.2 allows.
	if (range.kind === 'range' && range.end > 0) req.headers.range = `bytes=${range.start}-${range.end}`;
	// A start past the end is sirv's own 416, with `Content-Range: bytes */size`.
	else if (range.kind === 'unsatisfiable') req.headers.range = `bytes=${size}-`;
	else delete req.headers.range;
}

/**
 * @param {import('node:http').ServerResponse} res
 * @param {number} status
 * @param {string} text
 * @param {Record<string, string>} [headers]
 */
function answer(res, status, text, headers = {}) {
	res.writeHead(status, { ...headers, 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' });
	res.end(text);
}

/** @param {string} text */
function logError(text) {
	console.error(`${new Date().toISOString()} ${text.replace(/\s+/g, ' ').slice(0, 500)}`);
}

/**
 * @param {import('node:http').IncomingMessage} req
 * @param {import('node:http').ServerResponse} res
 * @param {Error & { code?: string }} error
 */
function fail(req, res, error) {
	logError(`${req.method} ${(req.url ?? '').slice(0, 200)} : ${error.code ?? error.name} ${error.message}`);
	if (res.headersSent) res.destroy();
	else answer(res, 500, 'Erreur du serveur');
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
