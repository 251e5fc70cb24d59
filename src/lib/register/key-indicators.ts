/** Key indicators of a CLS perimeter, in display order. */
export const CLS_KEY_INDICATORS = [
	'apl_mg_moins65_2023',
	'apl_mg_moins65_evolution_2022_2023',
	'apl_mg_moins65_sous_seuil_2023',
	'population',
	'part_75_ans_plus_bv_2022',
	'dist_msp_km',
	'radon_part_population_zone3',
	'medecin_omnipraticien_bpe2013'
] as const;
