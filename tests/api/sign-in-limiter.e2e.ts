import type * as Argon2 from 'argon2';
import { PasswordHasher } from '@mend/auth/api';
import { Agent, bootApp, Reply, TEST_PASSWORD, TestApp, TestClinic } from '../support/test-app';

/** The module object itself (an `import *` copy could not be spied on). */
const argon2 = jest.requireActual<typeof Argon2>('argon2');

const LIMIT = 5;
const PER_ADDRESS = 20;
const LIMITS = {
  LOGIN_MAX_FAILURES_PER_MINUTE: String(LIMIT),
  LOGIN_MAX_FAILURES_PER_ADDRESS: String(PER_ADDRESS),
};
const WRONG = 'not the password at all';
const TOO_MANY = /^Too many failed sign-ins\. Please wait /;

let lastIp = 0;
/** Every attempt from its own address unless a test is about the address. */
function freshIp(): string {
  lastIp++;
  return `10.20.${lastIp >> 8}.${lastIp & 255}`;
}

function login(
  t: TestApp,
  email: string,
  password: string,
  options: { ip?: string; device?: string } = {},
): Promise<Reply<{ message: string }>> {
  return t.agent().request('POST', '/api/auth/login', {
    body: { email, password },
    ip: options.ip ?? freshIp(),
    headers: options.device ? { cookie: `mend_device=${options.device}` } : {},
  });
}

/** The device cookie a successful sign-in set. */
function deviceCookie(reply: Reply): string {
  const line = reply.setCookie.find((c) => c.startsWith('mend_device='));
  if (!line) throw new Error('no device cookie');
  return /^mend_device=([^;]*)/.exec(line)?.[1] ?? '';
}

/** Moves an email's failures `seconds` into the past, as if that much time had gone by. */
async function age(t: TestApp, email: string, seconds: number): Promise<void> {
  await t.dataSource.query(
    `UPDATE login_failures SET created_at = created_at - $2 * interval '1 second' WHERE email = $1`,
    [email, seconds],
  );
}

/** Failures made just now from elsewhere (or from the known device `device`). */
async function addFailures(
  t: TestApp,
  email: string,
  count: number,
  device: string | null,
): Promise<void> {
  await t.dataSource.query(
    `INSERT INTO login_failures (email, ip, device)
     SELECT $1, '10.99.0.1', $3 FROM generate_series(1, $2::int)`,
    [email, count, device],
  );
}

describe('the sign-in limiter', () => {
  let t: TestApp;
  let clinic: TestClinic;

  beforeAll(async () => {
    t = await bootApp({
      ...LIMITS,
      PASSWORD_HASH_CONCURRENCY: '2',
      // These tests move failures in time in the database; a refusal the process remembers
      // follows the real clock, and is answered after a pause (see 'refusals remembered for a
      // moment' below).
      LOGIN_REFUSAL_HOLD_MS: '0',
      LOGIN_REFUSAL_PAUSE_MS: '0',
    });
    clinic = await t.createClinic();
  });

  afterAll(() => t.close());

  afterEach(async () => {
    jest.restoreAllMocks();
    await t.dataSource.query(`DELETE FROM login_failures`);
  });

  it('cannot be raced: 50 simultaneous wrong passwords at one account check only the limit', async () => {
    const user = await t.createUser(clinic.id, 'client');
    const verify = jest.spyOn(t.app.get(PasswordHasher), 'verify');
    const replies = await Promise.all(
      Array.from({ length: 50 }, (_, i) => login(t, user.email, `${WRONG} ${i}`)),
    );
    const statuses = replies.map((r) => r.status);
    expect(statuses.filter((s) => s === 401)).toHaveLength(LIMIT);
    expect(statuses.filter((s) => s === 429)).toHaveLength(50 - LIMIT);
    expect(verify).toHaveBeenCalledTimes(LIMIT);
    // Nothing half-done is left behind: the five failures, and nothing else, are counted.
    const [{ count }] = await t.dataSource.query(
      `SELECT count(*)::int AS count FROM login_failures WHERE email = $1`,
      [user.email],
    );
    expect(count).toBe(LIMIT);
  });

  it('allows the limit in a minute, then waits 1 s, 2 s, 4 s… after each failure, at most 5 minutes', async () => {
    const user = await t.createUser(clinic.id, 'client');
    for (let i = 0; i < LIMIT; i += 1) expect((await login(t, user.email, WRONG)).status).toBe(401);
    const waits: number[] = [];
    for (let round = 0; round < 4; round += 1) {
      const refused = await login(t, user.email, TEST_PASSWORD);
      expect(refused.status).toBe(429);
      expect(refused.body.message).toMatch(TOO_MANY);
      const wait = Number(refused.headers['retry-after']);
      waits.push(wait);
      await age(t, user.email, wait);
      expect((await login(t, user.email, WRONG)).status).toBe(401);
    }
    // First the minute's limit, then the doubling waits after each further failure.
    expect(waits[0]).toBeGreaterThan(50);
    expect(waits[0]).toBeLessThanOrEqual(60);
    expect(waits.slice(1)).toEqual([2, 4, 8]);
    // Many failures later the wait stops growing.
    await addFailures(t, user.email, 30, null);
    await age(t, user.email, 61);
    const capped = Number((await login(t, user.email, TEST_PASSWORD)).headers['retry-after']);
    expect(capped).toBeGreaterThan(230);
    expect(capped).toBeLessThanOrEqual(300);
  });

  it('lets a right password through once the wait is over, and then forgets the failures', async () => {
    const user = await t.createUser(clinic.id, 'client');
    for (let i = 0; i < LIMIT; i += 1) await login(t, user.email, WRONG);
    expect((await login(t, user.email, TEST_PASSWORD)).status).toBe(429);
    await age(t, user.email, 60);
    expect((await login(t, user.email, TEST_PASSWORD)).status).toBe(200);
    // A fresh budget: five more mistakes before any wait.
    for (let i = 0; i < LIMIT; i += 1) expect((await login(t, user.email, WRONG)).status).toBe(401);
    expect((await login(t, user.email, WRONG)).status).toBe(429);
  });

  it('throttles an unknown email exactly like an account, with the same answers', async () => {
    const user = await t.createUser(clinic.id, 'client');
    const nobody = 'nobody-at-all@test.example';
    const known: Reply<{ message: string }>[] = [];
    const unknown: Reply<{ message: string }>[] = [];
    for (let i = 0; i <= LIMIT; i += 1) {
      known.push(await login(t, user.email, WRONG));
      unknown.push(await login(t, nobody, WRONG));
    }
    expect(known.map((r) => r.status)).toEqual([401, 401, 401, 401, 401, 429]);
    expect(unknown.map((r) => r.status)).toEqual(known.map((r) => r.status));
    expect(unknown.map((r) => r.body)).toEqual(known.map((r) => r.body));
    expect(unknown[LIMIT].headers['retry-after']).toBe(known[LIMIT].headers['retry-after']);
  });

  it('does not lock out an office: colleagues behind one address sign in while one keeps failing', async () => {
    const office = '203.0.113.7';
    const careless = await t.createUser(clinic.id, 'counselor');
    const colleagues = await Promise.all(
      Array.from({ length: 4 }, () => t.createUser(clinic.id, 'counselor')),
    );
    const carelessStatuses: number[] = [];
    for (let round = 0; round < 8; round += 1) {
      carelessStatuses.push((await login(t, careless.email, WRONG, { ip: office })).status);
      for (const colleague of colleagues) {
        const reply = await login(t, colleague.email, TEST_PASSWORD, { ip: office });
        expect(reply.status).toBe(200);
      }
    }
    // Only their own account waits.
    expect(carelessStatuses).toEqual([401, 401, 401, 401, 401, 429, 429, 429]);
  });

  it('lets a known device sign in while the account is locked for every other browser', async () => {
    const user = await t.createUser(clinic.id, 'client');
    const first = await login(t, user.email, TEST_PASSWORD);
    expect(first.status).toBe(200);
    const cookieLine = first.setCookie.find((c) => c.startsWith('mend_device='));
    expect(cookieLine).toMatch(/HttpOnly/);
    expect(cookieLine).toMatch(/SameSite=Strict/);
    expect(cookieLine).toMatch(/Path=\/api\/auth\/login/);
    expect(cookieLine).toMatch(/Max-Age=\d{7,}/);
    const laptop = deviceCookie(first);

    // Someone else guesses at the account until it is locked.
    for (let i = 0; i < LIMIT + 3; i += 1) await login(t, user.email, WRONG);
    expect((await login(t, user.email, TEST_PASSWORD)).status).toBe(429);

    // The owner's laptop still signs in; a new browser, a forged cookie or another
    // account's cookie do not.
    const fromLaptop = await login(t, user.email, TEST_PASSWORD, { device: laptop });
    expect(fromLaptop.status).toBe(200);
    const renewed = deviceCookie(fromLaptop);
    expect((await login(t, user.email, TEST_PASSWORD)).status).toBe(429);
    const forged = `${laptop.slice(0, -4)}AAAA`;
    expect((await login(t, user.email, TEST_PASSWORD, { device: forged })).status).toBe(429);
    const other = await t.createUser(clinic.id, 'client');
    const othersCookie = deviceCookie(await login(t, other.email, TEST_PASSWORD));
    expect((await login(t, user.email, TEST_PASSWORD, { device: othersCookie })).status).toBe(429);

    // A shared computer remembers both accounts.
    const shared = deviceCookie(await login(t, other.email, TEST_PASSWORD, { device: renewed }));
    expect((await login(t, user.email, TEST_PASSWORD, { device: shared })).status).toBe(200);
  });

  it('gives a known device a small failure budget of its own', async () => {
    const user = await t.createUser(clinic.id, 'client');
    const device = deviceCookie(await login(t, user.email, TEST_PASSWORD));
    for (let i = 0; i < LIMIT; i += 1)
      expect((await login(t, user.email, WRONG, { device })).status).toBe(401);
    expect((await login(t, user.email, TEST_PASSWORD, { device })).status).toBe(429);
    // Those were the device's failures, not the account's: another browser is not held back.
    expect((await login(t, user.email, TEST_PASSWORD)).status).toBe(200);
  });

  it('has a much higher ceiling per address, across accounts', async () => {
    const ip = '198.51.100.23';
    for (let i = 0; i < PER_ADDRESS; i += 1) {
      expect((await login(t, `sprayed-${i}@test.example`, WRONG, { ip })).status).toBe(401);
    }
    const refused = await login(t, clinic.partner.email, TEST_PASSWORD, { ip });
    expect(refused.status).toBe(429);
    expect(refused.body.message).toMatch(TOO_MANY);
    const wait = Number(refused.headers['retry-after']);
    expect(wait).toBeGreaterThan(590);
    expect(wait).toBeLessThanOrEqual(600);
    // The same account from another address is not refused.
    expect((await login(t, clinic.partner.email, TEST_PASSWORD)).status).toBe(200);
  });

  it('checks at most PASSWORD_HASH_CONCURRENCY passwords at once', async () => {
    const users = await Promise.all(
      Array.from({ length: 12 }, () => t.createUser(clinic.id, 'client')),
    );
    const limit = t.config.passwordHashConcurrency;
    let inFlight = 0;
    let most = 0;
    const real = argon2.verify;
    jest.spyOn(argon2, 'verify').mockImplementation(async (...args) => {
      inFlight += 1;
      most = Math.max(most, inFlight);
      try {
        return await real(...args);
      } finally {
        inFlight -= 1;
      }
    });
    const replies = await Promise.all(users.map((u) => login(t, u.email, TEST_PASSWORD)));
    expect(replies.map((r) => r.status)).toEqual(users.map(() => 200));
    expect(most).toBeGreaterThan(0);
    expect(most).toBeLessThanOrEqual(limit);
  });

  it('records sign-ins, failed sign-ins (a reason, never the password) and sign-outs', async () => {
    const user = await t.createUser(clinic.id, 'counselor');
    const secret = 'my very secret wrong guess';
    expect((await login(t, user.email, secret, { ip: '10.77.0.1' })).status).toBe(401);
    const agent = t.agent();
    const signedIn = await agent.request('POST', '/api/auth/login', {
      body: { email: user.email, password: TEST_PASSWORD },
      ip: '10.77.0.2',
    });
    expect(signedIn.status).toBe(200);
    expect((await agent.post('/api/auth/logout')).status).toBe(204);

    // The failure is written beside the answer (so an unknown email answers as fast): wait.
    let trail = await t.auditTrail(user.id);
    for (let i = 0; i < 50 && !trail.some((e) => e.action === 'user.sign_in_failed'); i += 1) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      trail = await t.auditTrail(user.id);
    }
    const byAction = Object.fromEntries(trail.map((e) => [e.action, e]));
    expect(byAction['user.sign_in_failed']).toMatchObject({
      actor_id: null,
      details: { reason: 'wrong_password', knownDevice: false },
    });
    expect(byAction['user.signed_in']).toMatchObject({
      actor_id: user.id,
      details: { knownDevice: false },
    });
    expect(byAction['user.signed_out']).toMatchObject({ actor_id: user.id });
    const [{ found }] = await t.dataSource.query(
      `SELECT count(*)::int AS found FROM audit_events WHERE details::text LIKE '%' || $1 || '%'`,
      [secret],
    );
    expect(found).toBe(0);
    const [failure] = await t.dataSource.query(
      `SELECT ip FROM audit_events WHERE entity_id = $1 AND action = 'user.sign_in_failed'`,
      [user.id],
    );
    expect(failure.ip).toBe('10.77.0.1');
  });

  it('records why an inactive account could not sign in', async () => {
    const disabled = await t.createUser(clinic.id, 'client', { status: 'disabled' });
    expect((await login(t, disabled.email, TEST_PASSWORD)).status).toBe(401);
    let trail = await t.auditTrail(disabled.id);
    for (let i = 0; i < 50 && trail.length === 0; i += 1) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      trail = await t.auditTrail(disabled.id);
    }
    expect(trail).toEqual([
      expect.objectContaining({
        action: 'user.sign_in_failed',
        details: { reason: 'account_disabled', knownDevice: false },
      }),
    ]);
  });

  it('refuses a weak new password with what to do, and records a password change', async () => {
    const user = await t.createUser(clinic.id, 'client', { name: 'Robin Mend' });
    const agent: Agent = await t.signIn(user);
    const weak = await agent.post<{ fields: { field: string; reasons: string[] }[] }>(
      '/api/auth/password',
      { currentPassword: TEST_PASSWORD, newPassword: 'mendmendmendmend' },
    );
    expect(weak.status).toBe(400);
    expect(weak.body.fields).toEqual([
      {
        field: 'newPassword',
        reasons: [expect.stringMatching(/^This password is too easy to guess\. .*(Add|Use) /)],
      },
    ]);
    const emailed = await agent.post<{ fields: { field: string; reasons: string[] }[] }>(
      '/api/auth/password',
      { currentPassword: TEST_PASSWORD, newPassword: `${user.email} rocks` },
    );
    expect(emailed.body.fields[0].reasons[0]).toMatch(/email address/);
    const changed = await agent.post('/api/auth/password', {
      currentPassword: TEST_PASSWORD,
      newPassword: 'quiet orchard lantern 58',
    });
    expect(changed.status).toBe(204);
    expect((await t.auditTrail(user.id)).map((e) => e.action)).toContain('user.password_changed');
  });

  it('counts wrong current passwords at a password change like failed sign-ins', async () => {
    const user = await t.createUser(clinic.id, 'client');
    const agent = await t.signIn(user);
    for (let i = 0; i < LIMIT; i += 1) {
      const wrong = await agent.post('/api/auth/password', {
        currentPassword: `${WRONG} ${i}`,
        newPassword: 'quiet orchard lantern 58',
      });
      expect(wrong.status).toBe(400);
    }
    const refused = await agent.post('/api/auth/password', {
      currentPassword: TEST_PASSWORD,
      newPassword: 'quiet orchard lantern 58',
    });
    expect(refused.status).toBe(429);
  });
});

describe('refusals remembered for a moment, and answered after a pause', () => {
  const HOLD_MS = 1500;
  const PAUSE_MS = 600;
  let t: TestApp;
  let clinic: TestClinic;

  beforeAll(async () => {
    t = await bootApp({
      ...LIMITS,
      LOGIN_REFUSAL_HOLD_MS: String(HOLD_MS),
      LOGIN_REFUSAL_PAUSE_MS: String(PAUSE_MS),
    });
    clinic = await t.createClinic();
  });

  afterAll(() => t.close());

  afterEach(() => t.dataSource.query(`DELETE FROM login_failures`));

  const afterTheHold = () => new Promise((resolve) => setTimeout(resolve, HOLD_MS + 100));

  it('answers a refused account from memory, with the wait the database gave, then asks again', async () => {
    const user = await t.createUser(clinic.id, 'client');
    await addFailures(t, user.email, LIMIT, null);
    const refused = await login(t, user.email, TEST_PASSWORD);
    expect(refused.status).toBe(429);
    const wait = Number(refused.headers['retry-after']);
    // The database would let the next attempt in (its failures are gone); this process still
    // refuses it, and no attempt is counted.
    await t.dataSource.query(`DELETE FROM login_failures`);
    const again = await login(t, user.email, TEST_PASSWORD);
    expect(again.status).toBe(429);
    expect(again.body).toEqual(refused.body);
    expect(Number(again.headers['retry-after'])).toBeLessThanOrEqual(wait);
    const [{ count }] = await t.dataSource.query(
      `SELECT count(*)::int AS count FROM login_failures`,
    );
    expect(count).toBe(0);
    await afterTheHold();
    expect((await login(t, user.email, TEST_PASSWORD)).status).toBe(200);
  });

  it('answers an unknown email from memory exactly like an account', async () => {
    const user = await t.createUser(clinic.id, 'client');
    const nobody = 'nobody-remembered@test.example';
    await addFailures(t, user.email, LIMIT, null);
    await addFailures(t, nobody, LIMIT, null);
    const first = [await login(t, user.email, WRONG), await login(t, nobody, WRONG)];
    const second = [await login(t, user.email, WRONG), await login(t, nobody, WRONG)];
    expect([...first, ...second].map((r) => r.status)).toEqual([429, 429, 429, 429]);
    expect(second[1].body).toEqual(second[0].body);
    expect(second[1].headers['retry-after']).toBe(second[0].headers['retry-after']);
  });

  it('never refuses the owner’s known device for a refusal of every other browser', async () => {
    const user = await t.createUser(clinic.id, 'client');
    const laptop = deviceCookie(await login(t, user.email, TEST_PASSWORD));
    await addFailures(t, user.email, LIMIT + 3, null);
    expect((await login(t, user.email, TEST_PASSWORD)).status).toBe(429);
    expect((await login(t, user.email, TEST_PASSWORD, { device: laptop })).status).toBe(200);
    // The laptop's own budget, refused, does not hold back the other browsers' either.
    await t.dataSource.query(`DELETE FROM login_failures`);
    const renewed = deviceCookie(await login(t, user.email, TEST_PASSWORD, { device: laptop }));
    for (let i = 0; i < LIMIT; i += 1)
      expect((await login(t, user.email, WRONG, { device: renewed })).status).toBe(401);
    expect((await login(t, user.email, TEST_PASSWORD, { device: renewed })).status).toBe(429);
    expect((await login(t, user.email, TEST_PASSWORD)).status).toBe(200);
  });

  it('answers each refusal after a pause, all of a burst at once, while others go on', async () => {
    const user = await t.createUser(clinic.id, 'client');
    const signedIn = await t.signIn(clinic.partner);
    await addFailures(t, user.email, LIMIT, null);
    const timed = async (work: () => Promise<{ status: number }>) => {
      const started = Date.now();
      const { status } = await work();
      return { status, ms: Date.now() - started };
    };
    // The first refusal comes from the database, the rest from memory: each after the pause.
    const first = await timed(() => login(t, user.email, TEST_PASSWORD));
    expect(first).toEqual({ status: 429, ms: expect.any(Number) });
    expect(first.ms).toBeGreaterThanOrEqual(PAUSE_MS - 20);
    const started = Date.now();
    const burst = Array.from({ length: 20 }, () => timed(() => login(t, user.email, WRONG)));
    // The pauses hold nothing another request needs.
    const me = await timed(() => signedIn.get('/api/auth/me'));
    expect(me.status).toBe(200);
    expect(me.ms).toBeLessThan(PAUSE_MS);
    const replies = await Promise.all(burst);
    expect(replies.map((r) => r.status)).toEqual(replies.map(() => 429));
    for (const reply of replies) expect(reply.ms).toBeGreaterThanOrEqual(PAUSE_MS - 20);
    // Side by side, not one after another.
    expect(Date.now() - started).toBeLessThan(PAUSE_MS * 3);
  });

  it('answers a refused address from memory for every account, and only that address', async () => {
    const ip = '198.51.100.77';
    await t.dataSource.query(
      `INSERT INTO login_failures (email, ip) SELECT 'sprayed-' || n || '@test.example', $1
         FROM generate_series(1, $2::int) n`,
      [ip, PER_ADDRESS],
    );
    expect((await login(t, clinic.counselor.email, TEST_PASSWORD, { ip })).status).toBe(429);
    await t.dataSource.query(`DELETE FROM login_failures`);
    const other = await login(t, clinic.partner.email, TEST_PASSWORD, { ip });
    expect(other.status).toBe(429);
    expect(Number(other.headers['retry-after'])).toBeGreaterThan(590);
    expect((await login(t, clinic.partner.email, TEST_PASSWORD)).status).toBe(200);
    await afterTheHold();
    expect((await login(t, clinic.partner.email, TEST_PASSWORD, { ip })).status).toBe(200);
  });
});

describe('the password hashing queue', () => {
  let t: TestApp;
  let clinic: TestClinic;

  beforeAll(async () => {
    t = await bootApp({ PASSWORD_HASH_CONCURRENCY: '1', PASSWORD_HASH_QUEUE_MS: '100' });
    clinic = await t.createClinic();
  });

  afterAll(() => t.close());

  it('answers 503 with Retry-After when a check waits too long, and does not count it', async () => {
    const real = argon2.verify;
    jest.spyOn(argon2, 'verify').mockImplementation(async (...args) => {
      await new Promise((resolve) => setTimeout(resolve, 400));
      return real(...args);
    });
    const replies = await Promise.all(
      [clinic.admin, clinic.counselor, clinic.client].map((u) => login(t, u.email, WRONG)),
    );
    const statuses = replies.map((r) => r.status).sort();
    expect(statuses).toEqual([401, 503, 503]);
    const busy = replies.find((r) => r.status === 503);
    expect(busy?.headers['retry-after']).toBe('1');
    expect(busy?.body).toMatchObject({ statusCode: 503, message: expect.stringMatching(/busy/) });
    const [{ count }] = await t.dataSource.query(
      `SELECT count(*)::int AS count FROM login_failures`,
    );
    expect(count).toBe(1);
  });
});
