/** Integer axis ticks from 0 to `max`, every unit, or every other one when the axis goes beyond `wideAbove`. */
export function integerTicks(max: number, wideAbove: number): number[] {
	const step = max > wideAbove ? 2 : 1;
	const out: number[] = [];
	for (let t = 0; t <= max; t += step) out.push(t);
	return out;
}
