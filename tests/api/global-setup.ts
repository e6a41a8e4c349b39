import '../support/register-paths';
import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { typeOrmOptions } from '@mend/shared/server';
import { ENTITIES } from '../../apps/api/src/app/app.module';
import { MIGRATIONS } from '../../apps/api/src/migrations';
import { createTestDatabase, TestDatabase } from '../support/test-database';

declare global {
  var __MEND_TEST_DB__: TestDatabase | undefined;
  var __MEND_SPARE_TEST_DB__: TestDatabase | undefined;
}

/** One database per run, migrated once; every test file boots the real app against it. */
export default async function globalSetup(): Promise<void> {
  const database = await createTestDatabase();
  globalThis.__MEND_TEST_DB__ = database;
  const dataSource = new DataSource(
    typeOrmOptions({ url: database.url, poolSize: 1, entities: ENTITIES, migrations: MIGRATIONS }),
  );
  await dataSource.initialize();
  await dataSource.runMigrations({ transaction: 'each' });
  await dataSource.destroy();
  process.env['MEND_TEST_DATABASE_URL'] = database.url;
  process.env['MEND_TEST_DATABASE_EMBEDDED'] = database.embedded ? '1' : '';
  if (database.embedded) {
    // One empty database for the test that migrates one of its own (test-database.ts).
    const spare = await createTestDatabase();
    globalThis.__MEND_SPARE_TEST_DB__ = spare;
    process.env['MEND_TEST_SPARE_DATABASE_URL'] = spare.url;
  }
}
