/**
 * The `Range` request header read as RFC 9110 (§ 14.1.2, § 14.2) says, for scripts/serve.js.
 *
 * sirv reads the header itself, loosely (`bytes=5-1` reached `fs.createReadStream` with start > end
 * and threw; `bytes=-500` was read as the first 500 bytes). The server therefore decides first, against
 * the size of the file sirv is about to send, and hands sirv only a canonical, satisfiable range.
 */

/** More ranges than this in one header: ignored (the whole file is sent), as § 14.2 allows. */
const MAX_RANGES = 16;
const SPEC = /^(\d*)-(\d*)$/;

/**
 * What to do with a `Range` header for a representation of `size` bytes:
 * - `ignore`: absent, malformed, another unit, several ranges: send the whole file (200);
 * - `unsatisfiable`: well formed, but no range overlaps the file: 416 with `Content-Range: bytes *\/size`;
 * - `range`: one satisfiable range, `start` to `end` inclusive, `end` clamped to the last byte.
 * @param {string | undefined} header
 * @param {number} size
 * @returns {{ kind: 'ignore' } | { kind: 'unsatisfiable' } | { kind: 'range', start: number, end: number }}
 */
export function parseRange(header, size) {
	if (header === undefined) return { kind: 'ignore' };
	const equals = header.indexOf('=');
	if (equals < 0 || header.slice(0, equals).trim().toLowerCase() !== 'bytes') return { kind: 'ignore' };
	const specs = header
		.slice(equals + 1)
		.split(',')
		.map((spec) => spec.trim());
	if (specs.length > MAX_RANGES) return { kind: 'ignore' };
	/** @type {{ start: number, end: number }[]} */
	const satisfiable = [];
	for (const spec of specs) {
		const match = SPEC.exec(spec);
		if (!match) return { kind: 'ignore' };
		const [, first, last] = match;
		if (first === '') {
			// A suffix: the last N bytes; `-0` asks for none.
			if (last === '') return { kind: 'ignore' };
			const length = Number(last);
			if (length > 0 && size > 0) satisfiable.push({ start: Math.max(0, size - length), end: size - 1 });
			continue;
		}
		const start = Number(first);
		const end = last === '' ? Infinity : Number(last);
		// An int-range whose last position is before its first is invalid, and so is the whole header.
		if (end < start) return { kind: 'ignore' };
		if (start < size) satisfiable.push({ start, end: Math.min(end, size - 1) });
	}
	if (satisfiable.length === 0) return { kind: 'unsatisfiable' };
	if (satisfiable.length > 1) return { kind: 'ignore' };
	return { kind: 'range', ...satisfiable[0] };
}
