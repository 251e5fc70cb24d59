/**
 * The data of a territory's portrait (`/territoire/[niveau]/[code]`): catalogue indicators beside
 * the département, the région and France, then counts over its communes (FINESS establishments,
 * radon zones, density grid, QPV). Every aggregate is a ratio of sums over the communes.
 */
import type { DbConnector } from '../db/connector';
import { DEFAULT_INDICATOR_ID, getIndicator, sourceLine, type Indicator, type NumericIndicator } from '../indicators/catalogue';
import { resolvePerimeter } from '../cls/perimeter';
import type { Cls } from '../cls/schema';
import { walkActions } from '../cls/schema';
import { departementCommuneValues, type CommuneValues } from './rank';
import { ageStructure, type AgeStructure } from './ages';
import { referencesOf, targetOf, valuesOf, type NamedRef, type ResolvedTerritory } from './territory';

/** Catalogue indicators of the portrait, by section. */
export const PORTRAIT_SECTIONS = {
	population: ['population', 'densite_population', 'besoin_age_2023', 'part_75_ans_plus_bv_2022'],
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

export const PORTRAIT_INDICATORS: string[] = Object.values(PORTRAIT_SECTIONS).flat();

/** DuckDB tables the portrait reads. */
export const PORTRAIT_TABLES: string[] = [
	...new Set([
		'communes',
		'epci',
		'departements',
		'regions',
		'finess',
		'radon',
		'typologies',
		'qpv',
		...PORTRAIT_INDICATORS.flatMap((id) => getIndicator(id).tables)
	])
];

export interface FigureRow {
	indicator: NumericIndicator;
	/** The territory, then each reference column; NaN when unknown. */
	values: number[];
}

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
	rows: Map<string, FigureRow>;
	population: number;
	/** APL 2023 of each commune of the reference département (or région / of the département itself). */
	distribution: { scope: NamedRef; values: CommuneValues } | null;
	facilities: { categorie: string; label: string; n: number }[];
	facilitiesTotal: number;
	radon: CountRow[];
	densite: CountRow[];
	qpv: { communes: number; quartiers: number; population: number };
	/** INSEE age structure beside the references; null when the atlas has no `population_ages` table. */
	ages: AgeStructure | null;
}

export const FINESS_LABELS: Record<string, string> = {
	msp: 'Maisons de santé pluriprofessionnelles',
	centre_sante: 'Centres de santé',
	hopital: 'Hôpitaux et cliniques (avec lits)',
	ehpad: 'EHPAD',
	pharmacie: 'Pharmacies',
	cpts: 'CPTS (siège)',
	autre: 'Autres établissements (laboratoires, CMP, médico-social…)'
};

export const FINESS_SOURCE =
	'DREES / ministère de la Santé – FINESS : extraction Occitanie fin 2025 / début 2026, stock national du 8 janvier 2021 ailleurs (Licence Ouverte / Etalab 2.0)';

/** The attribution line of a class indicator of the catalogue (radon, grid, QPV). */
export function classSource(id: 'radon_classe' | 'grille_densite' | 'qpv_2024'): string {
	return sourceLine(getIndicator(id));
}

const CODES = "SELECT unnest(string_split(?, ',')) AS code";

function plain<T>(table: { toArray(): { toJSON(): unknown }[] }): T[] {
	return table.toArray().map((r) => r.toJSON() as T);
}

function classes(indicator: Indicator): { value: number; label: string; color: string }[] {
	return indicator.kind === 'class' ? indicator.classes : [];
}

/** Communes and population in each class of a class indicator, plus a row for communes without a class. */
async function classCounts(db: DbConnector, id: 'radon_classe' | 'grille_densite', codes: string): Promise<CountRow[]> {
	const indicator = getIndicator(id);
	if (indicator.kind !== 'class') throw new Error(id);
	const counts = plain<{ value: number | null; communes: number; population: number | null }>(
		await db.query(
			`SELECT s.value, count(*)::INTEGER AS communes, sum(c.population)::DOUBLE AS population FROM communes c ` +
				`LEFT JOIN (${indicator.sql}) s ON s.code = c.code WHERE c.code IN (${CODES}) GROUP BY s.value`,
			[codes]
		)
	);
	const rows: CountRow[] = classes(indicator).map((c) => {
		const r = counts.find((x) => x.value !== null && Number(x.value) === c.value);
		return { key: String(c.value), label: c.label, color: c.color, communes: r ? Number(r.communes) : 0, population: Number(r?.population ?? 0) };
	});
	const unknown = counts.find((x) => x.value === null);
	if (unknown) rows.push({ key: 'inconnu', label: 'Non classée', communes: Number(unknown.communes), population: Number(unknown.population ?? 0) });
	return rows;
}

/** `ages`: the atlas ships `population_ages` (see `hasArtefact`), loaded in `db`. */
export async function buildPortrait(db: DbConnector, territory: ResolvedTerritory, { ages = false } = {}): Promise<Portrait> {
	const refs = referencesOf(territory);
	const targets = [targetOf(territory), ...refs.map((r) => r.target)];
	const rows = new Map<string, FigureRow>();
	for (const id of PORTRAIT_INDICATORS) {
		const indicator = getIndicator(id) as NumericIndicator;
		rows.set(id, { indicator, values: await valuesOf(db, indicator, targets) });
	}
	const codes = territory.communes.join(',');

	const distributionScope: NamedRef | null =
		territory.departement ?? (territory.key.niveau === 'departement' ? { level: 'departement', code: territory.key.code, nom: territory.nom } : null);
	const distribution = distributionScope
		? { scope: distributionScope, values: await departementCommuneValues(db, getIndicator(DEFAULT_INDICATOR_ID) as NumericIndicator, distributionScope.code) }
		: null;

	const finess = plain<{ categorie: string; n: number }>(
		await db.query(
			`SELECT categorie::VARCHAR AS categorie, count(*)::INTEGER AS n FROM finess WHERE code_commune IN (${CODES}) GROUP BY categorie`,
			[codes]
		)
	);
	const facilities = Object.entries(FINESS_LABELS).map(([categorie, label]) => ({
		categorie,
		label,
		n: Number(finess.find((f) => f.categorie === categorie)?.n ?? 0)
	}));

	const q = plain<{ communes: number; quartiers: number | null; population: number | null }>(
		await db.query(
			`SELECT count(*)::INTEGER AS communes, sum(q.nb_qpv)::INTEGER AS quartiers, sum(c.population)::DOUBLE AS population ` +
				`FROM qpv q JOIN communes c ON c.code = q.code WHERE q.code IN (${CODES})`,
			[codes]
		)
	)[0];

	return {
		territory,
		references: refs.map((r) => r.label),
		rows,
		population: rows.get('population')!.values[0],
		distribution,
		facilities,
		facilitiesTotal: facilities.reduce((s, f) => s + f.n, 0),
		radon: await classCounts(db, 'radon_classe', codes),
		densite: await classCounts(db, 'grille_densite', codes),
		qpv: { communes: Number(q?.communes ?? 0), quartiers: Number(q?.quartiers ?? 0), population: Number(q?.population ?? 0) },
		ages: ages ? await ageStructure(db, targets) : null
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
