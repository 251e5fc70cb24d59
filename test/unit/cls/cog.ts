/**
 * COG 2025 commune → EPCI membership for the CLS tests: from the committed artefact
 * static/data/communes.arrows.gz (the table the app queries), or from the raw COG CSV if the artefact is absent.
 */
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { tableFromIPC } from 'apache-arrow';
import { parseCsv } from '../../../src/lib/text/csv';

const ROOT = resolve(fileURLToPath(new URL('.', import.meta.url)), '../../..');
// The pipeline now ships gzipped artefacts; the plain name is kept as a fallback for older checkouts.
const ARTEFACTS = [resolve(ROOT, 'static/data/communes.arrows.gz'), resolve(ROOT, 'static/data/communes.arrows')];
const CSV = resolve(ROOT, '../shared/data/cog2025/communes.csv');

export interface Cog {
	membership: Map<string, string | null>;
	/** Commune names, for readable assertions. */
	names: Map<string, string>;
	from: 'arrow' | 'csv';
}

let cached: Cog | null = null;

export function loadCog(): Cog {
	if (cached) return cached;
	const membership = new Map<string, string | null>();
	const names = new Map<string, string>();
	const artefact = ARTEFACTS.find((p) => existsSync(p));
	if (artefact) {
		const bytes = readFileSync(artefact);
		const t = tableFromIPC(artefact.endsWith('.gz') ? gunzipSync(bytes) : bytes);
		const code = t.getChild('code');
		const epci = t.getChild('epci');
		const nom = t.getChild('nom');
		if (!code || !epci) throw new Error('communes.arrows : colonnes code / epci absentes');
		for (let i = 0; i < t.numRows; i++) {
			const c = String(code.get(i));
			membership.set(c, (epci.get(i) as string | null) ?? null);
			if (nom) names.set(c, String(nom.get(i)));
		}
		cached = { membership, names, from: 'arrow' };
	} else {
		const [header, ...rows] = parseCsv(readFileSync(CSV, 'utf8'), ',');
		const iCode = header.fields.indexOf('DEPCOM');
		const iEpci = header.fields.indexOf('EPCI');
		const iNom = header.fields.indexOf('NOM_DEPCOM');
		for (const r of rows) {
			membership.set(r.fields[iCode], r.fields[iEpci] || null);
			names.set(r.fields[iCode], r.fields[iNom]);
		}
		cached = { membership, names, from: 'csv' };
	}
	return cached;
}
