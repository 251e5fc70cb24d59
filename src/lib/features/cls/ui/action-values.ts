/**
 * Figures shown beside an action: the indicators it names (`action.indicateurs`) for its target area
 * and for the whole perimeter, and for santé-environnement actions the communes in radon zone 3.
 * The data layer caches them per indicator and commune list (never a failure): forty actions on the
 * same perimeter cost one query.
 */
import type { AtlasContext } from '../../../data/queries/context';
import type { DataSource } from '../../../data/queries/source';
import { figures } from '../../../data/queries/values';
import { radonZone3Communes, type RadonCommunes } from '../../../data/queries/counts';
import { getIndicator, type NumericIndicator } from '../../../indicators/catalogue';
import type { Action } from '../../../register/schema';
import { formatValue } from '../../../indicators/format';
import { formatNumber } from '../../../territory/number';
import { followUp, type Millesime } from '../../../register/follow-up';

/** What the figures beside an action need: the action, its area and the perimeter, the atlas once loaded. */
export interface ActionFiguresProps {
	action: Action;
	/** Communes of the area the action targets (resolved by the page). */
	target: readonly string[];
	perimeter: readonly string[];
	context: AtlasContext | null;
	/** Shows the target area on the page's map. */
	onshow?: () => void;
	/** Year the contract was signed: the follow-up indicators' value then. */
	signatureYear?: number | null;
}

/** A follow-up indicator's values on the target area: at the signature (when the atlas has that millésime) and now. */
export type FollowUpValues =
	| { kind: 'change'; signature: MillesimeValue; now: MillesimeValue }
	| { kind: 'same'; now: MillesimeValue }
	| { kind: 'after'; first: MillesimeValue; now: MillesimeValue; signatureYear: number };
export interface MillesimeValue {
	year: number;
	value: number;
}

export type ActionFigure =
	| { kind: 'value'; indicator: NumericIndicator; target: number; perimeter: number; followUp: FollowUpValues | null }
	| { kind: 'radon'; target: RadonCommunes; perimeter: RadonCommunes };

/** True for actions whose figures include the communes in radon zone 3. */
export function showsRadon(action: Pick<Action, 'themes' | 'sousThemes' | 'indicateurs'>): boolean {
	return action.themes.includes('santé-environnement') || (action.sousThemes ?? []).includes('radon') || action.indicateurs.includes('radon_classe');
}

export async function actionFigures(
	source: DataSource,
	action: Pick<Action, 'themes' | 'sousThemes' | 'indicateurs'>,
	target: readonly string[],
	perimeter: readonly string[],
	signatureYear: number | null = null
): Promise<ActionFigure[]> {
	const numeric = [...new Set(action.indicateurs)].map(getIndicator).filter((i): i is NumericIndicator => i.kind !== 'class');
	// One query per indicator and list, cached on its own: the perimeter's value is shared by every action.
	const on = async (indicator: NumericIndicator, codes: readonly string[]) => (await figures(source, [{ codes }], [indicator]))[0].values[0];
	const at = async (m: Millesime): Promise<MillesimeValue> => ({ year: m.year, value: await on(m.indicator, target) });
	const out: ActionFigure[] = [];
	for (const indicator of numeric) {
		const [t, p] = await Promise.all([on(indicator, target), on(indicator, perimeter)]);
		const f = followUp(indicator.id, signatureYear);
		let values: FollowUpValues | null = null;
		if (f.kind === 'change') values = { kind: 'change', signature: await at(f.signature), now: await at(f.now) };
		else if (f.kind === 'same') values = { kind: 'same', now: await at(f.now) };
		else if (f.kind === 'after') values = { kind: 'after', first: await at(f.first), now: await at(f.now), signatureYear: f.signatureYear };
		out.push({ kind: 'value', indicator, target: t, perimeter: p, followUp: values });
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

/** « à la signature (millésime 2022) : 2,9 → aujourd’hui (millésime 2023) : 2,8 », or why there is a single value. */
export function followUpText(indicator: NumericIndicator, f: FollowUpValues): string {
	const v = (m: MillesimeValue) => formatValue(indicator, m.value);
	switch (f.kind) {
		case 'change':
			return `à la signature (millésime ${f.signature.year}) : ${v(f.signature)} → aujourd’hui (millésime ${f.now.year}) : ${v(f.now)}`;
		case 'same':
			return `${v(f.now)} à la signature comme aujourd’hui (millésime ${f.now.year}, le plus récent de l’atlas)`;
		case 'after':
			return f.first.year === f.now.year
				? `pas de millésime à la signature (${f.signatureYear}) ; aujourd’hui (millésime ${f.now.year}) : ${v(f.now)}`
				: `pas de millésime à la signature (${f.signatureYear}) ; premier (millésime ${f.first.year}) : ${v(f.first)} → aujourd’hui (millésime ${f.now.year}) : ${v(f.now)}`;
	}
}
