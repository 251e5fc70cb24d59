import { cpSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { REGISTER_FILE, SCHEMA_FILE, RegisterError, buildRegister, readRegister, registerJsonSchema } from '../../../pipeline/cls';
import { DOCUMENTS, SHIPPED_CLS } from '../../../src/lib/register/register';
import { exportJson } from '../../../src/lib/register/schema';

const ROOT = resolve(import.meta.dirname, '../../..');
const INPUTS = resolve(ROOT, 'data/cls');
const SHIPPED = resolve(ROOT, 'static/data', REGISTER_FILE);

const temps: string[] = [];
function temp(): string {
	const dir = mkdtempSync(join(tmpdir(), 'cls-atlas-register-'));
	temps.push(dir);
	return dir;
}
afterEach(() => {
	for (const dir of temps.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A copy of the register's inputs with one contract file edited. */
function editedInputs(file: string, edit: (cls: Record<string, unknown>) => void): string {
	const dir = temp();
	cpSync(INPUTS, dir, { recursive: true });
	const path = join(dir, 'contrats', file);
	const cls = JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
	edit(cls);
	writeFileSync(path, JSON.stringify(cls));
	return dir;
}

function buildError(inputs: string, out: string): RegisterError {
	try {
		buildRegister(inputs, out);
	} catch (e) {
		if (e instanceof RegisterError) return e;
		throw e;
	}
	throw new Error('buildRegister accepted an invalid register');
}

describe('the CLS register in the pipeline (data/cls)', () => {
	it('the committed artefact and manifest entry are what the pipeline writes, and what the app reads', () => {
		const out = temp();
		const entry = buildRegister(INPUTS, out);
		const written = readFileSync(join(out, REGISTER_FILE), 'utf8');
		expect(written).toBe(readFileSync(SHIPPED, 'utf8'));
		const manifest = JSON.parse(readFileSync(resolve(ROOT, 'static/data/manifest.json'), 'utf8'));
		expect(manifest.register).toEqual(entry);
		expect(entry.sha256).toBe(createHash('sha256').update(readFileSync(SHIPPED)).digest('hex'));
		expect(SHIPPED_CLS).toEqual(JSON.parse(written));
		expect(exportJson(SHIPPED_CLS)).toBe(written);
		expect(SHIPPED_CLS.map((c) => c.id)).toEqual(readdirSync(join(INPUTS, 'contrats')).sort().map((f) => f.slice(3, -'.json'.length)));
	});

	it('the committed JSON Schema is the one emitted from the zod schema', () => {
		expect(readFileSync(join(INPUTS, SCHEMA_FILE), 'utf8')).toBe(registerJsonSchema());
		const schema = JSON.parse(registerJsonSchema());
		expect(schema.properties.statut).toBeUndefined();
		expect(schema.required).toContain('perimetre');
	});

	it('the app knows exactly the documents of documents.json', () => {
		const { documents } = readRegister(INPUTS);
		const byName = (a: { document: string }, b: { document: string }) => a.document.localeCompare(b.document);
		expect([...DOCUMENTS].sort(byName)).toEqual([...documents].sort(byName));
	});

	it('stops on an invalid entry with its file and the field path, in French, writing nothing', () => {
		const inputs = editedInputs('01-cauvaldor.json', (cls) => {
			(cls.actionsHorsAxe as { statut: string }[])[2].statut = 'terminée';
		});
		const out = temp();
		const error = buildError(inputs, out);
		expect(error.message).toContain('Registre des CLS invalide');
		expect(error.message).toContain('01-cauvaldor.json');
		expect(error.message).toContain('actionsHorsAxe[2].statut : « terminée » n\'est pas un statut admis (prévue, en cours,');
		expect(existsSync(join(out, REGISTER_FILE))).toBe(false);
	});

	it('stops on a citation whose document or title differs from documents.json', () => {
		const inputs = editedInputs('02-grand-figeac.json', (cls) => {
			(cls.sources as { titre: string }[])[0].titre = 'Synthèse CNR Santé';
			cls.id = 'figeac';
		});
		const message = buildError(inputs, temp()).message;
		expect(message).toContain('sources[0].titre : diffère du titre du document dans documents.json');
		expect(message).toContain('id : « figeac » ne correspond pas au nom du fichier (« grand-figeac »)');
	});
});
