import { tableFromIPC, type Table } from 'apache-arrow';
import {
	ArtefactError,
	COMMUNE_VALUES_TABLE,
	FIRST_VIEW_LEVELS,
	TERRITORY_VALUES_TABLE,
	fetchBytes,
	findArtefact,
	firstViewColumn,
	readArtefact,
	type Manifest
} from '../data/queries/artefacts';
import { floatColumn, type TerritoryValues } from '../data/queries/values';
import type { Level } from '../territory/key';

/** The rows of one level in the first view's artefacts. */
interface LevelRows {
	table: Table;
	/** Codes of the territories, in the order of the level's geometry. */
	codes: string[];
	/** Their names, in the same order (for the tooltip). */
	names: string[];
	/** Rows of `table` for this level. */
	start: number;
	end: number;
	/** Every territory is in France: the same `inScope` as the engine's query for that scope. */
	inFrance: Uint8Array;
}

/**
 * The map's first view without the engine: over France, at every level, every catalogue indicator's
 * values come from two artefacts written by `npm run data` (the engine's own numbers: the data layer's
 * SQL run by the pipeline), so the map is coloured, and changes level, while DuckDB is still starting.
 * Any other scope needs SQL.
 */
export class FirstView {
	private readonly levels = new Map<Level, LevelRows>();
	private readonly columns = new Map<string, TerritoryValues>();

	constructor(communes: Table, territories: Table) {
		this.levels.set('commune', levelRows(communes, COMMUNE_VALUES_TABLE, 0, communes.numRows));
		const level = columnOf(territories, TERRITORY_VALUES_TABLE, 'level').toArray() as string[];
		for (const name of FIRST_VIEW_LEVELS) {
			const start = level.indexOf(name);
			const end = level.lastIndexOf(name) + 1;
			if (start < 0 || level.slice(start, end).some((l) => l !== name)) {
				throw new ArtefactError(`Le fichier de données « ${TERRITORY_VALUES_TABLE} » n’a pas de lignes de niveau « ${name} » consécutives.`);
			}
			this.levels.set(name, levelRows(territories, TERRITORY_VALUES_TABLE, start, end));
		}
	}

	/** Codes of the territories of `level`, in the order of its geometry. */
	codes(level: Level): string[] {
		return this.levels.get(level)!.codes;
	}

	/** Names of the territories of `level`, in the same order. */
	names(level: Level): string[] {
		return this.levels.get(level)!.names;
	}

	/**
	 * Values of the indicator at `level` over `scope`, or null when they need the engine: another
	 * scope, or an indicator the artefact does not hold (a newer catalogue than the data).
	 */
	values(indicator: string, level: Level, scope: { level: string }): TerritoryValues | null {
		const rows = this.levels.get(level);
		if (!rows || scope.level !== 'france' || !rows.table.getChild(indicator)) return null;
		const key = `${level}|${indicator}`;
		let values = this.columns.get(key);
		if (!values) {
			const part = (name: string) => floatColumn(rows.table, name).subarray(rows.start, rows.end);
			if (level === 'commune') {
				// The commune artefact holds values only: numerator and denominator stay unknown (NaN) on this path.
				const column = part(indicator);
				const unknown = new Float64Array(column.length).fill(NaN);
				values = { values: column, num: unknown, den: unknown, inScope: rows.inFrance };
			} else {
				const [num, den] = [firstViewColumn(indicator, 'num'), firstViewColumn(indicator, 'den')];
				if (!rows.table.getChild(num) || !rows.table.getChild(den)) return null;
				values = { values: part(indicator), num: part(num), den: part(den), inScope: rows.inFrance };
			}
			this.columns.set(key, values);
		}
		return values;
	}
}

function columnOf(table: Table, file: string, name: string) {
	const column = table.getChild(name);
	if (!column) throw new ArtefactError(`Le fichier de données « ${file} » n’a pas de colonne « ${name} ».`);
	return column;
}

function levelRows(table: Table, file: string, start: number, end: number): LevelRows {
	const codes = (columnOf(table, file, 'code').toArray() as string[]).slice(start, end);
	const names = (columnOf(table, file, 'nom').toArray() as string[]).slice(start, end);
	return { table, codes, names, start, end, inFrance: new Uint8Array(end - start).fill(1) };
}

/** Fetches and checks the first view's artefacts. */
export async function loadFirstView(manifest: Manifest, dataUrl: string): Promise<FirstView> {
	const read = (table: string) => readArtefact(findArtefact(manifest, table), (file) => fetchBytes(`${dataUrl}/${file}`)).then((ipc) => tableFromIPC(ipc));
	const [communes, territories] = await Promise.all([read(COMMUNE_VALUES_TABLE), read(TERRITORY_VALUES_TABLE)]);
	return new FirstView(communes, territories);
}
