/**
 * `npm run lint` step: fails when modules of src/ import each other in a circle. Reads every .ts and
 * .svelte file, follows relative and `$lib/` imports (type-only ones too: a circle of types is still a
 * knot in the house) and prints each circle found. Like `madge --circular`, which cannot read .svelte.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '../..');
const SRC = join(ROOT, 'src');
const LIB = join(SRC, 'lib');

function files(dir: string): string[] {
	return readdirSync(dir).flatMap((name) => {
		const path = join(dir, name);
		return statSync(path).isDirectory() ? files(path) : /\.(ts|svelte)$/.test(name) && !name.endsWith('.d.ts') ? [path] : [];
	});
}

/** The file an import specifier points to, or null for a package or an unresolvable path. */
function resolveImport(from: string, specifier: string): string | null {
	let base: string;
	if (specifier.startsWith('$lib/')) base = join(LIB, specifier.slice(5));
	else if (specifier.startsWith('.')) base = resolve(dirname(from), specifier);
	else return null;
	for (const candidate of [base, `${base}.ts`, `${base}.js`, join(base, 'index.ts')]) {
		if (existsSync(candidate) && statSync(candidate).isFile()) return candidate;
	}
	return null;
}

const IMPORT = /(?:import|export)\s+(?:type\s+)?(?:[\w*{}\s,$]+?\s+from\s+)?['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g;

export function importGraph(paths: readonly string[]): Map<string, string[]> {
	const graph = new Map<string, string[]>();
	for (const path of paths) {
		const text = readFileSync(path, 'utf8');
		const targets = new Set<string>();
		for (const m of text.matchAll(IMPORT)) {
			const target = resolveImport(path, m[1] ?? m[2]);
			if (target) targets.add(target);
		}
		graph.set(path, [...targets]);
	}
	return graph;
}

/** Strongly connected components of more than one module (or a module importing itself): Tarjan. */
export function cycles(graph: Map<string, string[]>): string[][] {
	let index = 0;
	const indices = new Map<string, number>();
	const low = new Map<string, number>();
	const stack: string[] = [];
	const onStack = new Set<string>();
	const out: string[][] = [];
	const visit = (v: string) => {
		indices.set(v, index);
		low.set(v, index++);
		stack.push(v);
		onStack.add(v);
		for (const w of graph.get(v) ?? []) {
			if (!indices.has(w)) {
				visit(w);
				low.set(v, Math.min(low.get(v)!, low.get(w)!));
			} else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, indices.get(w)!));
		}
		if (low.get(v) === indices.get(v)) {
			const component: string[] = [];
			let w: string;
			do {
				w = stack.pop()!;
				onStack.delete(w);
				component.push(w);
			} while (w !== v);
			if (component.length > 1 || (graph.get(v) ?? []).includes(v)) out.push(component.sort());
		}
	};
	for (const v of graph.keys()) if (!indices.has(v)) visit(v);
	return out;
}

/** The folder graph: one node per directory, an edge where a file of one imports a file of another. */
export function folderGraph(graph: Map<string, string[]>): Map<string, string[]> {
	const folders = new Map<string, Set<string>>();
	for (const [file, targets] of graph) {
		const from = dirname(file);
		const edges = folders.get(from) ?? new Set<string>();
		for (const t of targets) if (dirname(t) !== from) edges.add(dirname(t));
		folders.set(from, edges);
	}
	return new Map([...folders].map(([k, v]) => [k, [...v]]));
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(import.meta.filename)) {
	const graph = importGraph([...files(SRC), ...files(join(ROOT, 'pipeline'))]);
	const circles = [
		...cycles(graph).map((c) => `Cycle d’imports entre fichiers : ${c.map((p) => relative(ROOT, p)).join(' ⇄ ')}`),
		...cycles(folderGraph(graph)).map((c) => `Cycle d’imports entre dossiers : ${c.map((p) => relative(ROOT, p)).join(' ⇄ ')}`)
	];
	if (circles.length === 0) {
		console.log('Aucun cycle d’imports dans src/ ni pipeline/, ni entre fichiers ni entre dossiers.');
	} else {
		for (const c of circles) console.error(c);
		process.exit(1);
	}
}
