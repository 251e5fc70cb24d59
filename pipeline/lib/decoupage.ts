/** @etalab/decoupage-administratif 6.0.0: populations, postal codes and EPCI nature (npm package, not a raw file). */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

interface DecoupageCommune {
	code: string;
	type: string;
	zone: string;
	population?: number;
	codesPostaux?: string[];
}
interface DecoupageEpci {
	code: string;
	nom: string;
	type: string;
}

const require = createRequire(import.meta.url);
const load = <T>(name: string): T =>
	JSON.parse(readFileSync(require.resolve(`@etalab/decoupage-administratif/data/${name}.json`), 'utf8')) as T;

/** Current communes of metropolitan France and the five DROM (the COM are outside the atlas). */
export function decoupageCommunes(): DecoupageCommune[] {
	return load<DecoupageCommune[]>('communes').filter(
		(c) => c.type === 'commune-actuelle' && (c.zone === 'metro' || c.zone === 'drom')
	);
}

export function decoupageEpci(): DecoupageEpci[] {
	return load<DecoupageEpci[]>('epci');
}
