import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { tableFromIPC } from 'apache-arrow';
import { DEFAULT_DATA_DIR } from '../../../src/lib/db/node';
import { openNodeSource, type NodeSource } from '../../../src/lib/data/node';
import { sql } from '../../../src/lib/data/sql';
import { COMMUNE_VALUES_TABLE, MANIFEST_FILE, findArtefact, parseManifest, readArtefact } from '../../../src/lib/db/artefacts';
import { INDICATORS } from '../../../src/lib/indicators/catalogue';
import { METHODS, MAX_CLASSES, classifyCategories, classifyValues, type Classification } from '../../../src/lib/indicators/classify';
import { territoryValues } from '../../../src/lib/data/values';
import { DEFAULT_VIEW } from '../../../src/lib/explorer/view-state';
import { CommuneValues } from '../../../src/lib/map/first-view';
import { decodeMesh } from '../../../src/lib/map/mesh';

/**
 * The first view is coloured from the artefact of commune values, without SQL; afterwards the
 * engine colours the same view. Both paths must draw the same map: same values, breaks, counts.
 */
let source: NodeSource;
const FRANCE = { level: 'france' } as const;
let artefact: CommuneValues;
const read = (file: string) => readFile(join(DEFAULT_DATA_DIR, file)).then((b) => new Uint8Array(b));

beforeAll(async () => {
	source = await openNodeSource();
	const manifest = parseManifest(await readFile(join(DEFAULT_DATA_DIR, MANIFEST_FILE), 'utf8'));
	artefact = new CommuneValues(tableFromIPC(await readArtefact(findArtefact(manifest, COMMUNE_VALUES_TABLE), read)));
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

describe('first view: artefact path vs engine path, commune level over France', () => {
	it('lists the communes in the order of their geometry', async () => {
		const manifest = parseManifest(await readFile(join(DEFAULT_DATA_DIR, MANIFEST_FILE), 'utf8'));
		const mesh = decodeMesh(await readArtefact(findArtefact(manifest, 'communes_geom'), read));
		expect(artefact.codes).toEqual(mesh.codes);
		const names = (await source.query(['communes'], sql`SELECT nom FROM communes ORDER BY code`)).getChild('nom')!.toArray();
		expect(artefact.names).toEqual(Array.from(names));
		expect(artefact.names[artefact.codes.indexOf('46042')]).toBe('Cahors');
	});

	it('needs the engine for any other level or scope', () => {
		expect(artefact.values(DEFAULT_VIEW.indicator, 'epci', FRANCE)).toBeNull();
		expect(artefact.values(DEFAULT_VIEW.indicator, 'commune', { level: 'departement' })).toBeNull();
		expect(artefact.values('indicateur_inconnu', 'commune', FRANCE)).toBeNull();
		expect(artefact.values(DEFAULT_VIEW.indicator, 'commune', FRANCE)).not.toBeNull();
	});

	for (const indicator of INDICATORS) {
		it(`${indicator.id}: same values, breaks and class counts for every method`, async () => {
			const engine = await territoryValues(source, indicator, 'commune', null);
			const direct = artefact.values(indicator.id, 'commune', FRANCE);
			expect(direct, 'absent de l’artefact').not.toBeNull();
			expect(sameNumbers(direct!.values, engine.values)).toBe(true);
			expect(Array.from(direct!.inScope)).toEqual(Array.from(engine.inScope));
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
});
