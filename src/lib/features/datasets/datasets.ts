/** What the data page says of each table of the atlas: the manifest's description and who reads the table. */
import { INDICATORS, tablesOf, type Indicator } from '../../indicators/catalogue';
import { POPULATION_AGES_TABLE } from '../../indicators/age-bands';
import { PASSAGE_TABLE, SPLITS_TABLE } from '../../data/queries/imports';
import { COMMUNE_VALUES_TABLE, TERRITORY_VALUES_TABLE, isGeometryTable, type ArtefactEntry } from '../../data/queries/artefacts';
import { formatNumber } from '../../territory/number';

/** Uses of a table outside the indicator catalogue. */
const OTHER_USES: Record<string, string> = {
	communes: 'Territoires, recherche, périmètres des CLS, populations de toutes les moyennes',
	epci: 'Niveau EPCI de la carte et des portraits',
	departements: 'Niveau département',
	regions: 'Niveau région',
	communes_geom: 'Carte',
	communes_simplifiees_geom: 'Carte de la France entière (sous le zoom 6) et son image prérendue',
	epci_geom: 'Carte',
	departements_geom: 'Carte',
	regions_geom: 'Carte',
	[COMMUNE_VALUES_TABLE]: 'Première carte (communes, France entière), avant le démarrage du moteur',
	[TERRITORY_VALUES_TABLE]: 'Carte aux niveaux EPCI, département et région (France entière), avant le démarrage du moteur',
	finess: 'Portraits : établissements de santé',
	qpv: 'Portraits et fiches CLS : quartiers prioritaires',
	communes_voisines: 'Comparaison : « Ajouter les communes voisines »',
	qpv_quartiers: 'Quartiers prioritaires d’une commune (noms et communes)',
	temps_trajet: 'Scénarios « Et si… ? » : variation de l’APL d’une offre changée (lu à la demande, hors du moteur SQL)',
	qpv_geom: 'Cartes des fiches CLS : le périmètre du quartier prioritaire qu’une action vise',
	[PASSAGE_TABLE]: 'Imports de fichiers : rattachement des anciens codes commune',
	[SPLITS_TABLE]: 'Imports de fichiers : communes rétablies depuis le COG du fichier (effectifs répartis, taux recopiés)',
	[POPULATION_AGES_TABLE]: 'Portraits : structure par âge et pyramide'
};

/** Catalogue indicators whose SQL reads `table` (`communes` alone: the ones reading nothing else). */
export function indicatorsUsing(table: string, catalogue: readonly Indicator[] = INDICATORS): Indicator[] {
	return catalogue.filter((i) => tablesOf(i).includes(table) || (table === 'communes' && tablesOf(i).length === 0));
}

export function otherUses(table: string): string | null {
	return OTHER_USES[table] ?? null;
}

/** The shipped tables in the order the page lists them: the data first, the contours (read by the map only) last; the manifest's order otherwise. */
export function shippedOrder(artefacts: readonly ArtefactEntry[]): ArtefactEntry[] {
	return [...artefacts].sort((a, b) => Number(isGeometryTable(a.table)) - Number(isGeometryTable(b.table)));
}

/** A file size as the page shows it: in Ko under one Mo, in Mo with one decimal above. */
export function sizeLabel(bytes: number): string {
	return bytes < 1024 * 1024 ? `${formatNumber(bytes / 1024, 0)} Ko` : `${formatNumber(bytes / 1024 / 1024, 1)} Mo`;
}
