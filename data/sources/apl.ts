/** DREES APL to general practitioners, 2022 and 2023, each in the COG of its year, remapped to COG 2025. */
import { join } from 'node:path';
import type { Table } from 'apache-arrow';
import { normalizeCommuneCode } from '../../src/lib/territory/insee-code';
import { f64, i16, i32, makeTable, utf8 } from '../lib/arrow';
import { readCsv } from '../lib/csv';
import { type Cog, remap, sum, weightedRate } from '../cog';

export const APL_YEARS = [2022, 2023] as const;

interface AplRow {
	code: string;
	apl: number | null;
	aplMoins65: number | null;
	popStd: number | null;
	popTot: number | null;
}

function readYear(from: string, year: number): AplRow[] {
	const file = join(from, `apl-drees/apl_generalistes_${year}.csv`);
	const rows = readCsv(file, {
		required: ['code_insee', 'apl_generalistes', 'apl_generalistes_moins65', 'pop_standardisee', 'pop_totale', 'annee']
	});
	const seen = new Set<string>();
	return rows.map((row) => {
		const code = normalizeCommuneCode(row.get('code_insee')) ?? row.fail(`code commune invalide « ${row.get('code_insee')} »`);
		if (row.num('annee') !== year) row.fail(`année ${row.get('annee')} au lieu de ${year}`);
		if (seen.has(code)) row.fail(`code ${code} en double`);
		seen.add(code);
		return {
			code,
			apl: row.num('apl_generalistes'),
			aplMoins65: row.num('apl_generalistes_moins65'),
			popStd: row.num('pop_standardisee'),
			popTot: row.num('pop_totale')
		};
	});
}

/** Long format, one row per COG 2025 commune × year; a commune absent from a year has no row. */
export function buildApl(from: string, cog: Cog, log: (message: string) => void): Table {
	const byYear = APL_YEARS.map((year) => {
		const rows = readYear(from, year);
		const { groups, unknown } = remap(cog, rows, (r) => r.code);
		const merged = [...groups.values()].filter((g) => g.length > 1).length;
		log(`APL ${year} : ${rows.length} lignes source, ${merged} communes 2025 issues de fusions, ${unknown.length} codes inconnus${unknown.length ? ` (${unknown.join(' ')})` : ''}`);
		return groups;
	});
	// Communes in code order, years ascending: rows sorted by (code, annee).
	const records = cog.communes.flatMap((commune) =>
		APL_YEARS.flatMap((annee, y) => {
			const parts = byYear[y].get(commune.code);
			if (!parts) return [];
			return [{
				code: commune.code,
				annee,
				apl: weightedRate(parts.map((p) => ({ rate: p.apl, weight: p.popStd }))),
				apl65: weightedRate(parts.map((p) => ({ rate: p.aplMoins65, weight: p.popStd }))),
				popStd: sum(parts.map((p) => p.popStd)),
				popTot: sum(parts.map((p) => p.popTot)),
				n: parts.length
			}];
		})
	);
	return makeTable([
		utf8('code', records.map((r) => r.code)),
		i16('annee', records.map((r) => r.annee)),
		f64('apl_mg', records.map((r) => r.apl)),
		f64('apl_mg_moins65', records.map((r) => r.apl65)),
		f64('pop_standardisee', records.map((r) => r.popStd)),
		i32('pop_totale', records.map((r) => r.popTot)),
		i16('nb_codes_source', records.map((r) => r.n))
	]);
}
