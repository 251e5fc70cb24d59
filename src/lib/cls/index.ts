/** Modèle des Contrats locaux de santé : schéma, registre livré, périmètres, import/export, persistance. */
export * from './schema';
export { SHIPPED_CLS, SHIPPED_CLS_INPUT, getShippedCls, DOCUMENTS, cite } from './register';
export { resolvePerimeter, resolvePerimeterDetailed, communesByEpci, type ResolvedPerimeter } from './perimeter';
export * from './io';
export { parseCsv, formatCsv, csvCell, CsvSyntaxError } from './csv';
export * from './store';
export * from './target';
export * from './edit';
