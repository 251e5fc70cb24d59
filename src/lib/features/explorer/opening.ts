import { ArtefactError } from '../../data/queries/artefacts';
import { territoryName } from '../../data/queries/territories';
import type { DataSource } from '../../data/queries/source';
import { ignoredNotice, type ViewState } from '../../links/view-state';
import type { Level } from '../../territory/key';

/** What the explorer's opening checks and waits for: the data's consistency, a permalink's territories, the first frame. */

/** A failed load, in French, for the user. */
export function loadFailure(error: unknown): string {
	const why = error instanceof Error ? error.message : String(error);
	return `Le chargement a échoué : ${why} Vérifiez la connexion, puis réessayez.`;
}

/** A failed opening, in French: an inconsistent artefact says what, anything else says why. */
export function openingFailure(error: unknown): string {
	return error instanceof ArtefactError
		? error.message
		: `Le chargement de l’atlas a échoué : ${error instanceof Error ? error.message : String(error)}`;
}

/** Marks a step for the benchmark. */
export function perfMark(name: string) {
	performance.mark(`cls:${name}`);
}

/** The map colours territory i with row i of the queries: both must list the same codes in the same order. */
export function checkSameCodes(actual: readonly string[], expected: readonly string[], what: string): void {
	if (actual.length !== expected.length || actual.some((c, i) => c !== expected[i])) {
		throw new ArtefactError(`${what} ne correspondent pas : les fichiers de données de cette version de l’atlas sont incohérents, la carte ne peut pas être dessinée.`);
	}
}

/**
 * A permalink's territories must exist in the data (`departement:99`, `epci:123456789` have the right
 * form but no territory): unknown ones are dropped, and the user is told which. Null when nothing more was dropped.
 */
export async function checkTerritories(
	source: DataSource,
	view: ViewState,
	communeCodes: readonly string[],
	ignored: readonly string[]
): Promise<{ view: ViewState; notice: string | null } | null> {
	const dropped = [...ignored];
	const exists = async (level: Level, code: string) => (await territoryName(source, level, code)) !== null;
	let { scope, selection, group } = view;
	if (scope.level === 'region' || scope.level === 'departement' || scope.level === 'epci') {
		if (!(await exists(scope.level, scope.code))) {
			dropped.push(`territoire étudié « ${scope.level}:${scope.code} » introuvable`);
			scope = { level: 'france' };
		}
	}
	if (selection && !(await exists(selection.level, selection.code))) {
		dropped.push(`territoire sélectionné « ${selection.level}:${selection.code} » introuvable`);
		selection = null;
	}
	const known: ReadonlySet<string> = new Set(communeCodes);
	const unknown = group.filter((c) => !known.has(c));
	if (unknown.length) {
		dropped.push(`commune${unknown.length > 1 ? 's' : ''} ${unknown.slice(0, 3).join(', ')}${unknown.length > 3 ? '…' : ''} introuvable${unknown.length > 1 ? 's' : ''}`);
		group = group.filter((c) => known.has(c));
	}
	if (scope.level === 'selection' && group.length === 0) scope = { level: 'france' };
	if (dropped.length === ignored.length) return null;
	return { view: { ...view, scope, selection, group }, notice: ignoredNotice(dropped) };
}

/**
 * Resolves once the map has drawn its first coloured frame (AtlasMap marks it), or after
 * FIRST_MAP_WAIT_MS if it never does (no WebGL…): the engine must start anyway.
 */
const FIRST_MAP_WAIT_MS = 3000;
export function firstColouredMap(): Promise<void> {
	return new Promise((resolve) => {
		const drawn = () => performance.getEntriesByName('cls:first-colored-map').length > 0;
		if (drawn()) return resolve();
		const observer = new PerformanceObserver(() => {
			if (!drawn()) return;
			observer.disconnect();
			resolve();
		});
		observer.observe({ type: 'mark' });
		setTimeout(() => {
			observer.disconnect();
			resolve();
		}, FIRST_MAP_WAIT_MS);
	});
}
