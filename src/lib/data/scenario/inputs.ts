/**
 * The scenario engine's inputs, read from the shipped artefacts (checked against the manifest) without DuckDB:
 * the same code in the browser's worker and in Node. DREES's APL of one millésime, the COG 2025 communes, the
 * table of old codes, and the approximate travel times.
 */
import { type Table, type Vector, tableFromIPC } from 'apache-arrow';
import { type Manifest, TRAVEL_TIMES_TABLE, findArtefact, readArtefact } from '../queries/artefacts';
import type { TravelPairs } from '../../scenario/engine';
import { bothWays } from '../../scenario/engine';
import { type Baseline, ScenarioError } from '../../scenario/scenario';

export const SCENARIO_TABLES = ['communes', 'apl', 'cog_passage', TRAVEL_TIMES_TABLE] as const;

type Read = (file: string) => Promise<Uint8Array>;

async function table(manifest: Manifest, name: string, read: Read): Promise<Table> {
	return tableFromIPC(await readArtefact(findArtefact(manifest, name), read));
}

const child = (t: Table, name: string): Vector => {
	const c = t.getChild(name);
	if (!c) throw new ScenarioError(`Colonne « ${name} » absente des données livrées.`);
	return c;
};

/** A dictionary-encoded code column → the index of each row's code in `index` (−1: not a commune). */
function codeIndices(vector: Vector, index: ReadonlyMap<string, number>): Int32Array {
	const out = new Int32Array(vector.length);
	let offset = 0;
	for (const data of vector.data) {
		const dictionary = data.dictionary;
		if (!dictionary) throw new ScenarioError('Temps de trajet : colonne de codes non encodée en dictionnaire.');
		const map = Int32Array.from(dictionary.toArray() as string[], (code) => index.get(code) ?? -1);
		const keys = data.values as Int32Array;
		for (let k = 0; k < data.length; k++) out[offset + k] = map[keys[k]];
		offset += data.length;
	}
	return out;
}

export function baselineOf(communes: Table, apl: Table, passage: Table, annee: number): Baseline {
	const codes = child(communes, 'code').toArray() as string[];
	const index = new Map(codes.map((c, i) => [c, i]));
	const n = codes.length;
	const filled = () => new Float64Array(n).fill(Number.NaN);
	const baseline: Baseline = {
		annee,
		codes,
		pstd: new Float64Array(n),
		population: new Float64Array(n),
		apl: filled(),
		aplMoins65: filled(),
		passage: new Map(Array.from(child(passage, 'code_hist'), (old, k) => [String(old), String(child(passage, 'code').get(k))]))
	};
	const years = child(apl, 'annee');
	const aplCodes = child(apl, 'code');
	const columns = ['apl_mg', 'apl_mg_moins65', 'pop_standardisee', 'pop_totale'].map((name) => child(apl, name));
	let rows = 0;
	for (let k = 0; k < apl.numRows; k++) {
		if (Number(years.get(k)) !== annee) continue;
		const i = index.get(String(aplCodes.get(k)));
		if (i === undefined) continue;
		rows++;
		const [all, under65, pstd, pop] = columns.map((c) => c.get(k) as number | null);
		baseline.apl[i] = all ?? Number.NaN;
		baseline.aplMoins65[i] = under65 ?? Number.NaN;
		baseline.pstd[i] = pstd ?? 0;
		baseline.population[i] = pop ?? 0;
	}
	if (rows === 0) throw new ScenarioError(`Pas d’APL de la DREES pour ${annee} (années livrées : 2022 et 2023).`);
	return baseline;
}

/** The shipped approximate times: one row per unordered pair, both directions returned. */
export function travelPairsOf(times: Table, codes: readonly string[]): TravelPairs {
	const index = new Map(codes.map((c, i) => [c, i]));
	const a = codeIndices(child(times, 'origine'), index);
	const b = codeIndices(child(times, 'destination'), index);
	if (a.includes(-1) || b.includes(-1)) throw new ScenarioError('Temps de trajet : un code n’est pas une commune du COG 2025 (données à reconstruire).');
	return bothWays(a, b, child(times, 'minutes').toArray() as Float32Array);
}

export interface ScenarioInputs {
	baseline: Baseline;
	pairs: TravelPairs;
	/** Each commune's centroid (IGN contours), in the order of the baseline's codes: where a map marks it. */
	lon: Float64Array;
	lat: Float64Array;
}

export async function loadScenarioInputs(manifest: Manifest, read: Read, annee: number): Promise<ScenarioInputs> {
	const [communes, apl, passage, times] = await Promise.all(SCENARIO_TABLES.map((name) => table(manifest, name, read)));
	const baseline = baselineOf(communes, apl, passage, annee);
	const degrees = (name: string) => Float64Array.from(child(communes, name).toArray() as Float64Array);
	return { baseline, pairs: travelPairsOf(times, baseline.codes), lon: degrees('lon'), lat: degrees('lat') };
}
