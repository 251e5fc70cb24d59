/**
 * Figures shown beside an action: the indicators it names (`action.indicateurs`) for its target area
 * and for the whole perimeter, and for santé-environnement actions the communes in radon zone 3.
 * The data layer caches them per indicator and commune list (never a failure): forty actions on the
 * same perimeter cost one query.
 */
import type { AtlasContext } from '../../data/context';
import type { DataSource } from '../../data/source';
import { figures } from '../../data/values';
import { radonZone3Communes, type RadonCommunes } from '../../data/counts';
import { getIndicator, type NumericIndicator } from '../../indicators/catalogue';
import type { Action } from '../schema';
import { formatNumber } from '../../indicators/format';

/** What the figures beside an action need: the action, its area and the perimeter, the atlas once loaded. */
export interface ActionFiguresProps {
	action: Action;
	/** Communes of the area the action targets (resolved by the page). */
	target: readonly string[];
	perimeter: readonly string[];
	context: AtlasContext | null;
	/** Shows the target area on the page's map. */
	onshow?: () => void;
}

export type ActionFigure =
	| { kind: 'value'; indicator: NumericIndicator; target: number; perimeter: number }
	| { kind: 'radon'; target: RadonCommunes; perimeter: RadonCommunes };

/** True for actions whose figures include the communes in radon zone 3. */
export function showsRadon(action: Pick<Action, 'themes' | 'sousThemes' | 'indicateurs'>): boolean {
	return action.themes.includes('santé-environnement') || (action.sousThemes ?? []).includes('radon') || action.indicateurs.includes('radon_classe');
}

export async function actionFigures(
	source: DataSource,
	action: Pick<Action, 'themes' | 'sousThemes' | 'indicateurs'>,
	target: readonly string[],
	perimeter: readonly string[]
): Promise<ActionFigure[]> {
	const numeric = [...new Set(action.indicateurs)].map(getIndicator).filter((i): i is NumericIndicator => i.kind !== 'class');
	const out: ActionFigure[] = [];
	for (const indicator of numeric) {
		// One query per list, cached on its own: the perimeter's value is shared by every action.
		const [[t], [p]] = await Promise.all([figures(source, [{ codes: target }], [indicator]), figures(source, [{ codes: perimeter }], [indicator])]);
		out.push({ kind: 'value', indicator, target: t.values[0], perimeter: p.values[0] });
	}
	if (showsRadon(action)) {
		const [t, p] = await Promise.all([radonZone3Communes(source, target), radonZone3Communes(source, perimeter)]);
		out.push({ kind: 'radon', target: t, perimeter: p });
	}
	return out;
}

/** « 3 communes sur 12 (25 %), 2 non classée(s) »: the communes of a list in radon zone 3, among those classed. */
export function radonText(r: RadonCommunes): string {
	if (r.total === 0) return 'zone non située';
	const share = r.known ? ` (${formatNumber((100 * r.zone3) / r.known, 0)} %)` : '';
	const unknown = r.known < r.total ? `, ${formatNumber(r.total - r.known, 0)} non classée(s)` : '';
	return `${formatNumber(r.zone3, 0)} commune${r.zone3 > 1 ? 's' : ''} sur ${formatNumber(r.known, 0)}${share}${unknown}`;
}
