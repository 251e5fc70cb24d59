/** INSEE BPE 2013 health and elderly-care equipment counts per 2013 commune, summed onto COG 2025 communes. */
import { join } from 'node:path';
import type { Table } from 'apache-arrow';
import { normalizeCommuneCode } from '../../src/lib/territory/insee-code';
import { i16, i32, makeTable, utf8 } from '../lib/arrow';
import { type CsvRow, readCsv } from '../lib/csv';
import { type Cog, type RemapReport, describeRemap, remapRecord, originOf, partCount, remapSource, sum } from '../lib/cog';

const STOP_WORDS = new Set(['de', 'en', 'a', 'avec', 'd', 'l', 'du', 'des', 'la', 'le']);

/** BPE label → ascii snake_case column ("Maison de santé pluridisciplinaire" → maison_sante_pluridisciplinaire). */
export function columnName(label: string): string {
	return label
		.normalize('NFD')
		.replace(/[\u0300-\u036f]/g, '')
		.toLowerCase()
		.split(/[^a-z0-9]+/)
		.filter((w) => w !== '' && !STOP_WORDS.has(w))
		.join('_');
}

/**
 * A count cell. One column ("Centre lutte cancer") reached the staged CSV as TRUE/FALSE:
 * the spreadsheet conversion typed it logical, so only presence survives (TRUE → 1).
 */
function count(row: CsvRow, column: string, logical: { n: number }): number {
	const raw = row.get(column);
	if (raw === 'FALSE') return 0;
	if (raw === 'TRUE') {
		logical.n++;
		return 1;
	}
	const value = row.num(column);
	if (value === null || !Number.isInteger(value) || value < 0) row.fail(`effectif invalide « ${raw} » dans la colonne « ${column} »`);
	return value;
}

/**
 * Items the 2013 base did not yet count in full, left null (« non recensé en 2013 ») rather than read as 0: MSP came
 * to the BPE through FINESS, where their registration only began with the DGOS/DREES instruction of 28 March 2012;
 * the file has 175 in all France (each commune 0 or 1), none in the Lot, while several hundred were open.
 */
export const NOT_COUNTED_2013: ReadonlySet<string> = new Set(['Maison de santé pluridisciplinaire']);

export function buildBpe(from: string, cog: Cog, log: (message: string) => void, report: RemapReport = () => {}): Table {
	const file = join(from, 'bpe-2013-sante/bpe2013_sante_communes_cog2013.csv');
	const rows = readCsv(file, { required: ['depcom_2013', 'Médecin omnipraticien'] });
	const labels = rows[0].columns().filter((c) => c !== 'depcom_2013');
	const logical = { n: 0 };
	const parsed = rows.map((row) => ({
		code: normalizeCommuneCode(row.get('depcom_2013')) ?? row.fail(`code commune invalide « ${row.get('depcom_2013')} »`),
		counts: labels.map((l) => count(row, l, logical))
	}));
	// The remap sees every 2013 commune (a split is recognised by the re-established communes' absence), but only
	// communes with at least one equipment are kept: an absent commune means 0 of everything in 2013.
	const remapped = remapSource(cog, parsed, (p) => p.code, 2013);
	const counted = [...remapped.groups].filter(([, group]) => group.some((p) => p.row.counts.some((c) => c > 0)));
	log(
		`BPE 2013 : ${rows.length} communes 2013 (COG 2013), ${parsed.filter((p) => p.counts.some((c) => c > 0)).length} avec au moins un équipement → ` +
			`${counted.length} communes 2025 ; ${remapped.unknown.length} codes inconnus ; ${logical.n} cellules TRUE (effectif perdu) comptées 1`
	);
	report(remapRecord('bpe2013_sante_communes_cog2013.csv', 2013, remapped));
	for (const line of describeRemap('BPE 2013', remapped, { splitRates: 'aucun taux', splitCounts: 'équipements partagés au prorata de la population légale 2025', mergeRule: 'équipements sommés' })) log(line);
	const parts = counted.map(([, group]) => group);
	return makeTable([
		utf8('code', counted.map(([code]) => code)),
		...labels.map((l, i) =>
			i32(columnName(l), parts.map((group) => (NOT_COUNTED_2013.has(l) ? null : sum(group.map((p) => partCount(p.row.counts[i], p.split, true))))))
		),
		i16('nb_codes_source', parts.map((group) => group.length)),
		utf8('code_origine', parts.map(originOf))
	]);
}
