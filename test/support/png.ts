import { encodeIndexedPng } from '../../pipeline/lib/png';

/** A plain PNG of one colour, for writers that need an image where no canvas exists (Node): the pipeline's PNG writer. */
export function solidPng(width: number, height: number, rgb: [number, number, number] = [200, 210, 220]): Uint8Array {
	return encodeIndexedPng(width, height, new Uint8Array(width * height), [rgb]);
}
