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
}
