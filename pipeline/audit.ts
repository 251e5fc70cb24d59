/**
 * `npm run data:audit [-- --data DIR]`: coverage of each shipped dataset (communes with a value against the COG 2025
 * communes, per département and for each DROM), codes merged, split and unknown, values suppressed. Exits 1 on a gap
 * that data/SOURCES.md (« Coverage gaps ») does not document with the same number of communes, or on a documented
 * gap that is no longer there: the documentation says exactly what the artefacts lack.
 */
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { AUDITED, auditDataset, type DatasetAudit } from '../src/lib/data/queries/audit';
import { openNodeSource } from '../src/lib/data/queries/node';
import type { Manifest } from '../src/lib/data/engine/artefacts';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const DROM = ['971', '972', '973', '974', '976'];
const fr = (n: number) => n.toLocaleString('fr-FR');

export interface DocumentedGap {
	dataset: string;
	dep: string;
	communes: number;
	reason: string;
}

/** Rows of the table under « ## Coverage gaps » in SOURCES.md: `| dataset | département | communes | reason |`. */
export function documentedGaps(markdown: string): DocumentedGap[] {
	const section = markdown.split(/^## /m).find((s) => s.startsWith('Coverage gaps'));
	if (!section) return [];
	return section
		.split('\n')
		.filter((line) => /^\|\s*`/.test(line))
		.map((line) => {
			const [dataset, dep, communes, reason] = line.split('|').slice(1, 5).map((c) => c.trim().replace(/^`|`$/g, ''));
			return { dataset, dep, communes: Number(communes.replace(/\D/g, '')), reason };
		});
}

/** Problems: each undocumented gap, each documented gap that the artefacts no longer have (or with another count). */
export function checkGaps(audits: readonly DatasetAudit[], documented: readonly DocumentedGap[]): string[] {
	const problems: string[] = [];
	const found = new Set<string>();
	for (const { dataset, departements } of audits) {
		if (dataset.absentIsZero) continue;
		for (const d of departements) {
			const missing = d.communes - d.valued;
			if (missing === 0) continue;
			const key = `${dataset.id}|${d.dep}`;
			found.add(key);
			const doc = documented.find((g) => `${g.dataset}|${g.dep}` === key);
			if (!doc) problems.push(`${dataset.id}, département ${d.dep} : ${missing} communes sans valeur, lacune non documentée dans data/SOURCES.md`);
			else if (doc.communes !== missing) problems.push(`${dataset.id}, département ${d.dep} : ${missing} communes sans valeur, data/SOURCES.md en documente ${doc.communes}`);
		}
	}
	for (const g of documented) if (!found.has(`${g.dataset}|${g.dep}`)) problems.push(`${g.dataset}, département ${g.dep} : lacune documentée dans data/SOURCES.md mais absente des artefacts`);
	return problems;
}

function report(audit: DatasetAudit, manifest: Manifest, documented: readonly DocumentedGap[]): string[] {
	const { dataset, departements } = audit;
	const total = departements.reduce((s, d) => s + d.communes, 0);
	const valued = departements.reduce((s, d) => s + d.valued, 0);
	const drom = DROM.map((dep) => departements.find((d) => d.dep === dep)).map((d) => (d ? `${d.dep} ${d.valued}/${d.communes}` : ''));
	const lines = [`${dataset.label} [${dataset.id}]`, `  couverture : ${fr(valued)} communes sur ${fr(total)}${dataset.absentIsZero ? ' (commune absente = 0 : pas une lacune)' : ''} ; DROM : ${drom.join(', ')}`];
	if (!dataset.absentIsZero)
		for (const d of departements.filter((x) => x.valued < x.communes)) {
			const doc = documented.find((g) => g.dataset === dataset.id && g.dep === d.dep);
			const codes = d.missing.length > 8 ? `${d.missing.slice(0, 8).join(' ')} …` : d.missing.join(' ');
			lines.push(`  lacune ${d.dep} : ${d.communes - d.valued} sur ${d.communes} (${codes}) — ${doc ? `documentée : ${doc.reason}` : 'NON DOCUMENTÉE'}`);
		}
	const nulls = departements.reduce((s, d) => s + d.nulls, 0);
	if (nulls) lines.push(`  valeurs supprimées : ${nulls} communes ont une ligne à valeur nulle (raison : la lacune documentée ci-dessus)`);
	for (const table of dataset.tables) {
		for (const r of manifest.artefacts.find((a) => a.table === table)?.about?.remap ?? []) {
			if (!dataset.remap || !r.source.includes(dataset.remap)) continue;
			lines.push(
				`  ${r.source} (COG ${r.cog}) : ${r.fusions} communes 2025 issues de fusions ; scissions : ${r.scissions.join(' ; ') || 'aucune'} ; ` +
					`codes sans commune 2025 : ${r.inconnus.length ? `${r.inconnus.length} (${r.inconnus.slice(0, 6).join(' ')}${r.inconnus.length > 6 ? ' …' : ''})` : 'aucun'}`
			);
		}
	}
	if (audit.merged) lines.push(`  communes fusionnées dans l’artefact : ${fr(audit.merged)}`);
	if (audit.split.length) lines.push(`  communes rétablies, valeur de la commune d’origine : ${audit.split.map((s) => `${s.code} ← ${s.origine}`).join(', ')}`);
	return lines;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
	const at = process.argv.indexOf('--data');
	const dataDir = at > 0 && process.argv[at + 1] ? resolve(process.argv[at + 1]) : resolve(ROOT, 'static/data');
	const source = await openNodeSource(dataDir);
	try {
		const documented = documentedGaps(readFileSync(resolve(ROOT, 'data/SOURCES.md'), 'utf8'));
		const audits: DatasetAudit[] = [];
		for (const dataset of AUDITED) audits.push(await auditDataset(source, dataset));
		for (const audit of audits) console.log(report(audit, source.manifest, documented).join('\n') + '\n');
		const problems = checkGaps(audits, documented);
		if (problems.length) {
			console.error(`npm run data:audit : ${problems.length} écart(s) entre les artefacts et data/SOURCES.md\n- ${problems.join('\n- ')}`);
			process.exitCode = 1;
		} else console.log(`Toutes les lacunes des ${audits.length} jeux de données sont documentées dans data/SOURCES.md.`);
	} finally {
		await source.close();
	}
}
