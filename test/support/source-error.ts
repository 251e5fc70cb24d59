import { expect } from 'vitest';
import { SourceError } from '../../pipeline/lib/csv';

/** Runs a reader expected to refuse its input, and returns the French error it raised. */
export function sourceError(run: () => unknown): SourceError {
	try {
		run();
	} catch (error) {
		expect(error).toBeInstanceOf(SourceError);
		return error as SourceError;
	}
	throw new Error('aucune erreur levée');
}
