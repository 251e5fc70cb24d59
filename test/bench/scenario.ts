/**
 * « Et si… ? » figures: the scenario engine over France, in Node (the same code as the worker) and in the page's
 * worker (`data-run-ms`, timed inside the worker), « Où installer ? » over a département and over France (Node,
 * the worker's code), and the time the page takes to load DREES's APL and the travel
 * times and show a first scenario. Figures only.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { parseManifest } from '../../src/lib/data/queries/artefacts';
import { DEFAULT_DATA_DIR } from '../../src/lib/data/engine/node';
import { loadScenarioInputs } from '../../src/lib/data/scenario/inputs';
import { ScenarioModel } from '../../src/lib/scenario/scenario';
import { parseScenario } from '../../src/lib/scenario/text';
import { whereToInstall } from '../../src/lib/scenario/placement';
import { reportLongTasks, takeLongTasks, watchLongTasks } from './longtasks';

import type { Report } from './import';
const median = (v: number[]) => [...v].sort((a, b) => a - b)[Math.floor(v.length / 2)];
/** Communes of the Lot, Cantal and Aveyron the runs alternate between. */
const COMMUNES = ['46128', '46102', '46042', '15014', '12202', '46251'];

export async function scenarioNodeBench(report: Report): Promise<void> {
	const manifest = parseManifest(await readFile(join(DEFAULT_DATA_DIR, 'manifest.json'), 'utf8'));
	let started = performance.now();
	const inputs = await loadScenarioInputs(manifest, async (file) => new Uint8Array(await readFile(join(DEFAULT_DATA_DIR, file))), 2023);
	const model = new ScenarioModel(inputs.baseline, inputs.pairs);
	report('scenario_node_load', performance.now() - started, 'ms');
	const times: number[] = [];
	for (let i = 0; i < 20; i++) {
		started = performance.now();
		model.run(parseScenario(`ajout:${COMMUNES[i % COMMUNES.length]}:1;retrait:${COMMUNES[(i + 1) % COMMUNES.length]}:1`));
		times.push(performance.now() - started);
	}
	report('scenario_france_node_median', median(times), 'ms');
	// « Où installer ? » for 3 GPs placed greedily: the Lot (313 candidates), then every commune of France.
	const lot = inputs.baseline.codes.filter((code) => code.startsWith('46'));
	for (const [name, perimeter] of [['lot', lot], ['france', inputs.baseline.codes]] as const) {
		started = performance.now();
		whereToInstall(model, perimeter, 3);
		report(`placement_3gp_${name}`, performance.now() - started, 'ms');
	}
}

export async function scenarioPageBench(browser: Browser, url: string, report: Report): Promise<void> {
	const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
	await watchLongTasks(context);
	const page = await context.newPage();
	let started = performance.now();
	await page.goto(`${url}/scenario?p=departement:46&s=ajout:46128:1`);
	await page.getByTestId('scenario-table').waitFor({ timeout: 180_000 });
	report('scenario_first_result', performance.now() - started, 'ms');
	reportLongTasks(report, 'scenario_load', await takeLongTasks(page));
	const times: number[] = [];
	for (const code of COMMUNES.slice(1)) {
		const before = await page.getByTestId('scenario-main').getAttribute('data-run-ms');
		await page.getByTestId('scenario-commune').fill(code);
		await page.getByTestId('scenario-amount').fill('1');
		await page.getByTestId('scenario-add').click();
		await page.waitForFunction((b) => document.querySelector('[data-testid=scenario-main]')?.getAttribute('data-run-ms') !== b, before);
		times.push(Number(await page.getByTestId('scenario-main').getAttribute('data-run-ms')));
	}
	report('scenario_france_worker_median', median(times), 'ms');
	report('scenario_france_worker_max', Math.max(...times), 'ms');
	reportLongTasks(report, 'scenario_edits', await takeLongTasks(page));
	// « Où installer ? » in the worker, from the click to the list: 3 GPs over the page's perimeter (the Lot).
	await page.getByTestId('placement-gps').fill('3');
	started = performance.now();
	await page.getByTestId('placement-run').click();
	await page.getByTestId('placement-top').getByRole('button').first().waitFor({ timeout: 180_000 });
	report('placement_3gp_page', performance.now() - started, 'ms');
	reportLongTasks(report, 'placement', await takeLongTasks(page));
	await context.close();
}
