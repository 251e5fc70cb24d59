/**
 * `npm run scenario -- --ajout 46128:1 --annee 2023`: the scenario engine of the atlas, in Node, on the shipped
 * artefacts. Prints the communes whose APL changes as CSV on stdout (`;`, decimal comma, like the atlas's exports):
 * `code;apl_avant;apl_apres;variation;pop_standardisee`; notes and warnings, in French, on stderr.
 */
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { parseManifest } from '../queries/artefacts';
import { loadScenarioInputs } from './inputs';
import { readMatrixCsv } from '../../scenario/matrix';
import { type Change, type Scenario, ScenarioError, ScenarioModel, estimateNote } from '../../scenario/scenario';
import { parseAmount, parseScenario } from '../../scenario/text';
import { type Placement, whereToInstall } from '../../scenario/placement';
import { departementOf } from '../../territory/insee-code';

const USAGE = `Usage : npm run scenario -- [options]
  --ajout COMMUNE:N          N médecins généralistes de plus (5 400 consultations chacun)
  --etp COMMUNE:N            N ETP de plus (décimales permises : 0,5)
  --msp COMMUNE:N            une MSP de N médecins
  --retrait COMMUNE:N        départ de N médecins
  --regroupement A:N,B:M>C   N médecins de A et M de B rejoignent C
  --depart-65                départ de tous les médecins de 65 ans ou plus (colonne « moins de 65 ans » de la DREES)
  --scenario TEXTE           le scénario sous sa forme texte (celle de l’URL), ex. "ajout:46128:1;retrait:46102:1"
  --annee 2022|2023          millésime de l’APL de la DREES (2023 par défaut)
  --matrice FICHIER.csv      temps de trajet réels (commune_origine;commune_destination;minutes) au lieu des temps approchés
  --toutes                   toutes les communes, pas seulement celles dont l’APL change
  --ou-installer PERIMETRE   « Où installer ? » : departement:46 ou communes:46128,46102,… ; avec --medecins N (1 par défaut)
                             imprime rang;code;habitants_au_dessus_2_5;deficit_reduit (choix successifs, puis les 10 meilleures)
  --data DOSSIER             artefacts (static/data par défaut)
Options répétables : --ajout, --etp, --msp, --retrait, --regroupement.`;

interface Options {
	scenario: Scenario;
	placement: { perimeter: string; gps: number } | null;
	annee: number;
	matrice: string | null;
	toutes: boolean;
	data: string;
}

export function parseArgs(argv: readonly string[], dataDir: string): Options {
	const options: Options = { scenario: { changes: [], depart65: false }, placement: null, annee: 2023, matrice: null, toutes: false, data: dataDir };
	const value = (i: number) => {
		const v = argv[i + 1];
		if (v === undefined || v.startsWith('--')) throw new ScenarioError(`${argv[i]} attend une valeur.\n${USAGE}`);
		return v;
	};
	const single = (flag: string, text: string): Change => {
		const kind = flag.slice(2);
		const [code, count] = text.split(':');
		if (!code || count === undefined) throw new ScenarioError(`${flag} ${text} : attendu ${flag} COMMUNE:NOMBRE (ex. ${flag} 46128:1).`);
		if (kind === 'etp') return { kind, code, etp: parseAmount(count, 'etp') };
		return { kind: kind as 'ajout' | 'msp' | 'retrait', code, medecins: parseAmount(count, 'medecins') };
	};
	for (let i = 0; i < argv.length; i++) {
		const flag = argv[i];
		switch (flag) {
			case '--ajout':
			case '--etp':
			case '--msp':
			case '--retrait':
				options.scenario.changes.push(single(flag, value(i++)));
				break;
			case '--regroupement':
				options.scenario.changes.push(...parseScenario(`regroupement:${value(i++)}`).changes);
				break;
			case '--scenario': {
				const parsed = parseScenario(value(i++));
				options.scenario.changes.push(...parsed.changes);
				options.scenario.depart65 ||= parsed.depart65;
				break;
			}
			case '--depart-65':
				options.scenario.depart65 = true;
				break;
			case '--annee': {
				const text = value(i++);
				if (text !== '2022' && text !== '2023') throw new ScenarioError(`--annee ${text} : l’APL de la DREES est livrée pour 2022 et 2023.`);
				options.annee = Number(text);
				break;
			}
			case '--matrice':
				options.matrice = resolve(value(i++));
				break;
			case '--ou-installer':
				options.placement = { perimeter: value(i++), gps: options.placement?.gps ?? 1 };
				break;
			case '--medecins':
				options.placement = { perimeter: options.placement?.perimeter ?? '', gps: parseAmount(value(i++), 'medecins') };
				break;
			case '--toutes':
				options.toutes = true;
				break;
			case '--data':
				options.data = resolve(value(i++));
				break;
			default:
				throw new ScenarioError(`Option inconnue : « ${flag} ».\n${USAGE}`);
		}
	}
	if (options.placement && !options.placement.perimeter) throw new ScenarioError('--medecins va avec --ou-installer PERIMETRE.');
	if (!options.placement && options.scenario.changes.length === 0 && !options.scenario.depart65) throw new ScenarioError(`Aucun changement demandé.\n${USAGE}`);
	return options;
}

/** The communes of `departement:46` or `communes:46128,46102`. */
function perimeterCodes(model: ScenarioModel, text: string): string[] {
	const [level, list] = text.split(':');
	if (level === 'departement' && list) {
		const codes = model.baseline.codes.filter((c) => departementOf(c) === list.toUpperCase());
		if (codes.length === 0) throw new ScenarioError(`Département inconnu : « ${list} ».`);
		return codes;
	}
	if (level === 'communes' && list) return list.split(',').map((c) => model.baseline.codes[model.indexOf(c.trim())]);
	throw new ScenarioError(`--ou-installer ${text} : attendu departement:46 ou communes:46128,46102.`);
}

function placementCsv(model: ScenarioModel, placement: { perimeter: string; gps: number }, err: (line: string) => void, note: string): string {
	const { chosen, top } = whereToInstall(model, perimeterCodes(model, placement.perimeter), placement.gps);
	err(`${note}. « Où installer ? » : ${placement.gps} médecin(s) sur ${placement.perimeter} ; choix successifs, puis les 10 meilleures communes pour un premier médecin.`);
	const line = (rang: string, p: Placement) => [rang, p.code, Math.round(p.lifted), Math.round(p.shortfall)].join(';');
	return `${['rang;code;habitants_au_dessus_2_5;deficit_reduit', ...chosen.map((p, k) => line(`choix ${k + 1}`, p)), ...top.map((p, k) => line(String(k + 1), p))].join('\n')}\n`;
}

const decimal = (x: number) => (Number.isNaN(x) ? '' : String(Number(x.toFixed(6))).replace('.', ','));

export async function run(argv: readonly string[], dataDir: string, err: (line: string) => void): Promise<string> {
	const options = parseArgs(argv, dataDir);
	const manifest = parseManifest(await readFile(join(options.data, 'manifest.json'), 'utf8'));
	const inputs = await loadScenarioInputs(manifest, async (file) => new Uint8Array(await readFile(join(options.data, file))), options.annee);
	const note = estimateNote(options.annee, options.matrice);
	if (options.matrice) {
		const { pairs, report } = readMatrixCsv(await readFile(options.matrice, 'utf8'), inputs.baseline);
		for (const line of report) err(line);
		inputs.pairs = pairs;
	}
	const model = new ScenarioModel(inputs.baseline, inputs.pairs);
	if (options.placement) return placementCsv(model, options.placement, err, note);
	const result = model.run(options.scenario);
	const { codes, pstd } = inputs.baseline;
	const lines = ['code;apl_avant;apl_apres;variation;pop_standardisee'];
	let absorbed = 0;
	for (let i = 0; i < codes.length; i++) {
		const change = result.after[i] - result.before[i];
		absorbed += result.delta[i] * pstd[i];
		if (!options.toutes && !(Math.abs(change) > 0)) continue;
		lines.push([codes[i], decimal(result.before[i]), decimal(result.after[i]), decimal(change), decimal(pstd[i])].join(';'));
	}
	err(`${note}.`);
	if (options.scenario.depart65) err('Départ des médecins de 65 ans ou plus : APL avant = APL tous âges de la DREES, après = sa colonne « moins de 65 ans » (sans modèle).');
	err(`Offre changée : ${Math.round(result.consultations).toLocaleString('fr-FR')} consultations par an ; absorbée par les communes à moins de 20 min : ${Math.round(absorbed).toLocaleString('fr-FR')}.`);
	if (result.floored.length) {
		err(`Attention : l’APL ne descend pas sous 0. ${result.floored.length} commune(s) ramenée(s) à 0 (retrait supérieur à l’offre que l’APL y suppose) : ${result.floored.slice(0, 10).join(', ')}.`);
	}
	if (result.unreached.length) err(`Attention : aucune population à moins de 20 min de ${result.unreached.join(', ')} : ce changement n’atteint personne.`);
	return `${lines.join('\n')}\n`;
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(import.meta.filename)) {
	run(process.argv.slice(2), resolve(import.meta.dirname, '../../../static/data'), (line) => process.stderr.write(`${line}\n`)).then(
		(csv) => process.stdout.write(csv),
		(error: unknown) => {
			process.stderr.write(`${error instanceof ScenarioError ? '' : 'Erreur : '}${error instanceof Error ? error.message : String(error)}\n`);
			process.exit(error instanceof ScenarioError ? 2 : 1);
		}
	);
}
