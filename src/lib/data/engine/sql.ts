/**
 * SQL text of the data layer, after Mosaic's `sql` template tag, except that interpolated values
 * are bound as `?` parameters instead of being spliced into the text:
 *
 *     sql`SELECT nom FROM communes WHERE code = ${code}`  →  { text: 'SELECT nom FROM communes WHERE code = ?', params: [code] }
 *
 * A nested `Sql` fragment brings its own text and parameters (in order, however often it appears);
 * `raw()` splices trusted text, this layer's own fragments and column names, never user input; `ident()`
 * quotes a name a measure reads; `communeList()` is the one way to bind a list of communes.
 */
import type { SqlParam } from './connector';
import { isCommuneCode } from '../../territory/insee-code';

/** A query or a fragment of one: its text with `?` placeholders, and the values they bind, in order. */
export class Sql {
	constructor(
		readonly text: string,
		readonly params: readonly SqlParam[]
	) {}
}

/** Trusted SQL text, spliced as is. */
export class RawSql {
	constructor(readonly text: string) {}
}

export type SqlValue = SqlParam | Sql | RawSql;

/** Text for the layer's own fragments and identifiers: never build one from user input. */
export function raw(text: string): RawSql {
	return new RawSql(text);
}

export function sql(strings: TemplateStringsArray, ...values: readonly SqlValue[]): Sql {
	let text = strings[0];
	const params: SqlParam[] = [];
	values.forEach((value, i) => {
		if (value instanceof Sql) {
			text += value.text;
			params.push(...value.params);
		} else if (value instanceof RawSql) {
			text += value.text;
		} else {
			text += '?';
			params.push(value);
		}
		text += strings[i + 1];
	});
	return new Sql(text, params);
}

/** A column or table name, checked to be a plain lower-case identifier and quoted: a name never carries SQL. */
export function ident(name: string): RawSql {
	if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`« ${name} » n’est pas un nom de colonne ou de table`);
	return new RawSql(`"${name}"`);
}

/** Fragments joined by a separator (`, `, ` AND `…). */
export function joinSql(parts: readonly Sql[], separator = ', '): Sql {
	return new Sql(parts.map((p) => p.text).join(separator), parts.flatMap((p) => p.params));
}

/** A list of communes checked against the INSEE code form: anything else is refused before it reaches SQL. */
export function checkedCommunes(codes: readonly string[]): readonly string[] {
	for (const c of codes) if (!isCommuneCode(c)) throw new Error(`« ${c} » n’est pas un code commune INSEE`);
	return codes;
}

/**
 * A sub-query giving one row `code` per commune of the list: every code is checked first, then the
 * list is bound as one parameter and split in SQL (one placeholder whatever its length).
 */
export function communeList(codes: readonly string[]): Sql {
	return sql`(SELECT unnest(string_split(${checkedCommunes(codes).join(',')}, ',')) AS code)`;
}
