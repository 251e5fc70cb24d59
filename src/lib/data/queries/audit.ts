/**
 * Coverage of the shipped datasets, for `npm run data:audit` (pipeline/audit.ts): per dataset, per département,
 * the communes that have a value against the COG 2025 communes, the remapped and split ones, and the values
 * present as a row but null (suppressed by the producer).
 */
import { raw, sql, type Sql } from './sql';
import type { DataSource } from './source';

/** A dataset as the audit sees it: the communes that have a value (and rows whose value is null, if any). */
export interface AuditedDataset {
	id: string;
	/** The artefacts read. */
	tables: string[];
	label: string;
	/** `code` of each commune with a value. */
	valued: Sql;
	/** `code` of each commune the table has a row for, value null or not (null when it is the same as `valued`). */
	rows: Sql | null;
	/** `code` of communes merged from several source codes, and of split ones (their `code_origine`). */
	merged: Sql | null;
	split: Sql | null;
	/** Which of the manifest's remap records is this dataset's: part of its `source`. */
	remap?: string;
	/** Absent commune means 0 (BPE, QPV): coverage is then informative, never a gap. */
	absentIsZero?: true;
}

const apl = (year: number): AuditedDataset => ({
	id: `apl ${year}`,
	tables: ['apl'],
	label: `APL aux médecins généralistes ${year} (DREES)`,
	valued: sql`SELECT code FROM apl WHERE annee = ${year} AND apl_mg_moins65 IS NOT NULL`,
	rows: sql`SELECT code FROM apl WHERE annee = ${year}`,
	merged: sql`SELECT code FROM apl WHERE annee = ${year} AND nb_codes_source > 1`,
	split: sql`SELECT code, code_origine FROM apl WHERE annee = ${year} AND code_origine IS NOT NULL`,
	remap: `APL ${year}`
});

const bassin = (column: string, label: string): AuditedDataset => ({
	id: `bassins_vie ${column}`,
	tables: ['bassins_vie'],
	label: `${label} (CartoSanté, valeur du bassin de vie)`,
	valued: sql`SELECT c.code FROM communes c JOIN bassins_vie b ON b.code = c.bv2022 WHERE b.${raw(column)} IS NOT NULL`,
	rows: sql`SELECT c.code FROM communes c JOIN bassins_vie b ON b.code = c.bv2022`,
	merged: null,
	split: null
});

export const AUDITED: readonly AuditedDataset[] = [
	{ id: 'population', tables: ['communes'], label: 'Population légale (decoupage-administratif)', valued: sql`SELECT code FROM communes WHERE population IS NOT NULL`, rows: null, merged: null, split: null },
	apl(2022),
	apl(2023),
	{
		id: 'radon',
		tables: ['radon'],
		label: 'Potentiel radon (IRSN)',
		valued: sql`SELECT code FROM radon WHERE classe IS NOT NULL`,
		rows: null,
		merged: sql`SELECT code FROM radon WHERE nb_communes_2018 > 1`,
		split: sql`SELECT code, code_origine FROM radon WHERE code_origine IS NOT NULL`,
		remap: 'radon.csv'
	},
	{
		id: 'bpe2013',
		tables: ['bpe2013'],
		label: 'BPE 2013 (INSEE), communes ayant au moins un équipement',
		valued: sql`SELECT code FROM bpe2013`,
		rows: null,
		merged: sql`SELECT code FROM bpe2013 WHERE nb_codes_source > 1`,
		split: sql`SELECT code, code_origine FROM bpe2013 WHERE code_origine IS NOT NULL`,
		remap: 'bpe2013',
		absentIsZero: true
	},
	{ id: 'typologies', tables: ['typologies'], label: 'Grille de densité (INSEE)', valued: sql`SELECT code FROM typologies WHERE densite_niveau IS NOT NULL`, rows: null, merged: null, split: null },
	{ id: 'acces', tables: ['acces'], label: 'Distance à la MSP la plus proche (FINESS)', valued: sql`SELECT code FROM acces WHERE dist_msp_km IS NOT NULL`, rows: sql`SELECT code FROM acces`, merged: null, split: null },
	{ id: 'qpv', tables: ['qpv'], label: 'Communes ayant un QPV (ANCT, liste par commune)', valued: sql`SELECT code FROM qpv`, rows: null, merged: null, split: null, absentIsZero: true },
	bassin('part_75p_2022', 'Part des 75 ans ou plus 2022'),
	bassin('densite_mg_2024', 'Densité de généralistes 2024'),
	bassin('apl_mg_2023_bv', 'APL aux généralistes 2023 du bassin de vie')
];

export interface DepartementCoverage {
	dep: string;
	communes: number;
	valued: number;
	/** Communes with a row whose value is null. */
	nulls: number;
	/** Codes without a value (all of them: the CLI shortens the list). */
	missing: string[];
}

export interface DatasetAudit {
	dataset: AuditedDataset;
	departements: DepartementCoverage[];
	merged: number;
	split: { code: string; origine: string }[];
}

export async function auditDataset(source: DataSource, dataset: AuditedDataset): Promise<DatasetAudit> {
	const rowsOf = dataset.rows ?? dataset.valued;
	const deps = await source.rows<{ dep: string; communes: number; valued: number; nulls: number; missing: string[] | null }>(
		['communes', ...dataset.tables],
		sql`WITH v AS (${dataset.valued}), r AS (${rowsOf})
			SELECT c.dep::VARCHAR AS dep, count(*)::INTEGER AS communes,
				count(*) FILTER (WHERE c.code IN (SELECT code FROM v))::INTEGER AS valued,
				count(*) FILTER (WHERE c.code IN (SELECT code FROM r) AND c.code NOT IN (SELECT code FROM v))::INTEGER AS nulls,
				list(c.code ORDER BY c.code) FILTER (WHERE c.code NOT IN (SELECT code FROM v)) AS missing
			FROM communes c GROUP BY c.dep ORDER BY c.dep`
	);
	const merged = dataset.merged ? await source.rows<{ n: number }>(dataset.tables, sql`SELECT count(*)::INTEGER AS n FROM (${dataset.merged})`) : [{ n: 0 }];
	const split = dataset.split
		? await source.rows<{ code: string; origine: string }>(dataset.tables, sql`SELECT DISTINCT code, code_origine AS origine FROM (${dataset.split}) ORDER BY code`)
		: [];
	return {
		dataset,
		departements: deps.map((d) => ({ dep: String(d.dep), communes: Number(d.communes), valued: Number(d.valued), nulls: Number(d.nulls), missing: [...(d.missing ?? [])].map(String) })),
		merged: Number(merged[0]?.n ?? 0),
		split: split.map((s) => ({ code: String(s.code), origine: String(s.origine) }))
	};
}
