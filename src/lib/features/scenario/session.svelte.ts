/**
 * One « Et si… ? » session: the scenario worker's lifecycle (started when a section opens, closed with it), the
 * baseline of the millésime asked for, the run of the current scenario, its result and errors, the imported
 * travel times and « Où installer ? ». What the editor, the results and the map show is derived here, so the page
 * `/scenario`, the CLS page and the explorer show one thing the same way.
 */
import { atlasContext, type AtlasContext } from '../../data/queries/context';
import { ScenarioClient, type LoadedBaseline, type RunResult } from '../../data/scenario/client';
import { getShippedCls } from '../../register/register';
import { resolvePerimeter } from '../../register/perimeter';
import { departementOf } from '../../territory/insee-code';
import { EMPTY_SCENARIO, type Scenario } from '../../scenario/scenario';
import { describeChange, formatScenario, parseScenario } from '../../scenario/text';
import type { PlacementResult } from '../../scenario/placement';
import type { RankedPoint } from '../../map/ranked-points';
import { affectedRows, headline, type Estimate, type Headline } from './view';

/** The territory a scenario is judged on, resolved: its label in the headline figures and its communes. */
export interface ScenarioPerimeter {
	label: string;
	codes: readonly string[];
}

/**
 * The perimeter as a section receives it: a key (`cls:…`, `epci:…`, `departement:…`, or empty) resolved on the
 * shipped data, or already resolved by the page (a CLS edited in this browser), with its key for links.
 */
export type PerimeterInput = string | (ScenarioPerimeter & { key: string });

export interface SessionInput {
	text: string;
	annee: 2022 | 2023;
	perimeter: PerimeterInput;
}

export const perimeterKeyOf = (input: PerimeterInput): string => (typeof input === 'string' ? input : input.key);

/** A perimeter key on the shipped data; null for none or one that names nothing known. */
export function resolvePerimeterKey(key: string, ctx: AtlasContext, codes: readonly string[]): ScenarioPerimeter | null {
	const [level, code] = key.split(':');
	if (level === 'cls') {
		const cls = getShippedCls(code);
		return cls ? { label: `Périmètre du CLS : ${cls.nom}`, codes: resolvePerimeter(cls, ctx.membership) } : null;
	}
	if (level === 'epci') return ctx.index.has(code) ? { label: `EPCI : ${ctx.epciNames.get(code) ?? code}`, codes: ctx.index.get(code) ?? [] } : null;
	if (level === 'departement') return { label: `Département ${code}`, codes: codes.filter((c) => departementOf(c) === code) };
	return null;
}

const NO_NAMES: ReadonlyMap<string, string> = new Map();
/** Each commune's row in the baseline's columns (a new map per baseline, never changed). */
const positions = (codes: readonly string[]): ReadonlyMap<string, number> => new Map(codes.map((c, i) => [c, i]));
const message = (e: unknown) => (e instanceof Error ? e.message : String(e));

export class ScenarioSession {
	ctx = $state.raw<AtlasContext | null>(null);
	baseline = $state.raw<LoadedBaseline | null>(null);
	result = $state.raw<RunResult | null>(null);
	error = $state<string | null>(null);
	/** The imported travel-time matrix's file name (null: the approximate times); a new import runs the scenario again. */
	matrix = $state<string | null>(null);
	placement = $state.raw<PlacementResult | null>(null);
	focused = $state<string | null>(null);
	private timesVersion = $state(0);
	private client: ScenarioClient | null = null;
	private loadedYear = 0;
	/** Resolved once the worker holds a millésime: a change added before waits for it. */
	private markReady = () => {};
	private readonly ready = new Promise<void>((resolve) => (this.markReady = resolve));
	private readonly input: () => SessionInput;

	/** `input` is read reactively (the page's URL, a section's props). */
	constructor(input: () => SessionInput) {
		this.input = input;
	}

	/**
	 * Starts the worker and runs each scenario given; call it while a component is set up (it registers an effect)
	 * and call the answer when the component goes (the worker ends with it).
	 */
	follow(): () => void {
		const client = new ScenarioClient();
		this.client = client;
		atlasContext()
			.then((c) => (this.ctx = c))
			.catch((e: unknown) => (this.error = message(e)));
		$effect(() => {
			const c = this.ctx;
			const { annee: year, text } = this.input();
			void this.timesVersion;
			if (!c) return;
			let live = true;
			(async () => {
				if (this.loadedYear !== year) {
					this.baseline = await client.load(c.files.dataUrl, c.files.manifest, year);
					this.loadedYear = year;
					this.markReady();
				}
				const r = await client.run(text);
				if (live) {
					this.result = r;
					this.error = null;
				}
			})().catch((e: unknown) => live && (this.error = `Scénario de l’adresse ignoré : ${message(e)}`));
			return () => {
				live = false;
			};
		});
		return () => client.close();
	}

	readonly text = $derived.by(() => this.input().text);
	readonly scenario = $derived.by<Scenario>(() => {
		try {
			return parseScenario(this.text);
		} catch {
			return EMPTY_SCENARIO;
		}
	});

	/** The scenario's text with `tokens` (text form) added, normalised; throws the French message of a bad change. */
	joined(tokens: string): string {
		return formatScenario(parseScenario(this.text ? `${this.text};${tokens}` : tokens));
	}

	/** `joined`, checked by the engine first (a bad change rejects in French; the scenario stays as it was). */
	async withAdded(tokens: string): Promise<string> {
		await this.ready;
		const normalized = this.joined(tokens);
		await this.client!.run(normalized);
		return normalized;
	}

	async importMatrix(file: File): Promise<string[]> {
		await this.ready;
		const report = await this.client!.useMatrix(await file.arrayBuffer());
		this.matrix = file.name;
		this.timesVersion++;
		return report;
	}

	async resetMatrix(): Promise<void> {
		await this.client!.useMatrix(null);
		this.matrix = null;
		this.timesVersion++;
	}

	place(gps: number, progress: (done: number, total: number) => void): Promise<PlacementResult> {
		return this.client!.place([...(this.perimeter?.codes ?? [])], gps, progress);
	}

	readonly estimate = $derived.by<Estimate>(() => ({ annee: this.input().annee, matrix: this.matrix }));
	readonly names = $derived(this.ctx?.communeNames ?? NO_NAMES);
	private readonly index = $derived(positions(this.baseline?.codes ?? []));

	readonly perimeter = $derived.by<ScenarioPerimeter | null>(() => {
		const given = this.input().perimeter;
		if (typeof given !== 'string') return given;
		return this.ctx && given ? resolvePerimeterKey(given, this.ctx, this.baseline?.codes ?? []) : null;
	});

	readonly rows = $derived(this.result && this.baseline ? affectedRows(this.result, this.baseline, this.names) : []);

	readonly headlines = $derived.by<Headline[]>(() => {
		const { result, baseline, ctx, index, perimeter } = this;
		if (!result || !baseline || !ctx) return [];
		const first = this.scenario.changes[0];
		const anchor = first ? (first.kind === 'regroupement' ? first.to : first.code) : null;
		const list: Headline[] = [];
		if (perimeter) list.push(headline(perimeter.label, perimeter.codes, result, baseline, index));
		const epci = anchor ? ctx.membership.get(anchor) : null;
		if (epci) list.push(headline(`EPCI : ${ctx.epciNames.get(epci) ?? epci}`, ctx.index.get(epci) ?? [], result, baseline, index));
		if (anchor) {
			const dep = departementOf(anchor);
			list.push(headline(`Département ${dep}`, baseline.codes.filter((c) => departementOf(c) === dep), result, baseline, index));
		}
		// The perimeter may be that EPCI or département: said once.
		return list.filter((h, k) => list.findIndex((o) => o.label === h.label) === k);
	});

	readonly aplAfter = $derived((code: string) => {
		const i = this.index.get(code);
		return i === undefined || !this.result ? undefined : this.result.after[i];
	});

	readonly ranked = $derived.by<RankedPoint[]>(() => {
		const { placement, baseline, index } = this;
		if (!placement || !baseline) return [];
		const { lon, lat } = baseline;
		return placement.top.flatMap((p, k) => {
			const i = index.get(p.code);
			return i === undefined ? [] : [{ code: p.code, rank: k + 1, lon: lon[i], lat: lat[i] }];
		});
	});

	readonly description = $derived(
		[...this.scenario.changes.map((c) => describeChange(c, (code) => this.names.get(code) ?? code)), ...(this.scenario.depart65 ? ['départ des médecins de 65 ans ou plus'] : [])].join(
			' ; '
		) || 'aucun changement'
	);

	readonly warnings = $derived.by(() => {
		const list: string[] = [];
		const r = this.result;
		if (r?.floored.length) list.push(`L’APL ne descend pas sous 0 : ${r.floored.length} commune(s) ramenée(s) à 0 (retrait supérieur à l’offre que l’APL y suppose).`);
		if (r?.unreached.length) list.push(`Aucune population à moins de 20 minutes de ${r.unreached.join(', ')} : ce changement n’atteint personne.`);
		return list;
	});

	/** Whether the scenario changes anything (the results are shown then). */
	readonly changed = $derived(this.scenario.changes.length > 0 || this.scenario.depart65);
}
