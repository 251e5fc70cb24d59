import { DEFAULT_INDICATOR_ID, findIndicator, levelsOf } from '../indicators/catalogue';
import { LEVELS, type Level } from '../territory/key';
import { MAX_CLASSES, METHODS, MIN_CLASSES, classifyCategories, classifyValues, type Classification, type Method } from '../indicators/classify';
import type { Indicator } from '../indicators/catalogue';
import { MAX_SELECTION, countCommunes, normalizeSelection, quoteParam, selectionCode } from '../territory/key';
import { normalizeCommuneCode } from '../territory/insee-code';
import { formatNumber } from '../territory/number';

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

/** How a criterion compares, in words: the comparison is strict (a value equal to the threshold is not kept). */
export const CRITERION_OPS: Record<CriterionFilter['op'], string> = {
	'>': 'strictement supérieur à',
	'<': 'strictement inférieur à'
};

/** Whether a commune's criterion value passes the filter (a missing value never does). */
export function passesCriterion(filter: CriterionFilter, value: number): boolean {
	return Number.isFinite(value) && (filter.op === '>' ? value > filter.value : value < filter.value);
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

/**
 * The classes of a view's values: a zoning's declared categories, else the view's method and number of
 * classes over the territories in scope. The explorer and the pipeline's prerendered map (pipeline/prerender.ts) both call it.
 */
export function classifyView(
	indicator: Indicator,
	values: Float64Array,
	view: Pick<ViewState, 'method' | 'classes' | 'breaks'>,
	inScope?: Uint8Array
): Classification {
	return indicator.kind === 'class'
		? classifyCategories(values, indicator.classes.map((c) => c.value), inScope)
		: classifyValues(values, view.method, view.classes, inScope, view.breaks);
}

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
		.filter((n) => Number.isFinite(n))
		.map((n) => n + 0); // -0 is written « 0 » in a link: read it as 0
}

function parseScope(text: string | null, group: readonly string[]): ViewScope | null {
	if (text === 'selection') return group.length ? { level: 'selection' } : null;
	const cls = /^cls:([a-z0-9][a-z0-9-]{0,99})$/.exec(text ?? '');
	if (cls) return { level: 'cls', code: cls[1] };
	return parseTerritory(text, SCOPE_LEVELS) as ViewScope | null;
}

/** A view read from a permalink, and what of the link could not be honoured (in French, for the user). */
export interface ParsedView {
	view: ViewState;
	ignored: string[];
	/** The indicator the link names when this browser holds no such indicator (an imported file it lacks). */
	missingIndicator: string | null;
}

/** Typed manual bounds: « 1,5 ; 2,5 » or « 1.5; 2.5 » → [1.5, 2.5]; ignores what is not a number. */
export function parseBreaks(text: string): number[] {
	return text
		.split(';')
		.map((t) => Number(t.trim().replace(/\s/g, '').replace(',', '.')))
		.filter((n) => Number.isFinite(n));
}

/** Manual bounds: finite, distinct, ascending, at most MAX_CLASSES − 1 (MAX_CLASSES classes). */
export function cleanManualBreaks(values: readonly number[]): number[] {
	return [...new Set(values.filter((n) => Number.isFinite(n)))].sort((a, b) => a - b).slice(0, MAX_CLASSES - 1);
}

/**
 * The manual bounds « Seuils manuels » starts from: those shown, rounded as the field displays them,
 * so that the map keeps its classes until the user types others (an empty list is a single class).
 */
export function seedManualBreaks(shown: readonly number[], precision: number): number[] {
	const scale = 10 ** precision;
	return cleanManualBreaks(shown.map((b) => Math.round(b * scale) / scale));
}

/** Reads a view from URL parameters; anything unknown or malformed falls back to the default, and is listed in `ignored`. */
export function parseViewReport(params: URLSearchParams): ParsedView {
	const ignored: string[] = [];
	const given = (name: string) => params.get(name) ?? '';
	const found = findIndicator(given('i'));
	if (params.has('i') && !found) ignored.push(`indicateur ${quoteParam(given('i'))} inconnu`);
	const indicator = found ?? findIndicator(DEFAULT_INDICATOR_ID)!;
	const levelParam = params.get('n') as Level | null;
	const levelOk = levelParam !== null && levelsOf(indicator).includes(levelParam);
	if (levelParam !== null && !levelOk) ignored.push(`niveau ${quoteParam(levelParam)}`);
	const level = levelOk ? levelParam : levelsOf(indicator).includes('commune') ? 'commune' : levelsOf(indicator)[0];
	const rawGroup = given('g')
		.split('-')
		.filter((c) => c !== '');
	const validGroup = countCommunes(rawGroup);
	const group = normalizeSelection(rawGroup);
	const invalidCodes = new Set(rawGroup.filter((c) => normalizeCommuneCode(c) === null));
	if (invalidCodes.size) ignored.push(`code${invalidCodes.size > 1 ? 's' : ''} de commune ${[...invalidCodes].slice(0, 3).map(quoteParam).join(', ')}${invalidCodes.size > 3 ? '…' : ''}`);
	if (validGroup > MAX_SELECTION)
		ignored.push(
			`${formatNumber(validGroup - MAX_SELECTION, 0)} commune${validGroup - MAX_SELECTION > 1 ? 's' : ''} de la sélection, au-delà de la limite de ${formatNumber(MAX_SELECTION, 0)} communes`
		);
	const scope = parseScope(params.get('p'), group);
	if (params.has('p') && !scope) ignored.push(`territoire étudié ${quoteParam(given('p'))}`);
	const methodOk = METHODS.includes(params.get('m') as Method);
	if (params.has('m') && !methodOk) ignored.push(`méthode ${quoteParam(given('m'))}`);
	const method = methodOk ? (params.get('m') as Method) : DEFAULT_VIEW.method;
	const k = Number(params.get('k'));
	const classesOk = Number.isInteger(k) && k >= MIN_CLASSES && k <= MAX_CLASSES;
	if (params.has('k') && !classesOk) ignored.push(`nombre de classes ${quoteParam(given('k'))} (de ${MIN_CLASSES} à ${MAX_CLASSES})`);
	const rawBreaks = given('b')
		.split(',')
		.filter((b) => b !== '');
	const breaks = method === 'manuel' ? cleanManualBreaks(parseNumbers(given('b'))) : [];
	if (method === 'manuel' && breaks.length < rawBreaks.length)
		ignored.push(`${formatNumber(rawBreaks.length - breaks.length, 0)} borne(s) manuelle(s) (au plus ${MAX_CLASSES - 1}, des nombres distincts)`);
	const rawKept = given('c')
		.split(',')
		.filter((c) => c !== '');
	const keptClasses = parseNumbers(given('c')).filter((c) => Number.isInteger(c) && c >= 0 && c < MAX_CLASSES);
	if (keptClasses.length < rawKept.length) ignored.push(`classes retenues ${quoteParam(given('c'))}`);
	const filterMatch = /^([a-z0-9_]+)([<>])(-?\d+(?:\.\d+)?)$/.exec(given('f'));
	const filterIndicator = filterMatch && findIndicator(filterMatch[1]);
	const filter =
		filterMatch && filterIndicator && filterIndicator.kind !== 'class'
			? { indicator: filterIndicator.id, op: filterMatch[2] as '>' | '<', value: Number(filterMatch[3]) }
			: null;
	if (params.has('f') && !filter) ignored.push(`filtre ${quoteParam(given('f'))}`);
	const selection = parseTerritory(params.get('s'), LEVELS) as ViewState['selection'];
	if (params.has('s') && !selection) ignored.push(`territoire sélectionné ${quoteParam(given('s'))}`);
	const rawLayers = given('l')
		.split(',')
		.filter((l) => l !== '');
	const layers = rawLayers.filter((l) => /^[a-z0-9_]+$/.test(l));
	if (layers.length < rawLayers.length) ignored.push(`couches ${quoteParam(given('l'))}`);
	return {
		view: { indicator: indicator.id, level, scope: scope ?? DEFAULT_VIEW.scope, method, classes: classesOk ? k : DEFAULT_VIEW.classes, breaks, keptClasses, filter, selection, group, layers },
		ignored,
		missingIndicator: params.has('i') && !found ? given('i') : null
	};
}

/** Reads a view from URL parameters; anything unknown or malformed falls back to the default. */
export function parseView(params: URLSearchParams): ViewState {
	return parseViewReport(params).view;
}

/** Said when a link names an indicator this browser does not hold (the link to /donnees is added by the page). */
export function missingIndicatorNotice(id: string): string {
	return `L’indicateur « ${id} » n’est pas dans ce navigateur : s’il vient d’un fichier importé, importez ce fichier sur la page Données. La carte montre l’indicateur par défaut.`;
}

/** Said once when a permalink could not be honoured fully. */
export function ignoredNotice(ignored: readonly string[]): string | null {
	return ignored.length ? `Ce lien n’a pas pu être suivi entièrement ; ignoré : ${ignored.join(' ; ')}.` : null;
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
