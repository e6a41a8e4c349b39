import { performance } from 'node:perf_hooks';
import type {
  CaseDetail,
  CounselorOpenCase,
  InvitationPreview,
  InvitationSent,
  Me,
  OneTimeLink,
  SessionTimes,
  UserSummary,
} from '@mend/shared/contracts';
import { burstBehindLock } from '../support/advisory-locks';
import { Mailbox, ReceivedMail, tokenIn } from '../support/mailbox';
import {
  Agent,
  bootApp,
  onEmbeddedDatabase,
  TEST_PASSWORD,
  TestApp,
  TestClinic,
  TestUser,
} from '../support/test-app';

const NEW_PASSWORD = 'bright lantern orchard 41';
const RESET_MESSAGE =
  'If an account exists for this address, we have sent a link to choose a new password. It works for 30 minutes.';

type FieldErrors = { message: string; fields: { field: string; reasons: string[] }[] };

/**
 * Every "forgot your password" request comes from its own network address unless a test is
 * about that address, so the 20-per-hour limit per address never trips a test by accident.
 */
let lastIp = 0;
function freshIp(): string {
  lastIp++;
  return `10.0.${lastIp >> 8}.${lastIp & 255}`;
}

function tokenOf(link: string): string {
  const token = /#token=([A-Za-z0-9_-]+)$/.exec(link)?.[1];
  if (!token) throw new Error(`no token in ${link}`);
  return token;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/** Milliseconds between an ISO instant and now plus `fromNowMs`. */
function offBy(iso: string, fromNowMs: number): number {
  return Math.abs(Date.parse(iso) - (Date.now() + fromNowMs));
}

describe('invitations without a mail server', () => {
  let t: TestApp;
  let clinic: TestClinic;
  let admin: Agent;

  // Its own app, closed before the app with a mail server starts: both would otherwise take
  // mail jobs from the one queue, and this one would skip mail the other should send.
  beforeAll(async () => {
    t = await bootApp();
    clinic = await t.createClinic();
    admin = await t.signIn(clinic.admin);
  });

  afterAll(() => t.close());

  it('an admin is shown the invitation link once, to hand over, and the link works', async () => {
    const sent = await admin.post<InvitationSent>('/api/users/invitations', {
      email: 'no-smtp@test.example',
      displayName: 'Kai Offline',
      role: 'client',
    });
    expect(sent.status).toBe(201);
    expect(sent.body.mailed).toBe(false);
    expect(sent.body.link).toMatch(/^http:\/\/mend\.test\/accept-invitation#token=/);

    const person = t.agent();
    const accepted = await person.post<Me>('/api/auth/invitations/accept', {
      token: tokenOf(sent.body.link ?? ''),
      password: NEW_PASSWORD,
    });
    expect(accepted.status).toBe(200);
    expect(accepted.body).toMatchObject({ id: sent.body.user.id, email: 'no-smtp@test.example' });
    expect((await person.get<Me>('/api/auth/me')).body.id).toBe(sent.body.user.id);
  });

  it('an admin asking to mail a reset link is told it was not mailed', async () => {
    const reply = await admin.post<{ mailed: boolean }>(
      `/api/users/${clinic.client.id}/password-reset`,
    );
    expect(reply.status).toBe(202);
    expect(reply.body).toEqual({ mailed: false });
  });
});

describe('password reset, one-time links, counselor hand-over and session times', () => {
  let t: TestApp;
  let clinic: TestClinic;
  let other: TestClinic;
  let admin: Agent;
  const mailbox = new Mailbox();

  beforeAll(async () => {
    t = await bootApp({ SMTP_URL: await mailbox.start() });
    clinic = await t.createClinic('Willow Creek Counseling');
    other = await t.createClinic('Faraway Clinic');
    admin = await t.signIn(clinic.admin);
  });

  afterAll(async () => {
    await t.close();
    await mailbox.stop();
  });

  function requestReset(email: string, ip = freshIp()) {
    return t
      .agent()
      .request<{ message: string }>('POST', '/api/auth/password-reset', { body: { email }, ip });
  }

  function confirmReset(token: string, password = NEW_PASSWORD, agent = t.agent()) {
    return agent.post<Me & FieldErrors>('/api/auth/password-reset/confirm', { token, password });
  }

  /** A sign-in attempt from its own address, so failures never hit the per-address limit. */
  async function signInStatus(email: string, password: string): Promise<number> {
    const reply = await t
      .agent()
      .request('POST', '/api/auth/login', { body: { email, password }, ip: freshIp() });
    return reply.status;
  }

  async function resetTokenFor(user: TestUser): Promise<{ mail: ReceivedMail; token: string }> {
    expect((await requestReset(user.email)).status).toBe(202);
    const mail = await mailbox.receive(user.email);
    return { mail, token: tokenIn(mail, 'reset-password') };
  }

  async function userStatus(id: string): Promise<string> {
    const [row] = await t.dataSource.query(`SELECT status FROM users WHERE id = $1`, [id]);
    return row.status;
  }

  describe('forgot your password', () => {
    // A second connection holds the lock: the embedded database has one connection.
    (onEmbeddedDatabase() ? it.skip : it)(
      'a burst of requests for one address waits in the process, not on pooled connections',
      async () => {
        const member = await t.createUser(clinic.id, 'client');
        // Another request for the address is being counted; more requests than the pool has
        // connections (10) come meanwhile, and everyone else goes on.
        const { waiting, statuses } = await burstBehindLock(
          t,
          ['mend.reset.email', member.email],
          () => Array.from({ length: 12 }, () => requestReset(member.email)),
          async () => expect((await admin.get('/api/auth/me')).status).toBe(200),
        );
        expect(waiting).toBeLessThanOrEqual(2);
        expect(statuses.every((s) => s === 202 || s === 429)).toBe(true);
        expect(statuses).toContain(202);
        await mailbox.receive(member.email);
      },
    );

    it('an active member gets a link that sets a new password, ends their other sessions and signs them in', async () => {
      const member = await t.createUser(clinic.id, 'client', { name: 'Priya Quillfeather' });
      const elsewhere = await t.signIn(member);
      expect((await elsewhere.get('/api/auth/me')).status).toBe(200);

      const asked = await requestReset(member.email.toUpperCase());
      expect(asked.status).toBe(202);
      expect(asked.body).toEqual({ message: RESET_MESSAGE });
      const mail = await mailbox.receive(member.email);
      expect(mail.text).toContain('http://mend.test/reset-password#token=');
      const token = tokenIn(mail, 'reset-password');
      const [stored] = await t.dataSource.query(
        `SELECT token_hash FROM password_resets WHERE user_id = $1`,
        [member.id],
      );
      expect(stored.token_hash).not.toBe(token);

      const visitor = t.agent();
      const reset = await confirmReset(token, NEW_PASSWORD, visitor);
      expect(reset.status).toBe(200);
      expect(reset.body).toMatchObject({ id: member.id, email: member.email, role: 'client' });
      expect(visitor.cookie).toBeTruthy();
      expect((await visitor.get<Me>('/api/auth/me')).body.id).toBe(member.id);

      expect((await elsewhere.get('/api/auth/me')).status).toBe(401);
      expect(await signInStatus(member.email, TEST_PASSWORD)).toBe(401);
      expect(await signInStatus(member.email, NEW_PASSWORD)).toBe(200);
      const trail = await t.auditTrail(member.id);
      expect(trail).toContainEqual(
        expect.objectContaining({ action: 'user.password_reset', actor_id: member.id }),
      );
    });

    it('the reset mail says nothing about the clinic or the person', async () => {
      const member = await t.createUser(clinic.id, 'counselor', { name: 'Ottoline Vasquez' });
      const { mail } = await resetTokenFor(member);
      expect(mail.text).toContain('Subject: Reset your Mend password');
      expect(mail.text).not.toContain('Willow Creek');
      expect(mail.text).not.toContain('Ottoline');
      expect(mail.text).not.toContain('Vasquez');
    });

    it('a reset link works once', async () => {
      const member = await t.createUser(clinic.id, 'client');
      const { token } = await resetTokenFor(member);
      expect((await confirmReset(token)).status).toBe(200);
      const again = await confirmReset(token, 'another calm harbor 93');
      expect(again.status).toBe(410);
      expect(again.body.message).toMatch(/already been used/);
      expect(await signInStatus(member.email, NEW_PASSWORD)).toBe(200);
    });

    it('a reset link expires after 30 minutes', async () => {
      const member = await t.createUser(clinic.id, 'client');
      const { token } = await resetTokenFor(member);
      const [{ minutes }] = await t.dataSource.query(
        `SELECT round(extract(epoch FROM expires_at - created_at) / 60)::int AS minutes
           FROM password_resets WHERE user_id = $1`,
        [member.id],
      );
      expect(minutes).toBe(30);
      await t.dataSource.query(
        `UPDATE password_resets SET expires_at = now() - interval '1 second' WHERE user_id = $1`,
        [member.id],
      );
      const late = await confirmReset(token);
      expect(late.status).toBe(410);
      expect(late.body.message).toMatch(/expired/);
      expect(await signInStatus(member.email, TEST_PASSWORD)).toBe(200);
    });

    it('asking again replaces the earlier link', async () => {
      const member = await t.createUser(clinic.id, 'client');
      const first = await resetTokenFor(member);
      const second = await resetTokenFor(member);
      expect(second.token).not.toBe(first.token);
      expect((await confirmReset(first.token)).status).toBe(404);
      expect((await confirmReset(second.token)).status).toBe(200);
    });

    it('an unknown link answers 404', async () => {
      const reply = await confirmReset('not-a-real-token');
      expect(reply.status).toBe(404);
      expect(reply.body.message).toMatch(/not valid/);
    });

    it('a weak password is refused on the password field and does not spend the link', async () => {
      const member = await t.createUser(clinic.id, 'client');
      const { token } = await resetTokenFor(member);
      for (const weak of ['short-pass', 'iloveyou1234']) {
        const reply = await confirmReset(token, weak);
        expect(reply.status).toBe(400);
        expect(reply.body.fields[0].field).toBe('password');
      }
      expect(await signInStatus(member.email, TEST_PASSWORD)).toBe(200);
      expect((await confirmReset(token)).status).toBe(200);
    });

    it('a request is answered the same for unknown, invited and disabled addresses, and mails none of them', async () => {
      const invited = await t.createUser(clinic.id, 'client', { status: 'invited' });
      const disabled = await t.createUser(clinic.id, 'client', { status: 'disabled' });
      const known = await t.createUser(clinic.id, 'client');
      const nobody = 'nobody-here@test.example';
      for (const email of [nobody, invited.email, disabled.email]) {
        const reply = await requestReset(email);
        expect(reply.status).toBe(202);
        expect(reply.body).toEqual({ message: RESET_MESSAGE });
      }
      // Asked last, so once its mail is in the others' jobs have run; the queue confirms it
      // (pg-boss's own table), so an empty mailbox below means none was sent, not "not yet".
      await resetTokenFor(known);
      const jobs: { state: string }[] = await t.dataSource.query(
        `SELECT state FROM pgboss.job
          WHERE name = 'mend.password-reset' AND data->>'email' = ANY($1::text[])`,
        [[nobody, invited.email, disabled.email]],
      );
      expect(jobs.map((j) => j.state)).toEqual(['completed', 'completed', 'completed']);
      expect(mailbox.to(nobody)).toEqual([]);
      expect(mailbox.to(invited.email)).toEqual([]);
      expect(mailbox.to(disabled.email)).toEqual([]);
      const links = await t.dataSource.query(
        `SELECT user_id FROM password_resets WHERE user_id = ANY($1::uuid[])`,
        [[invited.id, disabled.id]],
      );
      expect(links).toEqual([]);
    });

    it('a link of an account disabled after it was mailed no longer works', async () => {
      const member = await t.createUser(clinic.id, 'client');
      const { token } = await resetTokenFor(member);
      expect(
        (await admin.patch(`/api/users/${member.id}/status`, { status: 'disabled' })).status,
      ).toBe(200);
      expect((await confirmReset(token)).status).toBe(410);
    });

    it('allows 3 requests an hour for one address, then answers 429', async () => {
      const email = 'throttled-person@test.example';
      for (let i = 0; i < 3; i++) expect((await requestReset(email)).status).toBe(202);
      const refused = await requestReset(email);
      expect(refused.status).toBe(429);
      expect(refused.headers['retry-after']).toBeDefined();
      // Any letter case is the same address.
      expect((await requestReset(email.toUpperCase())).status).toBe(429);
    });

    it('answers a refused address from memory for a moment, counting nothing, then asks again', async () => {
      const email = 'remembered-refusal@test.example';
      for (let i = 0; i < 3; i++) expect((await requestReset(email)).status).toBe(202);
      expect((await requestReset(email)).status).toBe(429);
      // The database would take the next request now; this process still refuses it.
      await t.dataSource.query(`DELETE FROM password_reset_requests WHERE email = $1`, [email]);
      const again = await requestReset(email);
      expect(again.status).toBe(429);
      expect(Number(again.headers['retry-after'])).toBeLessThanOrEqual(900);
      const [{ count }] = await t.dataSource.query(
        `SELECT count(*)::int AS count FROM password_reset_requests WHERE email = $1`,
        [email],
      );
      expect(count).toBe(0);
      await new Promise((resolve) => setTimeout(resolve, t.config.loginRefusalHoldMs + 100));
      expect((await requestReset(email)).status).toBe(202);
    });

    it('holds to 3 an hour for one address when the requests come at once', async () => {
      const email = 'all-at-once@test.example';
      const replies = await Promise.all(
        Array.from({ length: 6 }, (_, i) => requestReset(i % 2 ? email : email.toUpperCase())),
      );
      expect(replies.map((r) => r.status).sort()).toEqual([202, 202, 202, 429, 429, 429]);
    });

    it('two simultaneous uses of one link: exactly one succeeds', async () => {
      const member = await t.createUser(clinic.id, 'client');
      const { token } = await resetTokenFor(member);
      const replies = await Promise.all([
        confirmReset(token, NEW_PASSWORD),
        confirmReset(token, 'another calm harbor 93'),
      ]);
      expect(replies.map((r) => r.status).sort()).toEqual([200, 410]);
    });

    it('allows 20 requests an hour from one network address, then answers 429', async () => {
      const ip = freshIp();
      for (let i = 0; i < 20; i++) {
        expect((await requestReset(`busy-${i}@test.example`, ip)).status).toBe(202);
      }
      expect((await requestReset('busy-20@test.example', ip)).status).toBe(429);
      // Another address is not held back by this one.
      expect((await requestReset('busy-20@test.example')).status).toBe(202);
    });

    it('answers an unknown address as fast as a known one', async () => {
      const rounds = 10;
      const known: TestUser[] = [];
      for (let i = 0; i < rounds + 2; i++) known.push(await t.createUser(clinic.id, 'client'));
      const unknown = known.map((_, i) => `timing-nobody-${i}@test.example`);
      const time = async (email: string) => {
        const started = performance.now();
        const reply = await requestReset(email);
        const ms = performance.now() - started;
        expect(reply.status).toBe(202);
        return { ms, body: reply.text };
      };
      // Warm-up (first statements prepared, pools filled), not measured.
      await time(known[rounds].email);
      await time(unknown[rounds]);
      const knownRuns: { ms: number; body: string }[] = [];
      const unknownRuns: { ms: number; body: string }[] = [];
      // Interleaved, so load from other work on the machine falls on both alike.
      for (let i = 0; i < rounds; i++) {
        knownRuns.push(await time(known[i].email));
        unknownRuns.push(await time(unknown[i]));
      }
      const bodies = new Set([...knownRuns, ...unknownRuns].map((r) => r.body));
      expect([...bodies]).toEqual([JSON.stringify({ message: RESET_MESSAGE })]);
      const knownMs = median(knownRuns.map((r) => r.ms));
      const unknownMs = median(unknownRuns.map((r) => r.ms));
      // What would give an account away is work done only for it while the request waits: a
      // password hash (tens to hundreds of ms) or mail sent inline (an SMTP round trip, tens of
      // ms). Medians of 10 interleaved runs shrug off the odd slow request on a busy 2-core
      // machine; a leak must both differ by 25 ms and be 1.5 times slower to fail, so noise on
      // requests of a few ms (where the ratio swings) or of many ms (where the difference does)
      // passes, while a hash or an inline send fails on both counts.
      const difference = Math.abs(knownMs - unknownMs);
      const ratio = Math.max(knownMs, unknownMs) / Math.min(knownMs, unknownMs);
      expect({ knownMs, unknownMs, leaks: difference >= 25 && ratio >= 1.5 }).toMatchObject({
        leaks: false,
      });
    });
  });

  describe('one-time links an admin hands over', () => {
    it('for an invited person: an invitation link that replaces the mailed one, mailed to no one', async () => {
      const email = 'copied-invitation@test.example';
      const sent = await admin.post<InvitationSent>('/api/users/invitations', {
        email,
        displayName: 'Rowan Vale',
        role: 'client',
      });
      expect(sent.status).toBe(201);
      expect(sent.body.mailed).toBe(true);
      expect(sent.body.link).toBeUndefined();
      const mailedToken = await mailbox.invitationToken(email);

      const copied = await admin.post<OneTimeLink>(`/api/users/${sent.body.user.id}/link`);
      expect(copied.status).toBe(200);
      expect(copied.body.kind).toBe('invitation');
      expect(copied.body.link).toMatch(/^http:\/\/mend\.test\/accept-invitation#token=/);
      expect(offBy(copied.body.expiresAt, 72 * 3_600_000)).toBeLessThan(60_000);
      const [{ count }] = await t.dataSource.query(
        `SELECT count(*)::int AS count FROM mail_deliveries WHERE user_id = $1`,
        [sent.body.user.id],
      );
      expect(count).toBe(1); // the first invitation only

      const old = await t.agent().post('/api/auth/invitations/preview', { token: mailedToken });
      expect([404, 410]).toContain(old.status);
      const token = tokenOf(copied.body.link);
      const preview = await t
        .agent()
        .post<InvitationPreview>('/api/auth/invitations/preview', { token });
      expect(preview.status).toBe(200);
      expect(preview.body.email).toBe(email);
      const accepted = await t
        .agent()
        .post<Me>('/api/auth/invitations/accept', { token, password: NEW_PASSWORD });
      expect(accepted.status).toBe(200);

      expect(await t.auditTrail(sent.body.user.id)).toContainEqual(
        expect.objectContaining({
          action: 'user.invitation_link_copied',
          actor_id: clinic.admin.id,
        }),
      );
      // A mail asked for now is the second this address ever gets: the copy was never mailed.
      expect((await admin.post(`/api/users/${sent.body.user.id}/password-reset`)).status).toBe(202);
      const next = await mailbox.receive(email);
      expect(next.text).toContain('Subject: Reset your Mend password');
      expect(mailbox.to(email)).toHaveLength(2);
    });

    it('for an active member: a reset link that sets their password, mailed to no one', async () => {
      const member = await t.createUser(clinic.id, 'counselor');
      const copied = await admin.post<OneTimeLink>(`/api/users/${member.id}/link`);
      expect(copied.status).toBe(200);
      expect(copied.body.kind).toBe('password_reset');
      expect(copied.body.link).toMatch(/^http:\/\/mend\.test\/reset-password#token=/);
      expect(offBy(copied.body.expiresAt, 30 * 60_000)).toBeLessThan(60_000);
      // The mail would be written with the link, in the same transaction: there is none.
      const deliveries = await t.dataSource.query(
        `SELECT id FROM mail_deliveries WHERE user_id = $1`,
        [member.id],
      );
      expect(deliveries).toEqual([]);

      const reset = await confirmReset(tokenOf(copied.body.link));
      expect(reset.status).toBe(200);
      expect(reset.body.id).toBe(member.id);
      expect(await signInStatus(member.email, NEW_PASSWORD)).toBe(200);
      expect(await t.auditTrail(member.id)).toContainEqual(
        expect.objectContaining({ action: 'user.reset_link_copied', actor_id: clinic.admin.id }),
      );
      expect(mailbox.to(member.email)).toEqual([]);
    });

    it('a disabled person gets no link: 409', async () => {
      const gone = await t.createUser(clinic.id, 'client', { status: 'disabled' });
      expect((await admin.post(`/api/users/${gone.id}/link`)).status).toBe(409);
      const links = await t.dataSource.query(`SELECT id FROM password_resets WHERE user_id = $1`, [
        gone.id,
      ]);
      expect(links).toEqual([]);
    });

    it('only admins copy links, and only for their own clinic', async () => {
      for (const user of [clinic.counselor, clinic.client]) {
        const agent = await t.signIn(user);
        expect((await agent.post(`/api/users/${clinic.partner.id}/link`)).status).toBe(403);
      }
      expect((await admin.post(`/api/users/${other.client.id}/link`)).status).toBe(404);
      const foreign = await t.dataSource.query(
        `SELECT id FROM password_resets WHERE user_id = $1`,
        [other.client.id],
      );
      expect(foreign).toEqual([]);
    });
  });

  describe('an admin mails a reset link', () => {
    it('the member receives a reset mail whose link works', async () => {
      const member = await t.createUser(clinic.id, 'client');
      const reply = await admin.post<{ mailed: boolean }>(`/api/users/${member.id}/password-reset`);
      expect(reply.status).toBe(202);
      expect(reply.body).toEqual({ mailed: true });
      const mail = await mailbox.receive(member.email);
      expect(mail.text).toContain('Subject: Reset your Mend password');
      expect((await confirmReset(tokenIn(mail, 'reset-password'))).status).toBe(200);
      expect(await t.auditTrail(member.id)).toContainEqual(
        expect.objectContaining({ action: 'user.reset_link_sent', actor_id: clinic.admin.id }),
      );
    });

    it('answers 409 for invited and disabled people', async () => {
      const invited = await t.createUser(clinic.id, 'client', { status: 'invited' });
      const disabled = await t.createUser(clinic.id, 'client', { status: 'disabled' });
      const toInvited = await admin.post<FieldErrors>(`/api/users/${invited.id}/password-reset`);
      expect(toInvited.status).toBe(409);
      expect(toInvited.body.message).toMatch(/invitation/);
      expect((await admin.post(`/api/users/${disabled.id}/password-reset`)).status).toBe(409);
    });

    it('only admins send reset links, and only to their own clinic', async () => {
      for (const user of [clinic.counselor, clinic.client]) {
        const agent = await t.signIn(user);
        expect((await agent.post(`/api/users/${clinic.partner.id}/password-reset`)).status).toBe(
          403,
        );
      }
      expect((await admin.post(`/api/users/${other.client.id}/password-reset`)).status).toBe(404);
    });
  });

  describe('invitations with a mail server', () => {
    it('are mailed, and the link is not shown to the admin', async () => {
      const sent = await admin.post<InvitationSent>('/api/users/invitations', {
        email: 'mailed-invitation@test.example',
        displayName: 'Ines Mailed',
        role: 'counselor',
      });
      expect(sent.status).toBe(201);
      expect(sent.body.mailed).toBe(true);
      expect(sent.body).not.toHaveProperty('link');
      expect(await mailbox.invitationToken('mailed-invitation@test.example')).toBeTruthy();
    });
  });

  describe('session times', () => {
    async function signedInMember(): Promise<{ user: TestUser; agent: Agent }> {
      const user = await t.createUser(clinic.id, 'client');
      return { user, agent: await t.signIn(user) };
    }

    function lastSeenAgo(userId: string, seconds: number) {
      return t.dataSource.query(
        `UPDATE login_sessions SET last_seen_at = now() - make_interval(secs => $2) WHERE user_id = $1`,
        [userId, seconds],
      );
    }

    it('tells when the session ends without activity, and at the latest', async () => {
      const { agent } = await signedInMember();
      const reply = await agent.get<SessionTimes>('/api/auth/session');
      expect(reply.status).toBe(200);
      expect(reply.body.idleMinutes).toBe(30);
      expect(offBy(reply.body.idleExpiresAt, 30 * 60_000)).toBeLessThan(5_000);
      expect(offBy(reply.body.absoluteExpiresAt, 12 * 3_600_000)).toBeLessThan(5_000);
    });

    it('"stay signed in" moves the idle end later', async () => {
      const { user, agent } = await signedInMember();
      // Under a minute ago: recent enough that reading the times does not itself touch the session.
      await lastSeenAgo(user.id, 40);
      const before = await agent.get<SessionTimes>('/api/auth/session');
      expect(offBy(before.body.idleExpiresAt, 30 * 60_000 - 40_000)).toBeLessThan(5_000);
      const kept = await agent.post<SessionTimes>('/api/auth/session/keepalive');
      expect(kept.status).toBe(200);
      expect(offBy(kept.body.idleExpiresAt, 30 * 60_000)).toBeLessThan(5_000);
      expect(
        Date.parse(kept.body.idleExpiresAt) - Date.parse(before.body.idleExpiresAt),
      ).toBeGreaterThanOrEqual(35_000);
      expect(kept.body.absoluteExpiresAt).toBe(before.body.absoluteExpiresAt);
    });

    it('"stay signed in" after minutes of inactivity gives a full idle period again', async () => {
      const { user, agent } = await signedInMember();
      await lastSeenAgo(user.id, 10 * 60);
      const kept = await agent.post<SessionTimes>('/api/auth/session/keepalive');
      expect(kept.status).toBe(200);
      expect(offBy(kept.body.idleExpiresAt, 30 * 60_000)).toBeLessThan(5_000);
    });

    it('asking when the session ends does not count as activity', async () => {
      // The web app asks two minutes before the end to decide whether to warn; if asking
      // counted as activity, an open tab would keep a session alive for ever.
      const { user, agent } = await signedInMember();
      await lastSeenAgo(user.id, 10 * 60);
      const times = await agent.get<SessionTimes>('/api/auth/session');
      expect(times.status).toBe(200);
      expect(offBy(times.body.idleExpiresAt, 20 * 60_000)).toBeLessThan(5_000);
    });

    it('a session idle past its limit has ended', async () => {
      const { user, agent } = await signedInMember();
      await lastSeenAgo(user.id, 31 * 60);
      expect((await agent.get('/api/auth/session')).status).toBe(401);
      expect((await agent.post('/api/auth/session/keepalive')).status).toBe(401);
    });
  });

  describe('counselor hand-over', () => {
    async function openCase(title: string, primary: string, co: string[] = []) {
      const client = await t.createUser(clinic.id, 'client');
      const reply = await admin.post<CaseDetail>('/api/cases', {
        title,
        type: 'couple',
        startedOn: '2026-11-02',
        memberIds: [client.id],
        primaryCounselorId: primary,
        coCounselorIds: co,
      });
      expect(reply.status).toBe(201);
      return reply.body.id;
    }

    async function counselorsOf(caseId: string) {
      const reply = await admin.get<CaseDetail>(`/api/cases/${caseId}`);
      expect(reply.status).toBe(200);
      return reply.body.counselors
        .map((c) => ({ userId: c.userId, role: c.role }))
        .sort((a, b) => a.role.localeCompare(b.role) || a.userId.localeCompare(b.userId));
    }

    it('an admin disables a leaving counselor and hands their open cases to another in one step', async () => {
      const leaving = await t.createUser(clinic.id, 'counselor', { name: 'Leaving Counselor' });
      const taker = await t.createUser(clinic.id, 'counselor', { name: 'Taking Over' });
      const colleague = await t.createUser(clinic.id, 'counselor', { name: 'Colleague' });
      const alone = await openCase('A: leaving alone', leaving.id);
      const asCo = await openCase('B: leaving as co', colleague.id, [leaving.id]);
      const withTaker = await openCase('C: taker already co', leaving.id, [taker.id]);
      const closed = await openCase('D: closed', leaving.id);
      expect(
        (await admin.post(`/api/cases/${closed}/close`, { outcome: 'reconciled' })).status,
      ).toBe(200);

      const listed = await admin.get<CounselorOpenCase[]>(
        `/api/counselors/${leaving.id}/open-cases`,
      );
      expect(listed.status).toBe(200);
      expect(listed.body).toEqual([
        { id: alone, title: 'A: leaving alone', otherCounselors: 0 },
        { id: asCo, title: 'B: leaving as co', otherCounselors: 1 },
        { id: withTaker, title: 'C: taker already co', otherCounselors: 1 },
      ]);

      const leavingAgent = await t.signIn(leaving);
      const takerAgent = await t.signIn(taker);
      expect((await takerAgent.get(`/api/cases/${alone}`)).status).toBe(404);

      const disabled = await admin.post<UserSummary>(`/api/counselors/${leaving.id}/disable`, {
        reassignTo: taker.id,
      });
      expect(disabled.status).toBe(200);
      expect(disabled.body).toMatchObject({ id: leaving.id, status: 'disabled' });
      expect(await userStatus(leaving.id)).toBe('disabled');
      expect((await leavingAgent.get('/api/auth/me')).status).toBe(401);
      expect(await signInStatus(leaving.email, TEST_PASSWORD)).not.toBe(200);

      expect(await counselorsOf(alone)).toEqual([{ userId: taker.id, role: 'primary' }]);
      expect(await counselorsOf(asCo)).toEqual([
        { userId: taker.id, role: 'co' },
        { userId: colleague.id, role: 'primary' },
      ]);
      expect(await counselorsOf(withTaker)).toEqual([{ userId: taker.id, role: 'primary' }]);
      expect(await counselorsOf(closed)).toEqual([{ userId: leaving.id, role: 'primary' }]);
      for (const id of [alone, asCo, withTaker]) {
        expect((await takerAgent.get(`/api/cases/${id}`)).status).toBe(200);
      }
      expect((await takerAgent.get(`/api/cases/${closed}`)).status).toBe(404);

      const handedOver = (await t.auditTrail(alone)).at(-1);
      expect(handedOver).toMatchObject({
        action: 'case.counselors_assigned',
        actor_id: clinic.admin.id,
        details: {
          before: { primary: leaving.id, co: [] },
          after: { primary: taker.id, co: [] },
        },
      });
      expect((await t.auditTrail(asCo)).at(-1)).toMatchObject({
        action: 'case.counselors_assigned',
        details: {
          before: { primary: colleague.id, co: [leaving.id] },
          after: { primary: colleague.id, co: [taker.id] },
        },
      });
      expect((await t.auditTrail(leaving.id)).map((e) => e.action)).toContain('user.disabled');
      const left = await admin.get<CounselorOpenCase[]>(`/api/counselors/${leaving.id}/open-cases`);
      expect(left.body).toEqual([]);
    });

    it('a disabled counselor still on a case does not count as another counselor', async () => {
      const leaving = await t.createUser(clinic.id, 'counselor');
      const gone = await t.createUser(clinic.id, 'counselor');
      const caseId = await openCase('Only a disabled co-counselor', leaving.id, [gone.id]);
      expect(
        (await admin.patch(`/api/users/${gone.id}/status`, { status: 'disabled' })).status,
      ).toBe(200);
      const listed = await admin.get<CounselorOpenCase[]>(
        `/api/counselors/${leaving.id}/open-cases`,
      );
      expect(listed.body).toEqual([
        { id: caseId, title: 'Only a disabled co-counselor', otherCounselors: 0 },
      ]);
    });

    it('the cases must go to another active or invited counselor of the clinic: 400 on reassignTo', async () => {
      const leaving = await t.createUser(clinic.id, 'counselor');
      const caseId = await openCase('Stays put', leaving.id);
      const disabledCounselor = await t.createUser(clinic.id, 'counselor', {
        status: 'disabled',
      });
      for (const reassignTo of [
        leaving.id,
        clinic.client.id,
        clinic.admin.id,
        disabledCounselor.id,
        other.counselor.id,
      ]) {
        const reply = await admin.post<FieldErrors>(`/api/counselors/${leaving.id}/disable`, {
          reassignTo,
        });
        expect(reply.status).toBe(400);
        expect(reply.body.fields.map((f) => f.field)).toEqual(['reassignTo']);
      }
      expect(
        (await admin.post(`/api/counselors/${leaving.id}/disable`, { reassignTo: 'nope' })).status,
      ).toBe(400);
      // Nothing happened: the counselor is still active and still on the case.
      expect(await userStatus(leaving.id)).toBe('active');
      expect(await counselorsOf(caseId)).toEqual([{ userId: leaving.id, role: 'primary' }]);
    });

    it('an invited counselor can take over cases, and be assigned to a case directly', async () => {
      const sent = await admin.post<InvitationSent>('/api/users/invitations', {
        email: 'new-counselor@test.example',
        displayName: 'Not Yet Accepted',
        role: 'counselor',
      });
      expect(sent.status).toBe(201);
      const invited = sent.body.user;
      expect(invited.status).toBe('invited');

      const leaving = await t.createUser(clinic.id, 'counselor');
      const handed = await openCase('Handed to the newcomer', leaving.id);
      const reply = await admin.post(`/api/counselors/${leaving.id}/disable`, {
        reassignTo: invited.id,
      });
      expect(reply.status).toBe(200);
      expect(await counselorsOf(handed)).toEqual([{ userId: invited.id, role: 'primary' }]);

      const assigned = await openCase('Assigned directly', clinic.counselor.id);
      const put = await admin.put<CaseDetail>(`/api/cases/${assigned}/counselors`, {
        primaryCounselorId: clinic.counselor.id,
        coCounselorIds: [invited.id],
        reason: 'The newcomer joins as co-counselor',
      });
      expect(put.status).toBe(200);
      expect(await counselorsOf(assigned)).toEqual([
        { userId: invited.id, role: 'co' },
        { userId: clinic.counselor.id, role: 'primary' },
      ]);
    });

    it('only admins see open cases and disable counselors; another clinic’s counselor is not found', async () => {
      const target = await t.createUser(clinic.id, 'counselor');
      for (const user of [clinic.counselor, clinic.client]) {
        const agent = await t.signIn(user);
        expect((await agent.get(`/api/counselors/${target.id}/open-cases`)).status).toBe(403);
        expect(
          (await agent.post(`/api/counselors/${target.id}/disable`, { reassignTo: user.id }))
            .status,
        ).toBe(403);
      }
      expect((await admin.get(`/api/counselors/${other.counselor.id}/open-cases`)).status).toBe(
        404,
      );
      expect(
        (
          await admin.post(`/api/counselors/${other.counselor.id}/disable`, {
            reassignTo: clinic.counselor.id,
          })
        ).status,
      ).toBe(404);
      expect((await admin.get(`/api/counselors/${clinic.client.id}/open-cases`)).status).toBe(404);
      expect(await userStatus(target.id)).toBe('active');
      expect(await userStatus(other.counselor.id)).toBe('active');
    });
  });
});
