/**
 * What the CLS pages read from DuckDB once: commune → EPCI membership, names of communes and EPCI,
 * QPV → communes. Shared by the list and the detail pages (one query each per page load).
 */
import { base } from '$app/paths';
import { atlasData, type AtlasData } from '../../db/atlas';
import type { DbConnector } from '../../db/connector';
import { communesByEpci } from '../perimeter';
import { qpvIndexFromRows, type QpvIndex } from '../target';

export interface ClsAtlasContext {
	data: AtlasData;
	db: DbConnector;
	membership: Map<string, string | null>;
	/** SIREN → communes, computed once. */
	index: Map<string, string[]>;
	communeNames: Map<string, string>;
	epciNames: Map<string, string>;
	qpv: QpvIndex;
}

let shared: Promise<ClsAtlasContext> | null = null;

export function dataUrl(): string {
	return `${base}/data`;
}

export function clsAtlasContext(): Promise<ClsAtlasContext> {
	shared ??= (async () => {
		const data = await atlasData(dataUrl());
		const db = await data.db(['communes', 'epci', 'qpv']);
		const communes = await db.query('SELECT code, nom, epci FROM communes');
		const membership = new Map<string, string | null>();
		const communeNames = new Map<string, string>();
		for (const row of communes) {
			const code = String(row.code);
			membership.set(code, (row.epci as string | null) ?? null);
			communeNames.set(code, String(row.nom));
		}
		const epci = await db.query('SELECT code, nom FROM epci');
		const epciNames = new Map<string, string>();
		for (const row of epci) epciNames.set(String(row.code), String(row.nom));
		const qpvRows = await db.query('SELECT code, codes_qpv FROM qpv');
		const qpv = qpvIndexFromRows([...qpvRows].map((r) => ({ code: String(r.code), codes_qpv: (r.codes_qpv as string | null) ?? null })));
		return { data, db, membership, index: communesByEpci(membership), communeNames, epciNames, qpv };
	})();
	return shared;
}
