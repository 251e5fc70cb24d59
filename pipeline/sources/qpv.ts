/**
 * ANCT quartiers prioritaires 2024 by commune: one table of truth, from the perimeters of the decrees
 * (`qpv_quartiers`, 1,609 quartiers with their communes). The list by commune (`qpv2024/qpv2024_communes.csv`, built
 * by a third party) lacks quartiers and codes Mayotte's differently: it is only compared, and the differences logged.
 */
import { join } from 'node:path';
import type { Table } from 'apache-arrow';
import { normalizeCommuneCode } from '../../src/lib/territory/insee-code';
import { i16, makeTable, utf8 } from '../lib/arrow';
import { readCsv } from '../lib/csv';
import { type Cog, compare, toCog2025 } from '../lib/cog';

/** QPV code → its communes, as the third-party list by commune gives them. */
function readList(from: string, cog: Cog): Map<string, Set<string>> {
	const file = join(from, 'qpv2024/qpv2024_communes.csv');
	const byQpv = new Map<string, Set<string>>();
	for (const row of readCsv(file, { required: ['insee_com', 'codes_qp', 'nb_qp'] })) {
		const code = normalizeCommuneCode(row.get('insee_com')) ?? row.fail(`code commune invalide « ${row.get('insee_com')} »`);
		if (!cog.byCode.has(code)) row.fail(`${code} n'est pas une commune COG 2025`);
		const qpv = row.get('codes_qp').split(',').map((q) => q.trim()).filter(Boolean);
		if (qpv.length !== row.num('nb_qp')) row.fail(`nb_qp = ${row.get('nb_qp')} mais ${qpv.length} codes QPV`);
		for (const q of qpv) byQpv.set(q, (byQpv.get(q) ?? new Set()).add(code));
	}
	return byQpv;
}

const shown = (codes: readonly string[]) => (codes.length > 12 ? `${codes.slice(0, 12).join(' ')} … (${codes.length})` : codes.join(' ') || 'aucun');

export function buildQpv(from: string, cog: Cog, log: (message: string) => void, quartiers: Table): Table {
	const qpvCodes = quartiers.getChild('code')?.toArray() as string[];
	const communeLists = quartiers.getChild('communes')?.toArray() as (string | null)[];
	const byCommune = new Map<string, Set<string>>();
	const outside: string[] = [];
	const perimeters = new Map<string, Set<string>>();
	qpvCodes.forEach((qpv, i) => {
		// Arrondissements of Paris, Lyon, Marseille go to their commune; Saint-Martin and Polynésie are outside the atlas.
		const communes = (communeLists[i] ?? '').split(' ').filter(Boolean).map((c) => toCog2025(cog, c));
		if (communes.some((c) => c === null) || communes.length === 0) {
			outside.push(qpv);
			return;
		}
		perimeters.set(qpv, new Set(communes as string[]));
		for (const c of communes as string[]) byCommune.set(c, (byCommune.get(c) ?? new Set()).add(qpv));
	});
	const list = readList(from, cog);
	const onlyList = [...list.keys()].filter((q) => !perimeters.has(q)).sort(compare);
	const onlyPerimeters = [...perimeters.keys()].filter((q) => !list.has(q)).sort(compare);
	const otherCommunes = [...perimeters].filter(([q, cs]) => list.has(q) && [...cs].sort(compare).join(' ') !== [...(list.get(q) ?? [])].sort(compare).join(' ')).map(([q]) => q);
	log(
		`QPV 2024 : table de vérité = périmètres des décrets, ${perimeters.size} quartiers sur ${byCommune.size} communes ; ${outside.length} hors atlas (${shown(outside)}) ; ` +
			`liste par commune comparée : ${list.size} QPV, ${onlyList.length} absents des périmètres (${shown(onlyList)}), ` +
			`${onlyPerimeters.length} quartiers des périmètres absents de la liste (${shown(onlyPerimeters)}), ${otherCommunes.length} avec d’autres communes (${shown(otherCommunes)})`
	);
	const records = [...byCommune].map(([code, qpv]) => ({ code, qpv: [...qpv].sort(compare) })).sort((a, b) => compare(a.code, b.code));
	return makeTable([
		utf8('code', records.map((r) => r.code)),
		i16('nb_qpv', records.map((r) => r.qpv.length)),
		utf8('codes_qpv', records.map((r) => r.qpv.join(' ')))
	]);
}
