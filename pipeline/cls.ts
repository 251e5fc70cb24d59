/**
 * The CLS register, a pipeline input like the open data: `data/cls/contrats/*.json` (one contract per file, in the
 * app's JSON exchange format, read in name order) and `data/cls/documents.json` (the source documents they cite).
 * `npm run data` validates them with the app's zod schema (an invalid entry stops the build with its file and
 * field path, in French), writes the register as one artefact (`cls.json`, what the app's JSON import reads) and
 * emits the JSON Schema of a contract beside the files (`data/cls/cls.schema.json`).
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import type { RegisterEntry } from '../src/lib/data/engine/artefacts';
import { clsSchema, describeError, exportJson, formatPath, frenchErrorMap, sourceRefSchema, validateCls, type Cls, type SourceRef } from '../src/lib/register/schema';

export const REGISTER_FILE = 'cls.json';
export const SCHEMA_FILE = 'cls.schema.json';
const CONTRACTS = 'contrats';
const DOCUMENTS = 'documents.json';
/** `01-cauvaldor.json`: the order of the register, then the contract's id. */
const CONTRACT_NAME = /^\d{2}-([a-z0-9-]+)\.json$/;

/** An invalid register: the message names the file and, for each fault, the field path. */
export class RegisterError extends Error {
	constructor(file: string, faults: readonly string[]) {
		super(`Registre des CLS invalide, ${file} :\n${faults.map((f) => `  ${f}`).join('\n')}`);
		this.name = 'RegisterError';
	}
}

const documentsSchema = z.array(sourceRefSchema.pick({ document: true, titre: true }));

function readJson(path: string, label: string): unknown {
	try {
		return JSON.parse(readFileSync(path, 'utf8'));
	} catch (e) {
		throw new RegisterError(label, [`JSON illisible (${e instanceof Error ? e.message : String(e)})`]);
	}
}

/** Every source reference of a contract, with its path: `sources[i]` and each `source` field, at any depth. */
function* citations(value: unknown, path: (string | number)[] = []): Generator<{ ref: SourceRef; path: (string | number)[] }> {
	if (Array.isArray(value)) {
		for (const [i, v] of value.entries()) yield* citations(v, [...path, i]);
		return;
	}
	if (value === null || typeof value !== 'object') return;
	for (const [key, v] of Object.entries(value)) {
		if (key === 'source') yield { ref: v as SourceRef, path: [...path, key] };
		else if (key === 'sources') for (const [i, ref] of (v as SourceRef[]).entries()) yield { ref, path: [...path, key, i] };
		else yield* citations(v, [...path, key]);
	}
}

/** Reads and validates the register in `dir`: the contracts in file order and the documents they cite. */
export function readRegister(dir: string): { list: Cls[]; documents: Pick<SourceRef, 'document' | 'titre'>[] } {
	const docLabel = join(dir, DOCUMENTS);
	const docs = documentsSchema.safeParse(readJson(docLabel, docLabel), { error: frenchErrorMap });
	if (!docs.success) throw new RegisterError(docLabel, docs.error.issues.map((i) => `${formatPath(i.path)} : ${i.message}`));
	const titreOf = new Map(docs.data.map((d) => [d.document, d.titre]));
	const cited = new Set<string>();
	const list: Cls[] = [];
	const files = readdirSync(join(dir, CONTRACTS)).filter((f) => f.endsWith('.json')).sort();
	for (const file of files) {
		const label = join(dir, CONTRACTS, file);
		const id = CONTRACT_NAME.exec(file)?.[1];
		if (!id) throw new RegisterError(label, ['nom de fichier attendu : deux chiffres (ordre du registre), un tiret, l’identifiant du CLS, .json']);
		const r = validateCls(readJson(label, label));
		if (!r.ok) throw new RegisterError(label, r.errors.map(describeError));
		const faults: string[] = [];
		if (r.cls.id !== id) faults.push(`id : « ${r.cls.id} » ne correspond pas au nom du fichier (« ${id} »)`);
		const twin = list.find((c) => c.id === r.cls.id);
		if (twin) faults.push(`id : identifiant de CLS « ${r.cls.id} » déjà utilisé par un autre fichier`);
		for (const { ref, path } of citations(r.cls)) {
			const titre = titreOf.get(ref.document);
			if (titre === undefined) faults.push(`${formatPath(path)}.document : « ${ref.document} » n’est pas un document de ${DOCUMENTS}`);
			else if (titre !== ref.titre) faults.push(`${formatPath(path)}.titre : diffère du titre du document dans ${DOCUMENTS}`);
			cited.add(ref.document);
		}
		if (faults.length) throw new RegisterError(label, faults);
		list.push(r.cls);
	}
	if (list.length === 0) throw new RegisterError(join(dir, CONTRACTS), ['aucun contrat (fichiers .json)']);
	const unused = docs.data.filter((d) => !cited.has(d.document)).map((d) => `« ${d.document} » n’est cité par aucun contrat`);
	if (unused.length) throw new RegisterError(docLabel, unused);
	return { list, documents: docs.data };
}

/** The JSON Schema of one contract, as an author writes it (defaults may be left out). */
export function registerJsonSchema(): string {
	return `${JSON.stringify(z.toJSONSchema(clsSchema, { io: 'input', unrepresentable: 'any' }), null, 2)}\n`;
}

/** Validates the register of `dir`, writes it to `out` and its JSON Schema beside the inputs; returns its manifest entry. */
export function buildRegister(dir: string, out: string): RegisterEntry {
	const { list } = readRegister(dir);
	const text = exportJson(list);
	writeFileSync(join(out, REGISTER_FILE), text);
	writeFileSync(join(dir, SCHEMA_FILE), registerJsonSchema());
	const bytes = Buffer.from(text, 'utf8');
	return {
		file: REGISTER_FILE,
		contracts: list.length,
		bytes: bytes.byteLength,
		sha256: createHash('sha256').update(bytes).digest('hex'),
		title: 'Registre des contrats locaux de santé',
		source: 'Documents publics des contrats, cités sur chaque fiche (data/cls)'
	};
}
