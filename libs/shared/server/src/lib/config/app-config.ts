import { plainToInstance, Transform } from 'class-transformer';
import {
  IsBoolean,
  IsIn,
  IsInt,
  IsNumber,
  IsOptional,
  IsString,
  IsUrl,
  Matches,
  Max,
  Min,
  validateSync,
} from 'class-validator';

const toInt = ({ value }: { value: unknown }) =>
  value === undefined || value === '' ? undefined : Number(value);
const toBool = ({ value }: { value: unknown }) =>
  value === undefined || value === ''
    ? undefined
    : ['1', 'true', 'yes'].includes(String(value).toLowerCase());

/** Values that are only ever fit for a laptop; production refuses to start with them. */
export const PLACEHOLDER_MARKERS = ['change-me', 'changeme', 'placeholder', 'example-key'];

/**
 * The environment the API reads, validated once at boot. Every variable is listed in the
 * README's configuration table.
 */
export class Environment {
  @IsOptional()
  @IsIn(['development', 'test', 'production'])
  NODE_ENV: 'development' | 'test' | 'production' = 'development';

  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(65535)
  PORT = 3000;

  @IsOptional()
  @IsString()
  HOST = '0.0.0.0';

  @IsOptional()
  @Matches(/^postgres(ql)?:\/\//, { message: 'DATABASE_URL must be a postgres:// URL' })
  DATABASE_URL?: string;

  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(200)
  DATABASE_POOL_SIZE?: number;

  @IsOptional()
  @IsString()
  EMBEDDED_DB_DIR = '.data/pglite';

  @IsOptional()
  @IsUrl({ require_tld: false, require_protocol: true })
  PUBLIC_URL?: string;

  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(24 * 60)
  SESSION_IDLE_MINUTES = 30;

  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(24 * 7)
  SESSION_ABSOLUTE_HOURS = 12;

  @IsOptional()
  @Transform(toBool)
  @IsBoolean()
  COOKIE_SECURE?: boolean;

  @IsOptional()
  @Matches(/^smtps?:\/\//, { message: 'SMTP_URL must be an smtp:// or smtps:// URL' })
  SMTP_URL?: string;

  @IsOptional()
  @IsString()
  MAIL_FROM = 'Mend <no-reply@mend.local>';

  /** `id:base64key[,id:base64key…]`; the first key encrypts, all of them decrypt. */
  @IsOptional()
  @Matches(/^[A-Za-z0-9_-]+:[A-Za-z0-9+/=]+(,[A-Za-z0-9_-]+:[A-Za-z0-9+/=]+)*$/, {
    message: 'ENCRYPTION_KEYS must be "keyId:base64Key[,keyId:base64Key…]"',
  })
  ENCRYPTION_KEYS?: string;

  @IsOptional()
  @Transform(toBool)
  @IsBoolean()
  SEED_DEMO?: boolean;

  @IsOptional()
  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
  LOG_LEVEL = 'info';

  @IsOptional()
  @IsString()
  WEB_DIST_DIR?: string;

  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(1000)
  LOGIN_MAX_FAILURES_PER_MINUTE = 5;

  /** Whether this process works the job queue (mail, reminders); `false` serves requests only. */
  @IsOptional()
  @Transform(toBool)
  @IsBoolean()
  RUN_JOBS = true;

  @IsOptional()
  @Transform(toInt)
  @IsNumber()
  @Min(0.5)
  @Max(60)
  JOB_POLL_SECONDS = 2;
}

export class ConfigError extends Error {}

/** The validated configuration the application is built with. */
export interface AppConfig {
  env: 'development' | 'test' | 'production';
  port: number;
  host: string;
  databaseUrl?: string;
  databasePoolSize?: number;
  embeddedDbDir: string;
  publicUrl: string;
  sessionIdleMs: number;
  sessionAbsoluteMs: number;
  cookieSecure: boolean;
  smtpUrl?: string;
  mailFrom: string;
  encryptionKeys?: string;
  seedDemo: boolean;
  logLevel: string;
  webDistDir?: string;
  loginMaxFailuresPerMinute: number;
  runJobs: boolean;
  jobPollSeconds: number;
}

export const APP_CONFIG = Symbol('APP_CONFIG');

export function loadConfig(source: NodeJS.ProcessEnv = process.env): AppConfig {
  // An empty variable (`DATABASE_URL=` in a .env file) means "not set".
  const given = Object.fromEntries(Object.entries(source).filter(([, value]) => value !== ''));
  const env = plainToInstance(Environment, given, { exposeDefaultValues: true });
  const errors = validateSync(env, { whitelist: false, skipMissingProperties: false });
  if (errors.length > 0) {
    const reasons = errors.flatMap((e) => Object.values(e.constraints ?? {}));
    throw new ConfigError(`Invalid configuration: ${reasons.join('; ')}`);
  }
  const production = env.NODE_ENV === 'production';
  if (production) {
    if (!env.ENCRYPTION_KEYS) {
      throw new ConfigError('ENCRYPTION_KEYS is required in production.');
    }
    const secrets = [env.ENCRYPTION_KEYS, env.SMTP_URL ?? '', env.DATABASE_URL ?? ''];
    if (secrets.some((s) => PLACEHOLDER_MARKERS.some((m) => s.toLowerCase().includes(m)))) {
      throw new ConfigError(
        'A placeholder secret is configured; set real values before running in production.',
      );
    }
    if (!env.DATABASE_URL) {
      throw new ConfigError(
        'DATABASE_URL is required in production; the embedded database is for trying Mend only.',
      );
    }
  }
  return {
    env: env.NODE_ENV,
    port: env.PORT,
    host: env.HOST,
    databaseUrl: env.DATABASE_URL,
    databasePoolSize: env.DATABASE_POOL_SIZE,
    embeddedDbDir: env.EMBEDDED_DB_DIR,
    publicUrl: (env.PUBLIC_URL ?? `http://localhost:${env.PORT}`).replace(/\/$/, ''),
    sessionIdleMs: env.SESSION_IDLE_MINUTES * 60_000,
    sessionAbsoluteMs: env.SESSION_ABSOLUTE_HOURS * 3_600_000,
    cookieSecure: env.COOKIE_SECURE ?? production,
    smtpUrl: env.SMTP_URL,
    mailFrom: env.MAIL_FROM,
    encryptionKeys: env.ENCRYPTION_KEYS,
    seedDemo: env.SEED_DEMO ?? !production,
    logLevel: env.LOG_LEVEL,
    webDistDir: env.WEB_DIST_DIR,
    loginMaxFailuresPerMinute: env.LOGIN_MAX_FAILURES_PER_MINUTE,
    runJobs: env.RUN_JOBS,
    jobPollSeconds: env.JOB_POLL_SECONDS,
  };
}
