import js from '@eslint/js';
import ts from 'typescript-eslint';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import svelteConfig from './svelte.config.js';
import layers from './test/lint/layers.js';

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
	// The house's ranks (ARCHITECTURE.md): every file of src/ and pipeline/ imports only down the ranks.
	{ files: ['src/**', 'pipeline/**'], plugins: { layers }, rules: { 'layers/rank': 'error' } },
	{ ignores: ['build/', '.svelte-kit/', 'node_modules/', 'static/', 'test-results/'] }
);
