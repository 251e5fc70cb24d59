/** Reads the `;` CSV the app writes (UTF-8 with BOM, CRLF), quoted cells included. */
export function parseCsv(text: string): string[][] {
	const rows: string[][] = [];
	for (const line of text.replace(/^\uFEFF/, '').split('\r\n')) {
		const cells: string[] = [];
		let cell = '';
		let quoted = false;
		for (let i = 0; i < line.length; i++) {
			const ch = line[i];
			if (quoted) {
				if (ch === '"' && line[i + 1] === '"') {
					cell += '"';
					i++;
				} else if (ch === '"') quoted = false;
				else cell += ch;
			} else if (ch === '"') quoted = true;
			else if (ch === ';') {
				cells.push(cell);
				cell = '';
			} else cell += ch;
		}
		cells.push(cell);
		rows.push(cells);
	}
	return rows;
}
