/**
 * The CLS register shipped with the app, one file per contract, each citing its source documents.
 * Validated when this module loads: an invalid entry is a programming error and fails loudly.
 */
import { describeError, validateCls, type Cls, type ClsInput } from '../schema';
import { bassinAurillac } from './bassin-aurillac';
import { cauvaldor } from './cauvaldor';
import { estCantal } from './est-cantal';
import { grandFigeac, pterGrandQuercy } from './lot-autres';

export { DOCUMENTS, cite } from './documents';

/** Raw entries, as written (before defaults are applied). */
export const SHIPPED_CLS_INPUT: readonly ClsInput[] = [cauvaldor, grandFigeac, pterGrandQuercy, bassinAurillac, estCantal];

export const SHIPPED_CLS: readonly Cls[] = SHIPPED_CLS_INPUT.map((input) => {
	const r = validateCls(input);
	if (!r.ok) throw new Error(`CLS livré invalide (${String(input.id)}) :\n${r.errors.map(describeError).join('\n')}`);
	return r.cls;
});

export function getShippedCls(id: string): Cls | undefined {
	return SHIPPED_CLS.find((c) => c.id === id);
}
