/**
 * The text form of a scenario, the same in the URL, the CLI and a CLS action:
 * changes separated by « ; », each `type:commune:nombre`, e.g. `ajout:46128:1;etp:46102:0,5;retrait:46042:2`,
 * `msp:46128:4`, `regroupement:46102:1,46042:2>46128` (one doctor from 46102 and two from 46042 move to 46128),
 * and `depart65` (the GPs of 65 or more retire everywhere). Numbers take a decimal comma or point.
 */
import type { Change, Scenario } from './scenario';
import { ScenarioError } from './scenario';

const KINDS = ['ajout', 'etp', 'msp', 'retrait', 'regroupement'] as const;

/** A count of doctors (whole, > 0) or of ETP (> 0, fractional allowed), with a French error otherwise. */
export function parseAmount(raw: string, what: 'medecins' | 'etp'): number {
	const text = raw.trim().replace(',', '.');
	const value = /^\d+(?:\.\d+)?$/.test(text) ? Number(text) : Number.NaN;
	if (Number.isNaN(value)) throw new ScenarioError(`« ${raw} » n’est pas un nombre (attendu : ${what === 'etp' ? 'un nombre d’ETP, ex. 0,5' : 'un nombre de médecins, ex. 2'}).`);
	if (value <= 0) throw new ScenarioError(`Le nombre ${what === 'etp' ? 'd’ETP' : 'de médecins'} doit être supérieur à 0 (reçu ${raw}).`);
	if (what === 'medecins' && !Number.isInteger(value)) throw new ScenarioError(`Un nombre de médecins est entier (reçu ${raw}) : pour une fraction, utilisez des ETP.`);
	if (value > 1000) throw new ScenarioError(`${raw} médecins ou ETP en une commune : nombre invraisemblable (1 000 au plus).`);
	return value;
}

function parseChange(token: string): Change {
	const [kind, ...rest] = token.split(':');
	if (kind === 'regroupement') {
		const [origins, to] = rest.join(':').split('>');
		if (!origins || !to) throw new ScenarioError(`Regroupement mal écrit : « ${token} » (attendu regroupement:46102:1,46042:2>46128).`);
		const from = origins.split(',').map((part) => {
			const [code, count] = part.split(':');
			if (!code || count === undefined) throw new ScenarioError(`Regroupement : « ${part} » n’est pas commune:médecins (ex. 46102:1).`);
			return { code: code.trim(), medecins: parseAmount(count, 'medecins') };
		});
		return { kind, from, to: to.trim() };
	}
	if (!(KINDS as readonly string[]).includes(kind)) throw new ScenarioError(`Changement inconnu : « ${kind} » (attendu ${[...KINDS, 'depart65'].join(', ')}).`);
	const [code, count] = rest;
	if (!code || count === undefined || rest.length !== 2) throw new ScenarioError(`« ${token} » : attendu ${kind}:commune:nombre (ex. ${kind}:46128:1).`);
	if (kind === 'etp') return { kind, code: code.trim(), etp: parseAmount(count, 'etp') };
	return { kind: kind as 'ajout' | 'msp' | 'retrait', code: code.trim(), medecins: parseAmount(count, 'medecins') };
}

export function parseScenario(text: string): Scenario {
	const scenario: Scenario = { changes: [], depart65: false };
	for (const token of text.split(';').map((t) => t.trim()).filter(Boolean)) {
		if (token === 'depart65') scenario.depart65 = true;
		else scenario.changes.push(parseChange(token));
	}
	return scenario;
}

const number = (n: number) => String(n).replace('.', ',');

export function formatScenario(scenario: Scenario): string {
	const tokens = scenario.changes.map((c) => {
		if (c.kind === 'regroupement') return `regroupement:${c.from.map((f) => `${f.code}:${f.medecins}`).join(',')}>${c.to}`;
		return `${c.kind}:${c.code}:${number(c.kind === 'etp' ? c.etp : c.medecins)}`;
	});
	if (scenario.depart65) tokens.push('depart65');
	return tokens.join(';');
}

/** A change said in French (« +1 médecin généraliste à 46128 »), for tables, notes and the CLS action. */
export function describeChange(change: Change, name: (code: string) => string = (c) => c): string {
	const plural = (n: number, word: string) => `${number(n)} ${word}${n > 1 ? 's' : ''}`;
	switch (change.kind) {
		case 'ajout':
			return `+${plural(change.medecins, 'médecin')} généraliste${change.medecins > 1 ? 's' : ''} à ${name(change.code)}`;
		case 'etp':
			return `+${number(change.etp)} ETP de médecine générale à ${name(change.code)}`;
		case 'msp':
			return `une MSP de ${plural(change.medecins, 'médecin')} à ${name(change.code)}`;
		case 'retrait':
			return `départ de ${plural(change.medecins, 'médecin')} de ${name(change.code)}`;
		case 'regroupement':
			return `regroupement à ${name(change.to)} de ${change.from.map((f) => `${plural(f.medecins, 'médecin')} de ${name(f.code)}`).join(' et ')}`;
	}
}
