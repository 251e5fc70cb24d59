import js from '@eslint/js';
import ts from 'typescript-eslint';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import svelteConfig from './svelte.config.js';

export default ts.config(
	js.configs.recommended,
	...ts.configs.recommended,
	...svelte.configs.recommended,
	{
		languageOptions: { globals: { ...globals.browser, ...globals.node } }
	},
	{
		files: ['**/*.svelte', '**/*.svelte.ts'],
		languageOptions: { parserOptions: { projectService: true, extraFileExtensions: ['.svelte'], parser: ts.parser, svelteConfig } }
	},
	{
		rules: {
			'@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }]
		}
	},
	// The house's doors (README, « Organisation »). SQL and the engine stay behind the data layer
	// (`src/lib/data/`, built on `src/lib/db/`); the feature folders (explorer, portrait, cls/ui) keep
	// state and UI and never import one another: what two features share lives in data/, territory/,
	// indicators/, export/, map/, ui/ or the CLS model (cls/*.ts).
	// The last block matching a file wins: the general rule first.
	...restrictImports('src/**', []),
	...restrictImports('src/lib/explorer/**', ['portrait', 'cls/ui']),
	...restrictImports('src/lib/portrait/**', ['explorer', 'cls/ui']),
	...restrictImports('src/lib/cls/ui/**', ['explorer', 'portrait']),
	{ ignores: ['build/', '.svelte-kit/', 'node_modules/', 'static/', 'test-results/'] }
);

/**
 * `no-restricted-imports` for the files matching `files`: never `db/` (outside the data layer), nor
 * the given feature folders. Relative and `$lib/` specifiers alike.
 */
function restrictImports(files, features) {
	const folder = (name) => `^(?:\\$lib/|(?:\\.\\.?/)+)(?:[\\w-]+/)*?${name.replace('/', '\\/')}(?:/|$)`;
	const patterns = [
		{ regex: folder('db'), message: 'Le moteur (db/) ne se lit qu’à travers la couche de données (src/lib/data/).' },
		...features.map((f) => ({ regex: folder(f), message: `Un dossier de fonctionnalité n’importe pas ${f}/ : partagez par data/, territory/, ui/…` }))
	];
	return [{ files: [files], ignores: ['src/lib/data/**', 'src/lib/db/**'], rules: { 'no-restricted-imports': ['error', { patterns }] } }];
}
