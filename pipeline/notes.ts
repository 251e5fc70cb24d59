/**
 * Notes the pipeline writes into the manifest for particular communes (src/lib/data/engine/artefacts.ts `CommuneNote`):
 * the communes whose value is a former commune's (split since the source's COG) and those a producer does not publish.
 */
import type { Table } from 'apache-arrow';
import type { CommuneNote } from '../src/lib/data/engine/artefacts';
import { type Cog, compare } from './lib/cog';

/** Name of a former commune as its source knew it (« Neussargues en Pinatelle »), from the movements table. */
export function formerName(cog: Cog, code: string): string {
	const split = cog.history.movements.find((m) => (m.mod === '21' || m.mod === '20') && m.before === code);
	return split?.beforeName ?? cog.byCode.get(code)?.nom ?? code;
}

/**
 * One note per former commune: the communes that carry its value, and the millésimes concerned.
 * `what` says which value (« valeur », « équipements partagés au prorata de la population »).
 */
export function originNotes(cog: Cog, table: Table, what: (origin: string, millesimes: string) => string, millesimeOf: (row: number) => string): CommuneNote[] {
	const codes = table.getChild('code');
	const origins = table.getChild('code_origine');
	if (!codes || !origins) throw new Error('table sans colonnes code et code_origine');
	const byOrigin = new Map<string, { codes: Set<string>; millesimes: Set<string> }>();
	for (let i = 0; i < table.numRows; i++) {
		const origin = origins.get(i) as string | null;
		if (!origin) continue;
		const entry = byOrigin.get(origin) ?? { codes: new Set<string>(), millesimes: new Set<string>() };
		entry.codes.add(codes.get(i) as string);
		entry.millesimes.add(millesimeOf(i));
		byOrigin.set(origin, entry);
	}
	return [...byOrigin]
		.sort(([a], [b]) => compare(a, b))
		.map(([origin, entry]) => {
			const names = origin.split(' ').map((c) => `${formerName(cog, c)} (${c})`).join(', ');
			return { kind: 'origine' as const, codes: [...entry.codes].sort(compare), text: what(names, [...entry.millesimes].sort(compare).join(' et ')) };
		});
}

/** Communes of some départements that a table has no row for, with the reason the producer gives. */
export function absenceNotes(cog: Cog, table: Table, reasons: Record<string, string>): CommuneNote[] {
	const present = new Set(table.getChild('code')?.toArray() as string[]);
	return Object.entries(reasons)
		.sort(([a], [b]) => compare(a, b))
		.flatMap(([dep, text]) => {
			const codes = cog.communes.filter((c) => c.dep === dep && !present.has(c.code)).map((c) => c.code);
			return codes.length ? [{ kind: 'absence' as const, codes, text }] : [];
		});
}
