/**
 * Soak of the server of `npm start` (scripts/serve.js): 1,000 hostile requests — fuzzed `Range` headers,
 * long URLs, bad encodings and traversal attempts, every method, raw malformed request lines, 50
 * concurrent downloads of DuckDB's wasm — then `/` asked 50 times. Every request must be answered
 * (a status line), but an oversized URL or header, which may also see its connection closed after its
 * 414/431; the server must still be serving. Figures only (`name: value unit`), as the benchmark prints.
 * Part of `npm run bench`; alone: `npx tsx test/bench/soak.ts` (serves build/ on 4320 + E2E_PORT_OFFSET).
 */
import { readdirSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { connect } from 'node:net';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { serveAtlas } from '../../scripts/serve.js';

type Report = (name: string, value: number, unit: string) => void;

interface Probe {
	method: string;
	path: string;
	headers?: Record<string, string>;
	/** An oversized request: a closed connection after (or instead of) its 414/431 is allowed. */
	oversized?: boolean;
}

interface Outcome {
	status: number | null;
	error?: string;
	ms: number;
}

const ROOT = resolve(import.meta.dirname, '../..');
/** A deterministic sequence, so that two runs send the same requests. */
function random(seed: number): () => number {
	let state = seed;
	return () => ((state = (state * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
}

function rangeHeaders(n: number, next: () => number): string[] {
	const int = () => String(Math.floor(next() * 10 ** Math.floor(next() * 25)));
	const forms = [
		() => `bytes=${int()}-${int()}`,
		() => `bytes=-${int()}`,
		() => `bytes=${int()}-`,
		() => `bytes=${int()}-${int()},${int()}-${int()}`,
		() => `bytes=${'0-1,'.repeat(Math.floor(next() * 40))}0-1`,
		() => `bytes=-`,
		() => `bytes=${int()}-${int()}-${int()}`,
		() => `items=${int()}-${int()}`,
		() => `bytes=0x10-0x20`,
		() => `bytes=${int()}.5-`,
		() => `bytes = ${int()} - ${int()}`,
		() => `bytes=-0`,
		() => `bytes=5-1`,
		() => `bytes=0-18446744073709551616`,
		() => `bytes=-99999999999999999999`
	];
	return Array.from({ length: n }, (_, i) => forms[i % forms.length]());
}

const TRAVERSALS = [
	'/../../../../etc/passwd',
	'/..%2f..%2f..%2fetc%2fpasswd',
	'/%2e%2e/%2e%2e/package.json',
	'/_app/..%5c..%5cpackage.json',
	'/territoire/commune/%E0%A4%A',
	'/%',
	'/%%',
	'/%00',
	'/%C0%AF',
	'/%ff%fe',
	'/data/%2e%2e%2f%2e%2e%2fpackage.json',
	'//etc/passwd',
	'/./././200.html',
	'/?%',
	'/territoire/%F0%9F%98%80',
	'/sql?q=%27%3B%20DROP%20TABLE',
	'/service-worker.js/..',
	'/.git/config',
	'/.env',
	'/node_modules/sirv/package.json'
];
const METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS', 'TRACE', 'PROPFIND', 'MKCOL', 'COPY', 'MOVE', 'LOCK', 'UNLOCK', 'PURGE', 'SEARCH', 'REPORT'];
/** Request lines Node's own parser refuses (400), sent as raw bytes. */
const RAW_LINES = [
	'BREW / HTTP/1.1\r\nHost: x\r\n\r\n',
	'GET / HTTP/9.9\r\nHost: x\r\n\r\n',
	'GET /\u00ff\u00fe HTTP/1.1\r\nHost: x\r\n\r\n',
	'GET / HTTP/1.1\r\nHost: x\r\nBad Header\r\n\r\n',
	'GET / HTTP/1.1\r\nContent-Length: -1\r\n\r\n',
	'CONNECT 127.0.0.1:22 HTTP/1.1\r\nHost: 127.0.0.1:22\r\n\r\n',
	'GET / HTTP/1.1\r\nHost: x\r\nX-Nul: a\u0000b\r\n\r\n',
	'GET / HTTP/1.1\r\nTransfer-Encoding: chunked\r\nContent-Length: 3\r\n\r\n'
];

function send(base: URL, probe: Probe, agent: Agent): Promise<Outcome> {
	const started = performance.now();
	return new Promise((done) => {
		const req = request({ host: base.hostname, port: base.port, method: probe.method, path: probe.path, headers: probe.headers, agent }, (res) => {
			res.resume();
			res.on('end', () => done({ status: res.statusCode ?? null, ms: performance.now() - started }));
			res.on('error', (e) => done({ status: res.statusCode ?? null, error: e.message, ms: performance.now() - started }));
		});
		req.on('error', (e: Error & { code?: string }) => done({ status: null, error: e.code ?? e.message, ms: performance.now() - started }));
		req.end();
	});
}

function sendRaw(base: URL, bytes: string): Promise<Outcome> {
	const started = performance.now();
	return new Promise((done) => {
		const socket = connect(Number(base.port), base.hostname, () => socket.write(Buffer.from(bytes, 'latin1')));
		let text = '';
		socket.setEncoding('latin1');
		socket.setTimeout(10_000, () => socket.destroy());
		socket.on('data', (chunk: string) => (text += chunk));
		socket.on('error', () => undefined);
		socket.on('close', () => {
			const status = /^HTTP\/1\.1 (\d{3})/.exec(text);
			done({ status: status ? Number(status[1]) : null, error: status ? undefined : 'no status line', ms: performance.now() - started });
		});
	});
}

/** Runs `jobs` with at most `width` at a time. */
async function pool<T>(jobs: (() => Promise<T>)[], width: number): Promise<T[]> {
	const results: T[] = new Array(jobs.length);
	let next = 0;
	await Promise.all(
		Array.from({ length: width }, async () => {
			while (next < jobs.length) {
				const i = next++;
				results[i] = await jobs[i]();
			}
		})
	);
	return results;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[values.length >> 1];

/** The hostile requests, then `/`: prints the figures; resolves with whether every request was answered. */
export async function soakBench(url: string, report: Report, dir = resolve(ROOT, 'build')): Promise<boolean> {
	// The server's one line per error (when it runs in this process): counted, not printed a thousand times.
	const log = console.error;
	let logged = 0;
	console.error = () => void logged++;
	try {
		return await soak(url, report, dir);
	} finally {
		console.error = log;
		report('soak_server_error_lines', logged, 'lines');
	}
}

async function soak(url: string, report: Report, dir: string): Promise<boolean> {
	const base = new URL(url);
	const next = random(21);
	const wasm = readdirSync(dir, { recursive: true, encoding: 'utf8' }).find((f) => f.endsWith('.wasm'));
	const script = readdirSync(resolve(dir, '_app/immutable/entry')).find((f) => f.endsWith('.js'));
	const probes: Probe[] = [];
	for (const [i, range] of rangeHeaders(400, next).entries())
		probes.push({ method: i % 5 === 4 ? 'HEAD' : 'GET', path: i % 2 ? '/favicon.svg' : `/_app/immutable/entry/${script}`, headers: { Range: range, 'Accept-Encoding': i % 3 ? 'br, gzip' : 'identity' } });
	for (let i = 0; i < 120; i++) {
		const length = Math.floor(2 ** (10 + next() * 9.5)); // 1 Kio to about 700 Kio
		probes.push({ method: 'GET', path: `/territoire/selection/${'46102-'.repeat(Math.ceil(length / 6)).slice(0, length)}`, oversized: length > 256 * 1024 - 64 });
	}
	for (let i = 0; i < 200; i++) probes.push({ method: i % 4 ? 'GET' : 'HEAD', path: TRAVERSALS[i % TRAVERSALS.length] });
	for (let i = 0; i < 200; i++) probes.push({ method: METHODS[i % METHODS.length], path: i % 2 ? '/' : '/favicon.svg', headers: { 'Content-Length': '0' } });
	const headerBombs = Array.from({ length: 22 }, (_, i): Probe => ({ method: 'GET', path: '/', headers: { 'X-Bombe': 'x'.repeat(i * 20 * 1024) }, oversized: i * 20 > 300 }));
	probes.push(...headerBombs);

	const agent = new Agent({ keepAlive: true, maxSockets: 20 });
	const started = performance.now();
	const outcomes = await pool(
		probes.map((probe) => () => send(base, probe, agent)),
		20
	);
	const raw = await pool(
		RAW_LINES.map((line) => () => sendRaw(base, line)),
		4
	);
	// 50 downloads of the engine at once, each on its own connection.
	const wasmStarted = performance.now();
	const downloads = await Promise.all(
		Array.from({ length: 50 }, () => send(base, { method: 'GET', path: `/${wasm}`, headers: { 'Accept-Encoding': 'br' } }, new Agent({ keepAlive: false })))
	);
	const wasmSeconds = (performance.now() - wasmStarted) / 1000;
	const seconds = (performance.now() - started) / 1000;

	const all = [...probes.map((p, i) => ({ probe: p, outcome: outcomes[i] })), ...raw.map((outcome) => ({ probe: null, outcome })), ...downloads.map((outcome) => ({ probe: null, outcome }))];
	const unanswered = all.filter(({ probe, outcome }) => outcome.status === null && !probe?.oversized);
	const statuses = new Map<number | string, number>();
	for (const { outcome } of all) statuses.set(outcome.status ?? 'fermée', (statuses.get(outcome.status ?? 'fermée') ?? 0) + 1);

	const root: number[] = [];
	for (let i = 0; i < 50; i++) root.push((await send(base, { method: 'GET', path: '/' }, agent)).ms);
	agent.destroy();

	report('soak_requests', all.length, 'requests');
	report('soak_unanswered', unanswered.length, 'requests');
	report('soak_duration', seconds, 's');
	report('soak_wasm_50_concurrent', wasmSeconds, 's');
	report('soak_wasm_complete', downloads.filter((d) => d.status === 200).length, 'downloads');
	report('soak_root_median_after', median(root), 'ms');
	console.log(`soak statuses: ${[...statuses].map(([status, n]) => `${status} × ${n}`).join(', ')}`);
	for (const { probe, outcome } of unanswered.slice(0, 10)) console.log(`  unanswered: ${probe ? `${probe.method} ${probe.path.slice(0, 80)}` : 'raw or wasm'} (${outcome.error})`);
	return unanswered.length === 0;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
	const dir = resolve(process.env.BENCH_DIR ?? resolve(ROOT, 'build'));
	const server = await serveAtlas({ dir, port: 4320 + Number(process.env.E2E_PORT_OFFSET ?? 0), host: '127.0.0.1' });
	const ok = await soakBench(server.url, (name, value, unit) => console.log(`${name}: ${Math.round(value * 10) / 10} ${unit}`), dir);
	await server.close();
	process.exit(ok ? 0 : 1);
}
