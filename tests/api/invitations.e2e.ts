import { Secret, TOTP } from 'otpauth';
import { ClinicsService } from '@mend/auth/api';
import type {
  InvitationPreview,
  InvitationSent,
  Me,
  Page,
  TotpSetup,
  UserSummary,
} from '@mend/shared/contracts';
import { Mailbox, tokenIn } from '../support/mailbox';
import { Agent, bootApp, TestApp, TestClinic } from '../support/test-app';

const GOOD_PASSWORD = 'quiet river stones 77';

describe('invitations and onboarding', () => {
  let t: TestApp;
  let clinic: TestClinic;
  let other: TestClinic;
  let admin: Agent;
  const mailbox = new Mailbox();

  beforeAll(async () => {
    const smtpUrl = await mailbox.start();
    t = await bootApp({ SMTP_URL: smtpUrl });
    clinic = await t.createClinic('Harbor Test Clinic');
    other = await t.createClinic('Another Clinic');
    admin = await t.signIn(clinic.admin);
  });

  afterAll(async () => {
    await t.close();
    await mailbox.stop();
  });

  async function invite(email: string, role: 'counselor' | 'client' | 'admin' = 'counselor') {
    return admin.post<InvitationSent>('/api/users/invitations', {
      email,
      displayName: 'Nia Brooks',
      role,
    });
  }

  it('an admin invites a person, who follows the emailed link, sets a password and is signed in', async () => {
    const sent = await invite('Nia.Brooks@Test.Example');
    expect(sent.status).toBe(201);
    expect(sent.body.user).toMatchObject({
      email: 'nia.brooks@test.example',
      role: 'counselor',
      status: 'invited',
    });

    expect(sent.body.mailed).toBe(true);
    expect(sent.body.link).toBeUndefined();
    const mail = await mailbox.receive('nia.brooks@test.example');
    expect(mail.text).toContain('Subject: Your invitation to Mend');
    // Content-free: the clinic's name is not in it (the sender name is, "Mend" by default).
    expect(mail.text).not.toContain('Harbor Test Clinic');
    expect(mail.text).toContain('http://mend.test/accept-invitation#token=');
    const token = tokenIn(mail, 'accept-invitation');

    const stored = await t.dataSource.query(
      `SELECT token_hash FROM invitations WHERE user_id = $1`,
      [sent.body.user.id],
    );
    expect(stored[0].token_hash).not.toBe(token);

    const visitor = t.agent();
    const preview = await visitor.post<InvitationPreview>('/api/auth/invitations/preview', {
      token,
    });
    expect(preview.status).toBe(200);
    expect(preview.body).toMatchObject({
      email: 'nia.brooks@test.example',
      role: 'counselor',
      clinic: { name: 'Harbor Test Clinic' },
    });

    expect(preview.body.displayName).toBe('Nia Brooks');

    // The name others see is the admin's to set: accepting cannot change it.
    const renamed = await visitor.post<{ fields: { field: string; reasons: string[] }[] }>(
      '/api/auth/invitations/accept',
      { token, password: GOOD_PASSWORD, displayName: 'Dr. Maya Lind' },
    );
    expect(renamed.status).toBe(400);
    expect(renamed.body.fields.map((f) => f.field)).toEqual(['displayName']);
    const accepted = await visitor.post<Me>('/api/auth/invitations/accept', {
      token,
      password: GOOD_PASSWORD,
    });
    expect(accepted.status).toBe(200);
    expect(accepted.body).toMatchObject({
      email: 'nia.brooks@test.example',
      displayName: 'Nia Brooks',
      role: 'counselor',
    });
    const [named] = await t.dataSource.query(`SELECT display_name FROM users WHERE id = $1`, [
      sent.body.user.id,
    ]);
    expect(named.display_name).toBe('Nia Brooks');
    expect((await visitor.get<Me>('/api/auth/me')).body.id).toBe(sent.body.user.id);
    expect(
      (
        await t
          .agent()
          .post('/api/auth/login', { email: 'nia.brooks@test.example', password: GOOD_PASSWORD })
      ).status,
    ).toBe(200);
  });

  it('a link works only once', async () => {
    await invite('once@test.example', 'client');
    const token = await mailbox.invitationToken('once@test.example');
    expect(
      (await t.agent().post('/api/auth/invitations/accept', { token, password: GOOD_PASSWORD }))
        .status,
    ).toBe(200);
    const again = await t.agent().post<{
      message: string;
    }>('/api/auth/invitations/accept', { token, password: 'another fine passphrase' });
    expect(again.status).toBe(410);
    expect(again.body.message).toMatch(/already been used/);
    expect((await t.agent().post('/api/auth/invitations/preview', { token })).status).toBe(410);
  });

  it('two simultaneous accepts of one link: exactly one succeeds', async () => {
    await invite('race@test.example', 'client');
    const token = await mailbox.invitationToken('race@test.example');
    const results = await Promise.all([
      t.agent().post('/api/auth/invitations/accept', { token, password: GOOD_PASSWORD }),
      t.agent().post('/api/auth/invitations/accept', { token, password: GOOD_PASSWORD }),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual([200, 410]);
  });

  it('a link expires after 72 hours', async () => {
    const sent = await invite('late@test.example', 'client');
    const token = await mailbox.invitationToken('late@test.example');
    const [{ hours }] = await t.dataSource.query(
      `SELECT round(extract(epoch FROM expires_at - created_at) / 3600)::int AS hours FROM invitations WHERE user_id = $1`,
      [sent.body.user.id],
    );
    expect(hours).toBe(72);
    await t.dataSource.query(
      `UPDATE invitations SET expires_at = now() - interval '1 minute' WHERE user_id = $1`,
      [sent.body.user.id],
    );
    const preview = await t
      .agent()
      .post<{ message: string }>('/api/auth/invitations/preview', { token });
    expect(preview.status).toBe(410);
    expect(preview.body.message).toMatch(/expired/);
    expect(
      (await t.agent().post('/api/auth/invitations/accept', { token, password: GOOD_PASSWORD }))
        .status,
    ).toBe(410);
  });

  it('an unknown link answers 404', async () => {
    expect(
      (await t.agent().post('/api/auth/invitations/preview', { token: 'not-a-real-token' })).status,
    ).toBe(404);
    expect(
      (
        await t.agent().post('/api/auth/invitations/accept', {
          token: 'not-a-real-token',
          password: GOOD_PASSWORD,
        })
      ).status,
    ).toBe(404);
  });

  it('enforces the password rules with a reason on the password field', async () => {
    await invite('rules@test.example', 'client');
    const token = await mailbox.invitationToken('rules@test.example');
    const cases: [string, RegExp][] = [
      ['short-pass', /at least 12/],
      ['x'.repeat(129), /at most 128/],
      ['iloveyou1234', /most common/],
      ['PASSWORD1234', /most common/],
    ];
    for (const [password, reason] of cases) {
      const reply = await t.agent().post<{
        fields: { field: string; reasons: string[] }[];
      }>('/api/auth/invitations/accept', { token, password });
      expect(reply.status).toBe(400);
      expect(reply.body.fields).toEqual([
        { field: 'password', reasons: [expect.stringMatching(reason)] },
      ]);
    }
    // A refused password does not spend the link.
    expect(
      (await t.agent().post('/api/auth/invitations/accept', { token, password: GOOD_PASSWORD }))
        .status,
    ).toBe(200);
  });

  it('an invitation of an existing email answers 409', async () => {
    const reply = await invite(clinic.counselor.email);
    expect(reply.status).toBe(409);
  });

  describe('an address that has an account in another clinic', () => {
    /** The shape of a reply: its keys, nested, and the values that say what happened. */
    const shape = (body: InvitationSent) => ({
      keys: Object.keys(body).sort(),
      userKeys: Object.keys(body.user).sort(),
      status: body.user.status,
      mailed: body.mailed,
    });

    it('is invited like a fresh address: same answer, same trail, nothing about the other clinic', async () => {
      const fresh = await invite('never-seen@test.example', 'client');
      const taken = await invite(other.client.email, 'client');
      expect(fresh.status).toBe(201);
      expect(taken.status).toBe(201);
      expect(shape(taken.body)).toEqual(shape(fresh.body));
      expect(taken.body.user).toMatchObject({ email: other.client.email, role: 'client' });
      expect(taken.body.user.id).not.toBe(other.client.id);
      expect(JSON.stringify(taken.body)).not.toContain(other.name);

      // The admin's own view afterwards: an invited person like any other.
      const people = await admin.get<Page<UserSummary>>(
        `/api/users?q=${encodeURIComponent(other.client.email)}`,
      );
      expect(people.body.items).toEqual([taken.body.user]);
      const trail = (id: string) =>
        t.auditTrail(id).then((events) => events.map((e) => [e.action, e.details]));
      expect(await trail(taken.body.user.id)).toEqual(await trail(fresh.body.user.id));
      const resent = await admin.post<InvitationSent>(
        `/api/users/${taken.body.user.id}/invitation`,
      );
      expect(resent.status).toBe(200);
      expect(shape(resent.body)).toEqual(shape(fresh.body));
      // A second invitation of the address in this clinic is this clinic's business: 409.
      expect((await invite(other.client.email, 'client')).status).toBe(409);
    });

    it('tells the address, by mail, that it already has an account elsewhere; acceptance is impossible', async () => {
      const freshMail = await mailbox.receive('never-seen@test.example');
      const mail = await mailbox.receive(other.client.email);
      expect(mail.text).toContain('Subject: Your invitation to Mend');
      expect(mail.text).toContain('already has a Mend account with another practice');
      expect(mail.text).toContain('http://mend.test/sign-in');
      expect(mail.text).not.toContain('accept-invitation');
      expect(freshMail.text).toContain('accept-invitation#token=');

      // Whoever holds a link of it (the admin copies one): it previews like any other…
      const [{ id }] = await t.dataSource.query(
        `SELECT id FROM users WHERE clinic_id = $1 AND email = $2`,
        [clinic.id, other.client.email],
      );
      const copied = await admin.post<{ link: string }>(`/api/users/${id}/link`);
      expect(copied.status).toBe(200);
      const token = copied.body.link.split('#token=')[1];
      const visitor = t.agent();
      const preview = await visitor.post<InvitationPreview>('/api/auth/invitations/preview', {
        token,
      });
      expect(preview.status).toBe(200);
      expect(preview.body).toMatchObject({ role: 'client', clinic: { name: clinic.name } });
      // …but cannot become a second account for the address.
      const accepted = await visitor.post<{ message: string }>('/api/auth/invitations/accept', {
        token,
        password: GOOD_PASSWORD,
      });
      expect(accepted.status).toBe(409);
      expect(accepted.body.message).toMatch(/already has a Mend account with another practice/);
      expect(visitor.cookie).toBeUndefined();
      expect(
        (
          await t
            .agent()
            .post('/api/auth/login', { email: other.client.email, password: GOOD_PASSWORD })
        ).status,
      ).toBe(401);
    });

    it('leaves the other clinic’s account as it was: it signs in, and its admin sees nothing new', async () => {
      const rows: { clinic_id: string; status: string; email_elsewhere: boolean }[] =
        await t.dataSource.query(
          `SELECT clinic_id, status, email_elsewhere FROM users WHERE email = $1 ORDER BY email_elsewhere`,
          [other.client.email],
        );
      expect(rows).toEqual([
        { clinic_id: other.id, status: 'active', email_elsewhere: false },
        { clinic_id: clinic.id, status: 'invited', email_elsewhere: true },
      ]);
      const owner = await t.signIn(other.client);
      expect((await owner.get<Me>('/api/auth/me')).body).toMatchObject({
        id: other.client.id,
        clinic: { id: other.id },
      });
      const otherAdmin = await t.signIn(other.admin);
      const theirs = await otherAdmin.get<Page<UserSummary>>(
        `/api/users?q=${encodeURIComponent(other.client.email)}`,
      );
      expect(theirs.body.items.map((u) => u.id)).toEqual([other.client.id]);
      // A password reset of the address reaches the account, not the invitation.
      const reset = await t.agent().post('/api/auth/password-reset', { email: other.client.email });
      expect(reset.status).toBeLessThan(300);
    });

    it('opening a case with such an address as a new member works like a fresh one', async () => {
      const opened = await admin.post<{ id: string }>('/api/cases', {
        title: 'Two addresses',
        type: 'couple',
        startedOn: '2026-11-02',
        newMembers: [
          { email: 'also-fresh@test.example', displayName: 'Fresh Partner' },
          { email: other.partner.email, displayName: 'Partner Elsewhere' },
        ],
      });
      expect(opened.status).toBe(201);
      await mailbox.receive(other.partner.email);
      const [{ status }] = await t.dataSource.query(`SELECT status FROM users WHERE id = $1`, [
        other.partner.id,
      ]);
      expect(status).toBe('active');
    });

    it('the operator’s clinic:create, which may know, refuses an address that is taken', async () => {
      await expect(
        t.app.get(ClinicsService).createWithAdmin({
          name: 'Taken Clinic',
          adminEmail: other.admin.email,
          adminName: 'Taken',
        }),
      ).rejects.toThrow(/already exists/);
    });
  });

  it('invitation requests are validated field by field', async () => {
    const reply = await admin.post<{ fields: { field: string }[] }>('/api/users/invitations', {
      email: 'nope',
      role: 'owner',
      extra: 1,
    });
    expect(reply.status).toBe(400);
    expect(reply.body.fields.map((f) => f.field).sort()).toEqual([
      'displayName',
      'email',
      'extra',
      'role',
    ]);
  });

  it('only admins invite and manage people', async () => {
    for (const user of [clinic.counselor, clinic.client]) {
      const agent = await t.signIn(user);
      expect(
        (
          await agent.post('/api/users/invitations', {
            email: 'x@test.example',
            displayName: 'X',
            role: 'client',
          })
        ).status,
      ).toBe(403);
      expect((await agent.get('/api/users')).status).toBe(403);
      expect(
        (await agent.patch(`/api/users/${clinic.partner.id}/status`, { status: 'disabled' }))
          .status,
      ).toBe(403);
    }
  });

  it('an admin sees and manages only their own clinic: another clinic’s user answers 404', async () => {
    const list = await admin.get<Page<UserSummary>>('/api/users?pageSize=100');
    expect(list.status).toBe(200);
    expect(list.body.items.every((u) => !u.email.includes(other.admin.email))).toBe(true);
    expect(list.body.items.map((u) => u.id)).toContain(clinic.client.id);
    const foreign = await admin.patch(`/api/users/${other.client.id}/status`, {
      status: 'disabled',
    });
    expect(foreign.status).toBe(404);
    const [{ status }] = await t.dataSource.query(`SELECT status FROM users WHERE id = $1`, [
      other.client.id,
    ]);
    expect(status).toBe('active');
    expect(
      (
        await admin.patch(`/api/users/00000000-0000-4000-8000-000000000000/status`, {
          status: 'disabled',
        })
      ).status,
    ).toBe(404);
    expect((await admin.patch(`/api/users/not-a-uuid/status`, { status: 'disabled' })).status).toBe(
      404,
    );
  });

  it('filters and paginates the people list, capping the page size at 100', async () => {
    const clients = await admin.get<Page<UserSummary>>('/api/users?role=client&pageSize=2&page=1');
    expect(clients.status).toBe(200);
    expect(clients.body.items.length).toBeLessThanOrEqual(2);
    expect(clients.body.items.every((u) => u.role === 'client')).toBe(true);
    expect(clients.body.total).toBeGreaterThanOrEqual(2);
    const tooBig = await admin.get<{ fields: { field: string }[] }>('/api/users?pageSize=500');
    expect(tooBig.status).toBe(400);
    expect(tooBig.body.fields[0].field).toBe('pageSize');
  });

  it('lists the most recently added first when asked (the admin home’s invitations), only to admins', async () => {
    const [older, newer] = [
      await t.createUser(clinic.id, 'client', { status: 'invited', name: 'Zoe Older' }),
      await t.createUser(clinic.id, 'counselor', { status: 'invited', name: 'Abe Newer' }),
    ];
    await t.dataSource.query(
      `UPDATE users SET created_at = now() + (CASE WHEN id = $1 THEN 1 ELSE 2 END) * interval '1 hour'
        WHERE id IN ($1, $2)`,
      [older.id, newer.id],
    );
    const newest = await admin.get<Page<UserSummary>>(
      '/api/users?status=invited&sort=newest&pageSize=2',
    );
    expect(newest.status).toBe(200);
    expect(newest.body.items.map((u) => u.id)).toEqual([newer.id, older.id]);
    const first = new Date(newest.body.items[0].createdAt).getTime();
    expect(first).toBeGreaterThan(new Date(newest.body.items[1].createdAt).getTime());
    // The default stays by name.
    const byName = await admin.get<Page<UserSummary>>('/api/users?status=invited&pageSize=100');
    const names = byName.body.items.map((u) => u.displayName);
    expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b)));
    // Another clinic's newest never shows; a made-up order is refused by field.
    const theirs = await t.createUser(other.id, 'client', { status: 'invited' });
    const all = await admin.get<Page<UserSummary>>('/api/users?sort=newest&pageSize=100');
    expect(all.body.items.map((u) => u.id)).not.toContain(theirs.id);
    const bad = await admin.get<{ fields: { field: string }[] }>('/api/users?sort=oldest');
    expect(bad.status).toBe(400);
    expect(bad.body.fields[0].field).toBe('sort');
    for (const user of [clinic.counselor, clinic.client])
      expect((await (await t.signIn(user)).get('/api/users?sort=newest')).status).toBe(403);
  });

  it('the last active admin of a clinic cannot be disabled', async () => {
    const reply = await admin.patch(`/api/users/${clinic.admin.id}/status`, { status: 'disabled' });
    expect(reply.status).toBe(409);
  });

  it('onboarding a clinic creates it with an invited first admin who can accept and sign in', async () => {
    const result = await t.app.get(ClinicsService).createWithAdmin({
      name: 'Lakeside Family Therapy',
      adminEmail: 'Founder@Lakeside.example',
      adminName: 'Ruth Lake',
    });
    expect(result.link).toMatch(/^http:\/\/mend\.test\/accept-invitation#token=/);
    const token = await mailbox.invitationToken('founder@lakeside.example');
    expect(result.link.endsWith(token)).toBe(true);
    const founder = t.agent();
    const accepted = await founder.post<Me>('/api/auth/invitations/accept', {
      token,
      password: GOOD_PASSWORD,
    });
    expect(accepted.status).toBe(200);
    expect(accepted.body).toMatchObject({
      role: 'admin',
      clinic: { name: 'Lakeside Family Therapy' },
      secondFactor: 'enrol',
    });
    // Staff set up their second step before anything else.
    expect((await founder.get('/api/users')).status).toBe(403);
    const setup = await founder.post<TotpSetup>('/api/auth/mfa/totp/setup');
    const code = new TOTP({ secret: Secret.fromBase32(setup.body.secret) }).generate();
    expect((await founder.post('/api/auth/mfa/totp/confirm', { code })).status).toBe(200);
    const people = await founder.get<Page<UserSummary>>('/api/users');
    expect(people.body.items.map((u) => u.email)).toEqual(['founder@lakeside.example']);
  });
});
