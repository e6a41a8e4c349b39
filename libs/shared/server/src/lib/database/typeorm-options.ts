import * as pg from 'pg';
import type { DataSourceOptions } from 'typeorm';

// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
type Classes = Function[];

/**
 * The one TypeORM configuration used by the API, the commands and the tests. The schema only
 * ever changes through migrations.
 */
export function typeOrmOptions(options: {
  url: string;
  poolSize: number;
  entities: Classes;
  migrations: Classes;
}): DataSourceOptions {
  return {
    type: 'postgres',
    // Named explicitly so the build lists `pg` as a runtime dependency of the API.
    driver: pg,
    url: options.url,
    entities: options.entities,
    migrations: options.migrations,
    migrationsTableName: 'migrations',
    migrationsTransactionMode: 'each',
    synchronize: false,
    migrationsRun: false,
    // gen_random_uuid() is built into PostgreSQL 13+ and PGlite; uuid-ossp is not in PGlite.
    uuidExtension: 'pgcrypto',
    installExtensions: false,
    logging: false,
    // An idle connection stays open for five minutes (pg's default is 10 s): a request after a
    // quiet moment would otherwise open connections anew, each with a cold backend and every
    // prepared statement planned again, and a burst after a pause paid for that in its p99.
    extra: { max: options.poolSize, connectionTimeoutMillis: 10_000, idleTimeoutMillis: 300_000 },
  };
}
