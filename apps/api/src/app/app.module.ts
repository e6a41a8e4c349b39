import { createRequire } from 'node:module';
import { DynamicModule, Module, RequestMethod } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { TypeOrmModule } from '@nestjs/typeorm';
import { LoggerModule } from 'nestjs-pino';
import { AUDIT_ENTITIES } from '@mend/audit/api';
import { AGREEMENTS_ENTITIES, AgreementsModule } from '@mend/agreements/api';
import { APPOINTMENTS_ENTITIES, AppointmentsModule } from '@mend/appointments/api';
import { AuditTrailModule } from '@mend/audit-trail/api';
import { AUTH_ENTITIES, AuthModule } from '@mend/auth/api';
import { CASELOAD_ENTITIES, CaseloadModule } from '@mend/caseload/api';
import { EXERCISES_ENTITIES, ExercisesModule } from '@mend/exercises/api';
import { HOMEWORK_ENTITIES, HomeworkModule } from '@mend/homework/api';
import { MESSAGES_ENTITIES, MessagesModule } from '@mend/messages/api';
import { NOTES_ENTITIES, NotesModule } from '@mend/notes/api';
import { NOTIFICATIONS_ENTITIES, NotificationsModule } from '@mend/notifications/api';
import { SAFETY_ENTITIES, SafetyModule } from '@mend/safety/api';
import {
  AppConfig,
  CoreModule,
  DatabaseConnection,
  DatabaseModule,
  describeForLog,
  typeOrmOptions,
} from '@mend/shared/server';
import { MIGRATIONS } from '../migrations';
import { DemoSeed } from './demo-seed';
import { HealthController } from './health.controller';

export const ENTITIES = [
  ...AUTH_ENTITIES,
  ...AUDIT_ENTITIES,
  ...CASELOAD_ENTITIES,
  ...EXERCISES_ENTITIES,
  ...HOMEWORK_ENTITIES,
  ...NOTES_ENTITIES,
  ...SAFETY_ENTITIES,
  ...AGREEMENTS_ENTITIES,
  ...NOTIFICATIONS_ENTITIES,
  ...MESSAGES_ENTITIES,
  ...APPOINTMENTS_ENTITIES,
];

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

/**
 * pino-pretty's file, when the logs are for a person at a terminal: in development, on a TTY
 * (tests, production and any pipe keep JSON lines, which tools and the journeys read). pino
 * loads a transport by path in a worker thread, outside webpack's bundle, so it is resolved
 * here from beside the running file (dist/apps/api/main.js finds the workspace's
 * node_modules); where it is not installed, the logs stay JSON.
 */
export function prettyLogTarget(config: AppConfig, stdout = process.stdout): string | undefined {
  if (config.env !== 'development' || !stdout.isTTY) return undefined;
  try {
    return createRequire(__filename).resolve('pino-pretty');
  } catch {
    return undefined;
  }
}

/** pino settings: JSON lines, secrets redacted, requests logged by method and path only. */
export function loggerOptions(config: AppConfig, pretty = prettyLogTarget(config)) {
  return {
    level: config.logLevel,
    // Redaction and the serializers below run before the transport: the terminal sees no more.
    ...(pretty
      ? {
          transport: {
            target: pretty,
            options: {
              colorize: true,
              translateTime: 'SYS:HH:MM:ss.l',
              ignore: 'pid,hostname,context,req,res,responseTime',
              messageFormat:
                '{if context}[{context}] {end}{msg}{if req.method} {req.method} {req.path} → {res.statusCode} in {responseTime} ms{end}',
            },
          },
        }
      : {}),
    redact: { paths: REDACTED, censor: '[redacted]' },
    // Query strings and bodies may carry personal data or tokens: never logged.
    serializers: {
      req: (req: { id: unknown; method: string; url: string }) => ({
        id: req.id,
        method: req.method,
        path: req.url.split('?')[0],
      }),
      res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
      // An error's kind and code only: its message may hold SQL or personal data, and its stack
      // says nothing about a client's mistake (and little an operator can act on).
      // (pino-http hands it over already serialized, as `{ type, message, stack }`.)
      err: (err: { type?: unknown; code?: unknown }) =>
        typeof err?.type === 'string'
          ? { type: err.type, code: typeof err.code === 'string' ? err.code : undefined }
          : describeForLog(err),
    },
    // A client's mistake (4xx) is routine: logged at info, never as an error with a stack.
    customLogLevel: (_req: unknown, res: { statusCode: number }, err?: unknown) =>
      res.statusCode >= 500 || (err && res.statusCode < 400) ? 'error' : 'info',
    // Checked inside Nest's middleware, where `url` has lost the `/api` prefix it was mounted on.
    autoLogging: {
      ignore: (req: { url?: string; originalUrl?: string }) =>
        (req.originalUrl ?? req.url ?? '').startsWith('/api/health'),
    },
  };
}

@Module({})
export class AppModule {
  static forRoot(config: AppConfig, database: DatabaseConnection): DynamicModule {
    return {
      module: AppModule,
      imports: [
        CoreModule.forRoot(config),
        LoggerModule.forRoot({
          pinoHttp: loggerOptions(config),
          // Every route, in the wildcard syntax of Nest 11's router; only where the access log
          // is written (info and below): its child logger per request is not free. Server
          // errors are logged by the exception filter at any level.
          forRoutes: ['trace', 'debug', 'info'].includes(config.logLevel)
            ? [{ path: '{*path}', method: RequestMethod.ALL }]
            : [],
        }),
        TypeOrmModule.forRoot(
          typeOrmOptions({
            url: database.url,
            poolSize: database.poolSize,
            entities: ENTITIES,
            migrations: MIGRATIONS,
          }),
        ),
        DatabaseModule.forRoot({
          preparedStatements: !database.embedded,
          checkTransactions: config.env !== 'production',
          url: database.url,
          embedded: database.embedded,
        }),
        TerminusModule,
        NotificationsModule,
        AuthModule,
        AuditTrailModule,
        CaseloadModule,
        ExercisesModule,
        HomeworkModule,
        NotesModule,
        SafetyModule,
        AgreementsModule,
        MessagesModule,
        AppointmentsModule,
      ],
      controllers: [HealthController],
      providers: [DemoSeed],
    };
  }
}
