import { isIP } from 'node:net';
import { availableParallelism } from 'node:os';
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

  /**
   * Addresses or CIDR ranges of the reverse proxies in front of the API, comma-separated; only
   * their X-Forwarded-For is believed. Unset: nobody's is (the client is the socket's address).
   */
  @IsOptional()
  @IsString()
  TRUST_PROXY?: string;

  /** Serve the API docs (/api/docs); on outside production unless turned off. */
  @IsOptional()
  @Transform(toBool)
  @IsBoolean()
  API_DOCS?: boolean;

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

  /** `id:base64key[,id:base64key…]`, 32-byte keys; the first seals new audit events, all verify. */
  @IsOptional()
  @Matches(/^[A-Za-z0-9_-]+:[A-Za-z0-9+/=]+(,[A-Za-z0-9_-]+:[A-Za-z0-9+/=]+)*$/, {
    message: 'AUDIT_KEYS must be "keyId:base64Key[,keyId:base64Key…]"',
  })
  AUDIT_KEYS?: string;

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

  /** Failed sign-ins from one address in 10 minutes, whatever the accounts (an office shares one). */
  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(100_000)
  LOGIN_MAX_FAILURES_PER_ADDRESS = 100;

  /**
   * How long (ms) a process answers a refused sign-in or password-reset request from memory
   * before asking the database again, never past the wait it gave (0: always ask).
   */
  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(60_000)
  LOGIN_REFUSAL_HOLD_MS = 2000;

  /**
   * A refused sign-in or password-reset request is answered after this pause (ms), so a client
   * retrying at once is slowed down (0: at once).
   */
  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(10_000)
  LOGIN_REFUSAL_PAUSE_MS = 1000;

  /** Password hashes computed at once (default: half the CPU cores, at least one). */
  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(256)
  PASSWORD_HASH_CONCURRENCY?: number;

  /** How long a password hash may wait for its turn before the request answers 503. */
  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(10)
  @Max(60_000)
  PASSWORD_HASH_QUEUE_MS = 2_000;

  /** The share of the machine's CPU that password hashing may use over time (0.05–1). */
  @IsOptional()
  @Transform(toInt)
  @IsNumber()
  @Min(0.05)
  @Max(1)
  PASSWORD_HASH_SHARE = 0.15;

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
  /** Proxies whose X-Forwarded-For is believed (addresses, CIDRs); empty: none. */
  trustProxy: string[];
  apiDocs: boolean;
  smtpUrl?: string;
  mailFrom: string;
  encryptionKeys?: string;
  auditKeys?: string;
  /** SEED_DEMO as given; unset means "only on the embedded database" (see shouldSeedDemo). */
  seedDemo?: boolean;
  logLevel: string;
  webDistDir?: string;
  loginMaxFailuresPerMinute: number;
  loginMaxFailuresPerAddress: number;
  loginRefusalHoldMs: number;
  loginRefusalPauseMs: number;
  passwordHashConcurrency: number;
  passwordHashQueueMs: number;
  passwordHashShare: number;
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
    if (!env.AUDIT_KEYS) {
      throw new ConfigError('AUDIT_KEYS is required in production.');
    }
    const secrets = [
      env.ENCRYPTION_KEYS,
      env.AUDIT_KEYS,
      env.SMTP_URL ?? '',
      env.DATABASE_URL ?? '',
    ];
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
    trustProxy: parseTrustProxy(env.TRUST_PROXY),
    apiDocs: env.API_DOCS ?? !production,
    smtpUrl: env.SMTP_URL,
    mailFrom: env.MAIL_FROM,
    encryptionKeys: env.ENCRYPTION_KEYS,
    auditKeys: env.AUDIT_KEYS,
    seedDemo: env.SEED_DEMO,
    logLevel: env.LOG_LEVEL,
    webDistDir: env.WEB_DIST_DIR,
    loginMaxFailuresPerMinute: env.LOGIN_MAX_FAILURES_PER_MINUTE,
    loginMaxFailuresPerAddress: env.LOGIN_MAX_FAILURES_PER_ADDRESS,
    loginRefusalHoldMs: env.LOGIN_REFUSAL_HOLD_MS,
    loginRefusalPauseMs: env.LOGIN_REFUSAL_PAUSE_MS,
    passwordHashConcurrency:
      env.PASSWORD_HASH_CONCURRENCY ?? Math.max(1, Math.floor(availableParallelism() / 2)),
    passwordHashQueueMs: env.PASSWORD_HASH_QUEUE_MS,
    passwordHashShare: env.PASSWORD_HASH_SHARE,
    runJobs: env.RUN_JOBS,
    jobPollSeconds: env.JOB_POLL_SECONDS,
  };
}

/**
 * Whether to create the demo clinic, whose passwords are published in the README: when
 * SEED_DEMO says so, and otherwise only on the embedded database (trying Mend). Never on a real
 * database by default, whatever NODE_ENV says: a forgotten NODE_ENV must not open a real
 * installation with a published password.
 */
export function shouldSeedDemo(
  config: Pick<AppConfig, 'seedDemo'>,
  database: { embedded: boolean },
): boolean {
  return config.seedDemo ?? database.embedded;
}

/** Names proxy-addr knows for the private ranges, as in Express and Fastify. */
const PROXY_RANGE_NAMES = new Set(['loopback', 'linklocal', 'uniquelocal']);

/**
 * TRUST_PROXY as a list of addresses and CIDR ranges. Refuses `true`, `*` and the like: believing
 * every client's X-Forwarded-For would let anyone choose the address the sign-in limiter and the
 * audit trail see.
 */
export function parseTrustProxy(value: string | undefined): string[] {
  const entries = (value ?? '')
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '');
  for (const entry of entries) {
    if (PROXY_RANGE_NAMES.has(entry)) continue;
    const [address, prefix, ...rest] = entry.split('/');
    const family = isIP(address);
    const prefixOk =
      prefix === undefined ||
      (/^\d{1,3}$/.test(prefix) && Number(prefix) <= (family === 6 ? 128 : 32));
    if (family === 0 || !prefixOk || rest.length > 0) {
      throw new ConfigError(
        `TRUST_PROXY must list proxy addresses or CIDR ranges (e.g. 172.30.0.0/24), not "${entry}".`,
      );
    }
  }
  return entries;
}
