/** ANCT quartiers prioritaires 2024, listed by commune (no perimeters). */
import { join } from 'node:path';
import type { Table } from 'apache-arrow';
import { normalizeCommuneCode } from '../../src/lib/territory/insee-code';
import { i16, makeTable, utf8 } from '../lib/arrow';
import { readCsv } from '../lib/csv';
import { type Cog, compare } from '../cog';

export function buildQpv(from: string, cog: Cog, log: (message: string) => void): Table {
	const file = join(from, 'qpv2024/qpv2024_communes.csv');
	const records = readCsv(file, { required: ['insee_com', 'codes_qp', 'nb_qp'] }).map((row) => {
		const code = normalizeCommuneCode(row.get('insee_com')) ?? row.fail(`code commune invalide « ${row.get('insee_com')} »`);
		if (!cog.byCode.has(code)) row.fail(`${code} n'est pas une commune COG 2025`);
		const qpv = row.get('codes_qp').split(',').map((q) => q.trim()).filter(Boolean).sort(compare);
		if (qpv.length !== row.num('nb_qp')) row.fail(`nb_qp = ${row.get('nb_qp')} mais ${qpv.length} codes QPV`);
		return { code, qpv };
	});
	records.sort((a, b) => compare(a.code, b.code));
	log(`QPV 2024 : ${records.length} communes, ${new Set(records.flatMap((r) => r.qpv)).size} QPV distincts`);
	return makeTable([
		utf8('code', records.map((r) => r.code)),
		i16('nb_qpv', records.map((r) => r.qpv.length)),
		utf8('codes_qpv', records.map((r) => r.qpv.join(' ')))
	]);
}
