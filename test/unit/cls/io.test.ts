import { describe, expect, it } from 'vitest';
import { parseCsv, csvText, formatCsv } from '../../../src/lib/text/csv';
import {
	BOM,
	CSV_COLUMNS,
	MAX_IMPORT_BYTES,
	describeCsvError,
	exportCsv,
	exportJson,
	importCsv,
	importJson
} from '../../../src/lib/register/io';
import { SHIPPED_CLS } from '../../../src/lib/register/register';
import { walkActions, type Cls } from '../../../src/lib/register/schema';
import { loadCog } from './cog';

const COMMUNES: ReadonlySet<string> = new Set(loadCog().membership.keys());
const fresh = (): Cls[] => structuredClone(SHIPPED_CLS as Cls[]);
const utf8 = (s: string) => new TextEncoder().encode(s);

/** The CSV export with one cell replaced (by column name) on the row of `actionId`. */
function editedCsv(actionId: string, changes: Partial<Record<(typeof CSV_COLUMNS)[number], string>>, list = fresh()): string {
	const records = parseCsv(exportCsv(list).slice(1));
	const header = records[0].fields;
	const rows = records.map((r) => [...r.fields]);
	const row = rows.find((r) => r[header.indexOf('action_id')] === actionId);
	if (!row) throw new Error(actionId);
	for (const [k, v] of Object.entries(changes)) row[header.indexOf(k)] = v as string;
	return BOM + rows.map((r) => r.map((c) => csvText(c)).join(';')).join('\r\n') + '\r\n';
}

function findAction(list: readonly Cls[], clsId: string, actionId: string) {
	const cls = list.find((c) => c.id === clsId);
	return cls ? [...walkActions(cls)].find((l) => l.action.id === actionId)?.action : undefined;
}

describe('JSON', () => {
	it('round-trips one CLS and the whole register', () => {
		const one = SHIPPED_CLS[3];
		const r1 = importJson(exportJson(one), []);
		expect(r1.ok && r1.state).toEqual([one]);
		const r2 = importJson(exportJson(SHIPPED_CLS), []);
		expect(r2.ok && r2.state).toEqual(SHIPPED_CLS);
	});

	it('replaces a CLS by id and keeps the others', () => {
		const edited = { ...structuredClone(SHIPPED_CLS[0]), nom: 'CLS de Cauvaldor (modifié)' };
		const r = importJson(JSON.stringify(edited), fresh());
		expect(r.ok).toBe(true);
		if (!r.ok) return;
		expect(r.state).toHaveLength(SHIPPED_CLS.length);
		expect(r.state[0].nom).toBe('CLS de Cauvaldor (modifié)');
		expect(r.state.slice(1)).toEqual(SHIPPED_CLS.slice(1));
		expect(r.changed).toEqual(['cauvaldor']);
	});

	it('refuses malformed JSON with its position, state unchanged', () => {
		const state = fresh();
		const before = structuredClone(state);
		const r = importJson('{\n  "id": "x",\n  "nom": "X"\n  "ars": 1\n}', state);
		expect(r.ok).toBe(false);
		if (r.ok) return;
		expect(r.errors).toHaveLength(1);
		expect(r.errors[0].message).toMatch(/^JSON mal formé \(ligne 4, colonne \d+\)\.$/);
		expect(state).toEqual(before);
	});

	it('refuses a CLS with an out-of-vocabulary status and reports every fault with its path', () => {
		const state = fresh();
		const before = structuredClone(state);
		const bad = structuredClone(SHIPPED_CLS[0]);
		(bad.actionsHorsAxe[6] as { statut: string }).statut = 'terminée';
		(bad.perimetre as { epci: string[] }).epci = ['2000663'];
		const r = importJson(JSON.stringify([SHIPPED_CLS[1], bad]), state);
		expect(r.ok).toBe(false);
		if (r.ok) return;
		expect(r.errors.map((e) => e.path)).toEqual(['[1].perimetre.epci[0]', '[1].actionsHorsAxe[6].statut']);
		expect(r.errors[1].message).toMatch(/^« terminée » n'est pas un statut admis \(prévue, en cours, /);
		expect(state).toEqual(before);
	});

	it('refuses duplicate ids inside one import', () => {
		const r = importJson(JSON.stringify([SHIPPED_CLS[0], SHIPPED_CLS[0]]), []);
		expect(r.ok).toBe(false);
		if (!r.ok) expect(r.errors).toEqual([{ path: '[1].id', message: 'identifiant de CLS « cauvaldor » en double' }]);
	});

	it('refuses a 0-byte file and an oversized file', () => {
		const empty = importJson(new Uint8Array(0), []);
		expect(!empty.ok && empty.errors[0].message).toBe('Le fichier est vide.');
		const big = importJson(new Uint8Array(MAX_IMPORT_BYTES + 1), []);
		expect(!big.ok && big.errors[0].message).toBe('Le fichier est trop volumineux (5,0 Mo) : la limite est de 5 Mo.');
	});
});

describe('CSV export', () => {
	const csv = exportCsv(SHIPPED_CLS);

	it('is UTF-8 with BOM, `;`-separated, CRLF, one row per action', () => {
		expect(csv.startsWith('\uFEFFcls_id;cls_nom;axe_numero;axe_titre;fiche;action_id;')).toBe(true);
		expect(csv.endsWith('\r\n')).toBe(true);
		expect(csv.replace(/\r\n/g, '').includes('\n')).toBe(false);
		const records = parseCsv(csv.slice(1));
		expect(records[0].fields).toEqual([...CSV_COLUMNS]);
		// 8 Cauvaldor + 58 Aurillac objectives + 2 est-Cantal; the review of the previous CLS only on request.
		expect(records).toHaveLength(1 + 8 + 58 + 2);
		expect(parseCsv(exportCsv(SHIPPED_CLS, { historique: true }).slice(1))).toHaveLength(1 + 68 + 27);
	});

	it('parses back to the same cells', () => {
		const records = parseCsv(csv.slice(1));
		const header = records[0].fields;
		const row = records.find((r) => r.fields[header.indexOf('action_id')] === 'parcours-m-aides');
		expect(row?.fields[header.indexOf('themes')]).toBe('accès aux soins et démographie médicale | jeunes et parentalité');
		expect(row?.fields[header.indexOf('cls_nom')]).toBe('Contrat local de santé de Cauvaldor');
		const qpv = records.find((r) => r.fields[header.indexOf('action_id')] === '2.2.1');
		expect(qpv?.fields[header.indexOf('cible_type')]).toBe('qpv');
		expect(qpv?.fields[header.indexOf('cible_qpv')]).toBe('QN01501M');
	});

	it('quotes `;`, quotes and line breaks, and guards formulas', () => {
		expect(csvText('a;b')).toBe('"a;b"');
		expect(csvText('il dit "oui"')).toBe('"il dit ""oui"""');
		expect(csvText('ligne 1\nligne 2')).toBe('"ligne 1\nligne 2"');
		expect(csvText('=HYPERLINK("http://x")')).toBe('"\'=HYPERLINK(""http://x"")"');
		expect(csvText('+33 5')).toBe("'+33 5");
		expect(csvText('-1')).toBe("'-1");
		expect(csvText('@SUM(A1)')).toBe("'@SUM(A1)");
		expect(csvText('Réalisé')).toBe('Réalisé');
		// The historique titles contain `;`: they survive the round trip.
		const h = parseCsv(exportCsv(SHIPPED_CLS, { historique: true }).slice(1));
		expect(h.some((r) => r.fields[4].startsWith('Structurer une filière personne âgée territorialisée ; '))).toBe(true);
	});
});

describe('CSV import', () => {
	it('round trip: importing the export changes nothing', () => {
		const state = fresh();
		const r = importCsv(exportCsv(state, { historique: true }), state, { communes: COMMUNES });
		if (!r.ok) throw new Error(r.errors.map(describeCsvError).join('\n'));
		expect(r.updated).toBe(68 + 27);
		expect(r.added).toBe(0);
		expect(r.state).toEqual(SHIPPED_CLS);
		expect(r.warnings).toEqual([]);
	});

	it('updates an action: status, reason, communes (1001-style codes normalised)', () => {
		const state = fresh();
		const before = structuredClone(state);
		const csv = editedCsv('bien-vieillir-domicile', {
			statut: 'en cours',
			motif_statut: 'Lancée en 2023',
			cible_type: 'communes',
			cible_communes: '46267 | 1001',
			annee_debut: '2023'
		});
		const r = importCsv(utf8(csv), state, { communes: COMMUNES });
		if (!r.ok) throw new Error(r.errors.map(describeCsvError).join('\n'));
		const a = findAction(r.state, 'cauvaldor', 'bien-vieillir-domicile');
		expect(a?.statut).toBe('en cours');
		expect(a?.motifStatut).toBe('Lancée en 2023');
		expect(a?.cible).toEqual({ type: 'communes', communes: ['46267', '01001'] });
		expect(a?.annees).toEqual({ debut: 2023, fin: null });
		expect(state).toEqual(before); // the input state is never mutated
	});

	it('adds a new action to the fiche named by axe_numero + fiche', () => {
		const csv = editedCsv('8.1.8', { action_id: '8.1.9', action_titre: 'Nouvel objectif' });
		// keep 8.1.8 too: append the edited row to the untouched export
		const full = exportCsv(fresh()) + csv.split('\r\n').find((l) => l.includes(';8.1.9;')) + '\r\n';
		const r = importCsv(full, fresh(), { communes: COMMUNES });
		if (!r.ok) throw new Error(r.errors.map(describeCsvError).join('\n'));
		expect(r.added).toBe(1);
		const axe8 = r.state.find((c) => c.id.startsWith('bassin-aurillac'))?.axes[7];
		expect(axe8?.fichesAction[0].actions.map((a) => a.id).slice(-2)).toEqual(['8.1.8', '8.1.9']);
	});

	it('refuses a status outside the vocabulary, with line and column; state unchanged', () => {
		const state = fresh();
		const before = structuredClone(state);
		const csv = editedCsv('conseil-local-sante-mentale', { statut: 'terminée' });
		const r = importCsv(csv, state, { communes: COMMUNES });
		expect(r.ok).toBe(false);
		if (r.ok) return;
		expect(r.errors).toHaveLength(1);
		// Cauvaldor's rows come first: header line 1, the 6th Cauvaldor action is on line 7.
		expect(describeCsvError(r.errors[0])).toBe(
			'ligne 7, colonne statut : « terminée » n’est pas un statut admis (prévue, en cours, réalisée, partiellement réalisée, non réalisée, abandonnée)'
		);
		expect(state).toEqual(before);
	});

	it('refuses an unknown commune code', () => {
		const csv = editedCsv('prevention-promotion-sante', { cible_type: 'communes', cible_communes: '46042 | 46999' });
		const r = importCsv(csv, fresh(), { communes: COMMUNES });
		expect(r.ok).toBe(false);
		if (!r.ok) expect(r.errors).toEqual([{ line: 6, column: 'cible_communes', message: 'code commune inconnu du COG 2025 : « 46999 »' }]);
	});

	it('refuses a wrong column header and a missing column', () => {
		const csv = exportCsv(fresh()).replace(';statut;', ';etat;');
		const r = importCsv(csv, fresh(), { communes: COMMUNES });
		expect(r.ok).toBe(false);
		if (r.ok) return;
		expect(r.errors.map(describeCsvError)).toEqual([
			expect.stringMatching(/^ligne 1, colonne etat : colonne inconnue « etat » \(colonnes attendues : cls_id;cls_nom;/),
			'ligne 1, colonne statut : colonne obligatoire manquante « statut »'
		]);
	});

	it('refuses malformed CSV (unbalanced quotes) with the line where the quote opened', () => {
		const lines = exportCsv(fresh()).split('\r\n');
		lines[3] = lines[3].replace(';prévue;', ';"prévue;');
		const r = importCsv(lines.join('\r\n'), fresh(), { communes: COMMUNES });
		expect(r.ok).toBe(false);
		if (!r.ok) expect(r.errors[0]).toMatchObject({ line: 4, message: expect.stringMatching(/^CSV mal formé : .*guillemets déséquilibrés/) });
	});

	it('refuses a 0-byte file, a BOM-only file and an oversized file', () => {
		for (const input of [new Uint8Array(0), '', BOM]) {
			const r = importCsv(input, fresh(), { communes: COMMUNES });
			expect(!r.ok && r.errors[0].message).toBe('Le fichier est vide.');
		}
		const big = new Uint8Array(MAX_IMPORT_BYTES + 10);
		const r = importCsv(big, fresh(), { communes: COMMUNES });
		expect(!r.ok && r.errors[0].message).toMatch(/^Le fichier est trop volumineux \(5,0 Mo\) : la limite est de 5 Mo\.$/);
	});

	it('reads a Latin-1 (windows-1252) file and says so', () => {
		const csv = editedCsv('conseil-local-sante-mentale', { motif_statut: 'Réunion prévue à Saint-Céré – été' });
		// encode as windows-1252: every char here is < 0x100 except the en dash (0x96 in cp1252)
		const bytes = Uint8Array.from([...csv.slice(1)].map((ch) => (ch === '–' ? 0x96 : ch.charCodeAt(0))));
		expect([...bytes].every((b) => b < 0x100)).toBe(true);
		const r = importCsv(bytes, fresh(), { communes: COMMUNES });
		if (!r.ok) throw new Error(r.errors.map(describeCsvError).join('\n'));
		expect(r.warnings).toEqual([expect.stringMatching(/^Le fichier n’est pas en UTF-8 : il a été lu comme Windows-1252/)]);
		expect(findAction(r.state, 'cauvaldor', 'conseil-local-sante-mentale')?.motifStatut).toBe('Réunion prévue à Saint-Céré – été');
	});

	it('keeps hostile strings as inert data, and the formula guard round-trips', () => {
		const hostile = '<img src=x onerror=alert(1)>"; DROP TABLE cls; --';
		const formula = '=HYPERLINK("http://evil","clic")';
		const csv = editedCsv('bien-vieillir-domicile', { action_titre: formula, motif_statut: hostile, pilote: '@admin' });
		expect(csv).toContain('"\'=HYPERLINK(');
		const r = importCsv(csv, fresh(), { communes: COMMUNES });
		if (!r.ok) throw new Error(r.errors.map(describeCsvError).join('\n'));
		const a = findAction(r.state, 'cauvaldor', 'bien-vieillir-domicile');
		expect(a?.titre).toBe(formula);
		expect(a?.motifStatut).toBe(hostile);
		expect(a?.pilote).toBe('@admin');
		// and exported again, guarded again
		expect(exportCsv(r.state)).toContain(';"\'=HYPERLINK(""http://evil"",""clic"")";');
	});

	it('refuses an unknown CLS id and reports every faulty row at once', () => {
		const lines = editedCsv('bien-vieillir-domicile', { cls_id: 'inconnu' }).split('\r\n');
		lines[5] = lines[5].replace(';prévue;', ';finie;');
		const r = importCsv(lines.join('\r\n'), fresh(), { communes: COMMUNES });
		expect(r.ok).toBe(false);
		if (!r.ok) expect(r.errors.map((e) => [e.line, e.column])).toEqual([[4, 'cls_id'], [6, 'statut']]);
	});
});

describe('hostile CSV', () => {
	it('a comma-separated file gets one message naming the separator', () => {
		const csv = formatCsv(parseCsv(exportCsv(fresh()).replace(/^\uFEFF/, '')).map((r) => r.fields), ',');
		const r = importCsv(csv, fresh(), { communes: COMMUNES });
		expect(r.ok).toBe(false);
		if (r.ok) return;
		expect(r.errors).toHaveLength(1);
		expect(r.errors[0].message).toMatch(/séparateur de ce fichier est la virgule « , ».*point-virgule « ; »/);
	});
});
