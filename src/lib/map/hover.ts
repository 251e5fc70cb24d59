/** What is under the pointer: a territory (index in the drawn level) or a facility (index in its category). */
export type Hover =
	| { kind: 'territory'; index: number; x: number; y: number }
	| { kind: 'facility'; category: string; index: number; x: number; y: number };

/** What the hover tooltip says; plain strings, rendered escaped. */
export interface TooltipContent {
	title: string;
	code: string;
	lines: { label: string; value: string }[];
	note: string | null;
	source: string;
}
