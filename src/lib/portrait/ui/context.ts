/**
 * What the portrait and comparison pages read once: the atlas data, the CLS register (with the
 * user's edits) and commune → EPCI membership. Resolves territories of any niveau.
 */
import { clsAtlasContext, type ClsAtlasContext } from '../../cls/ui/atlas-context';
import { clsRegistry } from '../../cls/ui/registry.svelte';
import type { Cls } from '../../cls/schema';
import type { DbConnector } from '../../db/connector';
import { resolveTerritory, type ResolvedTerritory } from '../territory';
import type { TerritoryKey } from '../../territory/key';

export interface PortraitContext {
	atlas: ClsAtlasContext;
	clsList: readonly Cls[];
}

export async function portraitContext(): Promise<PortraitContext> {
	const registry = clsRegistry();
	const [atlas] = await Promise.all([clsAtlasContext(), registry.load()]);
	return { atlas, clsList: registry.list };
}

export async function dbWith(ctx: PortraitContext, tables: readonly string[]): Promise<DbConnector> {
	return ctx.atlas.data.db(tables);
}

export function resolveIn(ctx: PortraitContext, db: DbConnector, key: TerritoryKey): Promise<ResolvedTerritory | null> {
	return resolveTerritory(db, key, { clsList: ctx.clsList, membership: ctx.atlas.membership });
}
