/**
 * What the portrait and comparison pages read once: the atlas context, the CLS register (with the
 * user's edits). Resolves territories of any level.
 */
import { atlasContext, type AtlasContext } from '../../../data/queries/context';
import { clsRegistry } from '../../../data/storage/registry.svelte';
import type { Cls } from '../../../register/schema';
import { resolveTerritory, type ResolvedTerritory } from '../../../data/queries/territories';
import type { TerritoryKey } from '../../../territory/key';

export interface PortraitContext {
	atlas: AtlasContext;
	clsList: readonly Cls[];
}

export async function portraitContext(): Promise<PortraitContext> {
	const registry = clsRegistry();
	const [atlas] = await Promise.all([atlasContext(), registry.load()]);
	return { atlas, clsList: registry.list };
}

export function resolveIn(ctx: PortraitContext, key: TerritoryKey): Promise<ResolvedTerritory | null> {
	return resolveTerritory(ctx.atlas.source, key, { clsList: ctx.clsList, membership: ctx.atlas.membership });
}
