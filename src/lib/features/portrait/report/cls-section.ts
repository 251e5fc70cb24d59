/**
 * The CLS section of the report: the contract, its axes and actions, the communes each action targets (a
 * table and a map of how many actions target each commune) and the indicators of those targets beside the
 * whole perimeter.
 */
import { formatValue } from '../../../indicators/format';
import { formatNumber } from '../../../territory/number';
import { mapSourceLine } from '../../../data/queries/provenance';
import type { ClsProgramme } from './collect';
import { sourceLine } from '../../../indicators/catalogue';
import { classedMap, countMap, sources } from './blocks';
import { countSentence } from './reading';
import { carriesScenarios, cleanText, clip, SECTION_TITLES, type Block } from './model';

/** Names of a target printed in its cell, then « … et N autres ». */
const NAMES_MAX = 8;
/** Targets mapped one by one; the others are listed in the actions' table. */
const TARGET_MAPS_MAX = 20;
/** Characters of action titles in a map's title. */
const MAP_TITLE_MAX = 110;

const TARGET_CLASSES = [
	{ label: 'commune ciblée', color: '#d95f02' },
	{ label: 'autre commune du périmètre', color: '#e5e7eb' }
];

/** For each part of the perimeter that actions aim at: the map of its communes and their indicators beside the perimeter's. */
function targetBlocks(p: ClsProgramme, names: ReadonlyMap<string, string>): Block[] {
	const shown = p.targets.slice(0, TARGET_MAPS_MAX);
	const blocks: Block[] = [];
	if (shown.length > 0) blocks.push({ kind: 'subheading', text: 'Les communes ciblées, action par action' });
	shown.forEach((g, i) => {
		const titles = g.actions.map((a) => cleanText(p.actions[a].action.titre));
		const who = titles.length === 1 ? `Action « ${clip(titles[0], MAP_TITLE_MAX)} »` : `${formatNumber(titles.length, 0)} actions, même cible : ${clip(titles.join(' ; '), MAP_TITLE_MAX)}`;
		const inTarget = new Set(g.target);
		const classOf = new Map(p.perimeter.map((c) => [c, inTarget.has(c) ? 0 : 1]));
		blocks.push(
			classedMap(
				`cls-target-${i + 1}`,
				{
					title: who,
					subtitle: `${cleanText(p.cls.nom)} — ${targetCell(g.target, p.perimeter.length, names, false)}`,
					unit: 'Communes',
					caption: `Communes ciblées : ${who}`
				},
				TARGET_CLASSES,
				classOf,
				mapSourceLine(['registre des CLS de cls-atlas'])
			),
			{
				kind: 'table',
				caption: `Indicateurs des communes ciblées (${formatNumber(g.target.length, 0)}) et du périmètre : ${who}`,
				header: ['Indicateur', 'Unité', 'Communes ciblées', 'Périmètre'],
				numeric: [false, false, true, true],
				rows: g.figures.map((f) => [f.indicator.label, f.indicator.unit, formatValue(f.indicator, f.target, { unit: false }), formatValue(f.indicator, f.perimeter, { unit: false })]),
				source: `${sources(g.figures.map((f) => sourceLine(f.indicator)))} ; ratio de sommes sur les communes ciblées et sur le périmètre`
			}
		);
	});
	if (p.targets.length > shown.length)
		blocks.push({ kind: 'text', role: 'note', text: `${formatNumber(p.targets.length - shown.length, 0)} autres cibles ne sont pas cartographiées : leurs communes sont dans le tableau des actions.` });
	return blocks;
}

function targetCell(target: readonly string[], perimeter: number, names: ReadonlyMap<string, string>, whole: boolean): string {
	if (whole) return `tout le périmètre (${formatNumber(perimeter, 0)} communes)`;
	if (target.length === 0) return 'aucune commune située';
	const shown = target.slice(0, NAMES_MAX).map((c) => names.get(c) ?? c);
	const more = target.length > NAMES_MAX ? ` … et ${formatNumber(target.length - NAMES_MAX, 0)} autres` : '';
	return `${formatNumber(target.length, 0)} : ${shown.join(', ')}${more}`;
}

export function clsSection(p: ClsProgramme, names: ReadonlyMap<string, string>): Block[] {
	const cls = p.cls;
	const axes = cls.axes.length;
	const targeted = p.actions.filter((a) => a.action.cible.type !== 'perimetre');
	const period = cls.periode.debut !== null ? ` pour ${cls.periode.debut}–${cls.periode.fin ?? '…'}` : '';
	const signed = cls.dateSignature ? `, signé le ${new Date(cls.dateSignature).toLocaleDateString('fr-FR', { dateStyle: 'long' })}` : cls.anneeSignature ? `, signé en ${cls.anneeSignature}` : '';
	const blocks: Block[] = [
		{
			kind: 'text',
			role: 'body',
			text: cleanText(`${cls.nom}, porté par ${cls.porteur.nom} (${cls.porteur.type}) avec l’${cls.ars}${period}${signed}. Périmètre : ${formatNumber(p.perimeter.length, 0)} communes.`)
		},
		{
			kind: 'text',
			role: 'reading',
			text: `Le programme compte ${countSentence(p.actions.length, 'action', 'actions', 'f')}${axes > 0 ? ` en ${countSentence(axes, 'axe', 'axes')}` : ', sans axe'} ; ${
				targeted.length === 0
					? 'aucune ne cible une partie du périmètre : toutes visent le périmètre entier.'
					: `${countSentence(targeted.length, 'action cible', 'actions ciblent', 'f')} une partie du périmètre (communes, EPCI ou quartiers)${targeted.length === p.actions.length ? '' : ', les autres visent le périmètre entier'}.`
			}`
		},
		{
			kind: 'text',
			role: 'note',
			text: carriesScenarios(cls)
				? `${countSentence(p.actions.filter((a) => a.action.scenario).length, 'action porte', 'actions portent', 'f')} un scénario « Et si… ? » : voir la section « ${SECTION_TITLES.scenarios} ».`
				: 'Aucune action du programme ne porte de scénario « Et si… ? » : le rapport n’a pas de section « Scénarios ».'
		}
	];
	if (axes > 0) {
		blocks.push({
			kind: 'table',
			caption: 'Axes du programme',
			header: ['Axe', 'Fiches', 'Actions'],
			numeric: [false, true, true],
			rows: cls.axes.map((a) => [
				cleanText(a.numero !== null ? `${a.numero}. ${a.titre}` : a.titre),
				formatNumber(a.fichesAction.length, 0),
				formatNumber(
					a.fichesAction.reduce((s, f) => s + f.actions.length, 0),
					0
				)
			]),
			source: 'Registre des CLS de cls-atlas, d’après les documents du contrat'
		});
	}
	blocks.push({
		kind: 'table',
		caption: 'Actions, communes ciblées et indicateurs de leurs cibles',
		header: ['Axe', 'Action', 'Statut', 'Communes ciblées', 'Indicateurs (cible / périmètre)'],
		numeric: [false, false, false, false, false],
		rows: p.actions.map((a) => [
			cleanText(a.axe),
			cleanText(a.action.titre),
			a.action.statut,
			cleanText(targetCell(a.target, p.perimeter.length, names, a.action.cible.type === 'perimetre')),
			a.figures.length
				? a.figures
						.map((f) => `${f.indicator.shortLabel} : ${formatValue(f.indicator, f.target)} / ${formatValue(f.indicator, f.perimeter)}`)
						.join(' ; ')
				: '–'
		]),
		source: 'Registre des CLS de cls-atlas ; indicateurs : ratio de sommes sur les communes ciblées et sur le périmètre'
	});
	const counts = new Map<string, number>(p.perimeter.map((c) => [c, 0]));
	for (const a of targeted) for (const c of a.target) if (counts.has(c)) counts.set(c, counts.get(c)! + 1);
	blocks.push(
		countMap(
			'cls-map',
			'Actions ciblant une partie du périmètre, par commune',
			`${cleanText(cls.nom)} — nombre d’actions ciblées (hors actions sur tout le périmètre)`,
			counts,
			mapSourceLine(['registre des CLS de cls-atlas'])
		),
		...targetBlocks(p, names)
	);
	return blocks;
}
