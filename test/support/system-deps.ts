import { readFileSync } from 'node:fs';
import { basename, resolve } from 'node:path';

/** The Debian packages the tests need (test/system-deps.txt), read as test/system-deps.sh reads it. */
export const SYSTEM_DEPS_LIST = resolve(import.meta.dirname, '../system-deps.txt');

export interface SystemDeps {
	/** In the order of the list, as the script installs them. */
	packages: string[];
	/** Program a test spawns → the package that provides it. */
	packageOf: Map<string, string>;
}

export function readSystemDeps(text = readFileSync(SYSTEM_DEPS_LIST, 'utf8')): SystemDeps {
	const packages: string[] = [];
	const packageOf = new Map<string, string>();
	for (const line of text.split('\n')) {
		const [pkg, ...programs] = line.trim().split(/\s+/);
		if (!pkg || pkg.startsWith('#')) continue;
		packages.push(pkg);
		for (const program of programs) packageOf.set(program, pkg);
	}
	return { packages, packageOf };
}

/** A program started by a source file: `program` is null when it is not written literally (then it cannot be checked). */
export interface Spawn {
	program: string | null;
	call: string;
}

const SPAWNERS = ['exec', 'execFile', 'execFileSync', 'execSync', 'spawn', 'spawnSync'];
const NODE = 'process.execPath';

/**
 * Programs a TypeScript/JavaScript source starts: the first argument of the `node:child_process` functions it
 * imports (for the shell forms `exec`/`execSync`, the command's first word) and Playwright's `executablePath`.
 * In source order; Node itself (`process.execPath`) is left out. A path counts as its file name (`/usr/bin/chromium` → `chromium`).
 */
export function spawnedPrograms(source: string): Spawn[] {
	const callees: string[] = [];
	for (const m of source.matchAll(/import\s+([^;]*?)\s+from\s+['"](?:node:)?child_process['"]/g)) {
		const clause = m[1];
		const named = /\{([^}]*)\}/.exec(clause)?.[1] ?? '';
		for (const part of named.split(',')) {
			const [imported, local] = part.replace(/^\s*type\s+/, '').trim().split(/\s+as\s+/);
			if (SPAWNERS.includes(imported)) callees.push(local ?? imported);
		}
		const whole = /^\s*(?:\*\s+as\s+)?([A-Za-z_$][\w$]*)/.exec(clause.replace(/\{[^}]*\}/, ''))?.[1];
		if (whole) for (const name of SPAWNERS) callees.push(`${whole}.${name}`);
	}
	const spawns: (Spawn & { at: number })[] = [];
	for (const callee of callees) {
		const call = new RegExp(`(?<![\\w$.])${callee.replace(/[.$]/g, '\\$&')}\\s*\\(`, 'g');
		for (const m of source.matchAll(call)) {
			const shell = /(?:^|\.)exec(?:Sync)?$/.test(callee);
			const program = firstProgram(source.slice(m.index + m[0].length), shell);
			if (program !== NODE) spawns.push({ program, call: `${callee}(…)`, at: m.index });
		}
	}
	for (const m of source.matchAll(/\bexecutablePath\s*:\s*/g)) {
		spawns.push({ program: firstProgram(source.slice(m.index + m[0].length), false), call: 'executablePath', at: m.index });
	}
	return spawns.sort((a, b) => a.at - b.at).map(({ program, call }) => ({ program, call }));
}

/** The program named by the argument at the start of `rest`, if it is a literal string. */
function firstProgram(rest: string, shell: boolean): string | null {
	const arg = rest.trimStart();
	if (arg.startsWith(NODE)) return NODE;
	const literal = /^(['"`])((?:(?!\1)[^\\]|\\.)*)\1/.exec(arg);
	if (!literal || (literal[1] === '`' && literal[2].includes('${'))) return null;
	const command = shell ? literal[2].trim().split(/\s+/)[0] : literal[2];
	return command ? basename(command) : null;
}
