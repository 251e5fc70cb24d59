import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { openNodeSource, type NodeSource } from '../../../src/lib/data/queries/node';
import { facilityList } from '../../../src/lib/data/queries/map';
import { resolveTerritory, type ResolvedTerritory } from '../../../src/lib/data/queries/territories';
import { getIndicator } from '../../../src/lib/indicators/catalogue';
import { MISSING } from '../../../src/lib/indicators/classify';
import { SHIPPED_CLS, getShippedCls } from '../../../src/lib/register/register';
import { documentFigureGaps, gapSentence, isFinessFigure } from '../../../src/lib/data/queries/document-figures';
import { portraitLabels, portraitMapClasses } from '../../../src/lib/features/portrait/map-classes';
import { portraitRanks } from '../../../src/lib/features/portrait/portrait';
import { rankOfCode } from '../../../src/lib/features/portrait/rank';
import { facilityLayers, HALO, HALO_WIDTH_PX, FACILITY_CATEGORIES, type Facilities } from '../../../src/lib/map/facilities';
import type { TerritoryKey } from '../../../src/lib/territory/key';

let source: NodeSource;
beforeAll(async () => {
	source = await openNodeSource();
	// Every table, for the hand-written SQL the layer's answers are checked against.
	await source.prefetch();
});
afterAll(() => source?.close());

const resolveKey = async (key: TerritoryKey): Promise<ResolvedTerritory> => {
	const membership = new Map((await source.db.query('SELECT code, epci FROM communes')).toArray().map((r) => [String(r.code), (r.epci as string | null) ?? null]));
	const t = await resolveTerritory(source, key, { clsList: SHIPPED_CLS, membership });
	if (!t) throw new Error(`${key.level}:${key.code} introuvable`);
	return t;
};
const scalar = async (sql: string, params: string[] = []) => Number((await source.db.query(sql, params)).get(0)!.toJSON().v);

describe('the portrait map classes (fictitious values, test fixture)', () => {
	const apl = getIndicator('apl_mg_moins65_2023');
	// Ten communes of a made-up département: values 1…10; the territory holds three of them and a commune without value.
	const codes = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j', 'k'];
	const values = Float64Array.from([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, NaN]);
	const inArea = Uint8Array.from(codes, () => 1);

	it('bounds from the area, counts and colours on the territory only', () => {
		const { classification, colors } = portraitMapClasses(apl, codes, values, inArea, new Set(['a', 'e', 'j', 'k']));
		expect(classification.breaks).toHaveLength(4);
		expect(classification.min).toBe(1);
		expect(classification.max).toBe(10);
		expect(classification.counts.reduce((s, n) => s + n, 0)).toBe(3);
		expect(classification.missing).toBe(1);
		expect(classification.classOf[codes.indexOf('b')]).toBeLessThan(MISSING);
		expect([...colors.keys()].sort()).toEqual(['a', 'e', 'j', 'k']);
		// Lowest and highest values fall in the first and last classes, so their colours differ.
		expect(colors.get('a')).not.toEqual(colors.get('j'));
	});

	it('a commune’s portrait colours its neighbours in the same classes, counting only the commune', () => {
		const alone = portraitMapClasses(apl, codes, values, inArea, new Set(['j']));
		const around = portraitMapClasses(apl, codes, values, inArea, new Set(['j']), true);
		expect(around.classification.counts).toEqual(alone.classification.counts);
		expect(around.colors.get('j')).toEqual(alone.colors.get('j'));
		// Every commune with a value has a colour; the one without stays uncoloured (drawn as outside).
		expect(around.colors.size).toBe(values.filter(Number.isFinite).length);
		expect(around.colors.get('a')).toEqual(portraitMapClasses(apl, codes, values, inArea, new Set(['a'])).colors.get('a'));
	});

	it('a single commune still gets the class of its value among the area', () => {
		const { classification } = portraitMapClasses(apl, codes, values, inArea, new Set(['j']));
		expect(classification.classOf[codes.indexOf('j')]).toBe(classification.counts.length - 1);
	});
});

describe('the portrait map names', () => {
	// Fictitious places, largest first (test fixture).
	const places = {
		codes: ['t1', 'in1', 't2', 'in2', 'in3', 'v1'],
		names: ['Grandeville', 'Bourg', 'Moyenville', 'Village', 'Hameau', 'Lieu-dit'],
		lon: Float64Array.from([1, 2, 3, 4, 5, 6]),
		lat: Float64Array.from([1, 2, 3, 4, 5, 6])
	};
	const population = [80_000, 5_000, 3_000, 800, 200, 100];

	it('the largest communes inside, and the towns around as large as the smallest named inside', () => {
		const labels = portraitLabels(places, new Set(['in1', 'in2', 'in3']), population, 2);
		expect(labels.names).toEqual(['Grandeville', 'Bourg', 'Moyenville', 'Village']);
		expect([...labels.minZoom]).toEqual([0, 0, 0, 0]);
	});

	it('around a territory of few communes, every commune of 1,000 inhabitants or more', () => {
		const labels = portraitLabels(places, new Set(['in3']), population, 2);
		expect(labels.names).toEqual(['Grandeville', 'Bourg', 'Moyenville', 'Hameau']);
	});
});

describe('the facilities of a territory', () => {
	it('Cauvaldor: the MSP listed are those FINESS places in its communes, with commune and millésime', async () => {
		const t = await resolveKey({ level: 'cls', code: 'cauvaldor' });
		const list = await facilityList(source, t.communes, ['msp']);
		const expected = await scalar("SELECT count(*)::DOUBLE AS v FROM finess f JOIN communes c ON c.code = f.code_commune WHERE c.epci = '200066371' AND f.categorie = 'msp'");
		expect(list).toHaveLength(expected);
		expect(list.length).toBeGreaterThan(0);
		for (const f of list) {
			const row = (await source.db.query('SELECT raison_sociale, code_commune, CAST(source AS VARCHAR) AS source FROM finess WHERE nofinesset = ?', [f.nofinesset])).get(0)!.toJSON();
			expect(f.nom).toBe(row.raison_sociale);
			expect(f.code).toBe(row.code_commune);
			expect(f.millesime).toBe(row.source === 'finess-occitanie-2026' ? '2025-2026' : '2021');
			expect(f.commune).not.toBe('');
		}
	});

	it('points keep a white halo on every class colour', () => {
		const facilities: Facilities = {
			ranges: Object.fromEntries(FACILITY_CATEGORIES.map((c) => [c.id, [0, 0]])) as Facilities['ranges'],
			positions: new Float32Array(),
			names: [],
			codes: [],
			millesime: []
		};
		for (const layer of facilityLayers(facilities, ['msp', 'hopital'])) {
			expect(layer.props.stroked).toBe(true);
			expect(layer.props.getLineColor).toEqual(HALO);
			expect(layer.props.getLineWidth).toBe(HALO_WIDTH_PX);
			expect(HALO_WIDTH_PX).toBeGreaterThanOrEqual(1.5);
		}
	});
});

describe('a document figure beside the atlas count', () => {
	it('Cauvaldor: the press kit’s MSP figure against FINESS, both dates in the sentence', async () => {
		const cls = getShippedCls('cauvaldor')!;
		const cited = cls.chiffresCites?.filter(isFinessFigure).find((c) => c.categorieFiness === 'msp');
		expect(cited?.valeur).toBe(9);
		const t = await resolveKey({ level: 'cls', code: 'cauvaldor' });
		const msp = await facilityList(source, t.communes, ['msp']);
		const gaps = documentFigureGaps(cls, (categorie) => {
			const of = msp.filter((f) => f.categorie === categorie);
			return { n: of.length, millesimes: [...new Set(of.map((f) => f.millesime))] };
		});
		expect(gaps).toHaveLength(msp.length === 9 ? 0 : 1);
		const sentence = gapSentence(gaps[0]);
		expect(sentence).toContain('9 maisons de santé pluriprofessionnelles');
		expect(sentence).toContain(`en compte ${msp.length}`);
		expect(sentence).toContain(cited!.date);
		expect(sentence).toContain('2025-2026');
	});

	it('no note where the figures agree', () => {
		const cls = getShippedCls('cauvaldor')!;
		expect(documentFigureGaps(cls, () => ({ n: 9, millesimes: ['2025-2026'] }))).toEqual([]);
	});
});

describe('portrait ranks', () => {
	it('Saint-Céré: distance to an MSP ranked shortest first within the Lot and Occitanie; bassin-de-vie values not ranked', async () => {
		const t = await resolveKey({ level: 'commune', code: '46251' });
		const ranks = await portraitRanks(source, t, ['dist_msp_km', 'part_75_ans_plus_bv_2022', 'apl_mg_moins65_2023']);
		const own = await scalar("SELECT dist_msp_km AS v FROM acces WHERE code = '46251'");
		for (const [i, where] of [
			[0, "c.dep = '46'"],
			[1, "c.reg = '76'"]
		] as const) {
			const better = await scalar(`SELECT count(*)::DOUBLE AS v FROM acces a JOIN communes c USING (code) WHERE ${where} AND a.dist_msp_km < ?`, [String(own)]);
			const total = await scalar(`SELECT count(*)::DOUBLE AS v FROM acces a JOIN communes c USING (code) WHERE ${where} AND a.dist_msp_km IS NOT NULL`);
			expect(ranks.get('dist_msp_km')!.ranks[i].rank).toMatchObject({ rank: better + 1, total });
		}
		expect(ranks.get('dist_msp_km')!.ranks.map((r) => r.scope)).toEqual(['Lot', 'Occitanie']);
		expect(ranks.get('part_75_ans_plus_bv_2022')).toEqual({ ranks: [], unranked: 'mesuré au bassin de vie' });
		expect(ranks.get('apl_mg_moins65_2023')!.ranks).toHaveLength(2);
	});

	it('a CLS perimeter has no peers to be ranked among', async () => {
		const t = await resolveKey({ level: 'cls', code: 'cauvaldor' });
		expect((await portraitRanks(source, t, ['dist_msp_km'])).size).toBe(0);
	});

	it('rankOfCode: the code’s own value among its peers, null when absent', () => {
		const peers = { codes: ['x', 'y', 'z'], values: [3, 1, 2] };
		expect(rankOfCode('y', peers, 'higher_worse')).toEqual({ rank: 1, total: 3, tied: 0 });
		expect(rankOfCode('y', peers, 'higher_better')).toEqual({ rank: 3, total: 3, tied: 0 });
		expect(rankOfCode('w', peers, 'higher_better')).toBeNull();
	});
});

describe('no maintainer instruction shown to users', () => {
	const SRC = resolve(import.meta.dirname, '../../../src');
	/** Command-line tools for maintainers, whose messages go to a terminal. */
	const CLI = new Set([resolve(SRC, 'lib/data/engine/cli.ts'), resolve(SRC, 'lib/data/scenario/cli.ts')]);
	const files = (dir: string): string[] =>
		readdirSync(dir).flatMap((f) => {
			const p = join(dir, f);
			return statSync(p).isDirectory() ? files(p) : /\.(ts|svelte)$/.test(f) && !CLI.has(p) ? [p] : [];
		});
	/** The code without its comments: what can reach the screen. */
	const withoutComments = (text: string) =>
		text
			.replace(/<!--[\s\S]*?-->/g, '')
			.replace(/\/\*[\s\S]*?\*\//g, '')
			.replace(/^\s*\/\/.*$/gm, '');

	it('no « npm run », « relancez », « reconstruisez » nor data folder of the sources in the app’s strings', () => {
		const found = files(SRC).flatMap((f) => {
			const text = withoutComments(readFileSync(f, 'utf8'));
			return [...text.matchAll(/npm run|relancez|reconstruisez|insee-pop-ages\//gi)].map((m) => `${f}: ${m[0]}`);
		});
		expect(found).toEqual([]);
	});
});
