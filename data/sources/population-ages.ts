/**
 * INSEE « Évolution et structure de la population » (base-cc-evol-struct-pop-AAAA.csv): census counts per
 * commune by age band and sex, summed onto COG 2025 communes. Not shipped yet: the file is not available
 * here, so the table is built only when it sits in `<from>/insee-pop-ages/` (data/SOURCES.md).
 * The file is read by the same code as the app's import on /donnees (src/lib/db/imports.ts), in the
 * same engine (duckdb-wasm), so a maintainer and a user get the same table from the same file.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { type Table, tableToIPC } from 'apache-arrow';
import { openNodeDb } from '../../src/lib/db/node';
import type { FileDb } from '../../src/lib/db/connector';
import { COMMUNES_TABLE, ImportError, PASSAGE_TABLE, POPULATION_AGES_COUNTS, importPopulationAges, reportLines } from '../../src/lib/db/imports';
import { POPULATION_AGES_TABLE } from '../../src/lib/portrait/age-bands';
import { f64, i16, makeTable, utf8 } from '../lib/arrow';
import { SourceError } from '../lib/csv';
import { type Cog, compare } from '../cog';

export const POPULATION_AGES_DIR = 'insee-pop-ages';
const FILE_NAME = /^base-cc-evol-struct-pop-\d{4}\.csv$/i;

export interface PopulationAges {
	table: Table;
	annee: number;
}

/** The `cog_passage` artefact: every code valid since 2003 → its COG 2025 commune, for the app's imports. */
export function passageTable(cog: Cog): Table {
	const pairs = [...cog.passage].sort(([a], [b]) => compare(a, b));
	return makeTable([utf8('code_hist', pairs.map(([hist]) => hist)), utf8('code', pairs.map(([, code]) => code))]);
}

/** A Node engine holding the COG tables the import joins on, as the app holds them. */
async function cogDb(cog: Cog): Promise<FileDb> {
	const db = await openNodeDb();
	await db.insertArrowStream(COMMUNES_TABLE, tableToIPC(makeTable([utf8('code', cog.communes.map((c) => c.code))]), 'stream'));
	await db.insertArrowStream(PASSAGE_TABLE, tableToIPC(passageTable(cog), 'stream'));
	return db;
}

/** Reads one file of the base; throws a SourceError naming the file (and line) on anything unexpected. */
export async function readPopulationAges(file: string, cog: Cog, log: (message: string) => void): Promise<PopulationAges> {
	let bytes: Uint8Array;
	try {
		bytes = new Uint8Array(readFileSync(file));
	} catch (error) {
		throw new SourceError(`Lecture impossible de ${file} : ${(error as Error).message}`);
	}
	const db = await cogDb(cog);
	try {
		const report = await importPopulationAges(db, bytes, file);
		for (const line of reportLines(report, file)) log(line);
		const rows = (await db.query(`SELECT * FROM ${POPULATION_AGES_TABLE} ORDER BY code`)).toArray().map((r) => r.toJSON() as Record<string, number | string | null>);
		return {
			annee: report.annee,
			table: makeTable([
				utf8('code', rows.map((r) => r.code as string)),
				i16('annee', rows.map(() => report.annee)),
				...POPULATION_AGES_COUNTS.map((name) => f64(name, rows.map((r) => (r[name] === null ? null : Number(r[name])))))
			])
		};
	} catch (error) {
		throw error instanceof ImportError ? new SourceError(error.message) : error;
	} finally {
		await db.close();
	}
}

/** The table when `<from>/insee-pop-ages/` holds one file of the base; null (and a log line) when it holds none. */
export async function buildPopulationAges(from: string, cog: Cog, log: (message: string) => void): Promise<PopulationAges | null> {
	const dir = join(from, POPULATION_AGES_DIR);
	const files = existsSync(dir) ? readdirSync(dir).filter((f) => FILE_NAME.test(f)).sort() : [];
	if (files.length === 0) {
		log(`population_ages non construite : aucun fichier ${POPULATION_AGES_DIR}/base-cc-evol-struct-pop-AAAA.csv dans ${from} (base INSEE non disponible)`);
		return null;
	}
	if (files.length > 1) throw new SourceError(`Plusieurs millésimes de base-cc-evol-struct-pop dans ${dir} (${files.join(', ')}) : n'en garder qu'un`);
	return readPopulationAges(join(dir, files[0]), cog, log);
}
