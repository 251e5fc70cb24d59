import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openNodeSource, type NodeSource } from '../../../src/lib/data/queries/node';
import { thresholdCrossings } from '../../../src/lib/data/queries/crossings';

let source: NodeSource;
beforeAll(async () => {
	source = await openNodeSource();
});
afterAll(() => source?.close());

describe('communes that crossed the APL threshold of 2.5 between 2022 and 2023 (shipped artefacts)', () => {
	it('lists in each direction the Lot communes a hand-written query finds, with their population', async () => {
		const crossings = await thresholdCrossings(source, { level: 'departement', code: '46' });
		const expected = (
			await source.db.query(
				`SELECT c.code, c.population, CASE WHEN a.apl_mg_moins65 < 2.5 THEN 'down' ELSE 'up' END AS direction
				 FROM communes c JOIN apl a ON a.code = c.code AND a.annee = 2023 JOIN apl b ON b.code = c.code AND b.annee = 2022
				 WHERE c.dep = '46' AND ((b.apl_mg_moins65 >= 2.5 AND a.apl_mg_moins65 < 2.5) OR (b.apl_mg_moins65 < 2.5 AND a.apl_mg_moins65 >= 2.5))`
			)
		)
			.toArray()
			.map((r) => r.toJSON() as { code: string; population: number; direction: string });
		expect(crossings.length).toBe(expected.length);
		expect(crossings.length).toBeGreaterThan(0);
		const byCode = new Map(expected.map((e) => [e.code, e]));
		for (const c of crossings) {
			expect(byCode.get(c.code)?.direction).toBe(c.direction);
			expect(c.population).toBe(Number(byCode.get(c.code)!.population));
			expect(c.direction === 'down' ? c.before >= 2.5 && c.after < 2.5 : c.before < 2.5 && c.after >= 2.5).toBe(true);
		}
		// Largest population first.
		expect(crossings.every((c, i) => i === 0 || crossings[i - 1].population >= c.population)).toBe(true);
	});
});
