/**
 * The register's validation messages in French: the path of the faulty field (`axes[2].fichesAction[0]…`) and
 * what was expected there, from zod's issues (schema.ts validates, this module words it).
 */
import { z } from 'zod';

export interface ValidationError {
	path: string;
	message: string;
}

/** `['axes', 2, 'fichesAction', 0]` → `axes[2].fichesAction[0]`. */
export function formatPath(path: readonly PropertyKey[]): string {
	let out = '';
	for (const key of path) {
		if (typeof key === 'number') out += `[${key}]`;
		else out += out === '' ? String(key) : `.${String(key)}`;
	}
	return out === '' ? '(racine)' : out;
}

const NOMS_VOCABULAIRE: Record<string, string> = {
	statut: 'un statut admis',
	themes: 'un thème admis',
	sousThemes: 'un sous-thème admis (santé-environnement)',
	type: 'un type admis',
	nature: 'une nature admise',
	unite: 'une unité admise'
};

/** « une liste attendue », « un nombre attendu » : the participle agrees with the type. */
function expectedFr(type: string): string {
	const fr = TYPES_FR[type] ?? type;
	return `${fr} ${fr.startsWith('une ') ? 'attendue' : 'attendu'}`;
}

const TYPES_FR: Record<string, string> = {
	string: 'du texte',
	number: 'un nombre',
	int: 'un nombre entier',
	boolean: 'un booléen (true/false)',
	array: 'une liste',
	object: 'un objet',
	null: 'null',
	undefined: 'une valeur absente'
};

function received(input: unknown): string {
	if (input === undefined) return 'rien (champ absent)';
	if (input === null) return 'null';
	if (Array.isArray(input)) return 'une liste';
	if (typeof input === 'string') return `« ${input} »`;
	if (typeof input === 'object') return 'un objet';
	return String(input);
}

function lastKey(path: readonly PropertyKey[] | undefined): string | undefined {
	if (!path) return undefined;
	for (let i = path.length - 1; i >= 0; i--) if (typeof path[i] === 'string') return path[i] as string;
	return undefined;
}

const frenchFallback = z.locales.fr().localeError;

/** French error map passed to each `safeParse` (no global zod configuration). */
export const frenchErrorMap: z.core.$ZodErrorMap = (iss) => {
	switch (iss.code) {
		case 'invalid_value': {
			const key = lastKey(iss.path);
			const noun = (key && NOMS_VOCABULAIRE[key]) ?? 'une valeur admise';
			const values = iss.values.map(String).join(', ');
			return `${received(iss.input)} n'est pas ${noun} (${values})`;
		}
		case 'invalid_type': {
			if (iss.input === undefined) return `champ obligatoire manquant (${expectedFr(iss.expected)})`;
			return `${expectedFr(iss.expected)}, ${received(iss.input)} reçu`;
		}
		case 'unrecognized_keys':
			return `champ${iss.keys.length > 1 ? 's' : ''} inconnu${iss.keys.length > 1 ? 's' : ''} : ${iss.keys.join(', ')}`;
		case 'too_small':
			if (iss.origin === 'array') return `la liste doit contenir au moins ${String(iss.minimum)} élément(s)`;
			if (iss.origin === 'string') return 'ne doit pas être vide';
			return `doit être supérieur ou égal à ${String(iss.minimum)}`;
		case 'too_big':
			return `doit être inférieur ou égal à ${String(iss.maximum)}`;
		default: {
			const m = frenchFallback(iss);
			return typeof m === 'string' ? m : (m?.message ?? 'valeur invalide');
		}
	}
};

/** zod's issues as paths and French messages. */
export function toErrors(error: z.ZodError): ValidationError[] {
	return error.issues.map((i) => ({ path: formatPath(i.path), message: i.message }));
}

/** Readable message of an error: `path : message`. */
export function describeError(e: ValidationError): string {
	return `${e.path} : ${e.message}`;
}
