import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Page } from 'playwright-core';
import { e2eSuite } from '../support/suite';
import { waitForColouredMap } from '../support/browser';

/** What a hostile visitor tries in the browser: the engine's lock, the page's policy, a broken link. */

const suite = e2eSuite();

/** A "remote" host on localhost that records every request it gets (it answers a CSV, with CORS, so nothing but the engine's lock stops a read). */
const hits: string[] = [];
let remote: Server;
let remoteUrl = '';

beforeAll(async () => {
	remote = createServer((req, res) => {
		hits.push(`${req.method} ${req.url}`);
		res.writeHead(200, { 'Access-Control-Allow-Origin': '*', 'Content-Type': 'text/csv' });
		res.end('a,b\n1,2\n');
	});
	// Any free port: files run in parallel.
	await new Promise<void>((done) => remote.listen(0, '127.0.0.1', done));
	remoteUrl = `http://127.0.0.1:${(remote.address() as AddressInfo).port}`;
});

afterAll(() => new Promise<void>((done) => remote.close(() => done())));

async function runSql(page: Page, sql: string): Promise<string> {
	await page.getByTestId('sql-input').fill(sql);
	await page.getByTestId('sql-run').click();
	await expect.poll(() => page.getByTestId('sql-run').isEnabled(), { timeout: 60_000 }).toBe(true);
	const error = page.getByTestId('sql-error');
	return (await error.count()) ? error.innerText() : (await page.getByTestId('sql-result').innerText());
}

describe('the SQL console under the engine’s lock', () => {
	it('makes no request, to another host or to its own, for any of the known bypasses', { timeout: 600_000 }, async () => {
		const { page, context, foreignRequests } = await suite.open('/sql');
		await expect.poll(() => page.getByTestId('sql-run').isEnabled(), { timeout: 90_000 }).toBe(true);
		// Requests the engine would make to the atlas's own server (allowed by the page's policy, unlike another host).
		const own = suite.server.url;
		const ownRequests: string[] = [];
		context.on('request', (request) => {
			if (request.url().includes('/bypass-probe')) ownRequests.push(request.url());
		});
		const fn = (name: string) => new RegExp(`^Requête refusée : la fonction ${name} lit des fichiers`);
		const path = (url: string) => new RegExp(`^Requête refusée : « ${url.replace(/[.*?()[\]/]/g, '\\$&')} » n’est pas une table de l’atlas`);
		const bypasses: [sql: string, refusal: RegExp][] = [remoteUrl, own].flatMap((host): [string, RegExp][] => [
			[`SELECT * FROM "read_text"('${host}/bypass-probe/texte')`, fn('read_text')],
			[`SELECT * FROM "read_csv"('${host}/bypass-probe/fichier.csv')`, fn('read_csv')],
			[`SELECT * FROM "READ_CSV_AUTO"(['${host}/bypass-probe/liste.csv'])`, fn('read_csv_auto')],
			[`SELECT * FROM communes, '${host}/bypass-probe/virgule.csv' LIMIT 1`, path(`${host}/bypass-probe/virgule.csv`)],
			[`SELECT * FROM communes WHERE code IN (SELECT a FROM "${host}/bypass-probe/guillemets.csv")`, path(`${host}/bypass-probe/guillemets.csv`)],
			[`SELECT * FROM "query"('SELECT * FROM read_text(''${host}/bypass-probe/query'')')`, fn('query')],
			[`SELECT * FROM "query_table"('${host}/bypass-probe/query_table.csv')`, fn('query_table')],
			[`SELECT * FROM "glob"('${host}/bypass-probe/*')`, fn('glob')],
			[`WITH t AS (SELECT * FROM "read_blob"('${host}/bypass-probe/blob')) SELECT * FROM t`, fn('read_blob')],
			[`SELECT * FROM communes c, LATERAL (SELECT * FROM "read_text"('${host}/bypass-probe/lateral')) l`, fn('read_text')],
			[`DESCRIBE SELECT * FROM "read_text"('${host}/bypass-probe/describe')`, fn('read_text')],
			[`SUMMARIZE '${host}/bypass-probe/summarize.csv'`, path(`${host}/bypass-probe/summarize.csv`)]
		]);
		for (const [sql, refusal] of bypasses) {
			// Refused by the console's own reading of the statement (DuckDB's lexer and parser), naming what it refused.
			expect(await runSql(page, sql), sql).toMatch(refusal);
		}
		// The lock cannot be lifted from the console, and is what the engine reports.
		expect(await runSql(page, 'SET enable_external_access = true')).toMatch(/^Requête refusée/);
		expect(await runSql(page, "SELECT current_setting('enable_external_access') AS externe, current_setting('lock_configuration') AS verrou")).toMatch(/faux\s+vrai/);
		expect(hits).toEqual([]);
		expect(ownRequests).toEqual([]);
		// The page's policy would have stopped a read of another host anyway; the lock stopped it first.
		expect(foreignRequests).toEqual([]);
	});
});

declare global {
	interface Window {
		cspViolations?: string[];
	}
}

describe('the page’s security policy', () => {
	it('holds over a tour of every page, with no violation reported', { timeout: 900_000 }, async () => {
		const { page, context, errors } = await suite.open('/');
		await context.addInitScript(() => {
			window.cspViolations = [];
			document.addEventListener('securitypolicyviolation', (e) => window.cspViolations!.push(`${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`));
		});
		const violations: string[] = [];
		const collect = async (path: string) => violations.push(...(await page.evaluate(() => window.cspViolations ?? [])).map((v) => `${path}: ${v}`));
		const tour: [path: string, ready: () => Promise<unknown>][] = [
			['/', () => waitForColouredMap(page)],
			['/territoire/commune/46102', () => page.getByRole('heading', { level: 1 }).waitFor({ timeout: 120_000 })],
			['/comparer?t=commune:46102,commune:46042', () => page.getByRole('heading', { level: 1 }).waitFor({ timeout: 120_000 })],
			['/cls', () => page.getByRole('heading', { level: 1 }).waitFor({ timeout: 120_000 })],
			['/cls/cauvaldor', () => page.getByRole('heading', { level: 1 }).waitFor({ timeout: 120_000 })],
			['/donnees', () => page.getByRole('heading', { level: 1 }).waitFor({ timeout: 120_000 })],
			['/sql', () => expect.poll(() => page.getByTestId('sql-run').isEnabled(), { timeout: 90_000 }).toBe(true)]
		];
		for (const [path, ready] of tour) {
			const response = await page.goto(suite.server.url + path);
			expect(response?.headers()['content-security-policy'], path).toContain("frame-ancestors 'none'");
			expect(await page.locator('meta[http-equiv="content-security-policy"]').getAttribute('content'), path).toMatch(/script-src 'self' 'wasm-unsafe-eval' 'sha256-/);
			await ready();
			// The engine and the map's workers run their first queries.
			await page.waitForLoadState('networkidle');
			await collect(path);
		}
		// A query in the console: the engine's worker at work under the page's policy.
		expect(await runSql(page, "SELECT nom FROM communes WHERE code = '46042'")).toContain('Cahors');
		await collect('/sql');
		expect(violations).toEqual([]);
		expect(errors.filter((e) => /Content Security Policy|Refused to/i.test(e))).toEqual([]);
	});
});

describe('a malformed link', () => {
	it('draws the French error page, not a blank one', async () => {
		const { page, errors } = await suite.open('/territoire/commune/%E0%A4%A');
		await expect.poll(() => page.getByRole('heading', { level: 1 }).innerText(), { timeout: 30_000 }).toBe('Page introuvable');
		expect(await page.locator('main').innerText()).toMatch(/L’adresse ne correspond à aucune page de l’atlas/);
		expect(errors.filter((e) => /URIError|URI malformed/.test(e))).toEqual([]);
		// A link of the app to such an address, once the app runs, does the same.
		await page.goto(`${suite.server.url}/cls`);
		await page.getByRole('heading', { level: 1 }).waitFor();
		await page.evaluate(() => {
			const a = document.createElement('a');
			a.href = '/territoire/epci/%E0%A4%A';
			a.textContent = 'lien cassé';
			document.body.append(a);
			a.click();
		});
		await expect.poll(() => page.getByRole('heading', { level: 1 }).innerText(), { timeout: 30_000 }).toBe('Page introuvable');
	});
});
