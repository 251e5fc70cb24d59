import { DEFAULT_INDICATOR_ID, findIndicator, levelsOf } from '../indicators/catalogue';
import { LEVELS, type Level } from '../territory/key';
import { MAX_CLASSES, METHODS, MIN_CLASSES, type Method } from '../indicators/classify';
import { normalizeSelection, selectionCode } from '../territory/key';

/**
 * Everything a view of the explorer depends on, and its permalink: the URL query holds it all
 * (the map position stays in the hash, kept by MapLibre), so a link reopens the same view.
 */
export interface ViewState {
	indicator: string;
	level: Level;
	scope: ViewScope;
	method: Method;
	classes: number;
	/** Bounds for the manual method. */
	breaks: number[];
	/** Classes kept on the map (empty = all). */
	keptClasses: number[];
	/** A second criterion, on commune values: e.g. distance to an MSP > 15 km. */
	filter: CriterionFilter | null;
	selection: { level: Level; code: string } | null;
	/** Communes picked on the map (shift-click, lasso) to study as one territory: sorted codes INSEE. */
	group: string[];
	/** Extra layers shown over the map (facility categories, radon, QPV). */
	layers: string[];
}

/**
 * The territory studied, as chosen: France, a territory of a level, the selection of communes
 * (`group`), or a CLS perimeter (its communes are resolved by the explorer).
 */
export type ViewScope =
	| { level: 'france' }
	| { level: Exclude<Level, 'commune'>; code: string }
	| { level: 'selection' }
	| { level: 'cls'; code: string };

export interface CriterionFilter {
	indicator: string;
	op: '>' | '<';
	value: number;
}

export const DEFAULT_VIEW: ViewState = {
	indicator: DEFAULT_INDICATOR_ID,
	level: 'commune',
	scope: { level: 'france' },
	method: 'quantiles',
	classes: 6,
	breaks: [],
	keptClasses: [],
	filter: null,
	selection: null,
	group: [],
	layers: []
};

const CODE = /^[0-9A-Z]{2,9}$/;
const SCOPE_LEVELS = ['region', 'departement', 'epci'] as const;

function parseTerritory(text: string | null, levels: readonly string[]): { level: string; code: string } | null {
	if (!text) return null;
	const [level, code] = text.split(':');
	return levels.includes(level) && code && CODE.test(code) ? { level, code } : null;
}

function parseNumbers(text: string | null): number[] {
	if (!text) return [];
	return text
		.split(',')
		.map(Number)
		.filter((n) => Number.isFinite(n));
}

function parseScope(text: string | null, group: readonly string[]): ViewScope | null {
	if (text === 'selection') return group.length ? { level: 'selection' } : null;
	const cls = /^cls:([a-z0-9][a-z0-9-]{0,99})$/.exec(text ?? '');
	if (cls) return { level: 'cls', code: cls[1] };
	return parseTerritory(text, SCOPE_LEVELS) as ViewScope | null;
}

/** Reads a view from URL parameters; anything unknown or malformed falls back to the default. */
export function parseView(params: URLSearchParams): ViewState {
	const indicator = findIndicator(params.get('i') ?? '') ?? findIndicator(DEFAULT_INDICATOR_ID)!;
	const levelParam = params.get('n') as Level | null;
	const level = levelParam && levelsOf(indicator).includes(levelParam) ? levelParam : 'commune';
	const group = normalizeSelection((params.get('g') ?? '').split('-'));
	const scope = parseScope(params.get('p'), group);
	const method = METHODS.includes(params.get('m') as Method) ? (params.get('m') as Method) : DEFAULT_VIEW.method;
	const k = Number(params.get('k'));
	const filterMatch = /^([a-z0-9_]+)([<>])(-?\d+(?:\.\d+)?)$/.exec(params.get('f') ?? '');
	const filterIndicator = filterMatch && findIndicator(filterMatch[1]);
	return {
		indicator: indicator.id,
		level,
		scope: scope ?? DEFAULT_VIEW.scope,
		method,
		classes: Number.isInteger(k) && k >= MIN_CLASSES && k <= MAX_CLASSES ? k : DEFAULT_VIEW.classes,
		breaks: method === 'manuel' ? parseNumbers(params.get('b')) : [],
		keptClasses: parseNumbers(params.get('c')).filter((c) => Number.isInteger(c) && c >= 0 && c < 16),
		filter:
			filterMatch && filterIndicator && filterIndicator.kind !== 'class'
				? { indicator: filterIndicator.id, op: filterMatch[2] as '>' | '<', value: Number(filterMatch[3]) }
				: null,
		selection: parseTerritory(params.get('s'), LEVELS) as ViewState['selection'],
		group,
		layers: (params.get('l') ?? '').split(',').filter((l) => /^[a-z0-9_]+$/.test(l))
	};
}

/** The URL parameters of a view; defaults are left out so links stay short. */
export function viewParams(view: ViewState): URLSearchParams {
	const p = new URLSearchParams();
	p.set('i', view.indicator);
	if (view.level !== DEFAULT_VIEW.level) p.set('n', view.level);
	if (view.scope.level === 'selection') p.set('p', 'selection');
	else if (view.scope.level !== 'france') p.set('p', `${view.scope.level}:${view.scope.code}`);
	if (view.method !== DEFAULT_VIEW.method) p.set('m', view.method);
	if (view.classes !== DEFAULT_VIEW.classes) p.set('k', String(view.classes));
	if (view.method === 'manuel' && view.breaks.length) p.set('b', view.breaks.join(','));
	if (view.keptClasses.length) p.set('c', view.keptClasses.join(','));
	if (view.filter) p.set('f', `${view.filter.indicator}${view.filter.op}${view.filter.value}`);
	if (view.selection) p.set('s', `${view.selection.level}:${view.selection.code}`);
	if (view.group.length) p.set('g', selectionCode(view.group));
	if (view.layers.length) p.set('l', view.layers.join(','));
	return p;
}
