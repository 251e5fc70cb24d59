/**
 * The area an action targets (the whole perimeter, communes, EPCI, QPV) resolved into communes, and
 * the CLS covering a commune. Pure functions: commune → EPCI membership and QPV → communes come from
 * the data layer at run time (`communeDirectory`).
 */
import { appendTo, communesByEpci, resolvePerimeter } from './perimeter';
import { walkActions, type Action, type Cls } from './schema';

/** QPV code → codes of the communes it spreads over (table `qpv`: `codes_qpv` per commune). */
export type QpvIndex = ReadonlyMap<string, readonly string[]>;

export interface TargetOptions {
	/** The inverse of membership, computed once for several calls (`communesByEpci`). */
	index?: ReadonlyMap<string, readonly string[]>;
	/** Without it, an action targeting QPV cannot be located: its area is empty. */
	qpv?: QpvIndex;
}

/** Rows `{ code, codes_qpv }` of the `qpv` table (codes separated by commas or spaces) → index QPV → communes. */
export function qpvIndexFromRows(rows: Iterable<{ code: string; codes_qpv: string | null }>): Map<string, string[]> {
	const out = new Map<string, string[]>();
	for (const { code, codes_qpv } of rows) {
		for (const q of (codes_qpv ?? '').split(/[\s,;|]+/).filter(Boolean)) appendTo(out, q, code);
	}
	return out;
}

/**
 * Communes of the area an action targets, sorted, without duplicates. A « communes » or « EPCI » target
 * is taken as the CLS describes it (unknown codes dropped); a QPV target gives the communes of the QPV.
 */
export function targetCommunes(
	action: Pick<Action, 'cible'>,
	perimeter: readonly string[],
	membership: ReadonlyMap<string, string | null>,
	opts: TargetOptions = {}
): string[] {
	const cible = action.cible;
	const set = new Set<string>();
	switch (cible.type) {
		case 'perimetre':
			return [...perimeter];
		case 'communes':
			for (const c of cible.communes ?? []) if (membership.has(c)) set.add(c);
			break;
		case 'epci': {
			const index = opts.index ?? communesByEpci(membership);
			for (const e of cible.epci ?? []) for (const c of index.get(e) ?? []) set.add(c);
			break;
		}
		case 'qpv':
			for (const q of cible.qpv ?? []) for (const c of opts.qpv?.get(q) ?? []) set.add(c);
			break;
	}
	return [...set].sort();
}

export interface ClsCoverage {
	cls: Cls;
	/** Actions of the programme (not the history) whose target area holds the commune. */
	actions: Action[];
}

/**
 * CLS whose perimeter holds the commune, each with the actions of its programme that target it (all
 * those targeting the whole perimeter, and those whose communes, EPCI or QPV hold it). Actions of a
 * previous contract's review (`historique`) are left out.
 */
export function clsCoveringCommune(
	clsList: readonly Cls[],
	membership: ReadonlyMap<string, string | null>,
	communeCode: string,
	opts: TargetOptions = {}
): ClsCoverage[] {
	if (!membership.has(communeCode)) return [];
	const index = opts.index ?? communesByEpci(membership);
	const out: ClsCoverage[] = [];
	for (const cls of clsList) {
		const perimeter = resolvePerimeter(cls, membership);
		if (!perimeter.includes(communeCode)) continue;
		const actions: Action[] = [];
		for (const { action } of walkActions(cls, { historique: false })) {
			if (action.cible.type === 'perimetre' || targetCommunes(action, perimeter, membership, { ...opts, index }).includes(communeCode))
				actions.push(action);
		}
		out.push({ cls, actions });
	}
	return out;
}
