/**
 * A strict enough well-formedness check of an XML document for tests (Node has no XML parser): every `<`
 * opens a tag, a declaration or a comment; tags nest and close; attribute values are quoted; `&` starts
 * a known or numeric entity; no character XML 1.0 forbids. Returns the first problem, or null.
 */
export function xmlProblem(xml: string): string | null {
	// eslint-disable-next-line no-control-regex
	const bad = xml.match(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/);
	if (bad) return `caractère interdit U+${bad[0].charCodeAt(0).toString(16)} à ${bad.index}`;
	const entity = /&(?!(?:amp|lt|gt|quot|apos|#\d+|#x[0-9a-fA-F]+);)/.exec(xml);
	if (entity) return `« & » nu à ${entity.index}`;
	const stack: string[] = [];
	const token = /<\?[^]*?\?>|<!--[^]*?-->|<!\[CDATA\[[^]*?\]\]>|<(\/?)([A-Za-z_][\w.:-]*)((?:\s+[\w.:-]+\s*=\s*(?:"[^"<]*"|'[^'<]*'))*)\s*(\/?)>|</g;
	let m: RegExpExecArray | null;
	while ((m = token.exec(xml))) {
		if (m[0] === '<') return `« < » qui n’ouvre pas de balise à ${m.index}`;
		if (m[0].startsWith('<?') || m[0].startsWith('<!')) continue;
		const name = m[2];
		if (m[1] === '/') {
			if (stack.pop() !== name) return `</${name}> ne ferme pas la balise ouverte à ${m.index}`;
		} else if (m[4] !== '/') stack.push(name);
	}
	return stack.length ? `balises non fermées : ${stack.slice(-3).join(', ')}` : null;
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

export function decodeXml(text: string): string {
	return text.replace(/&(#x[0-9a-fA-F]+|#\d+|\w+);/g, (_, e: string) =>
		e.startsWith('#x') ? String.fromCodePoint(parseInt(e.slice(2), 16)) : e.startsWith('#') ? String.fromCodePoint(Number(e.slice(1))) : (ENTITIES[e] ?? `&${e};`)
	);
}
