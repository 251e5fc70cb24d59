import type { ActionPatch, ActionSlot } from '../../../register/edit';
import type { Action, ActionScenario } from '../../../register/schema';
import type { AtlasContext } from '../../../data/queries/context';

/** What every list of actions on the CLS page reads and does: the page's filters, map highlight and edits. */
export interface ActionListContext {
	readonly editMode: boolean;
	readonly highlightId: string | null;
	readonly perimeter: readonly string[];
	readonly context: AtlasContext | null;
	/** Year the contract was signed (the follow-up indicators' value then). */
	readonly signatureYear: number | null;
	visible(action: Action): boolean;
	target(action: Action): string[];
	save(id: string): (patch: ActionPatch) => Promise<string[]>;
	remove(id: string): () => Promise<void>;
	show(action: Action): void;
	/** Opens the scenario attached to an action in the page's « Et si… ? » section. */
	openScenario(scenario: ActionScenario): void;
	/** Adds an action titled `titre` to `slot`; true when it was saved. */
	add(slot: ActionSlot, titre: string): Promise<boolean>;
}
