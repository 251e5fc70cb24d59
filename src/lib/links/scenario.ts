/**
 * The « Et si… ? » page's URL: `s` the scenario in its text form (`ajout:46128:1;retrait:46102:2`), `p` the
 * perimeter it is judged on (`cls:…`, `epci:…`, `departement:…`), `a` DREES's millésime when it is not 2023. The
 * explorer, the CLS pages and a CLS action open the page with it; the page reads and writes it. A CLS page keeps
 * the scenario of its own « Et si… ? » section in its URL the same way (`s`, `a`; the perimeter is the page's).
 */
import { departementOf } from '../territory/insee-code';

export interface ScenarioLink {
	s: string;
	p: string;
	a: 2022 | 2023;
}

export function readScenarioLink(params: URLSearchParams): ScenarioLink {
	return { s: params.get('s') ?? '', p: params.get('p') ?? '', a: params.get('a') === '2022' ? 2022 : 2023 };
}

/** The query (without `?`): empty parts and the default millésime left out; the other parameters kept as given. */
export function scenarioQuery(link: Partial<ScenarioLink>, others: Readonly<Record<string, string>> = {}): string {
	const values: Record<string, string> = { ...others, s: link.s ?? '', p: link.p ?? '', a: link.a === 2022 ? '2022' : '' };
	return Object.entries(values)
		.filter(([, v]) => v)
		.map(([k, v]) => `${k}=${encodeURIComponent(v)}`)
		.join('&');
}

/** A territory opened on « Et si… ? »: a commune starts with one more GP there, judged on its département. */
export function territoryScenario(level: 'commune' | 'epci' | 'departement' | 'cls', code: string): Partial<ScenarioLink> {
	if (level === 'commune') return { s: `ajout:${code}:1`, p: `departement:${departementOf(code)}` };
	return { p: `${level}:${code}` };
}

/**
 * A scenario edited inside another page (the CLS page, whose perimeter is its own): `s` and `a` as on « Et si… ? »;
 * `s` present, even empty, keeps the section open after a reload.
 */
export interface EmbeddedScenario {
	open: boolean;
	s: string;
	a: 2022 | 2023;
}

export function readEmbeddedScenario(params: URLSearchParams): EmbeddedScenario {
	const { s, a } = readScenarioLink(params);
	return { open: params.has('s'), s, a };
}

/** The page's query (without `?`) with the embedded scenario written, or taken out when it is closed; other parameters kept. */
export function embeddedScenarioQuery(params: URLSearchParams, next: EmbeddedScenario): string {
	const kept = new URLSearchParams(params);
	kept.delete('s');
	kept.delete('a');
	if (next.open) kept.set('s', next.s);
	if (next.open && next.a === 2022) kept.set('a', '2022');
	return kept.toString();
}
