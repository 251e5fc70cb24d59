import { describe, expect, it } from 'vitest';
import { DEFAULT_VIEW, cleanManualBreaks, ignoredNotice, parseBreaks, parseView, parseViewReport, viewParams, type ViewState } from '../../../src/lib/links/view-state';
import { getIndicator } from '../../../src/lib/indicators/catalogue';

describe('permalinks', () => {
	it('round-trip every part of a view', () => {
		const view: ViewState = {
			indicator: 'apl_mg_2023',
			level: 'commune',
			scope: { level: 'departement', code: '15' },
			method: 'jenks',
			classes: 5,
			breaks: [],
			keptClasses: [0],
			filter: { indicator: 'dist_msp_km', op: '>', value: 15 },
			selection: { level: 'commune', code: '15014' },
			group: ['15014', '15187', '2A004'],
			layers: ['msp', 'hopital', 'radon3', 'qpv', 'cls']
		};
		expect(parseView(viewParams(view))).toEqual(view);
	});

	it('keep a selection of communes sorted, without duplicates nor invalid codes, leading zeros put back', () => {
		const view = parseView(new URLSearchParams('g=46102-2A004-46102-1004-<b>-46042'));
		expect(view.group).toEqual(['01004', '2A004', '46042', '46102']);
		expect(viewParams(view).get('g')).toBe('01004-2A004-46042-46102');
		expect(parseView(new URLSearchParams('g=')).group).toEqual([]);
	});

	it('study the selection, or a CLS perimeter; a selection scope without communes is France', () => {
		const selection = parseView(new URLSearchParams('g=46102-46042&p=selection'));
		expect(selection.scope).toEqual({ level: 'selection' });
		expect(viewParams(selection).get('p')).toBe('selection');
		expect(parseView(new URLSearchParams('p=selection')).scope).toEqual({ level: 'france' });
		const cls = parseView(new URLSearchParams('p=cls:aurillac'));
		expect(cls.scope).toEqual({ level: 'cls', code: 'aurillac' });
		expect(viewParams(cls).get('p')).toBe('cls:aurillac');
		expect(parseView(new URLSearchParams('p=cls:<script>')).scope).toEqual({ level: 'france' });
	});

	it('keep manual breaks', () => {
		const view = { ...DEFAULT_VIEW, method: 'manuel' as const, breaks: [1.5, 2.5, 4] };
		expect(parseView(viewParams(view)).breaks).toEqual([1.5, 2.5, 4]);
	});

	it('fall back to defaults on unknown or hostile values', () => {
		const view = parseView(new URLSearchParams('i=nope&n=planete&p=departement:<script>&m=x&k=42&s=commune:1;DROP&f=x>y'));
		expect(view).toEqual(DEFAULT_VIEW);
	});

	it('open DREES’s reference APL (GPs under 65) by default, and the indicator an older permalink named', () => {
		expect(parseView(new URLSearchParams('')).indicator).toBe('apl_mg_moins65_2023');
		expect(getIndicator(DEFAULT_VIEW.indicator).label).toBe('APL aux médecins généralistes de moins de 65 ans 2023');
		// Links made when the all-ages APL was the default keep their meaning: the all-ages variant, now named so.
		for (const id of ['apl_mg_2023', 'apl_mg_2022', 'apl_mg_evolution_2022_2023', 'apl_mg_moins65_2023']) {
			const view = parseView(new URLSearchParams(`i=${id}&n=epci&f=${id}>2.5`));
			expect(view.indicator, id).toBe(id);
			expect(view.level, id).toBe('epci');
			expect(view.filter?.indicator, id).toBe(id);
		}
		for (const id of ['apl_mg_2023', 'apl_mg_2022', 'apl_mg_evolution_2022_2023']) {
			expect(getIndicator(id).label, id).toMatch(/tous âges \(variante\)/);
			expect(JSON.stringify(getIndicator(id).measure), id).not.toMatch(/moins65/);
		}
		// A default view still writes its indicator: the link does not change meaning when the default moves again.
		expect(viewParams(DEFAULT_VIEW).get('i')).toBe('apl_mg_moins65_2023');
	});

	it('bring a zoning back to the commune level, where alone it is true', () => {
		expect(parseView(new URLSearchParams('i=radon_classe&n=departement')).level).toBe('commune');
	});
});

describe('a permalink that cannot be honoured fully', () => {
	it('says what was ignored, in French, once per parameter', () => {
		const { view, ignored } = parseViewReport(new URLSearchParams("i=' OR 1=1 --&p=foo:bar&k=42&g=46102-<b>&s=commune:1;DROP&f=x>y&m=z"));
		expect(view.indicator).toBe(DEFAULT_VIEW.indicator);
		expect(view.group).toEqual(['46102']);
		expect(ignored).toHaveLength(7);
		expect(ignored.join(' | ')).toContain("indicateur « ' OR 1=1 -- » inconnu");
		expect(ignored.join(' | ')).toContain('territoire étudié « foo:bar »');
		expect(ignored.join(' | ')).toContain('nombre de classes « 42 » (de 3 à 9)');
		expect(ignoredNotice(ignored)).toMatch(/^Ce lien n’a pas pu être suivi entièrement ; ignoré : /);
	});

	it('says nothing for a link that is honoured', () => {
		expect(parseViewReport(new URLSearchParams('i=apl_mg_2023&p=departement:15&m=manuel&b=1,2&g=1004')).ignored).toEqual([]);
		expect(ignoredNotice([])).toBeNull();
	});

	it('keeps at most 8 manual bounds (9 classes), finite and distinct', () => {
		const many = Array.from({ length: 1000 }, (_, i) => i).join(',');
		const { view, ignored } = parseViewReport(new URLSearchParams(`m=manuel&b=${many}`));
		expect(view.breaks).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
		expect(ignored[0]).toContain('992 borne(s) manuelle(s)');
		expect(cleanManualBreaks([3, Infinity, 1, 3, NaN])).toEqual([1, 3]);
	});

	it('reads typed manual bounds in the French or the English way, leaving out what is not a number', () => {
		expect(parseBreaks('1,5 ; 2,5')).toEqual([1.5, 2.5]);
		expect(parseBreaks('1.5; 2.5')).toEqual([1.5, 2.5]);
		expect(parseBreaks('1 000,5 ; abc')).toEqual([1000.5]);
	});

	it('names the selection limit when a link carries more than 1,000 communes', () => {
		const codes = Array.from({ length: 1001 }, (_, i) => String(46001 + i)).join('-');
		const { view, ignored } = parseViewReport(new URLSearchParams(`g=${codes}`));
		expect(view.group).toHaveLength(1000);
		expect(ignored).toHaveLength(1);
		expect(ignored[0]).toMatch(/^1 commune de la sélection, au-delà de la limite de 1\s000 communes$/u);
	});
});
