/**
 * INSEE « Évolution et structure de la population » (base-cc-evol-struct-pop-AAAA.csv): census counts per
 * commune by age band and sex, summed onto COG 2025 communes. Not shipped yet: the file is not available
 * here, so the table is built only when it sits in `<from>/insee-pop-ages/` (data/SOURCES.md).
 * Read like every official file (official-files.ts), by the same code as the app's import on /donnees.
 */
import type { Cog } from '../lib/cog';
import { OFFICIAL_FOLDERS, buildOfficialFile, readOfficialFile, type OfficialTableBuilt } from './official-files';

export { passageTable } from './official-files';
export const POPULATION_AGES_DIR = OFFICIAL_FOLDERS.population_ages.dir;

/** Reads one file of the base; throws a SourceError naming the file (and line) on anything unexpected. */
export function readPopulationAges(file: string, cog: Cog, log: (message: string) => void): Promise<OfficialTableBuilt> {
	return readOfficialFile(file, 'population_ages', cog, log);
}

/** The table when `<from>/insee-pop-ages/` holds one file of the base; null (and a log line) when it holds none. */
export function buildPopulationAges(from: string, cog: Cog, log: (message: string) => void): Promise<OfficialTableBuilt | null> {
	return buildOfficialFile(from, 'population_ages', cog, log);
}
