import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openNodeAtlas } from '../../../src/lib/data/engine/node';
import type { FileDb, QuerySession } from '../../../src/lib/data/engine/connector';
import { ConsoleError, MAX_CONSOLE_ROWS, communeCodeColumn, consoleSchema, runConsoleQuery, runReadOnly, statementRefusal } from '../../../src/lib/data/engine/console';

/** The Node engine on the shipped artefacts and one session on it, opened for the describe that calls this. */
function nodeEngine(): { db: FileDb; session: QuerySession } {
	const engine = {} as { db: FileDb; session: QuerySession };
	beforeAll(async () => {
		engine.db = await openNodeAtlas();
		engine.session = await engine.db.openSession();
	});
	afterAll(async () => {
		await engine.session?.close();
		await engine.db?.close();
	});
	return engine;
}

describe('statementRefusal: the console runs one read-only statement, read by DuckDB’s lexer and parser', () => {
	const engine = nodeEngine();

	const allowed = [
		'SELECT 1',
		"select code, apl_mg from apl where annee = 2023 and code like '46%';",
		'  -- un commentaire\n  SELECT 1 ; \n -- fin',
		'WITH t AS (SELECT 1 AS a) SELECT * FROM t',
		'(SELECT 1) UNION (SELECT 2)',
		'DESCRIBE communes',
		'SHOW TABLES',
		'SUMMARIZE apl',
		'EXPLAIN SELECT * FROM communes',
		'EXPLAIN ANALYZE SELECT count(*) FROM communes',
		'DESCRIBE SELECT code FROM communes',
		'SELECT c.code FROM communes c, LATERAL (SELECT 1 AS x) l',
		'SELECT * FROM communes, apl WHERE communes.code = apl.code LIMIT 1',
		"SELECT nom FROM communes WHERE nom = 'read_text(''http://127.0.0.1/x'')'",
		'SELECT count(*) FROM range(3)',
		// Joins DuckDB's name-listing binder cannot follow: left to the prepare and the engine's lock.
		'SELECT count(*) FROM communes JOIN apl USING (code)',
		'SELECT count(*) FROM communes NATURAL JOIN apl',
		"SELECT 'DROP TABLE communes; --' AS texte",
		'SELECT "update", "set" FROM (SELECT 1 AS "update", 2 AS "set")',
		"SELECT $$ ; DELETE $$ AS x",
		'SELECT nom AS "nom;drop" FROM communes',
		// In an E'…' string a backslash escapes the quote: all of it is one string.
		"SELECT E'\\' ; DROP TABLE communes; --' AS x"
	];
	it.each(allowed)('lets through %s', async (sql) => {
		expect(await statementRefusal(engine.session, sql)).toBeNull();
	});

	const refused: [string, RegExp][] = [
		['', /Requête vide/],
		['  ;  -- rien', /Requête vide/],
		['DROP TABLE communes', /lecture seule.*\(pas DROP\)/],
		['drop table communes', /\(pas DROP\)/],
		['DELETE FROM communes', /\(pas DELETE\)/],
		['INSERT INTO communes VALUES (1)', /\(pas INSERT\)/],
		["UPDATE apl SET apl_mg = 0", /\(pas UPDATE\)/],
		['CREATE TABLE x AS SELECT 1', /\(pas CREATE\)/],
		["COPY communes TO 'communes.csv'", /\(pas COPY\)/],
		["ATTACH 'autre.db' AS autre", /\(pas ATTACH\)/],
		['PRAGMA enable_profiling', /\(pas PRAGMA\)/],
		['SET threads = 1', /\(pas SET\)/],
		["INSTALL httpfs", /\(pas INSTALL\)/],
		['CALL dbgen(sf = 1)', /\(pas CALL\)/],
		['FROM communes', /\(pas FROM\)/],
		['SELECT 1; DROP TABLE communes', /une seule instruction/],
		['SELECT 1;DROP TABLE communes;', /une seule instruction/],
		['SELECT 1; SELECT 2', /une seule instruction/],
		['SELECT 1 /* ; */ ; /* x */ SELECT 2', /une seule instruction/],
		['SELECT 1 -- commentaire\n; SELECT 2', /une seule instruction/],
		["SELECT 1 /* commentaire ; */; COPY communes TO 'x.csv'", /une seule instruction|mot-clé COPY/],
		['WITH x AS (INSERT INTO communes SELECT * FROM communes RETURNING *) SELECT * FROM x', /mot-clé INSERT/],
		['WITH x AS (SELECT 1) DELETE FROM communes', /mot-clé DELETE/],
		['EXPLAIN ANALYZE DROP TABLE communes', /mot-clé DROP/],
		['DESCRIBE DELETE FROM communes', /mot-clé DELETE/],
		["SELECT * FROM read_csv('https://exemple.fr/x.csv')", /fonction read_csv /],
		// Quoting, case and spaces are DuckDB's to read: a quoted function name is the function.
		["SELECT * FROM \"read_text\"('http://127.0.0.1:9/bypass-probe')", /fonction read_text /],
		["SELECT * FROM \"READ_CSV_AUTO\"('http://127.0.0.1:9/bypass-probe')", /fonction read_csv_auto /],
		["SELECT * FROM main.\"Read_Csv\" /* */ ('x.csv')", /fonction read_csv /],
		["SELECT * FROM \"query\"('SELECT * FROM read_text(''http://127.0.0.1:9/bypass-probe'')')", /fonction query /],
		["SELECT * FROM \"query_table\"('communes')", /fonction query_table /],
		["SELECT * FROM \"glob\"('*')", /fonction glob /],
		// In a subquery, a CTE, a lateral join: anywhere in the statement.
		["SELECT * FROM communes WHERE code IN (SELECT content FROM \"read_text\"('x'))", /fonction read_text /],
		["WITH t AS (SELECT * FROM \"read_blob\"('x')) SELECT * FROM t", /fonction read_blob /],
		["SELECT * FROM communes c, LATERAL (SELECT * FROM \"read_csv\"('x.csv')) l", /fonction read_csv /],
		["DESCRIBE SELECT * FROM \"read_text\"('x')", /fonction read_text /],
		// A table named by a path or a URL is read as a file by DuckDB (a replacement scan): a comma join, a subquery, quotes.
		["SELECT * FROM communes, 'http://127.0.0.1:9/bypass-probe.csv' LIMIT 1", /« http:\/\/127\.0\.0\.1:9\/bypass-probe\.csv » n’est pas une table/],
		["SELECT * FROM communes WHERE code IN (SELECT a FROM 'x.csv')", /« x\.csv » n’est pas une table/],
		['SELECT * FROM "x.parquet"', /« x\.parquet » n’est pas une table/],
		["SELECT * FROM (FROM 'x.parquet')", /« x\.parquet » n’est pas une table/],
		["SUMMARIZE 'x.csv'", /« x\.csv » n’est pas une table/],
		["SELECT * FROM READ_CSV_AUTO('/etc/passwd')", /fonction read_csv_auto/],
		["SELECT * FROM read_parquet('x.parquet')", /fonction read_parquet/],
		["SELECT * FROM glob('*')", /fonction glob/],
		["SELECT * FROM query('DROP TABLE communes')", /fonction query/],
		["SELECT * FROM 'https://exemple.fr/x.csv'", /« https:\/\/exemple\.fr\/x\.csv » n’est pas une table/],
		["SELECT * FROM communes JOIN 'x.parquet' USING (code)", /« x\.parquet » n’est pas une table/],
		// In a standard string a backslash escapes nothing: the string ends before the « ; ».
		["SELECT '\\' ; DROP TABLE communes; --'", /une seule instruction/]
	];
	it.each(refused)('refuses %s in French', async (sql, message) => {
		const refusal = await statementRefusal(engine.session, sql);
		expect(refusal).toMatch(/^Requête (refusée|vide)/);
		expect(refusal).toMatch(message);
	});

	// DuckDB's parser finds the text broken: its own words, introduced in French.
	it.each(["SELECT 'non fermée", 'SELECT 1 /* commentaire ouvert'])('reports %s as DuckDB reads it', async (sql) => {
		expect(await statementRefusal(engine.session, sql)).toMatch(/^Erreur de DuckDB : Parser Error/);
	});
});

describe('the console on the Node engine', () => {
	const engine = nodeEngine();

	/** Row count and a checksum of a table, to see that nothing changed it. */
	async function fingerprint(table: 'communes' | 'apl'): Promise<string> {
		const sql =
			table === 'communes'
				? 'SELECT count(*)::INTEGER AS n, sum(population)::DOUBLE AS s, max(nom) AS m FROM communes'
				: 'SELECT count(*)::INTEGER AS n, sum(apl_mg)::DOUBLE AS s, max(code) AS m FROM apl';
		return JSON.stringify((await engine.db.query(sql)).get(0)!.toJSON());
	}

	it('answers a SELECT with codes as text and numbers as numbers, equal to the same SQL run directly', async () => {
		const sql = "SELECT code, apl_mg FROM apl WHERE annee = 2023 AND code LIKE '46%' ORDER BY code";
		const result = await runConsoleQuery(engine.session, sql);
		const direct = (await engine.db.query(sql)).toArray().map((r) => r.toJSON() as { code: string; apl_mg: number | null });
		expect(result.rows.length).toBe(direct.length);
		expect(result.rows.length).toBeGreaterThan(100);
		expect(result.rows.map((r) => r[0])).toEqual(direct.map((r) => r.code));
		expect(result.rows.map((r) => r[1])).toEqual(direct.map((r) => r.apl_mg));
		expect(result.columns.map((c) => [c.name, c.numeric])).toEqual([
			['code', false],
			['apl_mg', true]
		]);
		expect(communeCodeColumn(result)).toBe(0);
	});

	it('turns BIGINT and DECIMAL into numbers', async () => {
		const result = await runConsoleQuery(engine.session, 'SELECT count(*) AS n, 1234.5::DECIMAL(9,2) AS d FROM communes');
		const [[n, d]] = result.rows;
		const direct = (await engine.db.query('SELECT count(*)::INTEGER AS n FROM communes')).get(0)!.toJSON().n;
		expect(n).toBe(direct);
		expect(d).toBe(1234.5);
		expect(communeCodeColumn(result)).toBeNull();
	});

	it('lists every loaded table with its columns', async () => {
		const schema = await consoleSchema(engine.db);
		const communes = schema.find((t) => t.name === 'communes');
		expect(communes?.columns.map((c) => c.name)).toContain('population');
		expect(schema.map((t) => t.name)).toContain('apl');
	});

	const hostile = [
		'DROP TABLE communes',
		'SELECT 1; DROP TABLE communes',
		'DELETE FROM communes',
		"UPDATE apl SET apl_mg = 0",
		'INSERT INTO communes SELECT * FROM communes',
		'WITH x AS (SELECT 1) INSERT INTO communes SELECT * FROM communes',
		'CREATE OR REPLACE TABLE communes AS SELECT 1 AS code',
		'ALTER TABLE communes RENAME TO c2',
		'TRUNCATE communes'
	];
	it.each(hostile)('refuses %s and leaves the tables unchanged', async (sql) => {
		const before = [await fingerprint('communes'), await fingerprint('apl')];
		await expect(runConsoleQuery(engine.session, sql)).rejects.toThrow(ConsoleError);
		expect([await fingerprint('communes'), await fingerprint('apl')]).toEqual(before);
	});

	it.each(hostile)('refuses %s even past the text guard (prepare, READ ONLY transaction)', async (sql) => {
		const before = [await fingerprint('communes'), await fingerprint('apl')];
		const error = await runReadOnly(engine.session, sql).catch((e: unknown) => e);
		expect(error).toBeInstanceOf(ConsoleError);
		expect((error as Error).message).toMatch(/^Requête refusée|^Erreur de DuckDB/);
		expect([await fingerprint('communes'), await fingerprint('apl')]).toEqual(before);
		// The transaction was rolled back: the engine.session still answers.
		expect((await runConsoleQuery(engine.session, 'SELECT 42 AS x')).rows).toEqual([[42]]);
	});

	it('reads strings as DuckDB does: an E string with an escaped quote is one value', async () => {
		const result = await runConsoleQuery(engine.session, "SELECT E'\\' ; DROP TABLE communes; --' AS x");
		expect(result.rows).toEqual([["' ; DROP TABLE communes; --"]]);
	});

	it('keeps the first MAX_CONSOLE_ROWS rows of a longer result, says so, and the engine.session still answers', async () => {
		const result = await runConsoleQuery(engine.session, `SELECT range AS i FROM range(${MAX_CONSOLE_ROWS + 5000})`);
		expect(result.truncated).toBe(true);
		expect(result.rows.length).toBe(MAX_CONSOLE_ROWS);
		expect(result.rows.at(-1)).toEqual([MAX_CONSOLE_ROWS - 1]);
		const whole = await runConsoleQuery(engine.session, `SELECT range AS i FROM range(${MAX_CONSOLE_ROWS})`);
		expect([whole.truncated, whole.rows.length]).toEqual([false, MAX_CONSOLE_ROWS]);
	});

	it('says in French what DuckDB could not run', async () => {
		await expect(runConsoleQuery(engine.session, 'SELECT * FROM table_absente')).rejects.toThrow(/^Erreur de DuckDB : .*table_absente/);
	});
});
