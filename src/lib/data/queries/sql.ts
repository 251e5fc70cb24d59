/**
 * The `sql` tag of the data layer. It lives in `engine/` so that the importers (`imports/`, which `queries/`
 * calls) bind their values with it too; the queries keep importing it from here.
 */
export * from '../engine/sql';
