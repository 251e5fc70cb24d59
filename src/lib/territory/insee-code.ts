/**
 * Codes INSEE de commune: always five characters, kept as text.
 * Spreadsheets drop the leading zero (1001 → 01001) and lower-case Corsica (2a004);
 * both are repaired here so every source joins on the same key.
 */

const COMMUNE_CODE = /^(?:\d{5}|2[AB]\d{3})$/;

/** True for a well-formed commune code (five digits, or 2A/2B and three digits). */
export function isCommuneCode(code: string): boolean {
	return COMMUNE_CODE.test(code);
}

/** Normalises a raw commune code, or returns null when it cannot be a code INSEE. */
export function normalizeCommuneCode(raw: unknown): string | null {
	if (raw === null || raw === undefined) return null;
	let code = String(raw).trim().toUpperCase();
	if (code === '') return null;
	// Excel may export codes as numbers with a decimal part ("1001.0").
	if (/^\d+\.0+$/.test(code)) code = code.replace(/\.0+$/, '');
	if (/^\d{1,4}$/.test(code)) code = code.padStart(5, '0');
	return COMMUNE_CODE.test(code) ? code : null;
}

/** Département of a commune code (2A/2B for Corsica, three digits for the DROM). */
export function departementOf(communeCode: string): string {
	return communeCode.startsWith('97') ? communeCode.slice(0, 3) : communeCode.slice(0, 2);
}

/** Département codes: 01…95, 2A, 2B, 971…976. One- or two-digit inputs are zero-padded. */
export function normalizeDepartementCode(raw: unknown): string | null {
	if (raw === null || raw === undefined) return null;
	let code = String(raw).trim().toUpperCase();
	if (/^\d$/.test(code)) code = `0${code}`;
	return /^(?:\d{2}|2[AB]|97[1-6])$/.test(code) ? code : null;
}
