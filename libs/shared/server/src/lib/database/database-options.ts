export const DATABASE_OPTIONS = 'mend:database-options';

export interface DatabaseOptions {
  /**
   * Named prepared statements for callers' statements. Off on the embedded database: PGlite
   * runs every connection in one session, where two connections' statement names collide.
   */
  preparedStatements: boolean;
  /** Where the database is and whether it is the embedded one (one connection). */
  url: string;
  embedded: boolean;
  /**
   * Checks each nested call against the causal context (an AsyncLocalStorage) outside
   * production, where its cost on every promise does not matter. See clinic-db.ts.
   */
  checkTransactions?: boolean;
}
