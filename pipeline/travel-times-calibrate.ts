/**
 * `npx tsx pipeline/travel-times-calibrate.ts [--data DIR]`: chooses the travel-time model of pipeline/travel-times.ts.
 * DREES's APL is not recomputable here (its supply, the SNIIR-AM activity of each GP, is not public), but its ranks are:
 * with supply proxied by the BPE 2013 count of GPs in each commune, a full 2SFCA with DREES's weights and demand
 * (DREES's standardised population) should order the communes of a département as DREES's APL does when the times
 * are right. Each candidate model is scored by the median over départements of the Spearman correlation between the
 * two; the model is fitted on half of the départements and its score reported on the other half.
 * Reads the committed artefacts (static/data), so run it after `npm run data`; prints figures only, writes nothing.
 */
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { join, resolve } from 'node:path';
import { type Table, tableFromIPC } from 'apache-arrow';
import { DREES_WEIGHT } from '../src/lib/scenario/engine';
import { type Place, type TimeModel, TRAVEL_MODEL, minutes, nearPairs, reachKm } from './travel-times';

function readTable(dir: string, name: string): Table {
	return tableFromIPC(gunzipSync(readFileSync(join(dir, `${name}.arrows.gz`))));
}

const column = (t: Table, name: string) => Array.from(t.getChild(name)!, (v) => (v === null ? null : v));

/** Average ranks (ties share their mean rank). */
function ranks(values: readonly number[]): Float64Array {
	const order = values.map((_, i) => i).sort((a, b) => values[a] - values[b]);
	const r = new Float64Array(values.length);
	for (let i = 0; i < order.length; ) {
		let j = i;
		while (j + 1 < order.length && values[order[j + 1]] === values[order[i]]) j++;
		for (let k = i; k <= j; k++) r[order[k]] = (i + j) / 2 + 1;
		i = j + 1;
	}
	return r;
}

export function spearman(x: readonly number[], y: readonly number[]): number {
	const rx = ranks(x);
	const ry = ranks(y);
	const n = x.length;
	const mean = (n + 1) / 2;
	let sxy = 0;
	let sxx = 0;
	let syy = 0;
	for (let i = 0; i < n; i++) {
		sxy += (rx[i] - mean) * (ry[i] - mean);
		sxx += (rx[i] - mean) ** 2;
		syy += (ry[i] - mean) ** 2;
	}
	return sxy / Math.sqrt(sxx * syy);
}

const median = (v: readonly number[]) => {
	const s = [...v].sort((a, b) => a - b);
	return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const quantile = (v: readonly number[], q: number) => [...v].sort((a, b) => a - b)[Math.floor(q * (v.length - 1))];

function main(dir: string): void {
	const communes = readTable(dir, 'communes');
	const typo = readTable(dir, 'typologies');
	const apl = readTable(dir, 'apl');
	const bpe = readTable(dir, 'bpe2013');
	const codes = column(communes, 'code') as string[];
	const index = new Map(codes.map((c, i) => [c, i]));
	const levels = column(typo, 'densite_niveau');
	const densite = new Map((column(typo, 'code') as string[]).map((c, i) => [c, Number(levels[i])]));
	const lon = column(communes, 'lon') as number[];
	const lat = column(communes, 'lat') as number[];
	const dep = (column(communes, 'dep') as string[]).map(String);
	const places: Place[] = codes.map((code, i) => ({ code, lon: lon[i], lat: lat[i], densite: densite.get(code) ?? 6 }));
	const n = codes.length;
	const pstd = new Float64Array(n);
	const drees = new Float64Array(n).fill(Number.NaN);
	const aplCodes = column(apl, 'code') as string[];
	const years = column(apl, 'annee');
	const aplMg = column(apl, 'apl_mg');
	const popStd = column(apl, 'pop_standardisee');
	aplCodes.forEach((c, k) => {
		if (Number(years[k]) !== 2023) return;
		const i = index.get(c)!;
		pstd[i] = Number(popStd[k] ?? 0);
		if (aplMg[k] !== null) drees[i] = Number(aplMg[k]);
	});
	const supply = new Float64Array(n);
	const gp = column(bpe, 'medecin_omnipraticien');
	(column(bpe, 'code') as string[]).forEach((c, k) => (supply[index.get(c)!] = Number(gp[k] ?? 0)));

	const speedsGrid = { dense: [30, 40, 50], mid: [40, 50, 60], rural: [40, 50, 60, 70] };
	const stops = [0, 2];
	const detour = 1.3;
	const maxKm = Math.max(...speedsGrid.rural) / detour / 3;
	const pairs = nearPairs(places, maxKm);
	console.log(`${n} communes, ${pairs.a.length} paires à moins de ${maxKm.toFixed(1)} km à vol d’oiseau`);

	const departements = [...new Set(dep)].filter((d) => d.length === 2).sort();
	const fit = new Set(departements.filter((_, k) => k % 2 === 0));
	const byDep = new Map<string, number[]>();
	dep.forEach((d, i) => {
		if (!Number.isNaN(drees[i])) (byDep.get(d) ?? byDep.set(d, []).get(d)!).push(i);
	});

	const scores = (model: TimeModel): Map<string, number> => {
		const w = new Float64Array(pairs.a.length);
		for (let k = 0; k < w.length; k++) w[k] = DREES_WEIGHT(minutes(model, pairs.km[k], places[pairs.a[k]].densite, places[pairs.b[k]].densite));
		const demand = Float64Array.from(pstd);
		for (let k = 0; k < w.length; k++) {
			demand[pairs.a[k]] += w[k] * pstd[pairs.b[k]];
			demand[pairs.b[k]] += w[k] * pstd[pairs.a[k]];
		}
		const ratio = supply.map((s, j) => (demand[j] > 0 ? s / demand[j] : 0));
		const model2sfca = Float64Array.from(ratio);
		for (let k = 0; k < w.length; k++) {
			model2sfca[pairs.a[k]] += w[k] * ratio[pairs.b[k]];
			model2sfca[pairs.b[k]] += w[k] * ratio[pairs.a[k]];
		}
		const out = new Map<string, number>();
		for (const [d, list] of byDep) {
			if (list.length < 10) continue;
			out.set(d, spearman(list.map((i) => model2sfca[i]), list.map((i) => drees[i])));
		}
		return out;
	};
	const summary = (s: Map<string, number>, inFit: boolean) => [...s].filter(([d]) => d.length === 2 && fit.has(d) === inFit).map(([, r]) => r);

	let best: { model: TimeModel; fit: number } | null = null;
	for (const dense of speedsGrid.dense)
		for (const mid of speedsGrid.mid)
			for (const rural of speedsGrid.rural)
				for (const stop of stops) {
					const model: TimeModel = { detour, speeds: [dense, mid, rural], stop };
					const score = median(summary(scores(model), true));
					if (!best || score > best.fit) best = { model, fit: score };
				}
	const report = (label: string, model: TimeModel) => {
		const s = scores(model);
		const test = summary(s, false);
		const train = summary(s, true);
		console.log(
			`${label.padEnd(34)} vitesses ${model.speeds.join('/')} km/h, détour ${model.detour}, arrêt ${model.stop} min : ` +
				`Spearman médian ajustement ${median(train).toFixed(3)} (${train.length} dép.), test ${median(test).toFixed(3)} (${test.length} dép.), ` +
				`test 1er quartile ${quantile(test, 0.25).toFixed(3)}, min ${Math.min(...test).toFixed(3)}`
		);
		return s;
	};
	console.log(`Portée gardée par le modèle retenu : ${reachKm(TRAVEL_MODEL, 20).toFixed(1)} km à vol d’oiseau pour 20 min`);
	report('Meilleur de la grille', best!.model);
	const chosen = report('Modèle livré (TRAVEL_MODEL)', TRAVEL_MODEL);
	report('Naïf : 50 km/h partout', { detour, speeds: [50, 50, 50], stop: 0 });
	report('Naïf : 70 km/h partout', { detour, speeds: [70, 70, 70], stop: 0 });
	const worst = [...chosen].sort((a, b) => a[1] - b[1]).slice(0, 5);
	console.log(`Départements les moins bien reproduits (modèle livré) : ${worst.map(([d, r]) => `${d} ${r.toFixed(2)}`).join(', ')}`);
}

const args = process.argv.slice(2);
main(resolve(args[0] === '--data' && args[1] ? args[1] : 'static/data'));
