/**
 * The CLS register shipped with the app: `static/data/cls.json`, written by `npm run data` from `data/cls` after
 * validation with the zod schema. Bundled and read as is (a typed parse, no second validation in the browser).
 */
import shipped from '../../../static/data/cls.json';
import type { Cls, SourceRef } from './schema';

/** Reads the register artefact: a list of contracts in the app's JSON exchange format. */
export function parseShippedRegister(list: unknown): Cls[] {
	const looksLikeCls = (c: unknown) =>
		c !== null && typeof c === 'object' && typeof (c as Cls).id === 'string' && Array.isArray((c as Cls).axes) && Array.isArray((c as Cls).sources);
	if (!Array.isArray(list) || !list.every(looksLikeCls))
		throw new Error('Le registre des CLS livré avec cette version de l’atlas est illisible : les fiches des CLS ne peuvent pas être affichées.');
	return list as Cls[];
}

export const SHIPPED_CLS: readonly Cls[] = parseShippedRegister(shipped);

export function getShippedCls(id: string): Cls | undefined {
	return SHIPPED_CLS.find((c) => c.id === id);
}

/** The source documents the register cites (`data/cls/documents.json`: the pipeline checks each is cited, with its title). */
export const DOCUMENTS: readonly Pick<SourceRef, 'document' | 'titre'>[] = [
	...new Map(SHIPPED_CLS.flatMap((c) => c.sources).map((s) => [s.document, { document: s.document, titre: s.titre }])).values()
];
