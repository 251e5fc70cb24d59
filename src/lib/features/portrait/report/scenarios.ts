/**
 * The « Scénarios » section of the report: for each CLS action carrying an « Et si… ? » scenario, what the
 * scenario engine says it would change to the APL of the perimeter and of the action's targets. Every modelled
 * figure sits in a column, a caption or a sentence that says it is an estimate, with its method and the DREES
 * millésime; the published APL is always named as such beside it.
 */
import { APL_THRESHOLD } from '../../../scenario/engine';
import { estimateNote } from '../../../scenario/scenario';
import { formatNumber } from '../../../territory/number';
import type { ClsActionRow, ClsProgramme } from './collect';
import type { ActionScenarioFigures } from './scenario-figures';
import { countSentence } from './reading';
import { cleanText, clip, type Block } from './model';

/** Communes listed per scenario, by largest change. */
const CHANGED_MAX = 10;
/** A heading holds the start of a very long action title; the text under it holds it whole. */
const HEADING_MAX = 160;

const apl = (v: number | null) => (v === null || !Number.isFinite(v) ? '–' : formatNumber(v, 2));
const people = (n: number) => formatNumber(n, 0);
const signed = (v: number) => `${v > 0 ? '+' : v < 0 ? '−' : ''}${formatNumber(Math.abs(v), 3)}`;

function actionBlocks(row: ClsActionRow, f: ActionScenarioFigures): Block[] {
	const title = cleanText(row.action.titre);
	const note = estimateNote(f.annee);
	const published = `APL ${f.annee} publiée (DREES)`;
	const whole = f.areas[0];
	const blocks: Block[] = [
		{ kind: 'subheading', text: clip(title, HEADING_MAX) },
		{
			kind: 'text',
			role: 'body',
			text: cleanText(`${row.axe} — action : ${title}. Si cette action aboutit : ${f.said}. Scénario « ${f.texte} », sur l’APL ${f.annee} de la DREES.`)
		},
		{
			kind: 'text',
			role: 'reading',
			text: `Estimation (${note}) : l’APL du périmètre passerait de ${apl(whole.aplAvant)} (valeur publiée par la DREES) à ${apl(whole.aplApres)} (estimation) ; la population sous le seuil de ${formatNumber(APL_THRESHOLD, 1)} passerait de ${people(whole.sousSeuilAvant)} habitants (publiée) à ${people(whole.sousSeuilApres)} (estimation). ${
				f.changed.length === 0 ? 'Aucune commune du périmètre ne voit son APL changer.' : `${f.changed.length === 1 ? '1 commune du périmètre voit son' : `${formatNumber(f.changed.length, 0)} communes du périmètre voient leur`} APL changer (estimation).`
			}`
		},
		{
			kind: 'table',
			caption: `Chiffres clés avant et après le scénario — « après » : estimation cls-atlas (APL ${f.annee})`,
			header: ['Territoire', 'Population', published, 'APL après (estimation)', `Population sous ${formatNumber(APL_THRESHOLD, 1)} : publiée`, `Population sous ${formatNumber(APL_THRESHOLD, 1)} : après (estimation)`],
			numeric: [false, true, true, true, true, true],
			rows: f.areas.map((a) => [a.label, people(a.population), apl(a.aplAvant), apl(a.aplApres), people(a.sousSeuilAvant), people(a.sousSeuilApres)]),
			source: `Avant : APL publiée par la DREES (${f.annee}). Après : ${note}. Population : DREES, millésime ${f.annee} ; APL moyenne pondérée par la population standardisée.`
		}
	];
	if (f.changed.length > 0) {
		const shown = f.changed.slice(0, CHANGED_MAX);
		blocks.push({
			kind: 'table',
			caption: `Communes du périmètre dont l’APL change le plus — « après » et variation : estimation cls-atlas${f.changed.length > shown.length ? ` (${formatNumber(shown.length, 0)} sur ${formatNumber(f.changed.length, 0)})` : ''}`,
			header: ['Commune', 'Code', published, 'APL après (estimation)', 'Variation (estimation)'],
			numeric: [false, false, true, true, true],
			rows: shown.map((c) => [c.nom, c.code, apl(c.avant), apl(c.apres), signed(c.apres - c.avant)]),
			source: `Avant : APL publiée par la DREES (${f.annee}). Après : ${note}.`
		});
	}
	for (const w of f.warnings) blocks.push({ kind: 'text', role: 'note', text: w });
	return blocks;
}

export function scenariosSection(p: ClsProgramme): Block[] {
	const rows = p.actions.filter((a) => a.scenario);
	const blocks: Block[] = [
		{
			kind: 'text',
			role: 'body',
			text: `${countSentence(rows.length, 'action du programme porte', 'actions du programme portent', 'f')} un scénario « Et si… ? » : ce que changerait l’action à l’APL si elle aboutit. L’APL « avant » est celle que publie la DREES ; tout chiffre « après » est une estimation de cls-atlas, qui applique la méthode APL de la DREES (médecins généralistes de moins de 65 ans, pondérations par le temps de trajet) au changement d’offre, sur des temps de trajet approchés : ce n’est pas une valeur publiée.`
		}
	];
	for (const row of rows) {
		const s = row.scenario!;
		if ('error' in s) {
			blocks.push(
				{ kind: 'subheading', text: clip(cleanText(row.action.titre), HEADING_MAX) },
				{ kind: 'text', role: 'note', text: cleanText(`Le scénario « ${row.action.scenario!.texte} » de cette action n’a pas pu être calculé : ${s.error}`) }
			);
		} else blocks.push(...actionBlocks(row, s));
	}
	return blocks;
}
