import { Client } from 'pg';
import type { DataSource, Migration } from 'typeorm';

/** The advisory lock processes take turns on while migrating (any number fixed for Mend). */
const MIGRATION_LOCK = 7_311_209;

/**
 * Applies pending migrations, one process at a time: replicas starting together take turns on
 * an advisory lock held on a connection of its own, so the first migrates and the others then
 * find nothing left to do (TypeORM's runner takes no lock itself). The embedded database is
 * served by one process, which needs no turn.
 */
export async function migrateInTurn(
  dataSource: DataSource,
  database: { url: string; embedded: boolean },
): Promise<Migration[]> {
  if (database.embedded) return dataSource.runMigrations({ transaction: 'each' });
  const lock = new Client({ connectionString: database.url });
  await lock.connect();
  try {
    await lock.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    return await dataSource.runMigrations({ transaction: 'each' });
  } finally {
    // Ending the connection releases the lock too.
    await lock.end().catch(() => undefined);
  }
}
