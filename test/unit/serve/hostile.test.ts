import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MAX_URL_BYTES, serveAtlas } from '../../../scripts/serve.js';
import { parseRange } from '../../../scripts/range.js';

/** The requests that stopped `npm start` (a miniature build/ of test content, not data), and their neighbours. */
const root = mkdtempSync(join(tmpdir(), 'cls-serve-hostile-'));
const dir = join(root, 'build');
const body = 'abcdefghijklmnopqrstuvwxyz0123456789'; // 36 bytes
let server: { url: string; close(): Promise<void> };

beforeAll(async () => {
	mkdirSync(join(dir, '_app/immutable'), { recursive: true });
	writeFileSync(join(dir, '200.html'), '<!doctype html><title>coquille</title>');
	writeFileSync(join(dir, 'favicon.svg'), body);
	writeFileSync(join(dir, '_app/immutable/gone.js'), body);
	server = await serveAtlas({ dir, port: 0 });
});

afterAll(async () => {
	await server?.close();
	rmSync(root, { recursive: true, force: true });
});

/** A raw request (fetch would refuse some of these methods and headers), resolved with status, headers and body. */
function raw(method: string, path: string, headers: Record<string, string> = {}) {
	return new Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }>((done, fail) => {
		const req = request(`${server.url}${path}`, { method, headers }, (res) => {
			let text = '';
			res.setEncoding('latin1');
			res.on('data', (chunk: string) => (text += chunk));
			res.on('end', () => done({ status: res.statusCode ?? 0, headers: res.headers, body: text }));
		});
		req.on('error', fail);
		req.end();
	});
}

/** What the server writes back to bytes sent as they are, until it closes. */
function statusLine(bytes: string) {
	return new Promise<string>((done, fail) => {
		const { port } = new URL(server.url);
		const socket = connect(Number(port), '127.0.0.1', () => socket.write(bytes));
		let text = '';
		socket.setEncoding('latin1');
		socket.on('data', (chunk: string) => (text += chunk));
		socket.on('close', () => done(text));
		socket.on('error', fail);
	});
}

const alive = async () => expect((await raw('GET', '/favicon.svg')).body).toBe(body);

describe('parseRange (RFC 9110 § 14.1.2)', () => {
	it('reads first-last, open and suffix ranges, clamped to the file', () => {
		expect(parseRange('bytes=0-9', 36)).toEqual({ kind: 'range', start: 0, end: 9 });
		expect(parseRange('bytes=30-', 36)).toEqual({ kind: 'range', start: 30, end: 35 });
		expect(parseRange('bytes=-6', 36)).toEqual({ kind: 'range', start: 30, end: 35 });
		expect(parseRange('Bytes = 2-4 ', 36)).toEqual({ kind: 'range', start: 2, end: 4 });
		expect(parseRange('bytes=0-18446744073709551616', 36)).toEqual({ kind: 'range', start: 0, end: 35 });
		expect(parseRange('bytes=-99999999999999999999', 36)).toEqual({ kind: 'range', start: 0, end: 35 });
	});

	it('ignores what is malformed, another unit, or several ranges', () => {
		for (const header of ['bytes=5-1', 'bytes=', 'bytes=-', 'bytes=a-b', 'bytes=1-2-3', 'bytes 0-1', 'items=0-1', 'bytes=0x1-2', 'bytes=0-1,4-5', 'bytes=1.5-2', `bytes=${'0-1,'.repeat(20)}0-1`])
			expect(parseRange(header, 36), header).toEqual({ kind: 'ignore' });
	});

	it('finds unsatisfiable what starts past the end, an empty suffix, any range of an empty file', () => {
		for (const [header, size] of [['bytes=36-', 36], ['bytes=99999999999999999999-', 36], ['bytes=-0', 36], ['bytes=0-', 0], ['bytes=-5', 0], ['bytes=40-50,60-', 36]] as const)
			expect(parseRange(header, size), header).toEqual({ kind: 'unsatisfiable' });
	});
});

describe('the server under hostile requests', () => {
	const log = console.error;
	beforeAll(() => {
		// Each error's one line, kept out of the test's output.
		console.error = () => undefined;
	});
	afterAll(() => {
		console.error = log;
	});

	it('survives the Range headers that stopped it, answering 200 (ignored) or 206', async () => {
		const malformed = await raw('GET', '/favicon.svg', { Range: 'bytes=5-1' });
		expect(malformed.status).toBe(200);
		expect(malformed.body).toBe(body);
		for (const header of ['bytes=-99999999999999999999', 'bytes=0-18446744073709551616']) {
			const response = await raw('GET', '/favicon.svg', { Range: header });
			expect(response.status, header).toBe(206);
			expect(response.headers['content-range'], header).toBe('bytes 0-35/36');
			expect(response.body, header).toBe(body);
		}
		await alive();
	});

	it('sends the bytes asked for, a suffix as the last bytes', async () => {
		const suffix = await raw('GET', '/favicon.svg', { Range: 'bytes=-6' });
		expect([suffix.status, suffix.headers['content-range'], suffix.body]).toEqual([206, 'bytes 30-35/36', '456789']);
		const middle = await raw('GET', '/favicon.svg', { Range: 'bytes=2-4' });
		expect([middle.status, middle.headers['content-length'], middle.body]).toEqual([206, '3', 'cde']);
	});

	it('answers 416 with the length to an unsatisfiable range', async () => {
		for (const header of ['bytes=36-', 'bytes=-0', 'bytes=99999999999999999999-']) {
			const response = await raw('GET', '/favicon.svg', { Range: header });
			expect(response.status, header).toBe(416);
			expect(response.headers['content-range'], header).toBe('bytes */36');
		}
		await alive();
	});

	it('ignores Range on HEAD and with If-Range', async () => {
		expect((await raw('HEAD', '/favicon.svg', { Range: 'bytes=2-4' })).status).toBe(200);
		const conditional = await raw('GET', '/favicon.svg', { Range: 'bytes=2-4', 'If-Range': 'W/"x"' });
		expect([conditional.status, conditional.body]).toEqual([200, body]);
	});

	it('answers 405 with Allow to every method but GET and HEAD', async () => {
		for (const method of ['POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS', 'TRACE', 'PROPFIND', 'MKCOL', 'PURGE']) {
			const response = await raw(method, '/favicon.svg');
			expect(response.status, method).toBe(405);
			expect(response.headers.allow, method).toBe('GET, HEAD');
		}
		expect(await statusLine('CONNECT 127.0.0.1:1 HTTP/1.1\r\nHost: 127.0.0.1:1\r\n\r\n')).toMatch(/^HTTP\/1\.1 405 .*Allow: GET, HEAD/s);
		// A method Node's parser does not know is a bad request, answered before the app.
		expect(await statusLine('BREW / HTTP/1.1\r\nHost: x\r\n\r\n')).toMatch(/^HTTP\/1\.1 400 /);
		await alive();
	});

	it('answers 414 to a URL over the limit, 431 to headers over it, and keeps serving', async () => {
		expect((await raw('GET', `/territoire/selection/${'1'.repeat(MAX_URL_BYTES)}`)).status).toBe(414);
		expect((await raw('GET', '/', { 'X-Grand': 'x'.repeat(400 * 1024) })).status).toBe(431);
		await alive();
	});

	it('answers bad encodings and traversal with the shell or 404, never a file outside build/', async () => {
		for (const path of ['/territoire/commune/%E0%A4%A', '/%', '/%00', '/../../../etc/passwd', '/..%2f..%2f..%2fetc%2fpasswd', '/%2e%2e/%2e%2e/etc/passwd', '/_app/..%5c..%5cpackage.json']) {
			const response = await raw('GET', path);
			expect([200, 400, 404], path).toContain(response.status);
			expect(response.body, path).not.toContain('root:');
		}
		await alive();
	});

	it('logs and survives a file that vanished after start, with the security headers on every answer', async () => {
		rmSync(join(dir, '_app/immutable/gone.js'));
		const errors: unknown[] = [];
		console.error = (...args: unknown[]) => errors.push(args.join(' '));
		await raw('GET', '/_app/immutable/gone.js').catch(() => undefined);
		console.error = () => undefined;
		expect(errors).toHaveLength(1);
		expect(String(errors[0])).toMatch(/gone\.js.*ENOENT/);
		for (const response of [await raw('GET', '/favicon.svg'), await raw('POST', '/'), await raw('GET', '/territoire/commune/46251')]) {
			expect(response.headers['x-content-type-options']).toBe('nosniff');
			expect(response.headers['content-security-policy']).toContain("frame-ancestors 'none'");
			expect(response.headers['referrer-policy']).toBe('no-referrer');
			expect(response.headers['permissions-policy']).toContain('camera=()');
		}
	});
});
