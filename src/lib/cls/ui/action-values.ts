/**
 * Figures shown beside an action: the indicators it names (`action.indicateurs`) for its target area
 * and for the whole perimeter, and for santé-environnement actions the communes in radon zone 3.
 * Results are memoised per indicator and commune list: forty actions on the same perimeter cost one query.
 */
import type { DbConnector } from '../../db/connector';
import type { AtlasData } from '../../db/atlas';
import { getIndicator, type NumericIndicator } from '../../indicators/catalogue';
import { queryCommunesValue, radonZone3Communes, type RadonCommunes } from '../perimeter-values';
import type { Action } from '../schema';

export type ActionFigure =
	| { kind: 'value'; indicator: NumericIndicator; target: number; perimeter: number }
	| { kind: 'radon'; target: RadonCommunes; perimeter: RadonCommunes };

const cache = new Map<string, Promise<unknown>>();

function memo<T>(key: string, run: () => Promise<T>): Promise<T> {
	let p = cache.get(key) as Promise<T> | undefined;
	if (!p) cache.set(key, (p = run()));
	return p;
}

/** True for actions whose figures include the communes in radon zone 3. */
export function showsRadon(action: Pick<Action, 'themes' | 'sousThemes' | 'indicateurs'>): boolean {
	return action.themes.includes('santé-environnement') || (action.sousThemes ?? []).includes('radon') || action.indicateurs.includes('radon_classe');
}

export async function actionFigures(
	data: AtlasData,
	action: Pick<Action, 'themes' | 'sousThemes' | 'indicateurs'>,
	target: readonly string[],
	perimeter: readonly string[]
): Promise<ActionFigure[]> {
	const numeric = [...new Set(action.indicateurs)]
		.map(getIndicator)
		.filter((i): i is NumericIndicator => i.kind !== 'class');
	const radon = showsRadon(action);
	const tables = [...new Set([...numeric.flatMap((i) => i.tables), ...(radon ? ['radon'] : [])])];
	const db: DbConnector = await data.db(['communes', ...tables]);
	const t = target.join(',');
	const p = perimeter.join(',');
	const figures: ActionFigure[] = [];
	for (const indicator of numeric) {
		const [tv, pv] = await Promise.all([
			memo(`${indicator.id}|${t}`, () => queryCommunesValue(db, indicator, target)),
			memo(`${indicator.id}|${p}`, () => queryCommunesValue(db, indicator, perimeter))
		]);
		figures.push({ kind: 'value', indicator, target: tv, perimeter: pv });
	}
	if (radon) {
		const [tr, pr] = await Promise.all([
			memo(`radon|${t}`, () => radonZone3Communes(db, target)),
			memo(`radon|${p}`, () => radonZone3Communes(db, perimeter))
		]);
		figures.push({ kind: 'radon', target: tr, perimeter: pr });
	}
	return figures;
}
