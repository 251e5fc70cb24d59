/**
 * A link that opens its content on the page when a handler is given: a plain click calls it instead of following
 * the link; a click asking for a new tab or window (a modifier key, the middle button) still follows the link.
 */
export function openHere(handler: (() => void) | undefined): (event: MouseEvent) => void {
	return (event) => {
		if (!handler || event.button !== 0 || event.ctrlKey || event.metaKey || event.shiftKey || event.altKey) return;
		event.preventDefault();
		handler();
	};
}
