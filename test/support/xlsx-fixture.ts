import { strToU8, zipSync } from 'fflate';

/**
 * Writes a small XLSX workbook for the reader's tests, in the shape spreadsheets and producers write:
 * workbook, its relationships (sheet files numbered in reverse, so that names are found through the
 * relationships, not the file names), shared strings (one as rich-text runs with a phonetic guide),
 * inline strings, numbers, gaps between cells and rows.
 */
export type Cell = string | number | null | { inline: string } | { rich: string[] };

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const column = (i: number) => (i >= 26 ? String.fromCharCode(64 + Math.floor(i / 26)) : '') + String.fromCharCode(65 + (i % 26));

export function buildWorkbook(sheets: { name: string; rows: Cell[][] }[]): Uint8Array {
	const shared: string[] = [];
	const sharedIndex = (xml: string) => {
		const at = shared.indexOf(xml);
		return at >= 0 ? at : shared.push(xml) - 1;
	};
	const files: Record<string, Uint8Array> = {};
	sheets.forEach((sheet, s) => {
		const rows = sheet.rows
			.map((row, r) => {
				if (!row.length) return '';
				const cells = row
					.map((cell, c) => {
						const ref = `${column(c)}${r + 1}`;
						if (cell === null) return '';
						if (typeof cell === 'number') return `<c r="${ref}"><v>${cell}</v></c>`;
						if (typeof cell === 'string') return `<c r="${ref}" t="s"><v>${sharedIndex(`<t>${esc(cell)}</t>`)}</v></c>`;
						if ('inline' in cell) return `<c r="${ref}" t="inlineStr"><is><t>${esc(cell.inline)}</t></is></c>`;
						const runs = cell.rich.map((t) => `<r><rPr><b/></rPr><t xml:space="preserve">${esc(t)}</t></r>`).join('');
						return `<c r="${ref}" t="s"><v>${sharedIndex(`${runs}<rPh sb="0" eb="1"><t>ふりがな</t></rPh>`)}</v></c>`;
					})
					.join('');
				return `<row r="${r + 1}">${cells}</row>`;
			})
			.join('');
		files[`xl/worksheets/sheet${sheets.length - s}.xml`] = strToU8(
			`<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><cols><col min="1" max="2" width="20"/></cols><sheetData>${rows}</sheetData></worksheet>`
		);
	});
	const ns = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"';
	files['xl/workbook.xml'] = strToU8(
		`<?xml version="1.0" encoding="UTF-8"?><workbook ${ns}><sheets>${sheets.map((sh, s) => `<sheet name="${esc(sh.name)}" sheetId="${s + 1}" r:id="rId${s + 1}"/>`).join('')}</sheets></workbook>`
	);
	files['xl/_rels/workbook.xml.rels'] = strToU8(
		`<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${sheets
			.map((_, s) => `<Relationship Id="rId${s + 1}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet${sheets.length - s}.xml"/>`)
			.join('')}</Relationships>`
	);
	files['xl/sharedStrings.xml'] = strToU8(
		`<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="${shared.length}">${shared.map((x) => `<si>${x}</si>`).join('')}</sst>`
	);
	files['[Content_Types].xml'] = strToU8('<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>');
	return zipSync(files);
}

/** One commune of an APL sheet: code, name, APL, standardised and total population, [APL to GPs under 65]. */
export type AplLineFixture = [string, string, number | string, number, number, number?];

/**
 * A DREES-shaped APL workbook of FICTITIOUS values (the layout of the real GP workbook: title lines, header at
 * row 9, units row, one line per commune), for a profession and the years given; the column « … de moins de
 * 65 ans » when a line has one.
 */
export function aplWorkbook(profession: string, unit: string, years: { annee: number; lines: AplLineFixture[] }[]): Uint8Array {
	const under65 = years.some((y) => y.lines.some((l) => l[5] !== undefined));
	return buildWorkbook([
		{ name: 'Paramètres', rows: [[`Paramètres de l'indicateur d'APL aux ${profession} (classeur fictif de test)`]] },
		...years.map(({ annee, lines }) => ({
			name: `APL ${annee}`,
			rows: [
				[`Indicateur d'accessibilité potentielle localisée (APL) ${annee} aux ${profession} — VALEURS FICTIVES`],
				[],
				[{ inline: `Millésime : ${annee}` }],
				[],
				[],
				[],
				[],
				[],
				[
					'Code commune INSEE',
					'Commune',
					{ rich: ['APL aux ', profession] },
					...(under65 ? [`APL aux ${profession} de moins de 65 ans`] : []),
					`Population standardisée ${annee - 2} pour les ${profession}`,
					`Population totale ${annee - 2}`
				],
				[null, null, unit, ...(under65 ? [unit] : []), "En nombre d'habitants standardisés", "En nombre d'habitants"],
				...lines.map(([code, name, apl, std, tot, young]): Cell[] => [code, name, apl, ...(under65 ? [young ?? null] : []), std, tot])
			]
		}))
	]);
}
