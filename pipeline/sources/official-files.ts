/**
 * The official files a user can import on /donnees, read by the pipeline when a maintainer drops them in their
 * folder of the source directory, so that they ship as defaults. The same code reads them in both places
 * (src/lib/data/imports/imports.ts, DuckDB `read_csv`), in the same engine (duckdb-wasm), so a maintainer and a user get
 * the same table from the same file. One file per folder (one millésime); none: the table is not built.
 *
 * | folder            | file                                              | table                |
 * |-------------------|---------------------------------------------------|----------------------|
 * | `insee-pop-ages/` | `base-cc-evol-struct-pop-AAAA.csv` (INSEE)        | `population_ages`    |
 * | `insee-bpe/`      | BPE commune file, long layout, `*.csv` (INSEE)    | `bpe_sante`          |
 * | `ans-annuaire/`   | `PS_LibreAcces_Personne_activite_*.txt` (ANS)     | `ans_professionnels` |
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { type Table, tableToIPC } from 'apache-arrow';
import { openNodeDb } from '../../src/lib/data/engine/node';
import type { FileDb } from '../../src/lib/data/engine/connector';
import { COMMUNES_TABLE, ImportError, PASSAGE_TABLE, SPLITS_TABLE, NO_LIMIT, importOfficialFormat, reportLines, type ImportReport, type OfficialTable } from '../../src/lib/data/imports/imports';
import { type ArtefactMeta, f64, i16, makeTable, utf8 } from '../lib/arrow';
import { SourceError } from '../lib/csv';
import { type Cog, compare, splitShares, toCog2025 } from '../lib/cog';
import { everySplit } from '../lib/cog-history';

export interface OfficialFolder {
	dir: string;
	/** The name of the file the folder holds. */
	file: RegExp;
	/** The same, for messages. */
	pattern: string;
	/** Title of the dataset in messages (« base-cc-evol-struct-pop »). */
	dataset: string;
	/** What the data page says of the table, once built. */
	meta(report: ImportReport, rows: number): Omit<ArtefactMeta, 'table'>;
}

const LO = 'Licence Ouverte / Etalab 2.0';

export const OFFICIAL_FOLDERS: Record<OfficialTable, OfficialFolder> = {
	population_ages: {
		dir: 'insee-pop-ages',
		file: /^base-cc-evol-struct-pop-\d{4}\.csv$/i,
		pattern: 'base-cc-evol-struct-pop-AAAA.csv',
		dataset: 'base-cc-evol-struct-pop',
		meta: (report, rows) => ({
			title: 'Population par tranche d’âge et sexe',
			source: `INSEE – recensement de la population ${report.annee} (base-cc-evol-struct-pop)`,
			about: {
				producer: 'INSEE',
				millesime: `recensement ${report.annee}`,
				licence: LO,
				couverture: `${rows} communes COG 2025`,
				transformation: 'Effectifs par tranche d’âge et sexe, sommés sur les communes COG 2025.'
			}
		})
	},
	bpe_sante: {
		dir: 'insee-bpe',
		file: /\.csv$/i,
		pattern: 'fichier communal de la BPE au format long (*.csv)',
		dataset: 'la BPE',
		meta: (report, rows) => ({
			title: 'Équipements de santé (BPE)',
			source: `INSEE – Base permanente des équipements ${report.annee}`,
			about: {
				producer: 'INSEE',
				millesime: `BPE ${report.annee}`,
				licence: LO,
				couverture: `${rows} communes COG 2025`,
				transformation: 'Nombre d’équipements par type (codes TYPEQU de src/lib/indicators/bpe-equipment.ts), sommés sur les communes COG 2025.'
			}
		})
	},
	ans_professionnels: {
		dir: 'ans-annuaire',
		file: /^PS_LibreAcces_Personne_activite_\d{12}\.txt$/i,
		pattern: 'PS_LibreAcces_Personne_activite_AAAAMMJJhhmm.txt',
		dataset: 'l’Annuaire Santé',
		meta: (report, rows) => ({
			title: 'Professionnels de santé (Annuaire Santé)',
			source: `ANS – Annuaire Santé, extraction ${report.annee}`,
			about: {
				producer: 'ANS',
				millesime: `extraction ${report.annee}`,
				licence: LO,
				couverture: `${rows} communes COG 2025`,
				transformation: 'Personnes comptées une fois par commune d’exercice et profession (src/lib/indicators/ans-professions.ts).'
			}
		})
	}
};

/** The `cog_passage` artefact: every code valid since 2003 → its COG 2025 commune, for the app's imports. */
export function passageTable(cog: Cog): Table {
	const pairs = [...cog.passage].sort(([a], [b]) => compare(a, b));
	return makeTable([utf8('code_hist', pairs.map(([hist]) => hist)), utf8('code', pairs.map(([, code]) => code))]);
}

/**
 * The `cog_scissions` artefact: every commune of a COG since 2003 that is several communes in 2025, one row per
 * commune it became (`code_retabli`, valid on `date`, the former commune's own code included) with its COG 2025
 * commune and its share of the former commune's counts (2025 legal population; null when one is unknown). The
 * app's imports infer a file's COG from it: the former code without any of its re-established communes.
 */
export function splitsTable(cog: Cog): Table {
	const rows = everySplit(cog.history).flatMap((split) => {
		const shares = new Map(splitShares(cog, split).map((s) => [s.code, s.share]));
		const current = (c: string) => toCog2025(cog, c) ?? c;
		// Two codes of that date now one commune share its part.
		const same = (code: string) => split.children.filter((c) => current(c) === code).length;
		return split.children.map((child) => {
			const share = shares.get(current(child)) ?? null;
			return { split, child, code: current(child), share: share === null ? null : share / same(current(child)) };
		});
	});
	return makeTable([
		utf8('code_origine', rows.map((r) => r.split.parent)),
		utf8('nom_origine', rows.map((r) => r.split.parentName)),
		utf8('date', rows.map((r) => r.split.date)),
		utf8('code_retabli', rows.map((r) => r.child)),
		utf8('code', rows.map((r) => r.code)),
		f64('part', rows.map((r) => r.share))
	]);
}

/** A Node engine holding the COG tables the import joins on, as the app holds them. */
async function cogDb(cog: Cog): Promise<FileDb> {
	const db = await openNodeDb();
	await db.insertArrowStream(COMMUNES_TABLE, tableToIPC(makeTable([utf8('code', cog.communes.map((c) => c.code)), utf8('nom', cog.communes.map((c) => c.nom))]), 'stream'));
	await db.insertArrowStream(PASSAGE_TABLE, tableToIPC(passageTable(cog), 'stream'));
	await db.insertArrowStream(SPLITS_TABLE, tableToIPC(splitsTable(cog), 'stream'));
	return db;
}

export interface OfficialTableBuilt {
	table: Table;
	annee: number;
	report: ImportReport;
}

/** Reads one official file as `format`; throws a SourceError naming the file (and line) on anything unexpected. */
export async function readOfficialFile(file: string, format: OfficialTable, cog: Cog, log: (message: string) => void): Promise<OfficialTableBuilt> {
	let bytes: Uint8Array;
	try {
		bytes = new Uint8Array(readFileSync(file));
	} catch (error) {
		throw new SourceError(`Lecture impossible de ${file} : ${(error as Error).message}`);
	}
	const db = await cogDb(cog);
	try {
		const report = await importOfficialFormat(db, bytes, file, format, { limit: NO_LIMIT });
		for (const line of reportLines(report, file)) log(line);
		const result = await db.query(`SELECT * FROM ${format} ORDER BY code`);
		const rows = result.toArray().map((r) => r.toJSON() as Record<string, number | bigint | string | null>);
		const number = (v: number | bigint | string | null | undefined) => (v === null || v === undefined ? null : Number(v));
		const columns = result.schema.fields.map((f) => f.name);
		return {
			annee: report.annee,
			report,
			table: makeTable(
				columns.map((name) =>
					name === 'code'
						? utf8(name, rows.map((r) => String(r.code)))
						: name === 'annee'
							? i16(name, rows.map(() => report.annee))
							: f64(name, rows.map((r) => number(r[name])))
				)
			)
		};
	} catch (error) {
		throw error instanceof ImportError ? new SourceError(error.message) : error;
	} finally {
		await db.close();
	}
}

/** The table of `format` when its folder of `from` holds one file; null (and a log line) when it holds none. */
export async function buildOfficialFile(from: string, format: OfficialTable, cog: Cog, log: (message: string) => void): Promise<OfficialTableBuilt | null> {
	const folder = OFFICIAL_FOLDERS[format];
	const dir = join(from, folder.dir);
	const files = existsSync(dir) ? readdirSync(dir).filter((f) => folder.file.test(f)).sort() : [];
	if (files.length === 0) {
		log(`${format} non construite : aucun fichier ${folder.dir}/${folder.pattern} dans ${from} (${folder.dataset} non fourni)`);
		return null;
	}
	if (files.length > 1) throw new SourceError(`Plusieurs millésimes de ${folder.dataset} dans ${dir} (${files.join(', ')}) : n'en garder qu'un`);
	return readOfficialFile(join(dir, files[0]), format, cog, log);
}

/** Every official table whose file is present, with what the manifest says of it. */
export async function buildOfficialFiles(from: string, cog: Cog, log: (message: string) => void): Promise<{ tables: Record<string, Table>; metas: Record<string, Omit<ArtefactMeta, 'table'>> }> {
	const tables: Record<string, Table> = {};
	const metas: Record<string, Omit<ArtefactMeta, 'table'>> = {};
	for (const format of Object.keys(OFFICIAL_FOLDERS) as OfficialTable[]) {
		const built = await buildOfficialFile(from, format, cog, log);
		if (!built) continue;
		tables[format] = built.table;
		metas[format] = OFFICIAL_FOLDERS[format].meta(built.report, built.table.numRows);
	}
	return { tables, metas };
}
