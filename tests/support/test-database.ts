import { randomBytes } from 'node:crypto';
import { Client } from 'pg';

/**
 * The PostgreSQL the tests use: a fresh database on TEST_DATABASE_URL / DATABASE_URL when one
 * is given (CI uses the machine's server), otherwise the embedded PGlite server.
 */
export interface TestDatabase {
  url: string;
  embedded: boolean;
  dispose(): Promise<void>;
}

function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

export async function createTestDatabase(): Promise<TestDatabase> {
  const server = process.env['TEST_DATABASE_URL'] || process.env['DATABASE_URL'];
  if (server) {
    const name = `mend_test_${Date.now()}_${randomBytes(3).toString('hex')}`;
    const admin = new Client({ connectionString: server });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    await admin.end();
    return {
      url: withDatabase(server, name),
      embedded: false,
      async dispose() {
        const client = new Client({ connectionString: server });
        await client.connect();
        await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
        await client.end();
      },
    };
  }
  // PGlite cannot start inside a test file (jest's VM has no dynamic import): a test that needs a
  // database of its own gets the spare one the global setup started beside the shared one.
  const spare = process.env['MEND_TEST_SPARE_DATABASE_URL'];
  if (spare) return { url: spare, embedded: true, dispose: async () => undefined };
  const { startEmbeddedPostgres } = await import(
    '../../libs/shared/server/src/lib/database/embedded-postgres'
  );
  const embedded = await startEmbeddedPostgres({ dataDir: 'memory://' });
  return { url: embedded.url, embedded: true, dispose: () => embedded.stop() };
}
