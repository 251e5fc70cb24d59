import { describe, expect, it } from 'vitest';
import { chmodSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { readSystemDeps, spawnedPrograms, type Spawn } from '../../support/system-deps';

const ROOT = resolve(import.meta.dirname, '../../..');
const SCRIPT = resolve(ROOT, 'test/system-deps.sh');

function sources(dir: string): string[] {
	return readdirSync(dir, { withFileTypes: true, recursive: true })
		.filter((e) => e.isFile() && /\.(ts|js|mjs|cjs)$/.test(e.name))
		.map((e) => join(e.parentPath, e.name));
}

describe('spawnedPrograms', () => {
	it('finds literal programs of child_process calls and executablePath, not RegExp.exec nor node', () => {
		const source = readFileSync(resolve(ROOT, 'test/fixtures/system-deps/spawns.ts.txt'), 'utf8');
		expect(spawnedPrograms(source)).toEqual([
			{ program: 'pdfinfo', call: 'execFileSync(…)' },
			{ program: 'pdftocairo', call: 'cp.execSync(…)' },
			{ program: 'gs', call: 'cp.spawnSync(…)' },
			{ program: null, call: 'execFileSync(…)' },
			{ program: 'chromium', call: 'executablePath' }
		]);
	});

	it('sees nothing in a file that does not import child_process', () => {
		expect(spawnedPrograms(`const spawnSync = (s: string) => s; spawnSync('pdfinfo');`)).toEqual([]);
	});
});

describe('test/system-deps.txt', () => {
	const { packages, packageOf } = readSystemDeps();
	const found: (Spawn & { file: string })[] = ['test', 'data'].flatMap((dir) =>
		sources(resolve(ROOT, dir)).flatMap((file) =>
			spawnedPrograms(readFileSync(file, 'utf8')).map((s) => ({ ...s, file: relative(ROOT, file) }))
		)
	);

	it('names the Debian package of every program the tests, the benchmark and the pipeline start', () => {
		const unverifiable = found.filter((s) => s.program === null).map((s) => `${s.file}: ${s.call}`);
		expect(unverifiable, 'programme non écrit littéralement : impossible de vérifier son paquet').toEqual([]);
		const unlisted = found.filter((s) => !packageOf.has(s.program!)).map((s) => `${s.file}: ${s.program}`);
		expect(unlisted, 'programme lancé sans son paquet Debian dans test/system-deps.txt').toEqual([]);
	});

	it('is the list the README gives to install by hand', () => {
		const command = readFileSync(resolve(ROOT, 'README.md'), 'utf8').match(/^sudo apt-get install (.+)$/m);
		expect(command?.[1].split(/\s+/)).toEqual(packages);
	});

		it('lists no program that nothing starts any more, and no package twice', () => {
		const started = new Set(found.map((s) => s.program));
		expect([...packageOf.keys()].filter((p) => !started.has(p))).toEqual([]);
		expect(new Set(packages).size).toBe(packages.length);
	});
});

/**
 * test/system-deps.sh against fake dpkg, id and apt-get on PATH (nothing else on it): the real machine's packages
 * are neither read nor touched. The fake dpkg answers from a file of « package status » lines (the last one of a package wins); the fake apt-get
 * logs its arguments and, when allowed, marks the packages it is asked for as installed.
 */
describe('test/system-deps.sh', () => {
	const { packages } = readSystemDeps();

	function run(opts: { installed: string[]; configFiles?: string[]; uid: number; apt: 'works' | 'no-op' | 'fails' | 'absent' }) {
		const dir = mkdtempSync(join(tmpdir(), 'system-deps-'));
		try {
			const state = join(dir, 'installed');
			const lines = [...opts.installed.map((p) => `${p} install ok installed`), ...(opts.configFiles ?? []).map((p) => `${p} deinstall ok config-files`)];
			writeFileSync(state, lines.map((l) => l + '\n').join(''));
			const fakes: Record<string, string> = {
				dpkg: `[ "$1" = -s ] || exit 2
found=
while read -r p status; do [ "$p" = "$2" ] && found=$status; done <"$FAKE_DIR/installed"
[ -n "$found" ] || { echo "dpkg-query: package '$2' is not installed" >&2; exit 1; }
printf 'Package: %s\\nStatus: %s\\nVersion: 1\\n' "$2" "$found"`,
				id: `[ "$1" = -u ] && echo "$FAKE_UID"`,
				'apt-get': `echo "apt-get $*" >>"$FAKE_DIR/apt.log"
[ "$FAKE_APT" = fails ] && exit 100
if [ "$FAKE_APT" = works ] && [ "$1" = install ]; then
	for a in "$@"; do [[ "$a" == -* || "$a" == install ]] || echo "$a install ok installed" >>"$FAKE_DIR/installed"; done
fi
exit 0`
			};
			for (const [name, body] of Object.entries(fakes)) {
				if (name === 'apt-get' && opts.apt === 'absent') continue;
				writeFileSync(join(dir, name), `#!/bin/bash\n${body}\n`);
				chmodSync(join(dir, name), 0o755);
			}
			const result = spawnSync('/bin/bash', [SCRIPT], {
				env: { PATH: dir, FAKE_DIR: dir, FAKE_UID: String(opts.uid), FAKE_APT: opts.apt },
				encoding: 'utf8'
			});
			const log = readFileSync(join(dir, 'apt.log'), { encoding: 'utf8', flag: 'a+' });
			return { status: result.status, stdout: result.stdout, stderr: result.stderr, apt: log.split('\n').filter(Boolean) };
		} finally {
			rmSync(dir, { recursive: true, force: true });
		}
	}

	// The first package present, the second only as left-over config files (removed), the others absent.
	const [present, removed] = packages;
	const missing = packages.slice(1);

	it('does nothing, not even apt-get update, when every package is installed', () => {
		expect(packages.length).toBeGreaterThan(2);
		expect(run({ installed: packages, uid: 0, apt: 'works' })).toEqual({ status: 0, stdout: '', stderr: '', apt: [] });
	});

	it('as root with apt: one update, one install of exactly the missing packages, then checks them', () => {
		const r = run({ installed: [present], configFiles: [removed], uid: 0, apt: 'works' });
		expect(r.apt).toEqual(['apt-get update -qq', `apt-get install -y -qq ${missing.join(' ')}`]);
		expect(r.stdout).toBe(`Installation des paquets Debian requis par les tests : ${missing.join(' ')}…\n`);
		expect(r.status).toBe(0);
	});

	it('fails in French when apt-get fails, or when a package is still missing after it', () => {
		const failed = run({ installed: [present], uid: 0, apt: 'fails' });
		expect(failed.status).not.toBe(0);
		expect(failed.apt).toEqual(['apt-get update -qq']);
		expect(failed.stderr).toContain(`apt-get n'a pas pu installer ${missing.join(' ')}`);
		const noOp = run({ installed: [present], uid: 0, apt: 'no-op' });
		expect(noOp.status).not.toBe(0);
		expect(noOp.stderr).toContain(`Toujours absents après apt-get install : ${missing.join(' ')}.`);
	});

	it.each([
		['not root', { uid: 1000, apt: 'works' as const }],
		['root without apt-get', { uid: 0, apt: 'absent' as const }]
	])('%s: names the missing packages and the command to install them, exits non-zero', (_, opts) => {
		const r = run({ installed: [present], ...opts });
		expect(r.status).toBe(1);
		expect(r.apt).toEqual([]);
		expect(r.stderr).toBe(
			`Paquets Debian requis par les tests et absents : ${missing.join(' ')}.\n` +
				`Installez-les avec « sudo apt-get install ${missing.join(' ')} », puis relancez.\n`
		);
	});
});
