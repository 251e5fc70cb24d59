/**
 * The data of a territory's portrait (`/territoire/[niveau]/[code]`): catalogue indicators beside
 * the département, the région and France, then counts over its communes (FINESS establishments,
 * radon zones, density grid, QPV). Every aggregate is a ratio of sums over the communes.
 */
import { DEFAULT_INDICATOR_ID, allIndicators, getIndicator, sourceLine, tablesOf, type NumericIndicator } from '../../indicators/catalogue';
import { resolvePerimeter } from '../../register/perimeter';
import type { Cls } from '../../register/schema';
import { walkActions } from '../../register/schema';
import type { NamedTerritory } from '../../territory/key';
import type { DataSource } from '../../data/queries/source';
import { departementCommuneValues, peerValues, type CommuneValues, type Figure } from '../../data/queries/values';
import { rankOfCode, type ScopedRank } from './rank';
import type { Area, Level } from '../../territory/key';
import { territoryFigures } from '../../data/queries/profile';
import { ageStructure, type AgeStructure } from '../../data/queries/ages';
import { classCounts, facilityCounts, FINESS_LABELS, qpvCount, type QpvCount } from '../../data/queries/counts';
import { areaOf, referencesOf, type ResolvedTerritory } from '../../data/queries/territories';

/** Catalogue indicators of the portrait, by section. */
export const PORTRAIT_SECTIONS = {
	population: ['population', 'population_apl_2023', 'densite_population', 'besoin_age_2023', 'part_75_ans_plus_bv_2022'],
	// DREES's reference APL only: the all-ages variant is in the explorer and the comparison (the portrait prints on one page).
	apl: ['apl_mg_moins65_2022', 'apl_mg_moins65_2023', 'apl_mg_moins65_evolution_2022_2023', 'apl_mg_moins65_sous_seuil_2023'],
	professionnels: [
		'medecin_omnipraticien_bpe2013',
		'infirmier_bpe2013',
		'chirurgien_dentiste_bpe2013',
		'masseur_kinesitherapeute_bpe2013',
		'pharmacie_bpe2013'
	],
	distances: ['dist_msp_km', 'dist_hopital_km', 'dist_pharmacie_km'],
	radon: ['radon_part_population_zone3']
} as const;

/**
 * Rows kept off the one-page print: DREES's population is the APL's denominator, beside INSEE's on
 * screen and in the exports; the paper has room for one population.
 */
export const SCREEN_ONLY_INDICATORS: ReadonlySet<string> = new Set(['population_apl_2023']);

export const PORTRAIT_INDICATORS: string[] = Object.values(PORTRAIT_SECTIONS).flat();

export interface CountRow {
	key: string;
	label: string;
	color?: string;
	communes: number;
	population: number;
}

export interface Portrait {
	territory: ResolvedTerritory;
	/** Column headers after the territory: département, région, France. */
	references: string[];
	rows: Map<string, Figure>;
	population: number;
	/** APL 2023 of each commune of the reference département (or région / of the département itself). */
	distribution: { scope: NamedTerritory; values: CommuneValues } | null;
	facilities: { categorie: string; label: string; n: number }[];
	facilitiesTotal: number;
	radon: CountRow[];
	densite: CountRow[];
	qpv: QpvCount;
	/** INSEE age structure beside the references; null when the atlas has no `population_ages` table. */
	ages: AgeStructure | null;
	/** Ids of the imported indicators whose files this browser holds, but those shown in a section (their figures are in `rows`). */
	imported: string[];
}

export { FINESS_LABELS } from '../../data/queries/counts';

export { FINESS_SOURCE } from '../../data/queries/provenance';

/** The attribution line of a class indicator of the catalogue (radon, grid, QPV). */
export function classSource(id: 'radon_classe' | 'grille_densite' | 'qpv_2024'): string {
	return sourceLine(getIndicator(id));
}

/** Communes and population in each class of a class indicator, plus a row for communes without a class. */
async function classRows(source: DataSource, id: 'radon_classe' | 'grille_densite', codes: readonly string[]): Promise<CountRow[]> {
	const indicator = getIndicator(id);
	const counts = await classCounts(source, id, codes);
	const rows: CountRow[] = (indicator.kind === 'class' ? indicator.classes : []).map((c) => {
		const r = counts.find((x) => x.value === c.value);
		return { key: String(c.value), label: c.label, color: c.color, communes: r?.communes ?? 0, population: r?.population ?? 0 };
	});
	const unknown = counts.find((x) => x.value === null);
	if (unknown) rows.push({ key: 'inconnu', label: 'Non classée', communes: unknown.communes, population: unknown.population });
	return rows;
}

/** The portrait of a resolved territory; the age structure when the atlas ships `population_ages`. */
export async function buildPortrait(source: DataSource, territory: ResolvedTerritory): Promise<Portrait> {
	const loaded = allIndicators().filter((i) => i.importedFrom && i.kind !== 'class' && tablesOf(i).every((t) => source.has(t)));
	// An imported figure that replaces one of the sections' is shown in that section (figureRows), the others apart.
	const imported = loaded.filter((i) => !PORTRAIT_INDICATORS.includes(i.id) && !(i.supersedes && PORTRAIT_INDICATORS.includes(i.supersedes))).map((i) => i.id);
	const { references, rows: figures } = await territoryFigures(source, territory, [...PORTRAIT_INDICATORS, ...loaded.map((i) => i.id)]);
	const rows = new Map(figures.map((f) => [f.indicator.id, f]));
	const codes = territory.communes;

	const distributionScope: NamedTerritory | null =
		territory.departement ?? (territory.key.level === 'departement' ? { level: 'departement', code: territory.key.code, nom: territory.nom } : null);
	const distribution = distributionScope
		? { scope: distributionScope, values: await departementCommuneValues(source, getIndicator(DEFAULT_INDICATOR_ID) as NumericIndicator, distributionScope.code) }
		: null;

	const finess = await facilityCounts(source, codes);
	const facilities = Object.entries(FINESS_LABELS).map(([categorie, label]) => ({ categorie, label, n: finess.get(categorie) ?? 0 }));

	return {
		territory,
		references,
		rows,
		population: rows.get('population')!.values[0],
		distribution,
		facilities,
		facilitiesTotal: facilities.reduce((s, f) => s + f.n, 0),
		radon: await classRows(source, 'radon_classe', codes),
		densite: await classRows(source, 'grille_densite', codes),
		qpv: await qpvCount(source, codes),
		ages: await ageStructure(source, [areaOf(territory), ...referencesOf(territory).map((r) => r.area)]),
		imported
	};
}

export interface ClsTouching {
	cls: Cls;
	/** Communes of the territory inside the CLS perimeter. */
	shared: number;
	perimeter: number;
	actions: number;
}

/** CLS whose perimeter holds at least one commune of the territory, with their programme's action count. */
export function clsTouching(clsList: readonly Cls[], membership: ReadonlyMap<string, string | null>, communes: readonly string[]): ClsTouching[] {
	const mine = new Set(communes);
	const out: ClsTouching[] = [];
	for (const cls of clsList) {
		const perimeter = resolvePerimeter(cls, membership);
		const shared = perimeter.filter((c) => mine.has(c)).length;
		if (shared === 0) continue;
		out.push({ cls, shared, perimeter: perimeter.length, actions: [...walkActions(cls, { historique: false })].length });
	}
	return out.sort((a, b) => b.shared - a.shared || a.cls.nom.localeCompare(b.cls.nom, 'fr'));
}

/** The ranks of a portrait's indicator: within the département and the région (or the level above), or why not. */
export interface IndicatorRanks {
	ranks: ScopedRank[];
	/** The catalogue's reason not to rank communes (« mesuré au bassin de vie »), for a commune. */
	unranked: string | null;
}

/** Where a territory of each level is ranked: its département and région, the région of a département, France for a région. */
function rankScopes(t: ResolvedTerritory): { level: Level; scopes: { name: string; area: Area }[] } | null {
	const k = t.key;
	const named = (n: { level: Level; code: string; nom: string } | null) => (n ? [{ name: n.nom, area: { level: n.level, code: n.code } }] : []);
	switch (k.level) {
		case 'commune':
		case 'epci':
			return { level: k.level, scopes: [...named(t.departement), ...named(t.region)] };
		case 'departement':
			return { level: k.level, scopes: named(t.region) };
		case 'region':
			return { level: k.level, scopes: [{ name: 'France', area: null }] };
		default:
			// A CLS perimeter or a selection has no peers of its kind.
			return null;
	}
}

/**
 * Ranks of the territory for each numeric indicator of `ids`, in the favourable direction the catalogue declares,
 * among the territories of its level in each scope; empty for a CLS or a selection.
 */
export async function portraitRanks(source: DataSource, territory: ResolvedTerritory, ids: readonly string[]): Promise<Map<string, IndicatorRanks>> {
	const out = new Map<string, IndicatorRanks>();
	const where = rankScopes(territory);
	if (!where) return out;
	for (const id of ids) {
		const indicator = getIndicator(id);
		if (indicator.kind === 'class') continue;
		const unranked = where.level === 'commune' ? (indicator.unrankedAtCommune ?? null) : null;
		const ranks: ScopedRank[] = [];
		if (!unranked) {
			for (const scope of where.scopes) {
				const peers = await peerValues(source, indicator, where.level, scope.area);
				ranks.push({ scope: scope.name, rank: rankOfCode(territory.key.code, peers, indicator.direction) });
			}
		}
		out.set(id, { ranks, unranked });
	}
	return out;
}
