import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { writeFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { DataSource } from 'typeorm';
import { AuditChainVerifier } from '@mend/audit/api';
import { ClinicsService } from '@mend/auth/api';
import {
  AppConfig,
  AuditKeys,
  auditKeysFor,
  connectDatabase,
  DatabaseConnection,
  encryptionKeysFor,
  FieldEncryptionService,
  loadConfig,
  migrateInTurn,
  rotateEncryptedColumns,
  startEmbeddedPostgres,
  SystemDb,
  typeOrmOptions,
} from '@mend/shared/server';
import { AppModule, ENTITIES } from './app/app.module';
import { MIGRATIONS } from './migrations';

const USAGE = `Mend commands (run with: npm run <command> -- [options]):
  migrate                           apply pending migrations
  migration:generate --name Name    write a migration for the entity changes (apps/api/src/migrations)
  migration:check                   fail if the entities differ from the migrated schema (drift)
  clinic:create --name "Clinic" --admin-email a@b.c [--admin-name "Name"]
                                    create a clinic and invite its first admin
  encryption:rotate                 re-encrypt clinical text under the first key of ENCRYPTION_KEYS
  audit:verify                      check every clinic's audit chain; exits 1 if an event was altered or removed`;

async function withDataSource<T>(
  database: DatabaseConnection,
  work: (ds: DataSource) => Promise<T>,
): Promise<T> {
  const dataSource = new DataSource(
    typeOrmOptions({
      url: database.url,
      poolSize: database.poolSize,
      entities: ENTITIES,
      migrations: MIGRATIONS,
    }),
  );
  await dataSource.initialize();
  try {
    return await work(dataSource);
  } finally {
    await dataSource.destroy();
  }
}

/** Schema generation compares against a throw-away database unless DATABASE_URL names one. */
async function schemaDatabase(config: AppConfig): Promise<DatabaseConnection> {
  if (config.databaseUrl) return connectDatabase(config);
  const server = await startEmbeddedPostgres({ dataDir: 'memory://' });
  return { url: server.url, poolSize: 1, embedded: true, close: () => server.stop() };
}

async function pendingSchemaChanges(ds: DataSource) {
  await ds.runMigrations({ transaction: 'each' });
  return ds.driver.createSchemaBuilder().log();
}

function migrationSource(className: string, up: string[], down: string[]): string {
  const lines = (queries: string[]) =>
    queries
      .map(
        (q) =>
          `    await queryRunner.query(\`${q.replace(/[`\\]/g, '\\$&').replace(/\$\{/g, '\\${')}\`);`,
      )
      .join('\n');
  return `import { MigrationInterface, QueryRunner } from 'typeorm';

export class ${className} implements MigrationInterface {
  name = '${className}';

  public async up(queryRunner: QueryRunner): Promise<void> {
${lines(up)}
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
${lines(down)}
  }
}
`;
}

async function main(): Promise<number> {
  const [command, ...rest] = process.argv.slice(2);
  const { values } = parseArgs({
    args: rest,
    options: {
      name: { type: 'string' },
      'admin-email': { type: 'string' },
      'admin-name': { type: 'string' },
    },
    allowPositionals: false,
  });
  const config = loadConfig();

  switch (command) {
    case 'migrate': {
      const database = await connectDatabase(config);
      try {
        const done = await withDataSource(database, (ds) => migrateInTurn(ds, database));
        console.log(
          done.length
            ? `Applied ${done.map((m) => m.name).join(', ')}.`
            : 'The database is up to date.',
        );
      } finally {
        await database.close();
      }
      return 0;
    }
    case 'migration:generate':
    case 'migration:check': {
      const database = await schemaDatabase(config);
      try {
        const sql = await withDataSource(database, pendingSchemaChanges);
        const up = sql.upQueries.map((q) => q.query);
        if (up.length === 0) {
          console.log('No schema drift: the migrations match the entities.');
          return 0;
        }
        if (command === 'migration:check') {
          console.error(
            `Schema drift: the entities need a migration (npm run migration:generate -- --name X):\n${up.join(';\n')};`,
          );
          return 1;
        }
        if (!values.name || !/^[A-Za-z][A-Za-z0-9]*$/.test(values.name)) {
          console.error('Give the migration a name: --name AddSomething (letters and digits).');
          return 2;
        }
        const timestamp = Date.now();
        const className = `${values.name}${timestamp}`;
        const dir = join(process.cwd(), 'apps/api/src/migrations');
        const file = `${timestamp}-${values.name}`;
        writeFileSync(
          join(dir, `${file}.ts`),
          migrationSource(className, up, sql.downQueries.map((q) => q.query).reverse()),
        );
        const index = join(dir, 'index.ts');
        const source = readFileSync(index, 'utf8')
          .replace(/^(\/\/.*\n)/, `$1import { ${className} } from './${file}';\n`)
          .replace(/export const MIGRATIONS = \[([^\]]*)\];/, (_, list: string) => {
            const items = list
              .split(',')
              .map((s) => s.trim())
              .filter(Boolean);
            return `export const MIGRATIONS = [${[...items, className].join(', ')}];`;
          });
        writeFileSync(index, source);
        console.log(
          `Wrote apps/api/src/migrations/${file}.ts (${up.length} statements). Review it before committing.`,
        );
        return 0;
      } finally {
        await database.close();
      }
    }
    case 'clinic:create': {
      const name = values.name?.trim();
      const adminEmail = values['admin-email']?.trim();
      if (!name || !adminEmail || !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(adminEmail)) {
        console.error(
          'Usage: npm run clinic:create -- --name "Clinic name" --admin-email admin@clinic.example [--admin-name "Name"]',
        );
        return 2;
      }
      const database = await connectDatabase(config);
      try {
        await withDataSource(database, (ds) => migrateInTurn(ds, database));
        const app = await NestFactory.createApplicationContext(
          // No job workers in a command: the invitation mail waits in the outbox for the portal's.
          AppModule.forRoot({ ...config, logLevel: 'warn', runJobs: false }, database),
          { logger: ['error', 'warn'] },
        );
        try {
          const result = await app.get(ClinicsService).createWithAdmin({
            name,
            adminEmail,
            adminName: values['admin-name']?.trim() || adminEmail.split('@')[0],
          });
          console.log(`Created clinic "${result.clinic.name}" (${result.clinic.id}).`);
          console.log(
            `Invitation for ${result.admin.email} (expires ${result.expiresAt.toISOString()}):\n${result.link}`,
          );
        } finally {
          await app.close();
        }
      } catch (error) {
        console.error(
          `Could not create the clinic: ${error instanceof Error ? error.message : String(error)}`,
        );
        return 1;
      } finally {
        await database.close();
      }
      return 0;
    }
    case 'encryption:rotate': {
      const database = await connectDatabase(config);
      try {
        const encryption = new FieldEncryptionService(encryptionKeysFor(config));
        const count = await withDataSource(database, (ds) =>
          rotateEncryptedColumns(ds, encryption),
        );
        console.log(`Re-encrypted ${count} value(s) under key "${encryption.currentKeyId}".`);
      } finally {
        await database.close();
      }
      return 0;
    }
    case 'audit:verify': {
      const database = await connectDatabase(config);
      try {
        const reports = await withDataSource(database, (ds) =>
          new AuditChainVerifier(new SystemDb(ds), new AuditKeys(auditKeysFor(config))).verifyAll(),
        );
        if (reports.length === 0) console.log('No audit events yet.');
        for (const r of reports) {
          const p = r.problem;
          console.log(
            p
              ? `Clinic ${r.clinicId}: ${r.events} events, BROKEN at seq ${p.seq} (event ${p.id}, position ${p.position}): ${p.kind}, ${p.detail}.`
              : `Clinic ${r.clinicId}: ${r.events} events, chain intact.`,
          );
        }
        return reports.every((r) => r.ok) ? 0 : 1;
      } finally {
        await database.close();
      }
    }
    default:
      console.log(USAGE);
      return command ? 2 : 0;
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : String(error));
    process.exit(1);
  },
);
