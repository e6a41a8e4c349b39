import { ClinicsService } from '@mend/auth/api';
import type {
  InvitationPreview,
  InvitationSent,
  Me,
  Page,
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

    const accepted = await visitor.post<Me>('/api/auth/invitations/accept', {
      token,
      password: GOOD_PASSWORD,
      displayName: 'Nia B.',
    });
    expect(accepted.status).toBe(200);
    expect(accepted.body).toMatchObject({
      email: 'nia.brooks@test.example',
      displayName: 'Nia B.',
      role: 'counselor',
    });
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
    });
    const people = await founder.get<Page<UserSummary>>('/api/users');
    expect(people.body.items.map((u) => u.email)).toEqual(['founder@lakeside.example']);
  });
});
