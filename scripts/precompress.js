/**
 * Build step (run by the adapter in svelte.config.js, after adapter-static has written build/):
 * writes `name.br` and `name.gz` next to every compressible file, for scripts/serve.js to send with
 * `Content-Encoding`; the pipeline's gzipped artefacts (`.arrows.gz`, `.mesh.gz`) get a `.br` twin of
 * their content, a third smaller than the gzip, sent under the same URL with `Content-Encoding: br`
 * (bytes of a cold start). Brotli at its best quality takes minutes on DuckDB's 34 MB wasm, so each
 * result is kept in node_modules/.cache, keyed by the file's SHA-256: a rebuild pays only for what changed.
 */
import { createHash } from 'node:crypto';
import { mkdir, readdir, readFile, rename, writeFile } from 'node:fs/promises';
import { extname, join, resolve } from 'node:path';
import { promisify } from 'node:util';
import zlib from 'node:zlib';

const brotli = promisify(zlib.brotliCompress);
const gzip = promisify(zlib.gzip);
const gunzip = promisify(zlib.gunzip);

/** Text and WebAssembly: what compresses. */
export const COMPRESSIBLE = new Set(['.html', '.js', '.mjs', '.css', '.json', '.svg', '.xml', '.txt', '.wasm']);
/** The pipeline's artefacts, already gzipped: their content is compressed again with brotli. */
export const GZIPPED_ARTEFACT = /\.(arrows|mesh)\.gz$/;
/** Below this, the header costs more than the compression saves. */
const MIN_BYTES = 1024;
const CACHE_VERSION = 'v2';
/**
 * Brotli's largest standard window (16 MiB, RFC 7932) for the wasm: its 34 MB then came 121 kB (2.3 %)
 * smaller than with the default 4 MiB window, in the same time; the pipeline's artefacts did not gain.
 */
const WASM_WINDOW = 24;
const DEFAULT_CACHE = resolve(import.meta.dirname, '../node_modules/.cache/cls-atlas-precompress');

/**
 * @param {Buffer} bytes
 * @param {'br' | 'gz'} format
 * @param {boolean} text
 * @param {boolean} wasm
 * @returns {Promise<Buffer>}
 */
function compress(bytes, format, text, wasm) {
	if (format === 'gz') return gzip(bytes, { level: zlib.constants.Z_BEST_COMPRESSION });
	return brotli(bytes, {
		params: {
			[zlib.constants.BROTLI_PARAM_MODE]: text ? zlib.constants.BROTLI_MODE_TEXT : zlib.constants.BROTLI_MODE_GENERIC,
			[zlib.constants.BROTLI_PARAM_QUALITY]: zlib.constants.BROTLI_MAX_QUALITY,
			...(wasm ? { [zlib.constants.BROTLI_PARAM_LGWIN]: WASM_WINDOW } : {}),
			[zlib.constants.BROTLI_PARAM_SIZE_HINT]: bytes.length
		}
	});
}

/**
 * Compresses `bytes` and keeps the result in the cache file `cached`.
 * @param {string} cached
 * @param {Buffer} bytes
 * @param {'br' | 'gz'} format
 * @param {boolean} text
 * @param {boolean} wasm
 */
async function compressInto(cached, bytes, format, text, wasm) {
	const out = await compress(bytes, format, text, wasm);
	// Written aside then renamed: an interrupted build leaves no truncated file in the cache.
	const partial = `${cached}.${process.pid}.partial`;
	await writeFile(partial, out);
	await rename(partial, cached);
	return out;
}

/**
 * @param {string} dir
 * @returns {Promise<string[]>} every file under `dir`, absolute
 */
async function listFiles(dir) {
	const entries = await readdir(dir, { withFileTypes: true, recursive: true });
	return entries.filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name));
}

/**
 * Writes the `.br` and `.gz` twins of the compressible files of `dir` (only when smaller).
 * @param {string} dir
 * @param {{ cacheDir?: string }} [options]
 * @returns {Promise<{ files: number, bytes: number, brotliBytes: number }>} what was compressed
 */
export async function precompress(dir, { cacheDir = DEFAULT_CACHE } = {}) {
	await mkdir(cacheDir, { recursive: true });
	const files = (await listFiles(dir)).filter((file) => COMPRESSIBLE.has(extname(file)) || GZIPPED_ARTEFACT.test(file));
	const summary = { files: 0, bytes: 0, brotliBytes: 0 };
	/** @type {Map<string, Promise<Buffer>>} */
	const running = new Map();
	// Biggest first: the wasm starts at once and the small files fill the thread pool meanwhile.
	const sized = await Promise.all(files.map(async (file) => ({ file, bytes: await readFile(file) })));
	sized.sort((a, b) => b.bytes.length - a.bytes.length);
	await Promise.all(
		sized
			.filter(({ bytes }) => bytes.length >= MIN_BYTES)
			.map(async ({ file, bytes }) => {
				const digest = createHash('sha256').update(bytes).digest('hex');
				const artefact = GZIPPED_ARTEFACT.test(file);
				const wasm = extname(file) === '.wasm';
				const text = !artefact && !wasm;
				for (const format of artefact ? /** @type {const} */ (['br']) : /** @type {const} */ (['br', 'gz'])) {
					const cached = join(cacheDir, `${CACHE_VERSION}-${digest}.${artefact ? 'gunzipped.' : ''}${format}`);
					// Identical files (e.g. two prerendered shells) are compressed once.
					let pending = running.get(cached);
					if (!pending) {
						pending = readFile(cached).catch(async () => compressInto(cached, artefact ? await gunzip(bytes) : bytes, format, text, wasm));
						running.set(cached, pending);
					}
					const out = await pending;
					if (out.length >= bytes.length) continue;
					await writeFile(`${file}.${format}`, out);
					if (format === 'br') {
						summary.files++;
						summary.bytes += bytes.length;
						summary.brotliBytes += out.length;
					}
				}
			})
	);
	return summary;
}
