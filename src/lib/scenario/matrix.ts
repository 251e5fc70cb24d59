/**
 * A real travel-time matrix (e.g. an export of INSEE's Metric), `commune_origine;commune_destination;minutes`,
 * read instead of the approximate times. Directed: origin = where residents live, destination = where the doctors
 * practise. Every problem is counted in a French report with examples; the commune itself always counts at 0 minute.
 */
import { normalizeCommuneCode } from '../territory/insee-code';
import type { TravelPairs } from './engine';
import { type Baseline, ScenarioError } from './scenario';

const HEADER = ['commune_origine', 'commune_destination', 'minutes'];
const EXAMPLES = 5;

export interface MatrixRead {
	pairs: TravelPairs;
	/** French lines: what was read, and each kind of problem with its count and examples. */
	report: string[];
}

class Tally {
	count = 0;
	readonly examples: string[] = [];
	add(example: string): void {
		this.count++;
		if (this.examples.length < EXAMPLES && !this.examples.includes(example)) this.examples.push(example);
	}
	line(what: string): string[] {
		return this.count ? [`${this.count.toLocaleString('fr-FR')} ${what} (ex. ${this.examples.join(', ')})`] : [];
	}
}

export function readMatrixCsv(text: string, baseline: Baseline): MatrixRead {
	const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
	const first = lines[0] ?? '';
	const separator = [';', '\t', ','].find((s) => first.includes(s));
	const header = separator ? first.split(separator).map((h) => h.trim().toLowerCase().replace(/^"|"$/g, '')) : [];
	const columns = HEADER.map((h) => header.indexOf(h));
	if (!separator || columns.includes(-1)) {
		throw new ScenarioError(`Matrice de temps : la première ligne doit nommer les colonnes ${HEADER.join(';')} (reçu « ${first.slice(0, 80)} »).`);
	}
	const index = new Map(baseline.codes.map((c, i) => [c, i]));
	const unknown = new Tally();
	const merged = new Tally();
	const notNumber = new Tally();
	const duplicates = new Tally();
	const seen = new Set<number>();
	const diagonal = new Set<number>();
	const present = new Set<number>();
	const from: number[] = [];
	const to: number[] = [];
	const minutes: number[] = [];
	let rows = 0;
	const commune = (raw: string, line: number): number | null => {
		const code = normalizeCommuneCode(raw.replace(/^"|"$/g, ''));
		const i = code === null ? undefined : index.get(code);
		if (i !== undefined) return i;
		const now = code === null ? undefined : baseline.passage.get(code);
		if (code && now && now !== code) merged.add(`${code} → ${now}`);
		else unknown.add(`« ${raw} » ligne ${line}`);
		return null;
	};
	for (let l = 1; l < lines.length; l++) {
		if (lines[l].trim() === '') continue;
		rows++;
		const cells = lines[l].split(separator);
		const a = commune(cells[columns[0]] ?? '', l + 1);
		const b = commune(cells[columns[1]] ?? '', l + 1);
		const rawMinutes = (cells[columns[2]] ?? '').trim().replace(/^"|"$/g, '');
		const t = /^\d+(?:[.,]\d+)?$/.test(rawMinutes) ? Number(rawMinutes.replace(',', '.')) : Number.NaN;
		if (Number.isNaN(t)) notNumber.add(`« ${rawMinutes} » ligne ${l + 1}`);
		if (a === null || b === null || Number.isNaN(t)) continue;
		present.add(a);
		present.add(b);
		if (a === b) {
			diagonal.add(a);
			continue;
		}
		const key = a * baseline.codes.length + b;
		if (seen.has(key)) {
			duplicates.add(`${baseline.codes[a]} → ${baseline.codes[b]}`);
			continue;
		}
		seen.add(key);
		from.push(a);
		to.push(b);
		minutes.push(t);
	}
	if (from.length === 0) throw new ScenarioError(`Matrice de temps : aucun couple de communes utilisable sur ${rows} ligne(s).`);
	const noDiagonal = new Tally();
	for (const i of present) if (!diagonal.has(i)) noDiagonal.add(baseline.codes[i]);
	const report = [
		`Matrice de temps : ${rows.toLocaleString('fr-FR')} lignes lues, ${from.length.toLocaleString('fr-FR')} couples de communes gardés, ${present.size.toLocaleString('fr-FR')} communes.`,
		...unknown.line('codes inconnus, lignes écartées'),
		...merged.line('anciens codes de communes fusionnées, lignes écartées (refaire l’export au COG 2025)'),
		...notNumber.line('temps qui ne sont pas des nombres de minutes, lignes écartées'),
		...duplicates.line('couples en double, le premier gardé'),
		...noDiagonal.line('communes sans leur propre ligne (diagonale manquante) : comptées à 0 minute d’elles-mêmes, comme la DREES')
	];
	return { pairs: { from: Int32Array.from(from), to: Int32Array.from(to), minutes: Float64Array.from(minutes) }, report };
}
