import type { Reroute } from '@sveltejs/kit';

/** A path of no route: the app's own « Page introuvable ». */
const UNREADABLE = '/adresse-illisible';

/** The path decoded as SvelteKit's router decodes it (`%25` kept as it is), or null when it cannot be. */
function decodedPath(pathname: string): string | null {
	try {
		return pathname.split('%25').map(decodeURI).join('%25');
	} catch {
		return null;
	}
}

/**
 * A link whose percent-encoding is broken (`/territoire/commune/%E0%A4%A`, a truncated copy) made
 * SvelteKit's router throw `URIError` while decoding it, before any page or error page: a blank page.
 * Such a path is sent to no route instead, which draws the French error page; the address bar keeps
 * what was typed.
 */
export const reroute: Reroute = ({ url }) => (decodedPath(url.pathname) === null ? UNREADABLE : undefined);
