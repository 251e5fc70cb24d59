import { describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import config from '../../../svelte.config.js';
import { DEFAULT_DATA_DIR } from '../../../src/lib/data/engine/node';
import { parseManifest } from '../../../src/lib/data/engine/artefacts';
import { defaultPrerender, withFirstView } from '../../../src/lib/features/explorer/first-view-html';

const prerender = defaultPrerender(parseManifest(readFileSync(join(DEFAULT_DATA_DIR, 'manifest.json'), 'utf8')))!;

/** The shape of the page SvelteKit prerenders for the explorer: its inlined styles in the head, its bootstrap in the body. */
const SHELL = `<!doctype html>
<html lang="fr">
	<head>
		<meta charset="utf-8" />
		<link href="./_app/immutable/entry/start.js" rel="modulepreload">
		<style>.app-rule{color:red}</style>
	</head>
	<body data-sveltekit-preload-data="hover">
		<div style="display: contents"><script>/* bootstrap */</script></div>
	</body>
</html>`;

describe('the explorer’s first paint in its HTML', () => {
	const html = withFirstView(SHELL, prerender, '');
	const head = html.slice(0, html.indexOf('</head>'));

	it('asks for the picture before anything else and carries its own styles only in the head', () => {
		expect(head.indexOf('rel="preload" as="image"')).toBeLessThan(head.indexOf('modulepreload'));
		expect(head).toContain('.fv-frame');
		expect(head).not.toContain('.app-rule');
	});

	it('puts the app’s styles after the first view and before the app’s scripts', () => {
		const view = html.indexOf('id="first-view"');
		const styles = html.indexOf('.app-rule');
		expect(view).toBeGreaterThan(html.indexOf('<body'));
		expect(styles).toBeGreaterThan(html.indexOf('</section>', view));
		expect(styles).toBeLessThan(html.indexOf('/* bootstrap */'));
		expect(html.match(/\.app-rule/g)).toHaveLength(1);
	});

	it('shows the picture by an inline script that the page’s policy allows by its hash', () => {
		const script = /<script data-query[^>]*>([\s\S]*?)<\/script>/.exec(html)?.[1];
		expect(script).toContain('first-view-match');
		const hash = `sha256-${createHash('sha256').update(script!).digest('base64')}`;
		expect(config.kit?.csp?.directives?.['script-src']).toContain(hash);
		expect(html).not.toContain('first-view.js');
	});
});
