/** Said when a file cannot be fetched at all: the network is gone, or the app's server stopped. */
export const NETWORK_LOST = 'pas de réponse du serveur : la connexion est peut-être perdue';

/** Bytes of a file served by the app; throws with the HTTP status (or the lost connection, in French) so the caller can name the file. */
export async function fetchBytes(url: string): Promise<Uint8Array> {
	const response = await fetch(url).catch(() => {
		throw new Error(NETWORK_LOST);
	});
	if (!response.ok) throw new Error(`HTTP ${response.status}`);
	return new Uint8Array(await response.arrayBuffer());
}
