/**
 * What the report reads from the atlas, once, before it is written: the portrait and its ranks, the
 * perimeter's communes with the values its tables and maps show, the FINESS list, and for a CLS its
 * programme with each action's target communes and the indicators of its targets. Every aggregate is
 * the data layer's ratio of sums; nothing here writes SQL.
 */
import type { DataSource } from '../../../data/queries/source';
import { communeCodes, figures, territoryValues } from '../../../data/queries/values';
import { facilityList, type FacilityItem } from '../../../data/queries/map';
import { FINESS_LABELS } from '../../../data/queries/counts';
import type { ResolvedTerritory } from '../../../data/queries/territories';
import type { Area } from '../../../territory/key';
import { getIndicator, type Indicator, type NumericIndicator } from '../../../indicators/catalogue';
import { resolvePerimeter } from '../../../register/perimeter';
import { walkActions, type Action, type Cls } from '../../../register/schema';
import { targetCommunes, type QpvIndex } from '../../../register/target';
import { CLS_KEY_INDICATORS } from '../../../register/key-indicators';
import { buildPortrait, portraitRanks, PORTRAIT_INDICATORS, type IndicatorRanks, type Portrait } from '../portrait';
import { portraitMapClasses, type PortraitMapClasses } from '../map-classes';
import { scenarioFigures, type ActionScenarioFigures, type ScenarioRunner } from './scenario-figures';

/** The indicator each section maps over the perimeter. */
export const SECTION_MAPS = {
	population: 'densite_population',
	offre: 'dist_msp_km',
	acces: 'apl_mg_moins65_2023',
	environnement: 'radon_classe'
} as const;

/** Columns of the communes' table, by indicator id. */
const COMMUNE_COLUMNS = ['population', 'apl_mg_moins65_2022', 'apl_mg_moins65_2023', 'dist_msp_km', 'dist_hopital_km', 'radon_classe'] as const;

export interface CommuneRow {
	code: string;
	nom: string;
	/** Values by indicator id of COMMUNE_COLUMNS (NaN when unknown). */
	values: Record<(typeof COMMUNE_COLUMNS)[number], number>;
}

export interface ActionFigureRow {
	indicator: NumericIndicator;
	target: number;
	perimeter: number;
}

export interface ClsActionRow {
	axe: string;
	action: Action;
	/** Communes of its target area (the whole perimeter for a « périmètre » target). */
	target: string[];
	figures: ActionFigureRow[];
	/** What its « Et si… ? » scenario would change, or why it could not be run; null without a scenario. */
	scenario: ActionScenarioFigures | { error: string } | null;
}

/** Actions aimed at the same part of the perimeter, with the indicators of those communes beside the perimeter's. */
export interface ClsTargetGroup {
	target: string[];
	/** Indices into `actions`. */
	actions: number[];
	figures: ActionFigureRow[];
}

export interface ClsProgramme {
	cls: Cls;
	perimeter: string[];
	actions: ClsActionRow[];
	/** The targets of actions aimed at part of the perimeter, in the order of their first action. */
	targets: ClsTargetGroup[];
}

export interface ReportData {
	portrait: Portrait;
	ranks: ReadonlyMap<string, IndicatorRanks>;
	editedOn: string;
	communes: CommuneRow[];
	communeNames: ReadonlyMap<string, string>;
	facilities: FacilityItem[];
	maps: Map<string, { indicator: Indicator; classes: PortraitMapClasses; scopeName: string }>;
	cls: ClsProgramme | null;
}

export interface CollectOptions {
	communeNames: ReadonlyMap<string, string>;
	membership: ReadonlyMap<string, string | null>;
	index?: ReadonlyMap<string, readonly string[]>;
	qpv?: QpvIndex;
	editedOn: string;
	/** The page's portrait and ranks when it has them (the same figures, not read twice). */
	portrait?: Portrait;
	ranks?: ReadonlyMap<string, IndicatorRanks>;
	/** Runs the scenarios attached to actions; without it, they are said not computed. */
	scenarios?: ScenarioRunner;
	/** Called between steps; throws (an AbortError) to stop. */
	checkpoint?: () => Promise<void>;
}

/** Where a map's class bounds come from: the département of the territory, as on the portrait's map. */
function classArea(t: ResolvedTerritory): { area: Area; name: string } {
	const level = t.key.level;
	if (level === 'departement' || level === 'region') return { area: { level, code: t.key.code }, name: `du territoire (${t.nom})` };
	if (t.departement) return { area: { level: 'departement', code: t.departement.code }, name: `du département (${t.departement.nom})` };
	return { area: { codes: t.communes }, name: 'du territoire' };
}

export async function collectReport(source: DataSource, territory: ResolvedTerritory, opts: CollectOptions): Promise<ReportData> {
	const step = opts.checkpoint ?? (async () => undefined);
	const portrait = opts.portrait ?? (await buildPortrait(source, territory));
	await step();
	const ranks = opts.ranks?.size ? opts.ranks : await portraitRanks(source, territory, PORTRAIT_INDICATORS);
	await step();
	const codes = await communeCodes(source);
	const perimeter = new Set(territory.communes);
	const { area, name } = classArea(territory);

	const maps: ReportData['maps'] = new Map();
	for (const id of Object.values(SECTION_MAPS)) {
		const indicator = getIndicator(id);
		const v = await territoryValues(source, indicator, 'commune', area);
		maps.set(id, { indicator, classes: portraitMapClasses(indicator, codes, v.values, v.inScope, perimeter), scopeName: name });
		await step();
	}

	const columns: Record<string, Float64Array> = {};
	for (const id of COMMUNE_COLUMNS) columns[id] = (await territoryValues(source, getIndicator(id), 'commune', { codes: territory.communes })).values;
	const communes: CommuneRow[] = [];
	codes.forEach((code, i) => {
		if (!perimeter.has(code)) return;
		const values = Object.fromEntries(COMMUNE_COLUMNS.map((id) => [id, columns[id][i]])) as CommuneRow['values'];
		communes.push({ code, nom: opts.communeNames.get(code) ?? code, values });
	});
	communes.sort((a, b) => a.nom.localeCompare(b.nom, 'fr') || a.code.localeCompare(b.code));
	await step();

	const facilities = await facilityList(source, territory.communes, Object.keys(FINESS_LABELS));
	await step();
	const cls = territory.cls ? await clsProgramme(source, territory.cls, opts, step) : null;
	return { portrait, ranks, editedOn: opts.editedOn, communes, communeNames: opts.communeNames, facilities, maps, cls };
}

/** The numeric indicators of `ids` over `target` and over the perimeter. */
async function targetFigures(source: DataSource, ids: Iterable<string>, target: string[], perimeter: string[]): Promise<ActionFigureRow[]> {
	const numeric = [...new Set(ids)].map(getIndicator).filter((i): i is NumericIndicator => i.kind !== 'class');
	const rows: ActionFigureRow[] = [];
	for (const indicator of numeric) {
		// Cached per indicator and list: the perimeter's value is computed once for every action.
		const [[t], [p]] = await Promise.all([figures(source, [{ codes: target }], [indicator]), figures(source, [{ codes: perimeter }], [indicator])]);
		rows.push({ indicator, target: t.values[0], perimeter: p.values[0] });
	}
	return rows;
}

async function clsProgramme(source: DataSource, cls: Cls, opts: CollectOptions, step: () => Promise<void>): Promise<ClsProgramme> {
	const perimeter = resolvePerimeter(cls, opts.membership);
	const actions: ClsActionRow[] = [];
	const groups = new Map<string, ClsTargetGroup>();
	for (const { action, axe } of walkActions(cls, { historique: false })) {
		const target = targetCommunes(action, perimeter, opts.membership, { index: opts.index, qpv: opts.qpv });
		const rows = await targetFigures(source, action.indicateurs, target, perimeter);
		if (action.cible.type !== 'perimetre' && target.length > 0) {
			const key = [...target].sort().join(',');
			const group = groups.get(key) ?? { target, actions: [], figures: [] };
			group.actions.push(actions.length);
			groups.set(key, group);
		}
		actions.push({ axe: axe ? (axe.numero !== null ? `Axe ${axe.numero} : ${axe.titre}` : axe.titre) : 'Actions hors axe', action, target, figures: rows, scenario: null });
		await step();
	}
	// Each target's key indicators, then those its actions follow.
	for (const g of groups.values()) {
		g.figures = await targetFigures(source, [...CLS_KEY_INDICATORS, ...g.actions.flatMap((i) => actions[i].action.indicateurs)], g.target, perimeter);
		await step();
	}
	// The scenarios by millésime: the engine loads one millésime at a time.
	const withScenario = actions.filter((a) => a.action.scenario).sort((a, b) => a.action.scenario!.annee - b.action.scenario!.annee);
	for (const row of withScenario) {
		const s = row.action.scenario!;
		try {
			if (!opts.scenarios) throw new Error('moteur de scénario indisponible');
			row.scenario = scenarioFigures(await opts.scenarios(s.texte, s.annee), row, perimeter, opts.communeNames);
		} catch (e) {
			await step();
			row.scenario = { error: e instanceof Error ? e.message : String(e) };
		}
		await step();
	}
	return { cls, perimeter, actions, targets: [...groups.values()] };
}
