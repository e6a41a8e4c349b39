import { randomUUID } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ApiErrorBody, CaseDetail, SessionView } from '@mend/shared/contracts';
import { registeredRoutes } from '../support/routes';
import { Agent, bootApp, TestApp, TestClinic, TestUser, TEST_PASSWORD } from '../support/test-app';

/** The field a 400 names, and its first reason. */
const named = (body: unknown) => {
  const { fields } = body as ApiErrorBody;
  return fields?.map((f) => `${f.field}: ${f.reasons[0]}`) ?? [];
};

const today = () => new Date().toISOString().slice(0, 10);

/** Signs the client in from `ip` with the given headers; the address its session recorded. */
async function sessionAddress(
  app: TestApp,
  client: TestUser,
  ip: string,
  headers: Record<string, string>,
): Promise<string | null> {
  const reply = await app.agent().request('POST', '/api/auth/login', {
    body: { email: client.email, password: TEST_PASSWORD },
    headers,
    ip,
  });
  expect(reply.status).toBe(200);
  const [row]: { ip: string | null }[] = await app.dataSource.query(
    `SELECT ip FROM login_sessions WHERE user_id = $1 ORDER BY created_at DESC LIMIT 1`,
    [client.id],
  );
  return row.ip;
}

// Passport keeps its strategies in one process-wide registry: one app runs at a time, so the
// apps with other settings (a trusted proxy, production) boot after this one has closed.
describe('requests: proxies, CSRF, content types, malformed input, caching, docs', () => {
  let t: TestApp;
  let clinic: TestClinic;
  let admin: Agent;
  const webRoot = mkdtempSync(join(tmpdir(), 'mend-web-'));

  beforeAll(async () => {
    writeFileSync(join(webRoot, 'index.html'), '<!doctype html><mend-root></mend-root>');
    writeFileSync(join(webRoot, 'main.js'), 'console.log("mend")');
    t = await bootApp({ WEB_DIST_DIR: webRoot });
    clinic = await t.createClinic();
    admin = await t.signIn(clinic.admin);
  });

  afterAll(() => t.close());

  describe('proxy trust', () => {
    it('ignores X-Forwarded-For without TRUST_PROXY: the address is the connection’s', async () => {
      expect(t.config.trustProxy).toEqual([]);
      expect(
        await sessionAddress(t, clinic.client, '198.51.100.20', {
          'x-forwarded-for': '203.0.113.66',
        }),
      ).toBe('198.51.100.20');
    });
  });

  describe('CSRF', () => {
    it('cannot be skipped by spelling the path another way (/%61pi/…)', async () => {
      const signedIn = await t.signIn(clinic.counselor);
      for (const url of ['/%61pi/auth/logout', '/api/%61uth/logout', '/%61%70%69/auth/logout']) {
        const reply = await signedIn.request('POST', url, { body: {}, csrf: false });
        expect([url, reply.status]).toEqual([url, 403]);
        expect((reply.body as ApiErrorBody).message).toMatch(/X-Requested-With/);
      }
      // The session survived every refused request, and the same spelling with the header works.
      expect((await signedIn.get('/api/auth/me')).status).toBe(200);
      expect((await signedIn.request('POST', '/%61pi/auth/logout', { body: {} })).status).toBe(204);
    });

    it('guards every unsafe method of every route, except the one-click unsubscribe', async () => {
      const unsafe = registeredRoutes(t).filter((r) => r.method !== 'GET');
      expect(unsafe.length).toBeGreaterThan(60);
      const missed: string[] = [];
      for (const route of unsafe) {
        const url = route.path.replace(/:[A-Za-z]+/g, (p) =>
          p === ':version' ? '1' : randomUUID(),
        );
        const reply = await admin.request(route.method as 'POST', url, { body: {}, csrf: false });
        const oneClick = route.path === '/api/notifications/unsubscribe/one-click';
        if (!oneClick && reply.status !== 403)
          missed.push(`${route.method} ${route.path} → ${reply.status}`);
      }
      expect(missed).toEqual([]);
      // A mail program's one-click unsubscribe posts a form with no header: it reaches the route,
      // which refuses the bogus token (its signed token is its proof).
      const oneClick = await t
        .agent()
        .request('POST', '/api/notifications/unsubscribe/one-click?token=bogus', {
          csrf: false,
          raw: 'List-Unsubscribe=One-Click',
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
        });
      expect(oneClick.status).toBe(404);
    });
  });

  describe('content types', () => {
    it('refuses a body that is not JSON with 415, before anything reads it', async () => {
      for (const type of [
        'text/plain',
        'application/x-www-form-urlencoded',
        'multipart/form-data; boundary=x',
        '',
      ]) {
        const reply = await admin.request('PUT', '/api/clinic/crisis-text', {
          raw: type.startsWith('application/x') ? 'text=Call+us' : '{"text":"Call us"}',
          headers: { 'content-type': type },
        });
        expect([type, reply.status]).toEqual([type, 415]);
        expect(reply.body).toEqual({
          statusCode: 415,
          error: 'Unsupported Media Type',
          message: 'Send the request body as JSON, with the header Content-Type: application/json.',
        });
      }
      const json = await admin.request('PUT', '/api/clinic/crisis-text', {
        raw: '{"text":"Call 112."}',
        headers: { 'content-type': 'application/json; charset=utf-8' },
      });
      expect(json.status).toBe(200);
    });
  });

  describe('malformed input answers 400 naming the field', () => {
    it('refuses __proto__ and constructor keys, at the top and nested', async () => {
      const anonymous = t.agent();
      const top = await anonymous.request('POST', '/api/auth/login', {
        raw: '{"__proto__":{"role":"admin"},"email":"a@b.example","password":"x"}',
      });
      expect(top.status).toBe(400);
      expect(named(top.body)).toEqual(['__proto__: This field name is not accepted.']);
      const nested = await admin.request('POST', '/api/cases', {
        raw: JSON.stringify({ title: 'T', type: 'couple', startedOn: today() }).replace(
          /}$/,
          ',"newMembers":[{"email":"n@x.example","displayName":"N","constructor":{"name":"x"}}]}',
        ),
      });
      expect(nested.status).toBe(400);
      expect(named(nested.body)).toEqual([
        'newMembers.0.constructor: This field name is not accepted.',
      ]);
    });

    it('refuses NUL characters, lone surrogates, deep nesting and numbers out of range', async () => {
      const crisis = (raw: string) => admin.request('PUT', '/api/clinic/crisis-text', { raw });
      expect(named((await crisis('{"text":"Call\\u0000 us"}')).body)).toEqual([
        'text: Text cannot contain a NUL character.',
      ]);
      expect(named((await crisis('{"text":"Call \\ud83d us"}')).body)).toEqual([
        'text: Text must be valid Unicode (it holds half of a surrogate pair).',
      ]);
      const deep = await crisis(`{"text":${'['.repeat(5_000)}${']'.repeat(5_000)}}`);
      expect(deep.status).toBe(400);
      expect(named(deep.body)[0]).toMatch(/^text\.0\.0\.0.*: This value is nested too deeply/);
      const huge = await crisis('{"text":1e999}');
      expect(named(huge.body)).toEqual(['text: This number is out of range.']);
      // A path whose percent-encoding does not decode names no record; the URL is not echoed.
      const undecodable = await admin.get('/api/cases/%ED%A0%80');
      expect(undecodable.status).toBe(404);
      expect(undecodable.body).toEqual({
        statusCode: 404,
        error: 'Not Found',
        message: 'Not found.',
      });
      expect(undecodable.headers['cache-control']).toBe('no-store');
      const query = await admin.get('/api/users?q=a%00b');
      expect(query.status).toBe(400);
      expect(named(query.body)).toEqual(['q: Text cannot contain a NUL character.']);
    });

    it('refuses versions and pages too large for the database, nulls, and the wrong kinds', async () => {
      const counselor = await t.signIn(clinic.counselor);
      const opened = await admin.post<CaseDetail>('/api/cases', {
        title: 'Sam & Alex',
        type: 'couple',
        startedOn: today(),
        memberIds: [clinic.client.id, clinic.partner.id],
        primaryCounselorId: clinic.counselor.id,
      });
      expect(opened.status).toBe(201);
      const caseId = opened.body.id;

      const version = await admin.patch(`/api/cases/${caseId}`, { version: 2 ** 31, title: 'T' });
      expect(version.status).toBe(400);
      expect(named(version.body)).toEqual(['version: version must be the case’s version number.']);
      const untitled = await admin.patch(`/api/cases/${caseId}`, { version: 1, title: null });
      expect(untitled.status).toBe(400);
      expect(named(untitled.body).map((f) => f.split(':')[0])).toEqual(['title']);
      const page = await admin.get('/api/users?page=1e300');
      expect(named(page.body)).toEqual(['page: page must not be greater than 1000000.']);
      const newMembers = await admin.post('/api/cases', {
        title: 'T',
        type: 'individual',
        startedOn: today(),
        newMembers: [[]],
      });
      expect(newMembers.status).toBe(400);
      expect(named(newMembers.body)).toEqual([
        'newMembers: Each new member needs an email and a name.',
      ]);
      expect((await admin.get(`/api/exercises/${randomUUID()}/versions/${2 ** 31}`)).status).toBe(
        404,
      );

      const session = await counselor.post<SessionView>(`/api/cases/${caseId}/sessions`, {
        startsAt: new Date(Date.now() - 7_200_000).toISOString(),
        durationMinutes: 50,
        type: 'couple',
        mode: 'in_person',
        attendeeIds: [clinic.client.id],
      });
      expect(session.status).toBe(201);
      for (const field of ['startsAt', 'durationMinutes', 'type', 'mode', 'attendeeIds']) {
        const reply = await counselor.patch(`/api/sessions/${session.body.id}`, { [field]: null });
        expect([field, reply.status]).toEqual([field, 400]);
        expect(named(reply.body).map((f) => f.split(':')[0])).toEqual([field]);
      }
    });
  });

  describe('caching', () => {
    it('marks API answers no-store, errors included, and leaves the web app’s files alone', async () => {
      for (const reply of [
        await admin.get('/api/auth/me'),
        await admin.get('/api/no-such-thing'),
        await t.agent().get('/api/users'),
        await admin.request('PUT', '/api/clinic/crisis-text', {
          raw: 'x',
          headers: { 'content-type': 'text/plain' },
        }),
      ])
        expect(reply.headers['cache-control']).toBe('no-store');
      const file = await t.agent().get('/main.js');
      expect(file.status).toBe(200);
      expect(file.headers['cache-control']).not.toBe('no-store');
      expect((await t.agent().get('/cases/deep-link')).headers['cache-control']).toBe('no-cache');
    });
  });

  it('serves API docs outside production', async () => {
    expect((await t.agent().get('/api/docs/openapi.json')).status).toBe(200);
  });
});

describe('behind a trusted reverse proxy (TRUST_PROXY)', () => {
  let t: TestApp;
  let clinic: TestClinic;

  beforeAll(async () => {
    t = await bootApp({ TRUST_PROXY: '10.30.0.0/24' });
    clinic = await t.createClinic();
  });

  afterAll(() => t.close());

  it('believes X-Forwarded-For only from the proxies TRUST_PROXY names', async () => {
    // The proxy's own address is not the client's: the address it forwards is.
    expect(
      await sessionAddress(t, clinic.client, '10.30.0.2', { 'x-forwarded-for': '203.0.113.66' }),
    ).toBe('203.0.113.66');
    // A client that sends its own X-Forwarded-For through the proxy cannot choose its address:
    // the proxy appends the address it saw, and only that one is believed.
    expect(
      await sessionAddress(t, clinic.client, '10.30.0.2', {
        'x-forwarded-for': '192.0.2.1, 203.0.113.67',
      }),
    ).toBe('203.0.113.67');
    // Straight from a client that is not a trusted proxy: its header is ignored.
    expect(
      await sessionAddress(t, clinic.client, '198.51.100.21', { 'x-forwarded-for': '10.30.0.9' }),
    ).toBe('198.51.100.21');
  });
});

describe('API docs in production', () => {
  it('are off unless API_DOCS turns them on', async () => {
    const production = await bootApp({ NODE_ENV: 'production' });
    try {
      expect(production.config.trustProxy).toEqual([]);
      // Served over HTTPS in production: API answers carry HSTS like the pages.
      expect((await production.agent().get('/api/health')).headers).toMatchObject({
        'strict-transport-security': expect.stringMatching(/^max-age=\d+/),
        'content-security-policy': "default-src 'none'; frame-ancestors 'none'",
      });
      expect((await production.agent().get('/api/docs/openapi.json')).status).toBe(404);
      expect((await production.agent().get('/api/docs')).status).toBe(404);
    } finally {
      await production.close();
    }
    const enabled = await bootApp({ NODE_ENV: 'production', API_DOCS: 'true' });
    try {
      expect((await enabled.agent().get('/api/docs/openapi.json')).status).toBe(200);
    } finally {
      await enabled.close();
    }
  });
});
