/**
 * `npm run sql -- "<query>"`: runs one query on the app's own artefacts with the app's own engine
 * and prints CSV (`,`-separated, `.` decimals, RFC 4180 quoting) so any figure can be reproduced or scripted.
 * Options: --data DIR (default static/data).
 */
import type { Table } from 'apache-arrow';
import { openNodeAtlas, DEFAULT_DATA_DIR } from './node';

function csvCell(value: unknown): string {
	if (value === null || value === undefined) return '';
	const text =
		typeof value === 'bigint' ? value.toString() : value instanceof Date ? value.toISOString() : String(value);
	return /[",\n\r]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export function tableToCsv(table: Table): string {
	const names = table.schema.fields.map((f) => f.name);
	const lines = [names.map(csvCell).join(',')];
	for (const row of table) {
		const record = row.toJSON() as Record<string, unknown>;
		lines.push(names.map((n) => csvCell(record[n])).join(','));
	}
	return lines.join('\n') + '\n';
}

async function main(argv: string[]): Promise<number> {
	let dataDir = DEFAULT_DATA_DIR;
	const rest: string[] = [];
	for (let i = 0; i < argv.length; i++) {
		if (argv[i] === '--data') dataDir = argv[++i] ?? dataDir;
		else rest.push(argv[i]);
	}
	const sql = rest.join(' ').trim();
	if (!sql) {
		process.stderr.write('Usage : npm run sql -- "SELECT …"   (option --data DOSSIER)\n');
		return 2;
	}
	const db = await openNodeAtlas(dataDir);
	try {
		process.stdout.write(tableToCsv(await db.query(sql)));
		return 0;
	} catch (error) {
		process.stderr.write(`Erreur SQL : ${error instanceof Error ? error.message : String(error)}\n`);
		return 1;
	} finally {
		await db.close();
	}
}

main(process.argv.slice(2)).then(
	(code) => process.exit(code),
	(error: unknown) => {
		process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
		process.exit(1);
	}
);
