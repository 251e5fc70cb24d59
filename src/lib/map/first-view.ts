import { tableFromIPC, type Table } from 'apache-arrow';
import { ArtefactError, COMMUNE_VALUES_TABLE, fetchBytes, findArtefact, readArtefact, type Manifest } from '../data/artefacts';
import { floatColumn, type TerritoryValues } from '../data/values';
import type { Level } from '../territory/key';

/**
 * The map's first view without the engine: at commune level over France, every catalogue
 * indicator's values come from one artefact written by `npm run data` (the engine's own numbers),
 * so the map is coloured while DuckDB is still starting. Any other view needs SQL.
 */
export class CommuneValues {
	/** Codes of the communes, in the order of the commune geometry. */
	readonly codes: string[];
	/** Their names, in the same order. */
	readonly names: string[];
	private readonly columns = new Map<string, TerritoryValues>();
	private readonly inFrance: Uint8Array;

	constructor(private readonly table: Table) {
		const [code, nom] = [table.getChild('code'), table.getChild('nom')];
		if (!code || !nom) throw new ArtefactError(`Le fichier de données « ${COMMUNE_VALUES_TABLE} » n’a pas les colonnes « code » et « nom ».`);
		this.codes = code.toArray() as string[];
		this.names = nom.toArray() as string[];
		this.inFrance = new Uint8Array(this.codes.length).fill(1);
	}

	/**
	 * Values of the indicator at `level` over `scope`, or null when they need the engine: another
	 * level or scope, or an indicator the artefact does not hold (a newer catalogue than the data).
	 */
	values(indicator: string, level: Level, scope: { level: string }): TerritoryValues | null {
		if (level !== 'commune' || scope.level !== 'france' || !this.table.getChild(indicator)) return null;
		let values = this.columns.get(indicator);
		if (!values) {
			// Every commune is in France: the same `inScope` as the engine's query for that scope. The artefact
			// holds values only: numerator and denominator stay unknown (NaN) on this path.
			const column = floatColumn(this.table, indicator);
			const unknown = new Float64Array(column.length).fill(NaN);
			values = { values: column, num: unknown, den: unknown, inScope: this.inFrance };
			this.columns.set(indicator, values);
		}
		return values;
	}
}

/** Fetches and checks the artefact of the commune values. */
export async function loadCommuneValues(manifest: Manifest, dataUrl: string): Promise<CommuneValues> {
	const ipc = await readArtefact(findArtefact(manifest, COMMUNE_VALUES_TABLE), (file) => fetchBytes(`${dataUrl}/${file}`));
	return new CommuneValues(tableFromIPC(ipc));
}
