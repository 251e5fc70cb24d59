/**
 * Property-based tests (fast-check): the URL parsers and the CLS importers get random and hostile
 * inputs; they must never throw, and an import must never change the CLS it was given.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parseView, parseViewReport, viewParams } from '../../../src/lib/links/view-state';
import { MAX_COMPARED, isTerritoryLevel, parseKey, parseKeyListReport, validKey } from '../../../src/lib/territory/key';
import { exportCsv, exportJson, importCsv, importJson } from '../../../src/lib/register/io';
import { SHIPPED_CLS } from '../../../src/lib/register/register';
import type { Cls } from '../../../src/lib/register/schema';
import { loadCog } from '../cls/cog';

const HOSTILE = [
	"' OR 1=1 --",
	'<script>alert(1)</script>',
	'__proto__',
	'constructor',
	'%25',
	'%E0%A4%A',
	'\u202Eevil',
	'\0',
	'NaN',
	'Infinity',
	'-0',
	'1e309',
	'departement:99',
	'commune:1004',
	'selection:99999-99998',
	'cls:../../etc',
	'a'.repeat(10_000)
];

/** Random text, with hostile strings mixed in. */
const text = fc.oneof(fc.string({ unit: 'binary', maxLength: 60 }), fc.constantFrom(...HOSTILE), fc.stringMatching(/^[a-z]{1,12}:[0-9A-Za-z-]{0,20}$/));
const params = fc
	.array(fc.tuple(fc.oneof(fc.constantFrom('i', 'n', 'p', 'm', 'k', 'b', 'c', 'f', 's', 'g', 'l'), fc.string({ maxLength: 4 })), text), { maxLength: 12 })
	.map((entries) => new URLSearchParams(entries));

describe('URL parsers under random and hostile input', () => {
	it('the explorer view never throws, and its permalink reads back the same view', () => {
		fc.assert(
			fc.property(params, (p) => {
				const { view } = parseViewReport(p);
				expect(parseView(viewParams(view))).toEqual(view);
				expect(view.breaks.length).toBeLessThanOrEqual(8);
				expect(view.group.length).toBeLessThanOrEqual(1000);
			}),
			{ numRuns: 500 }
		);
	});

	it('territory keys and comparison lists never throw and only give valid keys', () => {
		fc.assert(
			fc.property(fc.array(text, { maxLength: 10 }), (parts) => {
				const { keys } = parseKeyListReport(parts.join(','));
				expect(keys.length).toBeLessThanOrEqual(MAX_COMPARED);
				for (const k of keys) expect(isTerritoryLevel(k.level) && validKey(k.level, k.code)).toBe(true);
				for (const part of parts) {
					const key = parseKey(part);
					if (key) expect(parseKey(`${key.level}:${key.code}`)).toEqual(key);
				}
			}),
			{ numRuns: 500 }
		);
	});
});

describe('CLS importers under random and hostile input', () => {
	const communes: ReadonlySet<string> = new Set(loadCog().membership.keys());
	const current = structuredClone(SHIPPED_CLS as Cls[]);
	const before = JSON.stringify(current);
	const json = exportJson(current);
	const csv = exportCsv(current);

	/** A valid file with random damage: a slice replaced by random or hostile text. */
	const damaged = (file: string) =>
		fc.tuple(fc.nat({ max: file.length }), fc.nat({ max: 200 }), text).map(([at, cut, insert]) => file.slice(0, at) + insert + file.slice(at + cut));

	it('JSON import never throws and never changes the CLS it was given', () => {
		fc.assert(
			fc.property(fc.oneof(damaged(json), text, fc.uint8Array({ maxLength: 300 })), (input) => {
				const r = importJson(input, current);
				expect(typeof r.ok).toBe('boolean');
				expect(JSON.stringify(current)).toBe(before);
			}),
			{ numRuns: 150 }
		);
	});

	it('CSV import never throws and never changes the CLS it was given', () => {
		fc.assert(
			fc.property(fc.oneof(damaged(csv), text, fc.uint8Array({ maxLength: 300 })), (input) => {
				const r = importCsv(input, current, { communes });
				expect(typeof r.ok).toBe('boolean');
				if (!r.ok) expect(r.errors.length).toBeGreaterThan(0);
				expect(JSON.stringify(current)).toBe(before);
			}),
			{ numRuns: 150 }
		);
	});
});
