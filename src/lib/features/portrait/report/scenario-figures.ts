/**
 * What an action's « Et si… ? » scenario would change, from one run of the scenario engine: the APL and the
 * population under 2.5 of the perimeter and of the action's targets, before (DREES's published APL) and after.
 */
import { summarize, type ScenarioResult } from '../../../scenario/scenario';
import { describeChange, parseScenario } from '../../../scenario/text';
import { formatNumber } from '../../../territory/number';
import type { Action } from '../../../register/schema';

/** A scenario run on DREES's APL of one millésime, with the baseline's weights per commune (in `codes` order). */
export interface ScenarioRun {
	codes: readonly string[];
	population: ArrayLike<number>;
	pstd: ArrayLike<number>;
	result: Pick<ScenarioResult, 'before' | 'after' | 'consultations' | 'floored' | 'unreached'>;
}

/** Runs a scenario's text form on DREES's APL of `annee`: the scenario worker in the browser, the engine itself in Node. */
export type ScenarioRunner = (texte: string, annee: number) => Promise<ScenarioRun>;

export interface ScenarioArea {
	label: string;
	population: number;
	aplAvant: number | null;
	aplApres: number | null;
	sousSeuilAvant: number;
	sousSeuilApres: number;
}

export interface ScenarioCommune {
	code: string;
	nom: string;
	avant: number;
	apres: number;
}

export interface ActionScenarioFigures {
	texte: string;
	annee: number;
	/** The changes said in French, communes named. */
	said: string;
	areas: ScenarioArea[];
	/** Communes of the perimeter whose APL changes, largest change first. */
	changed: ScenarioCommune[];
	consultations: number;
	warnings: string[];
}

/** The headline figures of one run over the perimeter and, for an action aimed at part of it, over its targets. */
export function scenarioFigures(
	run: ScenarioRun,
	row: { action: Action; target: readonly string[] },
	perimeter: readonly string[],
	names: ReadonlyMap<string, string>
): ActionScenarioFigures {
	const scenario = row.action.scenario!;
	const parsed = parseScenario(scenario.texte);
	const index = new Map(run.codes.map((c, i) => [c, i]));
	const rows = (codes: readonly string[]) => codes.flatMap((c) => index.get(c) ?? []);
	const area = (label: string, codes: readonly string[]): ScenarioArea => {
		const before = summarize(run.result.before, run, rows(codes));
		const after = summarize(run.result.after, run, rows(codes));
		return { label, population: before.population, aplAvant: before.apl, aplApres: after.apl, sousSeuilAvant: before.sousSeuil, sousSeuilApres: after.sousSeuil };
	};
	const areas = [area('Périmètre du CLS', perimeter)];
	if (row.action.cible.type !== 'perimetre' && row.target.length > 0) areas.push(area(`Communes ciblées par l’action (${formatNumber(row.target.length, 0)})`, row.target));
	const changed = rows(perimeter)
		.map((i) => ({ code: run.codes[i], nom: names.get(run.codes[i]) ?? run.codes[i], avant: run.result.before[i], apres: run.result.after[i] }))
		.filter((c) => Math.abs(c.apres - c.avant) > 0)
		.sort((a, b) => Math.abs(b.apres - b.avant) - Math.abs(a.apres - a.avant) || a.code.localeCompare(b.code));
	const named = (code: string) => `${names.get(code) ?? code} (${code})`;
	const warnings = [
		...(run.result.unreached.length ? [`Offre ajoutée ou retirée sans habitant à moins de 20 minutes (sans effet sur l’APL) : ${run.result.unreached.map(named).join(', ')}.`] : []),
		...(run.result.floored.length ? [`APL ramenée à 0 (plus de médecins retirés que l’estimation n’en comptait) : ${run.result.floored.map(named).join(', ')}.`] : [])
	];
	return {
		texte: scenario.texte,
		annee: scenario.annee,
		said: [...parsed.changes.map((c) => describeChange(c, named)), ...(parsed.depart65 ? ['départ des médecins de 65 ans ou plus'] : [])].join(' ; '),
		areas,
		changed,
		consultations: run.result.consultations,
		warnings
	};
}

