import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseManifest } from '../../../src/lib/data/queries/artefacts';
import { DEFAULT_DATA_DIR } from '../../../src/lib/data/engine/node';
import { openNodeSource, type NodeSource } from '../../../src/lib/data/queries/node';
import { loadScenarioInputs, type ScenarioInputs } from '../../../src/lib/data/scenario/inputs';
import { ScenarioModel } from '../../../src/lib/scenario/scenario';
import { parseScenario } from '../../../src/lib/scenario/text';
import { run } from '../../../src/lib/data/scenario/cli';
import { sql } from '../../../src/lib/data/queries/sql';

// The shipped artefacts: DREES's APL 2023 and the approximate travel times over France.
let inputs: ScenarioInputs;
let model: ScenarioModel;
let source: NodeSource;

beforeAll(async () => {
	const manifest = parseManifest(await readFile(join(DEFAULT_DATA_DIR, 'manifest.json'), 'utf8'));
	inputs = await loadScenarioInputs(manifest, async (file) => new Uint8Array(await readFile(join(DEFAULT_DATA_DIR, file))), 2023);
	model = new ScenarioModel(inputs.baseline, inputs.pairs);
	source = await openNodeSource();
}, 120_000);

afterAll(() => source?.close());

const GRAMAT = '46128';

/** Parses the CLI's CSV (`;`, decimal comma). */
function parseCsv(csv: string): { code: string; avant: number; apres: number; variation: number; pstd: number }[] {
	const [header, ...lines] = csv.trim().split('\n');
	expect(header).toBe('code;apl_avant;apl_apres;variation;pop_standardisee');
	return lines.map((line) => {
		const [code, ...numbers] = line.split(';');
		const [avant, apres, variation, pstd] = numbers.map((n) => (n === '' ? Number.NaN : Number(n.replace(',', '.'))));
		return { code, avant, apres, variation, pstd };
	});
}

describe('scenarios over France (shipped artefacts)', () => {
	it('places each commune where the SQL table of communes does (the map marks « Où installer ? » there)', async () => {
		const i = inputs.baseline.codes.indexOf(GRAMAT);
		const [row] = await source.rows<{ lon: number; lat: number }>(['communes'], sql`SELECT lon, lat FROM communes WHERE code = ${GRAMAT}`);
		expect([inputs.lon[i], inputs.lat[i]]).toEqual([Number(row.lon), Number(row.lat)]);
		expect(inputs.lon).toHaveLength(inputs.baseline.codes.length);
	});

	it('conserves one more GP at Gramat: Σ ΔAPL·Pstd = 5,400 within 0.1 %', () => {
		const result = model.run(parseScenario(`ajout:${GRAMAT}:1`));
		const { pstd, codes } = inputs.baseline;
		const absorbed = result.delta.reduce((s, d, i) => s + d * pstd[i], 0);
		expect(Math.abs(absorbed - 5400) / 5400).toBeLessThan(1e-3);
		const touched = codes.filter((_, i) => result.delta[i] !== 0);
		expect(touched).toContain(GRAMAT);
		expect(touched.length).toBeGreaterThan(5);
		// Within 20 minutes of Gramat: all in the Lot or a neighbouring département.
		expect(touched.every((c) => ['46', '19', '12', '24', '15'].includes(c.slice(0, 2)))).toBe(true);
		expect(result.delta.every((d) => d >= 0)).toBe(true);
	});

	it('gives back DREES’s APL exactly when the same supply is added then removed', () => {
		const result = model.run(parseScenario(`msp:${GRAMAT}:4;ajout:46102:2;retrait:${GRAMAT}:4;retrait:46102:2`));
		expect(Array.from(result.after)).toEqual(Array.from(inputs.baseline.aplMoins65));
	});

	it('retires the GPs of 65 or more by DREES’s under-65 column, as the atlas’s SQL reads it', async () => {
		const result = model.run(parseScenario('depart65'));
		await source.prefetch(['apl']);
		const table = await source.db.query('SELECT code, apl_mg, apl_mg_moins65 FROM apl WHERE annee = 2023 ORDER BY code');
		const index = new Map(inputs.baseline.codes.map((c, i) => [c, i]));
		const codes = table.getChild('code')!.toArray() as string[];
		const all = table.getChild('apl_mg')!;
		const under65 = table.getChild('apl_mg_moins65')!;
		expect(codes.length).toBeGreaterThan(34_000);
		codes.forEach((code, k) => {
			const i = index.get(code)!;
			expect(result.before[i]).toBe(all.get(k));
			expect(result.after[i]).toBe(under65.get(k));
		});
	});
});

describe('npm run scenario', () => {
	const cli = async (...args: string[]) => {
		const errors: string[] = [];
		const csv = await run(args, DEFAULT_DATA_DIR, (line) => errors.push(line));
		return { csv, errors: errors.join('\n') };
	};

	it('prints the communes whose APL changes, whose sum satisfies conservation', async () => {
		const { csv, errors } = await cli('--ajout', `${GRAMAT}:1`, '--annee', '2023');
		const rows = parseCsv(csv);
		const gramat = rows.find((r) => r.code === GRAMAT)!;
		expect(gramat.apres).toBeGreaterThan(gramat.avant);
		expect(gramat.variation).toBeCloseTo(gramat.apres - gramat.avant, 5);
		const absorbed = rows.reduce((s, r) => s + r.variation * r.pstd, 0);
		expect(Math.abs(absorbed - 5400) / 5400).toBeLessThan(1e-3);
		expect(errors).toMatch(/estimation cls-atlas, méthode APL de la DREES \(APL 2023\), temps de trajet approchés/);
	});

	it('refuses an unknown code, a merged code and text instead of a number, in French', async () => {
		await expect(cli('--ajout', '46999:1')).rejects.toThrow(/Code commune inconnu : 46999/);
		const old = [...inputs.baseline.passage].find(([hist, now]) => hist !== now && hist.startsWith('46'))!;
		await expect(cli('--ajout', `${old[0]}:1`)).rejects.toThrow(new RegExp(`fusionné dans ${old[1]}`));
		await expect(cli('--retrait', `${GRAMAT}:trois`)).rejects.toThrow(/« trois » n’est pas un nombre/);
		await expect(cli('--annee', '2019', '--ajout', `${GRAMAT}:1`)).rejects.toThrow(/2022 et 2023/);
		await expect(cli('--ajoute', `${GRAMAT}:1`)).rejects.toThrow(/Option inconnue/);
	});

	it('says so when a removal would take an APL below 0', async () => {
		const { csv, errors } = await cli('--retrait', `${GRAMAT}:60`);
		expect(errors).toMatch(/l’APL ne descend pas sous 0/);
		expect(parseCsv(csv).every((r) => r.apres >= 0)).toBe(true);
	});

	it('« Où installer ? » names the Lot’s commune that lifts the most inhabitants above 2.5, as a scenario there shows', async () => {
		const { csv } = await cli('--ou-installer', 'departement:46', '--medecins', '2');
		const [header, first, second] = csv.trim().split('\n');
		expect(header).toBe('rang;code;habitants_au_dessus_2_5;deficit_reduit');
		const [, code, lifted] = first.split(';');
		expect(second.startsWith('choix 2;')).toBe(true);
		const result = model.run(parseScenario(`ajout:${code}:1`));
		const { codes, population } = inputs.baseline;
		const expected = codes.reduce((s, c, i) => s + (c.startsWith('46') && result.before[i] < 2.5 && result.after[i] >= 2.5 ? population[i] : 0), 0);
		expect(Number(lifted)).toBe(expected);
		expect(expected).toBeGreaterThan(0);
	});
});
