import type { Statut } from '../register/schema';

/** Colours of the status badges (text always shown beside the colour; contrast ≥ 4.5:1). */
export const STATUS_COLORS: Record<Statut, { bg: string; fg: string }> = {
	prévue: { bg: '#e0e7ff', fg: '#312e81' },
	'en cours': { bg: '#fef3c7', fg: '#78350f' },
	réalisée: { bg: '#dcfce7', fg: '#14532d' },
	'partiellement réalisée': { bg: '#ecfccb', fg: '#365314' },
	'non réalisée': { bg: '#fee2e2', fg: '#7f1d1d' },
	abandonnée: { bg: '#e5e7eb', fg: '#1f2937' }
};
