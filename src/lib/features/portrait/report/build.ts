/**
 * The report's sections from the collected data, in the order the writer chose: for each, the key figures
 * beside the references, a generated reading, a chart, a map of the perimeter and its tables.
 */
import { APL_SOUS_DENSITE, sourceLine } from '../../../indicators/catalogue';
import { formatValue } from '../../../indicators/format';
import { formatNumber } from '../../../territory/number';
import { FINESS_SOURCE, TERRITORIES_SOURCE } from '../../../data/queries/provenance';
import { FINESS_LABELS } from '../../../data/queries/counts';
import { AGGREGATES_LINE } from '../figures-table';
import { classSource, PORTRAIT_SECTIONS } from '../portrait';
import { portraitView } from '../view';
import { SECTION_MAPS, type ReportData } from './collect';
import { chartOf, keyFigures, mapOf, num, pct, rankNote, referenceList, sources } from './blocks';
import { belowThresholdSentence, changeSentence, comparisonSentence, countSentence, frenchList, shareSentence } from './reading';
import { clsSection } from './cls-section';
import { scenariosSection } from './scenarios';
import { carriesScenarios, cleanText, SECTION_TITLES, type Block, type ReportDoc, type ReportSection, type SectionId, type TextBlock } from './model';

const reading = (sentences: (string | null)[]): TextBlock => ({ kind: 'text', role: 'reading', text: sentences.filter(Boolean).join(' ') });

/** A figure's sentence: the territory's value beside the references. */
function compare(data: ReportData, subject: string, id: string, gender: 'f' | 'm' = 'f'): string | null {
	const f = data.portrait.rows.get(id);
	return f ? comparisonSentence(subject, f.indicator, f.values, referenceList(data), gender) : null;
}

function population(data: ReportData): Block[] {
	const p = data.portrait;
	const blocks: Block[] = [
		keyFigures(data, PORTRAIT_SECTIONS.population, 'Population et besoin de soins lié à l’âge'),
		reading([
			`Le territoire compte ${formatNumber(p.population, 0)} habitants dans ${countSentence(p.territory.communes.length, 'commune', 'communes', 'f')}.`,
			compare(data, 'La densité de population', 'densite_population'),
			compare(data, 'La part des 75 ans ou plus du bassin de vie', 'part_75_ans_plus_bv_2022'),
			compare(data, 'L’indice de besoin de soins lié à l’âge', 'besoin_age_2023', 'm')
		]),
		chartOf(data, 'population-chart', ['part_75_ans_plus_bv_2022', 'besoin_age_2023'], 'Vieillissement : le territoire et ses références')
	];
	const view = portraitView(p);
	if (view.ages) {
		const ages = view.ages;
		blocks.push({
			kind: 'table',
			caption: `Structure par âge (recensement ${ages.annee}), en % de la population`,
			header: ['Tranche d’âge', p.territory.nom, ...p.references],
			numeric: [false, true, ...p.references.map(() => true)],
			rows: ages.bands.map((band, i) => [band.label, ...ages.shares.map((s) => pct(s.all[i], 1))]),
			source: view.agesSource
		});
	} else {
		blocks.push({
			kind: 'text',
			role: 'note',
			text: 'La structure par âge de l’INSEE n’est pas dans l’atlas de ce navigateur : déposée sur la page Données, elle complète cette section.'
		});
	}
	const map = mapOf(data, 'population-map', SECTION_MAPS.population);
	if (map) blocks.push(map);
	return blocks;
}

function offre(data: ReportData): Block[] {
	const p = data.portrait;
	const n = (c: string) => p.facilities.find((f) => f.categorie === c)?.n ?? 0;
	const blocks: Block[] = [
		keyFigures(data, PORTRAIT_SECTIONS.professionnels, 'Professionnels de santé pour 10 000 habitants — BPE 2013 (donnée ancienne)'),
		reading([
			`Le fichier FINESS compte dans le territoire ${frenchList([
				countSentence(n('msp'), 'maison de santé pluriprofessionnelle', 'maisons de santé pluriprofessionnelles', 'f'),
				countSentence(n('centre_sante'), 'centre de santé', 'centres de santé'),
				countSentence(n('pharmacie'), 'pharmacie', 'pharmacies', 'f'),
				countSentence(n('hopital'), 'hôpital ou clinique avec lits', 'hôpitaux ou cliniques avec lits')
			])}.`,
			compare(data, 'La densité de médecins omnipraticiens (BPE 2013)', 'medecin_omnipraticien_bpe2013')
		]),
		chartOf(data, 'offre-chart', PORTRAIT_SECTIONS.professionnels, 'Professionnels de santé pour 10 000 habitants (BPE 2013)'),
		{
			kind: 'table',
			caption: 'Établissements FINESS situés dans le territoire, par catégorie',
			header: ['Catégorie', 'Établissements'],
			numeric: [false, true],
			rows: [...p.facilities.map((f) => [f.label, formatNumber(f.n, 0)]), ['Total', formatNumber(p.facilitiesTotal, 0)]],
			source: FINESS_SOURCE
		},
		{
			kind: 'table',
			caption: 'Liste des établissements FINESS du territoire',
			header: ['Catégorie', 'Établissement', 'Commune', 'N° FINESS', 'Millésime'],
			numeric: [false, false, false, false, false],
			rows: data.facilities.map((f) => [FINESS_LABELS[f.categorie] ?? f.categorie, cleanText(f.nom), f.commune, f.nofinesset, f.millesime]),
			source: FINESS_SOURCE
		}
	];
	const map = mapOf(data, 'offre-map', SECTION_MAPS.offre);
	if (map) blocks.push(map);
	return blocks;
}

function acces(data: ReportData): Block[] {
	const apl22 = data.portrait.rows.get('apl_mg_moins65_2022');
	const apl23 = data.portrait.rows.get('apl_mg_moins65_2023');
	const change = data.portrait.rows.get('apl_mg_moins65_evolution_2022_2023');
	const below = data.communes.filter((c) => Number.isFinite(c.values.apl_mg_moins65_2023) && c.values.apl_mg_moins65_2023 < APL_SOUS_DENSITE.value);
	const belowPopulation = below.reduce((s, c) => s + (Number.isFinite(c.values.population) ? c.values.population : 0), 0);
	const threshold = formatNumber(APL_SOUS_DENSITE.value, 1);
	const apl = num('apl_mg_moins65_2023');
	const blocks: Block[] = [
		keyFigures(data, [...PORTRAIT_SECTIONS.apl, ...PORTRAIT_SECTIONS.distances], 'Accessibilité potentielle localisée (APL) et distances'),
		reading([
			compare(data, 'L’APL 2023', 'apl_mg_moins65_2023'),
			apl22 && apl23 && change ? changeSentence(apl22.values[0], apl23.values[0], change.values[0], apl.precision, ['2022', '2023']) : null,
			`En 2023, ${belowThresholdSentence(below.length, belowPopulation, threshold)}`,
			compare(data, 'La distance moyenne à une MSP', 'dist_msp_km'),
			compare(data, 'La distance moyenne à un hôpital', 'dist_hopital_km')
		]),
		chartOf(data, 'acces-chart', ['apl_mg_moins65_2022', 'apl_mg_moins65_2023', 'dist_msp_km', 'dist_hopital_km'], 'APL 2022 et 2023, distances : le territoire et ses références'),
		{
			kind: 'table',
			caption: `Communes du territoire, de la plus faible APL 2023 à la plus élevée (seuil de sous-densité : ${threshold})`,
			header: ['Commune', 'Code', 'Population', 'APL 2022', 'APL 2023', 'Distance MSP (km)', 'Distance hôpital (km)'],
			numeric: [false, false, true, true, true, true, true],
			rows: [...data.communes]
				.sort((a, b) => (a.values.apl_mg_moins65_2023 || Infinity) - (b.values.apl_mg_moins65_2023 || Infinity) || a.nom.localeCompare(b.nom, 'fr'))
				.map((c) => [
					c.nom,
					c.code,
					formatValue(num('population'), c.values.population, { unit: false }),
					formatValue(num('apl_mg_moins65_2022'), c.values.apl_mg_moins65_2022, { unit: false }),
					formatValue(apl, c.values.apl_mg_moins65_2023, { unit: false }),
					formatValue(num('dist_msp_km'), c.values.dist_msp_km, { unit: false }),
					formatValue(num('dist_hopital_km'), c.values.dist_hopital_km, { unit: false })
				]),
			source: sources([sourceLine(apl), sourceLine(num('dist_msp_km')), sourceLine(num('population'))])
		}
	];
	const map = mapOf(data, 'acces-map', SECTION_MAPS.acces);
	if (map) blocks.push(map);
	return blocks;
}

function environnement(data: ReportData): Block[] {
	const p = data.portrait;
	const total = p.territory.communes.length;
	const zone3 = p.radon.find((r) => r.key === '3');
	const blocks: Block[] = [
		keyFigures(data, PORTRAIT_SECTIONS.radon, 'Population en zone 3 du potentiel radon'),
		reading([
			zone3 ? shareSentence(zone3.communes, total, zone3.population, 'en zone 3 du potentiel radon (potentiel significatif)') : null,
			compare(data, 'La part de la population en zone radon 3', 'radon_part_population_zone3'),
			p.qpv.communes === 0
				? 'Aucune commune du territoire n’a de quartier prioritaire de la politique de la ville.'
				: `${countSentence(p.qpv.communes, 'commune', 'communes', 'f')} du territoire (${formatNumber(p.qpv.population, 0)} habitants) ${p.qpv.communes === 1 ? 'a' : 'ont'} au moins un quartier prioritaire (${countSentence(p.qpv.quartiers, 'quartier', 'quartiers')}).`
		]),
		chartOf(data, 'environnement-chart', PORTRAIT_SECTIONS.radon, 'Population en zone radon 3 : le territoire et ses références'),
		{
			kind: 'table',
			caption: 'Communes et population par zone du potentiel radon',
			header: ['Zone', 'Communes', 'Part des communes (%)', 'Population', 'Part de la population (%)'],
			numeric: [false, true, true, true, true],
			rows: p.radon.map((r) => [r.label, formatNumber(r.communes, 0), pct(r.communes, total), formatNumber(r.population, 0), pct(r.population, p.population)]),
			source: classSource('radon_classe')
		},
		{
			kind: 'table',
			caption: 'Quartiers prioritaires de la politique de la ville (QPV)',
			header: ['Communes avec un QPV', 'Quartiers', 'Population de ces communes'],
			numeric: [true, true, true],
			rows: [[formatNumber(p.qpv.communes, 0), formatNumber(p.qpv.quartiers, 0), formatNumber(p.qpv.population, 0)]],
			source: classSource('qpv_2024')
		}
	];
	const map = mapOf(data, 'environnement-map', SECTION_MAPS.environnement);
	if (map) blocks.push(map);
	return blocks;
}

function sourcesSection(data: ReportData): Block[] {
	const view = portraitView(data.portrait);
	const lines = [...new Set([TERRITORIES_SOURCE, ...view.notes.lines])];
	const blocks: Block[] = [
		{ kind: 'subheading', text: 'Sources et millésimes' },
		{
			kind: 'table',
			caption: 'Sources des chiffres, cartes et tableaux du rapport',
			header: ['N°', 'Source (producteur – jeu de données, millésime, licence)'],
			numeric: [true, false],
			rows: lines.map((l, i) => [String(i + 1), l]),
			source: 'cls-atlas, page Données'
		}
	];
	if (data.cls) {
		blocks.push({
			kind: 'table',
			caption: `Documents du ${cleanText(data.cls.cls.nom)}`,
			header: ['Document', 'Titre'],
			numeric: [false, false],
			rows: data.cls.cls.sources.map((s) => [cleanText(s.document), cleanText(s.titre)]),
			source: 'Registre des CLS de cls-atlas'
		});
	}
	blocks.push(
		{ kind: 'subheading', text: 'Méthode' },
		{ kind: 'text', role: 'body', text: `${AGGREGATES_LINE} Les références sont le département et la région de la plupart des communes du territoire, puis la France.` },
		{ kind: 'text', role: 'body', text: rankNote(data) },
		{
			kind: 'text',
			role: 'body',
			text: `Cartes : classes de même effectif (quintiles) calculées sur les communes de la référence, comptées sur les communes du territoire ; distances à vol d’oiseau depuis le centre de chaque commune, moyennes pondérées par la population. L’APL est celle de la DREES (médecins généralistes de moins de 65 ans) ; le seuil de sous-densité de ${formatNumber(APL_SOUS_DENSITE.value, 1)} est celui de ${APL_SOUS_DENSITE.source}.`
		},
		{
			kind: 'text',
			role: 'body',
			text: `Les lectures de chaque section sont générées à partir des chiffres et ne disent que ce qu’ils disent ; elles sont à compléter par le rédacteur. Rapport généré le ${data.editedOn} dans le navigateur par cls-atlas, sans envoi de données.`
		}
	);
	return blocks;
}

const BUILDERS: Record<SectionId, (data: ReportData) => Block[] | null> = {
	population,
	offre,
	acces,
	environnement,
	cls: (data) => (data.cls ? clsSection(data.cls, data.communeNames) : null),
	scenarios: (data) => (data.cls && carriesScenarios(data.cls.cls) ? scenariosSection(data.cls) : null),
	sources: sourcesSection
};


export function buildReport(data: ReportData, chosen: readonly SectionId[]): ReportDoc {
	const t = data.portrait.territory;
	const sections: ReportSection[] = [];
	for (const id of chosen) {
		const blocks = BUILDERS[id](data);
		if (blocks) sections.push({ id, title: SECTION_TITLES[id], blocks });
	}
	return {
		title: `Diagnostic local de santé — ${cleanText(t.nom)}`,
		subtitle: `${t.levelLabel} — ${countSentence(t.communes.length, 'commune', 'communes', 'f')}, ${formatNumber(data.portrait.population, 0)} habitants`,
		editedOn: data.editedOn,
		sections
	};
}

