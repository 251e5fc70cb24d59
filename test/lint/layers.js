/**
 * The house's ranks, read by ESLint (`layers/rank`) and by the import-cycle check: a file may import
 * only from its own layer or from a lower rank. Layers of one rank never import one another (the
 * features, for instance): what two of them share goes down a rank. ARCHITECTURE.md says the same in prose.
 */
import { existsSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '../..');

/** @typedef {{ name: string, folder: string, rank: number }} Layer */

/** Each layer: its folder (from the repository root) and its rank; the first match wins. @type {Layer[]} */
export const LAYERS = [
	{ name: 'territory', folder: 'src/lib/territory', rank: 0 },
	{ name: 'text', folder: 'src/lib/text', rank: 0 },
	{ name: 'indicators', folder: 'src/lib/indicators', rank: 1 },
	{ name: 'scenario', folder: 'src/lib/scenario', rank: 1 },
	{ name: 'register', folder: 'src/lib/register', rank: 2 },
	{ name: 'links', folder: 'src/lib/links', rank: 2 },
	{ name: 'data', folder: 'src/lib/data', rank: 3 },
	{ name: 'export', folder: 'src/lib/export', rank: 4 },
	{ name: 'map', folder: 'src/lib/map', rank: 5 },
	{ name: 'ui', folder: 'src/lib/ui', rank: 6 },
	{ name: 'features/explorer', folder: 'src/lib/features/explorer', rank: 7 },
	{ name: 'features/portrait', folder: 'src/lib/features/portrait', rank: 7 },
	{ name: 'features/cls', folder: 'src/lib/features/cls', rank: 7 },
	{ name: 'features/datasets', folder: 'src/lib/features/datasets', rank: 7 },
	{ name: 'features/console', folder: 'src/lib/features/console', rank: 7 },
	{ name: 'features/scenario', folder: 'src/lib/features/scenario', rank: 7 },
	{ name: 'pipeline', folder: 'pipeline', rank: 7 },
	{ name: 'app', folder: 'src/routes', rank: 8 },
	{ name: 'app', folder: 'src', rank: 8 }
];

/**
 * The layer of a file (absolute path), or null outside the ranked folders (tests, scripts, static).
 * @param {string} file
 * @returns {Layer | null}
 */
export function layerOf(file) {
	const rel = relative(ROOT, file).split('\\').join('/');
	return LAYERS.find((l) => rel === l.folder || rel.startsWith(`${l.folder}/`)) ?? null;
}

const EXTENSIONS = ['', '.ts', '.js', '.svelte', '/index.ts', '/index.js'];

/**
 * The file a relative or `$lib/` specifier points to, or null (a package, a virtual module).
 * @param {string} from
 * @param {string} specifier
 * @returns {string | null}
 */
export function resolveSpecifier(from, specifier) {
	const bare = specifier.split('?')[0];
	/** @type {string} */
	let base;
	if (bare.startsWith('$lib/')) base = join(ROOT, 'src/lib', bare.slice(5));
	else if (bare.startsWith('.')) base = resolve(dirname(from), bare);
	else return null;
	for (const ext of EXTENSIONS) {
		const candidate = base + ext;
		if (existsSync(candidate) && statSync(candidate).isFile()) return candidate;
	}
	return null;
}

/**
 * Why `from` may not import `to` (both layers), or null when it may.
 * @param {Layer | null} from
 * @param {Layer | null} to
 * @returns {string | null}
 */
export function forbidden(from, to) {
	if (!from || !to || from.name === to.name) return null;
	if (to.rank > from.rank) return `${from.name} (rang ${from.rank}) n’importe pas ${to.name} (rang ${to.rank}) : un import ne remonte jamais.`;
	if (to.rank === from.rank) return `${from.name} n’importe pas ${to.name}, du même rang : ce qu’ils partagent descend d’un rang.`;
	return null;
}

/** @type {import('eslint').Rule.RuleModule} */
const rank = {
	meta: { type: 'problem', docs: { description: 'imports go down the ranks of ARCHITECTURE.md' }, schema: [] },
	create(context) {
		const file = context.filename;
		const from = layerOf(file);
		if (!from) return {};
		/** @param {import('estree').Node} node @param {import('estree').Expression | import('estree').Literal | null | undefined} source */
		const check = (node, source) => {
			if (!source || source.type !== 'Literal' || typeof source.value !== 'string') return;
			const target = resolveSpecifier(file, source.value);
			const why = target && forbidden(from, layerOf(target));
			if (why) context.report({ node, message: why });
		};
		return {
			ImportDeclaration: (node) => check(node, node.source),
			ExportNamedDeclaration: (node) => check(node, node.source),
			ExportAllDeclaration: (node) => check(node, node.source),
			ImportExpression: (node) => check(node, node.source)
		};
	}
};

export default { rules: { rank } };
