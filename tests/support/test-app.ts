import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import type { Role, UserStatus } from '@mend/shared/contracts';
import { AuditService } from '@mend/audit/api';
import { Clinic, hashToken, PasswordHasher, User } from '@mend/auth/api';
import { AppConfig, Clock, loadConfig } from '@mend/shared/server';
import { createApp } from '../../apps/api/src/app/create-app';

export const TEST_PASSWORD = 'steady harbor lights 2026';
export const TEST_ENCRYPTION_KEYS = `test1:${Buffer.alloc(32, 1).toString('base64')}`;
export const TEST_AUDIT_KEYS = `testaudit1:${Buffer.alloc(32, 2).toString('base64')}`;

export interface Reply<T = unknown> {
  status: number;
  headers: Record<string, string | string[] | number | undefined>;
  body: T;
  text: string;
  setCookie: string[];
}

/** A browser-like client of the real app: keeps the session cookie and sends the CSRF header. */
export class Agent {
  cookie?: string;

  constructor(private readonly app: NestFastifyApplication) {}

  async request<T = unknown>(
    method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE',
    url: string,
    options: {
      body?: unknown;
      headers?: Record<string, string>;
      csrf?: boolean;
      raw?: string;
      ip?: string;
    } = {},
  ): Promise<Reply<T>> {
    const headers: Record<string, string> = { ...(options.headers ?? {}) };
    if (options.csrf !== false) headers['x-requested-with'] = 'test';
    if (this.cookie) headers['cookie'] = `mend_session=${this.cookie}`;
    if (options.body !== undefined || options.raw !== undefined)
      headers['content-type'] ??= 'application/json';
    const response = await this.app.inject({
      method,
      url,
      headers,
      remoteAddress: options.ip,
      payload:
        options.raw ?? (options.body === undefined ? undefined : JSON.stringify(options.body)),
    });
    const raw = response.headers['set-cookie'];
    const setCookie = raw === undefined ? [] : Array.isArray(raw) ? raw : [String(raw)];
    for (const line of setCookie) {
      const match = /^mend_session=([^;]*)/.exec(line);
      if (match) this.cookie = match[1] || undefined;
    }
    let body: unknown = response.body;
    try {
      body = response.body ? JSON.parse(response.body) : undefined;
    } catch {
      // not JSON (e.g. the web app's index.html)
    }
    return {
      status: response.statusCode,
      headers: response.headers,
      body: body as T,
      text: response.body,
      setCookie,
    };
  }

  get<T = unknown>(url: string) {
    return this.request<T>('GET', url);
  }

  post<T = unknown>(url: string, body?: unknown) {
    return this.request<T>('POST', url, { body: body ?? {} });
  }

  patch<T = unknown>(url: string, body?: unknown) {
    return this.request<T>('PATCH', url, { body: body ?? {} });
  }

  put<T = unknown>(url: string, body?: unknown) {
    return this.request<T>('PUT', url, { body: body ?? {} });
  }

  delete<T = unknown>(url: string) {
    return this.request<T>('DELETE', url);
  }
}

export interface TestUser {
  id: string;
  email: string;
  role: Role;
  clinicId: string;
}

export interface TestClinic {
  id: string;
  name: string;
  admin: TestUser;
  counselor: TestUser;
  client: TestUser;
  partner: TestUser;
}

export class TestApp {
  private hash?: Promise<string>;

  constructor(
    readonly app: NestFastifyApplication,
    readonly config: AppConfig,
  ) {}

  get dataSource(): DataSource {
    return this.app.get(DataSource);
  }

  agent(): Agent {
    return new Agent(this.app);
  }

  /**
   * A signed-in agent for the user, past the second step: the password goes through the real
   * sign-in, then the session is marked as having given its second factor (the second step
   * itself is tested in mfa.e2e.ts). Marked far ahead, so moving the test clock never asks for
   * a step-up; `passwordOnly` stops after the password.
   */
  async signIn(
    user: { email: string },
    password = TEST_PASSWORD,
    options: { passwordOnly?: boolean } = {},
  ): Promise<Agent> {
    const agent = this.agent();
    const reply = await agent.post('/api/auth/login', { email: user.email, password });
    if (reply.status !== 200)
      throw new Error(`sign-in of ${user.email} failed: ${reply.status} ${reply.text}`);
    if (!options.passwordOnly && agent.cookie) {
      await this.dataSource.query(
        `UPDATE login_sessions SET second_factor_at = '2100-01-01' WHERE token_hash = $1`,
        [hashToken(agent.cookie)],
      );
    }
    return agent;
  }

  async createUser(
    clinicId: string,
    role: Role,
    options: { status?: UserStatus; name?: string } = {},
  ): Promise<TestUser> {
    this.hash ??= this.app.get(PasswordHasher).hash(TEST_PASSWORD);
    const email = `${role}-${randomBytes(5).toString('hex')}@test.example`;
    const user = await this.dataSource.getRepository(User).save({
      clinicId,
      email,
      role,
      displayName: options.name ?? `Test ${role}`,
      status: options.status ?? 'active',
      passwordHash: await this.hash,
    });
    return { id: user.id, email, role, clinicId };
  }

  /** A clinic with one admin, one counselor and two clients (a couple). */
  async createClinic(name = `Clinic ${randomBytes(3).toString('hex')}`): Promise<TestClinic> {
    const clinic = await this.dataSource.getRepository(Clinic).save({ name });
    return {
      id: clinic.id,
      name,
      admin: await this.createUser(clinic.id, 'admin'),
      counselor: await this.createUser(clinic.id, 'counselor'),
      client: await this.createUser(clinic.id, 'client'),
      partner: await this.createUser(clinic.id, 'client'),
    };
  }

  /** Audit events of a record, oldest first, with their free text decrypted as admins read it. */
  async auditTrail(
    entityId: string,
  ): Promise<{ action: string; actor_id: string | null; details: Record<string, unknown> }[]> {
    const rows: {
      id: string;
      action: string;
      actor_id: string | null;
      details: Record<string, unknown>;
    }[] = await this.dataSource.query(
      `SELECT id, action, actor_id, details FROM audit_events WHERE entity_id = $1 ORDER BY seq`,
      [entityId],
    );
    const audit = this.app.get(AuditService);
    return rows.map(({ id, action, actor_id, details }) => ({
      action,
      actor_id,
      details: audit.readable({ id, details }),
    }));
  }

  close(): Promise<void> {
    return this.app.close();
  }
}

/** Whether the run's database is the embedded PGlite (one process, one connection). */
export function onEmbeddedDatabase(): boolean {
  return process.env['MEND_TEST_DATABASE_EMBEDDED'] === '1';
}

/** Boots the real API (Fastify, guards, pipes, filters, migrations) against the test database. */
export async function bootApp(env: Record<string, string> = {}): Promise<TestApp> {
  const url = process.env['MEND_TEST_DATABASE_URL'];
  if (!url)
    throw new Error('MEND_TEST_DATABASE_URL is not set: run through tests/api/jest.config.cts');
  const embedded = onEmbeddedDatabase();
  const config = loadConfig({
    NODE_ENV: 'test',
    DATABASE_URL: url,
    LOG_LEVEL: process.env['MEND_TEST_LOG_LEVEL'] ?? 'silent',
    SEED_DEMO: 'false',
    ENCRYPTION_KEYS: TEST_ENCRYPTION_KEYS,
    AUDIT_KEYS: TEST_AUDIT_KEYS,
    PUBLIC_URL: 'http://mend.test',
    WEB_DIST_DIR: '/nonexistent',
    JOB_POLL_SECONDS: '0.5',
    // The suites sign in hundreds of times; hashing's CPU budget has its own unit test.
    PASSWORD_HASH_SHARE: '1',
    ...env,
  });
  const app = await createApp(config, {
    url,
    poolSize: embedded ? 1 : 4,
    embedded,
    close: async () => undefined,
  });
  return new TestApp(app, config);
}

/**
 * Sets the app's clock to `start` and lets it run on from there at real speed (a frozen clock
 * would give every notification the same instant). Returns a function that moves it again.
 */
export function runClockFrom(app: TestApp, start: Date): (to: Date) => void {
  let base = start.getTime();
  let anchor = Date.now();
  jest
    .spyOn(app.app.get(Clock), 'now')
    .mockImplementation(() => new Date(base + (Date.now() - anchor)));
  return (to: Date) => {
    base = to.getTime();
    anchor = Date.now();
  };
}
