import { hashToken } from '@mend/auth/api';
import { burstBehindLock } from '../support/advisory-locks';
import {
  bootApp,
  onEmbeddedDatabase,
  TestApp,
  TestClinic,
  TEST_PASSWORD,
} from '../support/test-app';

describe('sign-in, sessions and sign-out', () => {
  let t: TestApp;
  let clinic: TestClinic;

  beforeAll(async () => {
    // A refusal is not remembered here (a test below moves the failures in time), nor paused.
    t = await bootApp({
      LOGIN_MAX_FAILURES_PER_MINUTE: '5',
      LOGIN_REFUSAL_HOLD_MS: '0',
      LOGIN_REFUSAL_PAUSE_MS: '0',
    });
    clinic = await t.createClinic();
  });

  afterAll(() => t.close());

  it('signs in with email and password and answers who is signed in', async () => {
    const agent = t.agent();
    const login = await agent.post('/api/auth/login', {
      email: clinic.counselor.email.toUpperCase(),
      password: TEST_PASSWORD,
    });
    expect(login.status).toBe(200);
    expect(login.body).toEqual({
      id: clinic.counselor.id,
      email: clinic.counselor.email,
      displayName: 'Test counselor',
      role: 'counselor',
      clinic: { id: clinic.id, name: clinic.name },
      // Staff without a second factor set one up next (see mfa.e2e.ts).
      secondFactor: 'enrol',
    });
    const me = await agent.get('/api/auth/me');
    expect(me.status).toBe(200);
    expect(me.body).toEqual(login.body);
  });

  it('sets an HttpOnly, SameSite=Strict session cookie holding an opaque token stored only as a hash', async () => {
    const agent = t.agent();
    const login = await agent.post('/api/auth/login', {
      email: clinic.client.email,
      password: TEST_PASSWORD,
    });
    const cookie = login.setCookie.find((c) => c.startsWith('mend_session='));
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
    expect(cookie).toMatch(/Path=\//);
    expect(cookie).not.toMatch(/Secure/); // local development; production sets Secure (next test)
    expect(agent.cookie).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const stored = await t.dataSource.query(
      `SELECT token_hash FROM login_sessions WHERE user_id = $1`,
      [clinic.client.id],
    );
    expect(stored.length).toBeGreaterThan(0);
    expect(stored.map((r: { token_hash: string }) => r.token_hash)).not.toContain(agent.cookie);
  });

  it('answers a wrong password and an unknown email identically', async () => {
    const wrong = await t
      .agent()
      .post('/api/auth/login', { email: clinic.admin.email, password: 'not the password at all' });
    const unknown = await t.agent().post('/api/auth/login', {
      email: 'nobody-here@test.example',
      password: 'not the password at all',
    });
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(wrong.body).toEqual(unknown.body);
    expect(wrong.setCookie).toEqual([]);
    await t.dataSource.query(`DELETE FROM login_failures`);
  });

  it('refuses invited and disabled accounts with the same answer', async () => {
    const invited = await t.createUser(clinic.id, 'client', { status: 'invited' });
    const disabled = await t.createUser(clinic.id, 'client', { status: 'disabled' });
    const a = await t
      .agent()
      .post('/api/auth/login', { email: invited.email, password: TEST_PASSWORD });
    const b = await t
      .agent()
      .post('/api/auth/login', { email: disabled.email, password: TEST_PASSWORD });
    expect([a.status, b.status]).toEqual([401, 401]);
    expect(a.body).toEqual(b.body);
    await t.dataSource.query(`DELETE FROM login_failures`);
  });

  it('answers 429 with Retry-After after 5 failures for one account, even for the right password', async () => {
    const user = await t.createUser(clinic.id, 'client');
    for (let i = 0; i < 5; i += 1) {
      const reply = await t.agent().request('POST', '/api/auth/login', {
        body: { email: user.email, password: `wrong guess ${i} here` },
        ip: `10.0.0.${i + 1}`,
      });
      expect(reply.status).toBe(401);
    }
    const blocked = await t
      .agent()
      .post('/api/auth/login', { email: user.email, password: TEST_PASSWORD });
    expect(blocked.status).toBe(429);
    expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(0);
    expect(Number(blocked.headers['retry-after'])).toBeLessThanOrEqual(60);
    // Once the failures are older than a minute the account can sign in again.
    await t.dataSource.query(`UPDATE login_failures SET created_at = now() - interval '2 minutes'`);
    expect(
      (await t.agent().post('/api/auth/login', { email: user.email, password: TEST_PASSWORD }))
        .status,
    ).toBe(200);
    await t.dataSource.query(`DELETE FROM login_failures`);
  });

  it('sign-out ends the session on the server, not just in the browser', async () => {
    const agent = await t.signIn(clinic.counselor);
    const token = agent.cookie;
    const out = await agent.post('/api/auth/logout');
    expect(out.status).toBe(204);
    expect(out.setCookie.some((c) => /^mend_session=;/.test(c))).toBe(true);
    agent.cookie = token; // a copied cookie must not work either
    expect((await agent.get('/api/auth/me')).status).toBe(401);
  });

  it('ends a session idle for longer than the idle timeout', async () => {
    const agent = await t.signIn(clinic.client);
    expect((await agent.get('/api/auth/me')).status).toBe(200);
    await t.dataSource.query(
      `UPDATE login_sessions SET last_seen_at = now() - interval '31 minutes' WHERE user_id = $1`,
      [clinic.client.id],
    );
    const expired = await agent.get<{ message: string }>('/api/auth/me');
    expect(expired.status).toBe(401);
    expect(expired.body.message).toMatch(/session has ended/);
  });

  it('keeps an active session alive, but not past its absolute end', async () => {
    const agent = await t.signIn(clinic.partner);
    const tokenHash = hashToken(agent.cookie ?? '');
    await t.dataSource.query(
      `UPDATE login_sessions SET last_seen_at = now() - interval '29 minutes' WHERE token_hash = $1`,
      [tokenHash],
    );
    expect((await agent.get('/api/auth/me')).status).toBe(200);
    const [row] = await t.dataSource.query(
      `SELECT last_seen_at > now() - interval '1 minute' AS fresh FROM login_sessions WHERE token_hash = $1`,
      [tokenHash],
    );
    expect(row.fresh).toBe(true);
    await t.dataSource.query(
      `UPDATE login_sessions SET expires_at = now() - interval '1 second' WHERE token_hash = $1`,
      [tokenHash],
    );
    expect((await agent.get('/api/auth/me')).status).toBe(401);
  });

  // A second connection holds the row: the embedded database has one connection.
  (onEmbeddedDatabase() ? it.skip : it)(
    'records a stale session once, without requests of the same session waiting on each other',
    async () => {
      const agent = await t.signIn(clinic.partner);
      const tokenHash = hashToken(agent.cookie ?? '');
      await t.dataSource.query(
        `UPDATE login_sessions SET last_seen_at = now() - interval '5 minutes' WHERE token_hash = $1`,
        [tokenHash],
      );
      // Another request of the session is recording its activity: it holds the row.
      const other = t.dataSource.createQueryRunner();
      await other.connect();
      await other.startTransaction();
      try {
        await other.query(`SELECT id FROM login_sessions WHERE token_hash = $1 FOR UPDATE`, [
          tokenHash,
        ]);
        const replies = await Promise.all(
          Array.from({ length: 4 }, () => agent.get('/api/auth/me')),
        );
        expect(replies.map((r) => r.status)).toEqual([200, 200, 200, 200]);
      } finally {
        await other.rollbackTransaction();
        await other.release();
      }
      // Once the row is free the next request records the activity.
      expect((await agent.get('/api/auth/me')).status).toBe(200);
      const [row] = await t.dataSource.query(
        `SELECT last_seen_at > now() - interval '1 minute' AS fresh FROM login_sessions WHERE token_hash = $1`,
        [tokenHash],
      );
      expect(row.fresh).toBe(true);
    },
  );

  // A second connection holds the lock: the embedded database has one connection.
  (onEmbeddedDatabase() ? it.skip : it)(
    'a burst of sign-ins at one account waits in the process, not on pooled connections',
    async () => {
      const user = await t.createUser(clinic.id, 'client');
      const signedIn = await t.signIn(clinic.partner);
      // Another attempt at the account is being counted; more attempts than the pool has
      // connections (10) come meanwhile, and everyone already signed in goes on.
      const { waiting, statuses } = await burstBehindLock(
        t,
        ['mend.login.account', user.email],
        () =>
          Array.from({ length: 12 }, () =>
            t.agent().post('/api/auth/login', { email: user.email, password: TEST_PASSWORD }),
          ),
        async () => expect((await signedIn.get('/api/auth/me')).status).toBe(200),
      );
      expect(waiting).toBeLessThanOrEqual(2);
      expect(statuses.every((s) => s === 200 || s === 429)).toBe(true);
      expect(statuses).toContain(200);
    },
  );

  it('ends every session of a user the moment an admin disables them', async () => {
    const user = await t.createUser(clinic.id, 'counselor');
    const laptop = await t.signIn(user);
    const phone = await t.signIn(user);
    const admin = await t.signIn(clinic.admin);
    const disable = await admin.patch(`/api/users/${user.id}/status`, { status: 'disabled' });
    expect(disable.status).toBe(200);
    expect((await laptop.get('/api/auth/me')).status).toBe(401);
    expect((await phone.get('/api/auth/me')).status).toBe(401);
    const [{ count }] = await t.dataSource.query(
      `SELECT count(*)::int AS count FROM login_sessions WHERE user_id = $1`,
      [user.id],
    );
    expect(count).toBe(0);
    // Re-enabled, they can sign in again.
    expect((await admin.patch(`/api/users/${user.id}/status`, { status: 'active' })).status).toBe(
      200,
    );
    expect(
      (await t.agent().post('/api/auth/login', { email: user.email, password: TEST_PASSWORD }))
        .status,
    ).toBe(200);
  });

  it('a password change ends the other sessions and keeps this browser signed in', async () => {
    const user = await t.createUser(clinic.id, 'client');
    const here = await t.signIn(user);
    const elsewhere = await t.signIn(user);
    const change = await here.post('/api/auth/password', {
      currentPassword: TEST_PASSWORD,
      newPassword: 'a brand new lantern path',
    });
    expect(change.status).toBe(204);
    expect((await here.get('/api/auth/me')).status).toBe(200);
    expect((await elsewhere.get('/api/auth/me')).status).toBe(401);
    expect(
      (await t.agent().post('/api/auth/login', { email: user.email, password: TEST_PASSWORD }))
        .status,
    ).toBe(401);
    expect(
      (
        await t
          .agent()
          .post('/api/auth/login', { email: user.email, password: 'a brand new lantern path' })
      ).status,
    ).toBe(200);
    await t.dataSource.query(`DELETE FROM login_failures`);
  });

  it('refuses a password change with a wrong current password or a weak new one, naming the field', async () => {
    const agent = await t.signIn(clinic.counselor);
    const wrong = await agent.post<{ fields: unknown }>('/api/auth/password', {
      currentPassword: 'not my password',
      newPassword: 'a brand new lantern path',
    });
    expect(wrong.status).toBe(400);
    expect(wrong.body.fields).toEqual([
      { field: 'currentPassword', reasons: ['Your current password is not correct.'] },
    ]);
    const weak = await agent.post<{ fields: { field: string; reasons: string[] }[] }>(
      '/api/auth/password',
      { currentPassword: TEST_PASSWORD, newPassword: 'password1234' },
    );
    expect(weak.status).toBe(400);
    expect(weak.body.fields[0].field).toBe('newPassword');
    expect(weak.body.fields[0].reasons[0]).toMatch(/most common/);
  });

  it('answers who is signed in with 200 either way on whoami, so a signed-out page load fails nothing', async () => {
    const anonymous = t.agent();
    const nobody = await anonymous.get('/api/auth/whoami');
    expect(nobody.status).toBe(200);
    expect(nobody.body).toEqual({ me: null });
    expect(nobody.headers['cache-control']).toBe('no-store');
    // A cookie of no session (ended, forged) is nobody too, not an error.
    anonymous.cookie = 'not-a-session-token-at-all-aaaaaaaaaaaaaaaaa';
    expect((await anonymous.get('/api/auth/whoami')).body).toEqual({ me: null });

    const agent = await t.signIn(clinic.client);
    const me = await agent.get('/api/auth/me');
    const who = await agent.get('/api/auth/whoami');
    expect(who.status).toBe(200);
    expect(who.body).toEqual({ me: me.body });
    // Half-way through signing in (password given, second step missing), as `me` says.
    const halfway = await t.signIn(clinic.admin, TEST_PASSWORD, { passwordOnly: true });
    expect((await halfway.get('/api/auth/whoami')).body).toMatchObject({
      me: { id: clinic.admin.id, secondFactor: 'enrol' },
    });
    await agent.post('/api/auth/logout');
    expect((await agent.get('/api/auth/whoami')).body).toEqual({ me: null });
    // The session cookie stays HttpOnly: the page learns of the session only by asking.
    expect(who.setCookie).toEqual([]);
  });

  it('answers 401 to every signed-in endpoint without a session', async () => {
    const anonymous = t.agent();
    expect((await anonymous.get('/api/auth/me')).status).toBe(401);
    expect((await anonymous.post('/api/auth/logout')).status).toBe(401);
    expect(
      (await anonymous.post('/api/auth/password', { currentPassword: 'x', newPassword: 'y' }))
        .status,
    ).toBe(401);
    expect((await anonymous.get('/api/users')).status).toBe(401);
  });
});

// Passport keeps its strategies in one process-wide registry, so only one app runs at a time.
describe('outside local development', () => {
  it('marks the cookie Secure outside local development', async () => {
    const secure = await bootApp({ COOKIE_SECURE: 'true' });
    try {
      const clinic = await secure.createClinic();
      const login = await secure
        .agent()
        .post('/api/auth/login', { email: clinic.client.email, password: TEST_PASSWORD });
      expect(login.setCookie.find((c) => c.startsWith('mend_session='))).toMatch(/; Secure/);
    } finally {
      await secure.close();
    }
  });
});
