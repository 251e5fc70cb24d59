/**
 * SVG text has no measure before it is drawn: the charts estimate a label's width from its length, at
 * Source Sans 3's widest usual advance (about 0.55 em, 0.6 em bold), so that a cut name stays inside its column.
 */
const ADVANCE = { regular: 0.55, bold: 0.6 };

export function textWidth(text: string, fontSize: number, bold = false): number {
	return text.length * fontSize * ADVANCE[bold ? 'bold' : 'regular'];
}

/** `text`, or its start and « … », in `width` pixels at `fontSize`. */
export function fitText(text: string, width: number, fontSize: number, bold = false): string {
	const chars = Math.max(2, Math.floor(width / (fontSize * ADVANCE[bold ? 'bold' : 'regular'])));
	return text.length <= chars ? text : `${text.slice(0, chars - 1)}…`;
}
