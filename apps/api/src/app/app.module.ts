import { DynamicModule, Module } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { TypeOrmModule } from '@nestjs/typeorm';
import { LoggerModule } from 'nestjs-pino';
import { AUTH_ENTITIES, AuthModule } from '@mend/auth/api';
import { AppConfig, CoreModule, DatabaseConnection, typeOrmOptions } from '@mend/shared/server';
import { MIGRATIONS } from '../migrations';
import { DemoSeed } from './demo-seed';
import { HealthController } from './health.controller';

export const ENTITIES = [...AUTH_ENTITIES];

/** Paths of values that must never reach a log line. */
const REDACTED = [
  'req.headers.cookie',
  'req.headers.authorization',
  'res.headers["set-cookie"]',
  '*.password',
  '*.newPassword',
  '*.currentPassword',
  '*.token',
  '*.passwordHash',
];

@Module({})
export class AppModule {
  static forRoot(config: AppConfig, database: DatabaseConnection): DynamicModule {
    return {
      module: AppModule,
      imports: [
        CoreModule.forRoot(config),
        LoggerModule.forRoot({
          pinoHttp: {
            level: config.logLevel,
            redact: { paths: REDACTED, censor: '[redacted]' },
            // Method and path only: query strings and bodies may carry personal data.
            serializers: {
              req: (req: { id: unknown; method: string; url: string }) => ({
                id: req.id,
                method: req.method,
                path: req.url.split('?')[0],
              }),
              res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
            },
            autoLogging: { ignore: (req) => (req.url ?? '').startsWith('/api/health') },
          },
        }),
        TypeOrmModule.forRoot(
          typeOrmOptions({
            url: database.url,
            poolSize: database.poolSize,
            entities: ENTITIES,
            migrations: MIGRATIONS,
          }),
        ),
        TerminusModule,
        AuthModule,
      ],
      controllers: [HealthController],
      providers: [DemoSeed],
    };
  }
}
