import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { tableFromIPC } from 'apache-arrow';
import { DEFAULT_DATA_DIR } from '../../../src/lib/data/engine/node';
import { openNodeSource, type NodeSource } from '../../../src/lib/data/queries/node';
import { COMMUNE_VALUES_TABLE, MANIFEST_FILE, TERRITORY_VALUES_TABLE, findArtefact, parseManifest, readArtefact } from '../../../src/lib/data/engine/artefacts';
import { INDICATORS, levelsOf } from '../../../src/lib/indicators/catalogue';
import { METHODS, MAX_CLASSES, classifyCategories, classifyValues, type Classification } from '../../../src/lib/indicators/classify';
import { territoryValues } from '../../../src/lib/data/queries/values';
import { levelNames } from '../../../src/lib/data/queries/territories';
import { LEVELS } from '../../../src/lib/territory/key';
import { DEFAULT_VIEW } from '../../../src/lib/links/view-state';
import { FirstView } from '../../../src/lib/map/first-view';
import { decodeMesh } from '../../../src/lib/data/geometry/mesh';

/**
 * The first view is coloured from the artefacts of values (communes, and EPCI, départements, régions),
 * without SQL; afterwards the engine colours the same view. Both paths must draw the same map at
 * every level: same values (and numerators, denominators), breaks, counts.
 */
let source: NodeSource;
const FRANCE = { level: 'france' } as const;
let artefact: FirstView;
const read = (file: string) => readFile(join(DEFAULT_DATA_DIR, file)).then((b) => new Uint8Array(b));

beforeAll(async () => {
	source = await openNodeSource();
	const manifest = parseManifest(await readFile(join(DEFAULT_DATA_DIR, MANIFEST_FILE), 'utf8'));
	const table = async (name: string) => tableFromIPC(await readArtefact(findArtefact(manifest, name), read));
	artefact = new FirstView(await table(COMMUNE_VALUES_TABLE), await table(TERRITORY_VALUES_TABLE));
});
afterAll(() => source?.close());

/** Same NaNs in the same places, same numbers bit for bit elsewhere. */
function sameNumbers(a: ArrayLike<number>, b: ArrayLike<number>): boolean {
	if (a.length !== b.length) return false;
	for (let i = 0; i < a.length; i++) if (!Object.is(a[i], b[i])) return false;
	return true;
}

function summary(c: Classification) {
	return { breaks: c.breaks, counts: c.counts, missing: c.missing, min: c.min, max: c.max };
}

describe('first view: artefact path vs engine path, every level over France', () => {
	it('lists the territories of each level in the order of their geometry, with their names', async () => {
		const manifest = parseManifest(await readFile(join(DEFAULT_DATA_DIR, MANIFEST_FILE), 'utf8'));
		const geometry = { commune: 'communes_geom', epci: 'epci_geom', departement: 'departements_geom', region: 'regions_geom' } as const;
		for (const level of LEVELS) {
			const mesh = decodeMesh(await readArtefact(findArtefact(manifest, geometry[level]), read));
			expect(artefact.codes(level), level).toEqual(mesh.codes);
			const engine = await levelNames(source, level);
			expect(artefact.codes(level), level).toEqual(engine.codes);
			expect(artefact.names(level), level).toEqual(engine.names);
		}
		expect(artefact.names('commune')[artefact.codes('commune').indexOf('46042')]).toBe('Cahors');
		expect(artefact.names('departement')[artefact.codes('departement').indexOf('46')]).toBe('Lot');
	});

	it('needs the engine for any other scope', () => {
		expect(artefact.values(DEFAULT_VIEW.indicator, 'commune', { level: 'departement' })).toBeNull();
		expect(artefact.values(DEFAULT_VIEW.indicator, 'epci', { level: 'region' })).toBeNull();
		expect(artefact.values('indicateur_inconnu', 'commune', FRANCE)).toBeNull();
		expect(artefact.values('indicateur_inconnu', 'epci', FRANCE)).toBeNull();
		expect(artefact.values(DEFAULT_VIEW.indicator, 'commune', FRANCE)).not.toBeNull();
		expect(artefact.values(DEFAULT_VIEW.indicator, 'region', FRANCE)).not.toBeNull();
	});

	for (const indicator of INDICATORS) {
		for (const level of levelsOf(indicator)) {
			it(`${indicator.id} (${level}): same values, breaks and class counts for every method`, async () => {
				const engine = await territoryValues(source, indicator, level, null);
				const direct = artefact.values(indicator.id, level, FRANCE);
				expect(direct, 'absent de l’artefact').not.toBeNull();
				expect(sameNumbers(direct!.values, engine.values)).toBe(true);
				expect(Array.from(direct!.inScope)).toEqual(Array.from(engine.inScope));
				if (level !== 'commune') {
					// The tooltip's numerator and denominator, too (the commune artefact holds values only).
					expect(sameNumbers(direct!.num, engine.num)).toBe(true);
					expect(sameNumbers(direct!.den, engine.den)).toBe(true);
				}
				if (indicator.kind === 'class') {
					const categories = indicator.classes.map((c) => c.value);
					const [a, b] = [direct!, engine].map((v) => classifyCategories(v.values, categories, v.inScope));
					expect(summary(a)).toEqual(summary(b));
					expect(sameNumbers(a.classOf, b.classOf)).toBe(true);
					return;
				}
				// Manual bounds: those a user could type, here the engine's quantiles.
				const manual = classifyValues(engine.values, 'quantiles', DEFAULT_VIEW.classes, engine.inScope).breaks;
				for (const method of METHODS) {
					for (const k of [DEFAULT_VIEW.classes, MAX_CLASSES]) {
						const [a, b] = [direct!, engine].map((v) => classifyValues(v.values, method, k, v.inScope, manual));
						expect(summary(a), `${method}, ${k} classes`).toEqual(summary(b));
						expect(sameNumbers(a.classOf, b.classOf), `${method}, ${k} classes`).toBe(true);
						expect(a.counts.reduce((n, c) => n + c, 0) + a.missing).toBe(engine.values.length);
					}
				}
			});
		}
	}
});
