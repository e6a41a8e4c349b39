import { request } from 'node:http';
import { Browser } from 'playwright-core';
import {
  Api,
  DEMO_PASSWORD,
  launchBrowser,
  Portal,
  screenshot,
  sharedPostgres,
  signIn,
  watchForProblems,
} from './portal';
import { RoundRobinProxy } from './round-robin-proxy';

/** Where the sign-in limiter's client connects from: a loopback address that is not the proxy's. */
const CLIENT_ADDRESS = '127.0.0.7';

interface Homework {
  id: string;
  status: string;
  together: boolean;
  isMeasure: boolean;
  version: number;
  answers: Record<string, unknown>;
  can: { edit: boolean };
  exercise: { fields: { key: string; type: string }[] };
}

/** Sent from `CLIENT_ADDRESS`, claiming another one in X-Forwarded-For: the status, and who answered. */
function signInFrom(
  url: string,
  email: string,
  password: string,
): Promise<{ status: number; servedBy: string }> {
  const body = JSON.stringify({ email, password });
  return new Promise((resolve, reject) => {
    const sent = request(
      `${url}/api/auth/login`,
      {
        method: 'POST',
        localAddress: CLIENT_ADDRESS,
        headers: {
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(body),
          'x-requested-with': 'journey',
          'x-forwarded-for': '203.0.113.9',
        },
      },
      (answer) => {
        answer.resume();
        answer.on('end', () =>
          resolve({
            status: answer.statusCode ?? 0,
            servedBy: String(answer.headers['x-served-by']),
          }),
        );
      },
    );
    sent.on('error', reject);
    sent.end(body);
  });
}

const server = sharedPostgres();
if (!server)
  console.warn(
    'Skipping the two-instance journey: two API processes need one PostgreSQL to share ' +
      '(set TEST_DATABASE_URL or DATABASE_URL); the embedded PGlite serves a single process.',
  );

/**
 * Issue 13: Mend keeps no state in the API process. Two instances share one PostgreSQL behind a
 * proxy that sends each request to the next instance in turn; sessions, the sign-in limiter,
 * autosave versions and jobs hold across them.
 */
(server ? describe : describe.skip)('two API instances behind a round-robin proxy', () => {
  const portal = new Portal(2);
  let browser: Browser;
  let proxy: RoundRobinProxy;

  beforeAll(async () => {
    await portal.start({ JOB_POLL_SECONDS: '0.5' });
    if (!portal.proxy) throw new Error('a portal of two instances has a proxy');
    proxy = portal.proxy;
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await portal.stop();
  });

  it('a counselor signs in with the second step and works on, whichever instance answers', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    const problems = watchForProblems(page);
    const from = proxy.forwarded.length;
    await page.goto(`${portal.url}/sign-in`);
    await signIn(page, 'maya@harbor.example');
    await page.getByTestId('home-counselor').waitFor();
    await page.getByRole('link', { name: 'My caseload' }).click();
    await page.getByTestId('case-row').filter({ hasText: 'Sam & Alex Rivera' }).click();
    await page.getByTestId('case-head').waitFor();
    await page.reload();
    await page.getByTestId('case-head').waitFor();
    await page.getByRole('navigation').getByRole('link', { name: 'My caseload' }).click();
    await page.getByTestId('cases-table').waitFor();
    await screenshot(page, '90-two-instances-caseload');

    const api = proxy.forwarded.slice(from).filter((f) => f.path.startsWith('/api/'));
    const verified = api.findIndex((f) => f.path === '/api/auth/mfa/verify' && f.status < 300);
    expect(verified).toBeGreaterThan(0);
    const signedIn = api.slice(verified + 1);
    // Every request of the signed-in session was answered, by both instances.
    expect(signedIn.filter((f) => f.status >= 400)).toEqual([]);
    expect(new Set(signedIn.map((f) => f.instance))).toEqual(new Set([0, 1]));

    // Signing out through one instance ends the session on both.
    const [session] = (await context.cookies()).filter((c) => c.name === 'mend_session');
    await page.getByTestId('user-menu').click();
    await page.getByTestId('sign-out').click();
    await page.waitForURL(/\/sign-in/);
    for (const instance of portal.instances) {
      const me = await fetch(`${instance.url}/api/auth/me`, {
        headers: { cookie: `mend_session=${session.value}` },
      });
      expect(me.status).toBe(401);
    }
    expect(problems).toEqual([]);
    await context.close();
  });

  it('the sign-in limiter counts failures on both instances as one, at the client’s own address', async () => {
    const email = 'jordan@harbor.example';
    const failures = [];
    for (let attempt = 0; attempt < 5; attempt += 1)
      failures.push(await signInFrom(portal.url, email, 'not my password at all'));
    expect(failures.map((f) => f.status)).toEqual([401, 401, 401, 401, 401]);
    expect(new Set(failures.map((f) => f.servedBy))).toEqual(new Set(['1', '2']));
    // The sixth try is refused on either instance, even with the right password.
    const refused = [
      await signInFrom(portal.url, email, 'not my password at all'),
      await signInFrom(portal.url, email, DEMO_PASSWORD),
    ];
    expect(refused.map((r) => r.status)).toEqual([429, 429]);
    expect(new Set(refused.map((r) => r.servedBy))).toEqual(new Set(['1', '2']));
    // The address counted is the one the proxy saw, not the one the client claimed.
    expect(
      await portal.sql(`SELECT DISTINCT ip FROM login_failures WHERE email = $1`, [email]),
    ).toEqual([{ ip: CLIENT_ADDRESS }]);
  });

  it('autosave refuses a stale version saved through the other instance', async () => {
    const sam = new Api(portal.url);
    await sam.signIn('sam@harbor.example');
    const due = (await sam.call<{ items: Homework[] }>('GET', '/api/homework/mine?view=due')).items;
    let homework: Homework | undefined;
    let key = '';
    for (const item of due.filter((h) => !h.together && !h.isMeasure)) {
      const detail = await sam.call<Homework>('GET', `/api/homework/${item.id}`);
      const text = detail.exercise.fields.find((f) => f.type.endsWith('_text'));
      if (detail.can.edit && text) {
        homework = detail;
        key = text.key;
        break;
      }
    }
    if (!homework) throw new Error('the demo gives Sam homework with a text answer to write');
    const save = (version: number, words: string) =>
      sam.request('PUT', `/api/homework/${homework.id}/draft`, {
        version,
        answers: { ...homework.answers, [key]: words },
      });

    // One after the other: the second save still expects the version the first replaced.
    const first = await save(homework.version, 'Written in one tab.');
    const stale = await save(homework.version, 'Written in another tab, from the same start.');
    expect([first.status, stale.status]).toEqual([200, 409]);
    expect(first.headers.get('x-served-by')).not.toBe(stale.headers.get('x-served-by'));
    const saved = (await first.json()) as { version: number };

    // At the same moment, one through each instance: one wins, the other is told.
    const both = await Promise.all([
      save(saved.version, 'Sent at once, first.'),
      save(saved.version, 'Sent at once, second.'),
    ]);
    expect(both.map((r) => r.status).sort()).toEqual([200, 409]);
    expect(new Set(both.map((r) => r.headers.get('x-served-by')))).toEqual(new Set(['1', '2']));
    const winner = both[both[0].status === 200 ? 0 : 1];
    const now = await sam.call<Homework>('GET', `/api/homework/${homework.id}`);
    expect(now.version).toBe(saved.version + 1);
    expect(now.answers[key]).toBe(
      winner === both[0] ? 'Sent at once, first.' : 'Sent at once, second.',
    );
  });

  it('each invitation is mailed by exactly one instance, once', async () => {
    const admin = new Api(portal.url);
    await admin.signIn('admin@harbor.example');
    const emails = ['relay1', 'relay2', 'relay3', 'relay4'].map((n) => `${n}@harbor.example`);
    for (const [i, email] of emails.entries())
      await admin.call('POST', '/api/users/invitations', {
        email,
        displayName: `Relay Client ${i + 1}`,
        role: 'client',
      });
    // Both instances work the queue; wait for every mail, then a few more polls of both.
    const unsent = (email: string) =>
      portal.instances.map(
        (instance) =>
          instance.log
            .join('')
            .split('\n')
            .filter((line) => line.includes('No SMTP_URL') && line.includes(`"to":"${email}"`))
            .length,
      );
    const deadline = Date.now() + 30_000;
    while (emails.some((email) => unsent(email).reduce((a, b) => a + b) === 0)) {
      if (Date.now() > deadline) throw new Error('the invitation mail jobs did not run');
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    await new Promise((resolve) => setTimeout(resolve, 3000));
    const byInstance = emails.map(unsent);
    console.log(`invitation mail logged by instance 1, 2: ${JSON.stringify(byInstance)}`);
    for (const counts of byInstance) expect(counts.reduce((a, b) => a + b)).toBe(1);

    const deliveries = await portal.sql<{ id: string; state: string; attempts: number }>(
      `SELECT d.id, d.state, d.attempts FROM mail_deliveries d JOIN users u ON u.id = d.user_id
        WHERE u.email = ANY($1)`,
      [emails],
    );
    expect(deliveries).toHaveLength(emails.length);
    for (const delivery of deliveries)
      expect(delivery).toMatchObject({ state: 'skipped', attempts: 1 });
    const jobs = await portal.sql<{ state: string; retry_count: number }>(
      `SELECT state, retry_count FROM pgboss.job WHERE name = 'mend.mail' AND id = ANY($1::uuid[])`,
      [deliveries.map((d) => d.id)],
    );
    expect(jobs).toEqual(emails.map(() => ({ state: 'completed', retry_count: 0 })));
  });
});
