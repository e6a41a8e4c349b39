import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bootApp, TestApp, TestClinic } from '../support/test-app';

const NO_LEAKS = /(at \w+ \(|\.ts:\d+|SELECT |INSERT |QueryFailedError|node_modules)/;

describe('API basics', () => {
  let t: TestApp;
  let clinic: TestClinic;
  const webRoot = mkdtempSync(join(tmpdir(), 'mend-web-'));

  beforeAll(async () => {
    writeFileSync(
      join(webRoot, 'index.html'),
      '<!doctype html><title>Mend</title><mend-root></mend-root>',
    );
    writeFileSync(join(webRoot, 'main.js'), 'console.log("mend")');
    t = await bootApp({ WEB_DIST_DIR: webRoot });
    clinic = await t.createClinic();
  });

  afterAll(() => t.close());

  it('health checks the database', async () => {
    const reply = await t
      .agent()
      .get<{ status: string; info: { database: { status: string } } }>('/api/health');
    expect(reply.status).toBe(200);
    expect(reply.body.status).toBe('ok');
    expect(reply.body.info.database.status).toBe('up');
  });

  it('answers validation errors with 400 and each field with its reason', async () => {
    const reply = await t.agent().post<{
      message: string;
      fields: { field: string; reasons: string[] }[];
    }>('/api/auth/login', {
      email: 'not-an-email',
      role: 'admin',
    });
    expect(reply.status).toBe(400);
    expect([...reply.body.fields].sort((a, b) => a.field.localeCompare(b.field))).toEqual([
      { field: 'email', reasons: ['Enter a valid email address.'] },
      { field: 'password', reasons: ['Enter your password.'] },
      { field: 'role', reasons: ['This field is not accepted here.'] },
    ]);
    expect(reply.body.message).toMatch(/^Some fields are not valid: /);
  });

  it('answers a malformed JSON body with a readable 400', async () => {
    const reply = await t
      .agent()
      .request<{ message: string }>('POST', '/api/auth/login', { raw: '{"email": ' });
    expect(reply.status).toBe(400);
    expect(reply.body.message).toBe('The request body is not valid JSON.');
  });

  it('answers bodies over 256 kB with 413', async () => {
    const reply = await t
      .agent()
      .request<{ statusCode: number; message: string }>('POST', '/api/auth/login', {
        raw: JSON.stringify({ email: 'a@b.example', password: 'x'.repeat(300 * 1024) }),
      });
    expect(reply.status).toBe(413);
    expect(reply.body).toEqual({
      statusCode: 413,
      error: 'Payload Too Large',
      message: 'The request body is larger than the 256 kB limit.',
    });
  });

  it('answers an unknown API route with a JSON 404', async () => {
    const reply = await t.agent().get<{ statusCode: number }>('/api/no-such-thing');
    expect(reply.status).toBe(404);
    expect(reply.headers['content-type']).toMatch(/application\/json/);
    expect(reply.body.statusCode).toBe(404);
  });

  it('serves the web app for its own routes, and its files', async () => {
    const page = await t.agent().get('/cases/some-deep-link');
    expect(page.status).toBe(200);
    expect(page.headers['content-type']).toMatch(/text\/html/);
    expect(page.text).toContain('<mend-root>');
    const file = await t.agent().get('/main.js');
    expect(file.status).toBe(200);
    expect((await t.agent().get('/missing.js')).status).toBe(404);
  });

  it('refuses unsafe requests without the X-Requested-With header (CSRF)', async () => {
    const agent = await t.signIn(clinic.admin);
    const reply = await agent.request<{ message: string }>('POST', '/api/auth/logout', {
      body: {},
      csrf: false,
    });
    expect(reply.status).toBe(403);
    expect(reply.body.message).toMatch(/X-Requested-With/);
    const login = await t.agent().request('POST', '/api/auth/login', {
      body: { email: clinic.admin.email, password: 'x' },
      csrf: false,
    });
    expect(login.status).toBe(403);
    // The session survived the refused request.
    expect((await agent.get('/api/auth/me')).status).toBe(200);
  });

  it('sends the web app’s pages helmet’s headers with a strict content security policy', async () => {
    for (const path of ['/', '/cases/some-deep-link', '/main.js', '/api/docs']) {
      const reply = await t.agent().get(path);
      expect(reply.status).toBe(200);
      const csp = String(reply.headers['content-security-policy']);
      expect(csp).toContain("default-src 'self'");
      expect(csp).toContain("script-src 'self'");
      expect(csp).toContain("frame-ancestors 'none'");
      expect(reply.headers['x-content-type-options']).toBe('nosniff');
      expect(reply.headers['referrer-policy']).toBe('no-referrer');
      expect(reply.headers['cross-origin-opener-policy']).toBe('same-origin');
    }
  });

  it('sends API answers, errors included, the headers an answer that is never a page needs', async () => {
    const agent = await t.signIn(clinic.admin);
    for (const reply of [
      await t.agent().get('/api/health'),
      await agent.get('/api/auth/me'),
      await agent.get('/api/cases/00000000-0000-4000-8000-000000000000'),
      await t.agent().get('/api/auth/me'),
    ]) {
      expect(reply.headers['content-security-policy']).toBe(
        "default-src 'none'; frame-ancestors 'none'",
      );
      expect(reply.headers['x-content-type-options']).toBe('nosniff');
      expect(reply.headers['x-frame-options']).toBe('DENY');
      expect(reply.headers['cross-origin-resource-policy']).toBe('same-origin');
      expect(reply.headers['cache-control']).toContain('no-store');
      // Document-only headers are not sent with data.
      expect(reply.headers['referrer-policy']).toBeUndefined();
      expect(reply.headers['cross-origin-opener-policy']).toBeUndefined();
    }
  });

  it('publishes OpenAPI docs', async () => {
    const reply = await t
      .agent()
      .get<{ openapi: string; paths: Record<string, unknown> }>('/api/docs/openapi.json');
    expect(reply.status).toBe(200);
    expect(reply.body.paths).toHaveProperty('/api/auth/login');
    expect((await t.agent().get('/api/docs')).status).toBe(200);
  });

  it('never answers with a stack trace or SQL, even when the database fails', async () => {
    const agent = await t.signIn(clinic.admin);
    await t.dataSource.query(`ALTER TABLE users RENAME COLUMN display_name TO display_name_gone`);
    try {
      const reply = await agent.get<{ statusCode: number; message: string }>('/api/users');
      expect(reply.status).toBe(500);
      expect(reply.body).toEqual({
        statusCode: 500,
        error: 'Internal Server Error',
        message: 'Something went wrong on our side. Please try again.',
      });
      expect(reply.text).not.toMatch(NO_LEAKS);
    } finally {
      await t.dataSource.query(`ALTER TABLE users RENAME COLUMN display_name_gone TO display_name`);
    }
  });
});
