import { Secret, TOTP } from 'otpauth';
import type { Me, MfaStatus, RecoveryCodes, TotpSetup } from '@mend/shared/contracts';
import { SoftAuthenticator } from '../support/soft-authenticator';
import { Agent, bootApp, runClockFrom, TestApp, TestClinic, TestUser } from '../support/test-app';

/** The code an authenticator app shows `offsetSteps` periods from now. */
function code(secret: string, offsetSteps = 0): string {
  return new TOTP({ secret: Secret.fromBase32(secret) }).generate({
    timestamp: Date.now() + offsetSteps * 30_000,
  });
}

describe('two-step sign-in', () => {
  let t: TestApp;
  let clinic: TestClinic;
  let other: TestClinic;

  beforeAll(async () => {
    t = await bootApp();
    clinic = await t.createClinic();
    other = await t.createClinic();
  });

  afterAll(() => t.close());

  afterEach(() => jest.restoreAllMocks());

  const passwordOnly = (user: TestUser) => t.signIn(user, undefined, { passwordOnly: true });

  /** Signs in with the password and sets up an authenticator app; returns its secret. */
  async function enrolTotp(
    user: TestUser,
  ): Promise<{ agent: Agent; secret: string; codes: string[] }> {
    const agent = await passwordOnly(user);
    const setup = await agent.post<TotpSetup>('/api/auth/mfa/totp/setup');
    expect(setup.status).toBe(200);
    const confirm = await agent.post<RecoveryCodes>('/api/auth/mfa/totp/confirm', {
      code: code(setup.body.secret),
    });
    expect(confirm.status).toBe(200);
    return { agent, secret: setup.body.secret, codes: confirm.body.recoveryCodes };
  }

  it('asks staff without a second factor to set one up, and refuses everything else until then', async () => {
    const counselor = await t.createUser(clinic.id, 'counselor');
    const agent = t.agent();
    const login = await agent.post<Me>('/api/auth/login', {
      email: counselor.email,
      password: 'steady harbor lights 2026',
    });
    expect(login.status).toBe(200);
    expect(login.body.secondFactor).toBe('enrol');
    expect((await agent.get<Me>('/api/auth/me')).body.secondFactor).toBe('enrol');
    const cases = await agent.get('/api/cases');
    expect(cases.status).toBe(403);
    expect(cases.body).toMatchObject({ code: 'second_factor_required' });

    const setup = await agent.post<TotpSetup>('/api/auth/mfa/totp/setup');
    expect(setup.status).toBe(200);
    expect(setup.body.otpauthUrl).toMatch(/^otpauth:\/\/totp\/Mend:/);
    expect(setup.body.qrCode).toMatch(/^data:image\/png;base64,/);
    const wrong = await agent.post('/api/auth/mfa/totp/confirm', { code: '000000' });
    expect(wrong.status).toBe(400);
    expect((await agent.get('/api/cases')).status).toBe(403);

    const confirm = await agent.post<RecoveryCodes>('/api/auth/mfa/totp/confirm', {
      code: code(setup.body.secret),
    });
    expect(confirm.status).toBe(200);
    expect(confirm.body.recoveryCodes).toHaveLength(10);
    expect(new Set(confirm.body.recoveryCodes).size).toBe(10);
    expect((await agent.get<Me>('/api/auth/me')).body.secondFactor).toBe('given');
    expect((await agent.get('/api/notifications')).status).toBe(200);

    const status = await agent.get<MfaStatus>('/api/auth/mfa');
    expect(status.body).toMatchObject({ required: true, passkeys: [], recoveryCodesLeft: 10 });
    expect(status.body.totp).not.toBeNull();
    // The secret is stored encrypted, the recovery codes only as hashes.
    const rows: { secret_enc: string | null; code_hash: string | null }[] =
      await t.dataSource.query(
        `SELECT secret_enc, code_hash FROM second_factors WHERE user_id = $1`,
        [counselor.id],
      );
    expect(JSON.stringify(rows)).not.toContain(setup.body.secret);
    for (const recovery of confirm.body.recoveryCodes) {
      expect(JSON.stringify(rows)).not.toContain(recovery);
    }
    expect((await t.auditTrail(counselor.id)).map((e) => e.action)).toContain('mfa.totp_added');
  });

  it('asks for the code after the password; a code works once; a password alone cannot add a factor', async () => {
    const counselor = await t.createUser(clinic.id, 'counselor');
    const { secret } = await enrolTotp(counselor);

    const agent = await passwordOnly(counselor);
    expect((await agent.get<Me>('/api/auth/me')).body.secondFactor).toBe('needed');
    expect((await agent.get('/api/cases')).body).toMatchObject({ code: 'second_factor_required' });
    // A thief with only the password cannot set up their own authenticator or passkey.
    for (const path of ['/api/auth/mfa/totp/setup', '/api/auth/mfa/passkeys/options']) {
      const refused = await agent.post(path);
      expect(refused.status).toBe(403);
      expect(refused.body).toMatchObject({ code: 'step_up_required' });
    }
    // The code used at enrolment (same 30-second step) is spent.
    const replay = await agent.post('/api/auth/mfa/verify', { method: 'totp', code: code(secret) });
    expect(replay.status).toBe(400);
    expect(replay.body).toMatchObject({ fields: [{ field: 'code' }] });

    const verified = await agent.post<Me>('/api/auth/mfa/verify', {
      method: 'totp',
      code: code(secret, 1),
    });
    expect(verified.status).toBe(200);
    expect(verified.body.secondFactor).toBe('given');
    expect((await agent.get('/api/notifications')).status).toBe(200);
    expect((await t.auditTrail(counselor.id)).map((e) => e.action)).toContain(
      'user.second_factor_given',
    );
  });

  it('accepts each recovery code once', async () => {
    const counselor = await t.createUser(clinic.id, 'counselor');
    const { codes } = await enrolTotp(counselor);

    const first = await passwordOnly(counselor);
    const used = await first.post<Me>('/api/auth/mfa/verify', {
      method: 'recovery_code',
      code: codes[3].toUpperCase(),
    });
    expect(used.status).toBe(200);
    expect((await first.get<MfaStatus>('/api/auth/mfa')).body.recoveryCodesLeft).toBe(9);

    const second = await passwordOnly(counselor);
    const again = await second.post('/api/auth/mfa/verify', {
      method: 'recovery_code',
      code: codes[3],
    });
    expect(again.status).toBe(400);
    expect((await second.get('/api/cases')).status).toBe(403);
  });

  it('ends the session after five wrong answers, so guessing needs the password again', async () => {
    const counselor = await t.createUser(clinic.id, 'counselor');
    await enrolTotp(counselor);
    const agent = await passwordOnly(counselor);
    const answers: number[] = [];
    for (let i = 0; i < 5; i++) {
      answers.push(
        (await agent.post('/api/auth/mfa/verify', { method: 'totp', code: '123456' })).status,
      );
    }
    expect(answers).toEqual([400, 400, 400, 400, 401]);
    expect((await agent.get('/api/auth/me')).status).toBe(401);
    const failed = (await t.auditTrail(counselor.id)).filter(
      (e) => e.action === 'user.second_factor_failed',
    );
    expect(failed).toHaveLength(5);
  });

  it('asks again for the second factor before sensitive actions when it is older than 15 minutes', async () => {
    const admin = await t.createUser(clinic.id, 'admin');
    const { agent, secret } = await enrolTotp(admin);
    const target = await t.createUser(clinic.id, 'client');

    // Fresh from enrolment: allowed.
    expect(
      (await agent.patch(`/api/users/${target.id}/status`, { status: 'disabled' })).status,
    ).toBe(200);

    const move = runClockFrom(t, new Date(Date.now() + 16 * 60_000));
    for (const [method, path, body] of [
      ['PATCH', `/api/users/${target.id}/status`, { status: 'active' }],
      ['POST', '/api/auth/mfa/recovery-codes', {}],
      ['DELETE', '/api/auth/mfa/totp', undefined],
      ['PUT', '/api/clinic/security', { mfaPolicy: 'everyone' }],
      ['POST', `/api/users/${target.id}/mfa/reset`, {}],
    ] as const) {
      const refused = await agent.request(method, path, { body });
      expect({
        path,
        status: refused.status,
        code: (refused.body as { code?: string }).code,
      }).toEqual({ path, status: 403, code: 'step_up_required' });
    }
    // Reading stays open.
    expect((await agent.get('/api/users')).status).toBe(200);

    // The app's clock is 16 minutes (32 steps) ahead: the authenticator's code is for then.
    const stepUp = await agent.post('/api/auth/mfa/verify', {
      method: 'totp',
      code: code(secret, 33),
    });
    expect(stepUp.status).toBe(200);
    expect((await agent.patch(`/api/users/${target.id}/status`, { status: 'active' })).status).toBe(
      200,
    );
    move(new Date(Date.now() + 32 * 60_000));
    expect(
      (await agent.patch(`/api/users/${target.id}/status`, { status: 'disabled' })).status,
    ).toBe(403);
  });

  it('guards signing notes, signing addenda and exporting PDFs with the step-up', async () => {
    const counselor = await t.createUser(clinic.id, 'counselor');
    const { agent } = await enrolTotp(counselor);
    runClockFrom(t, new Date(Date.now() + 16 * 60_000));
    const id = '00000000-0000-4000-8000-000000000001';
    for (const [method, path] of [
      ['POST', `/api/notes/${id}/sign`],
      ['POST', `/api/notes/${id}/addenda/${id}/sign`],
      ['GET', `/api/notes/${id}/pdf`],
      ['GET', `/api/agreements/${id}/pdf`],
    ] as const) {
      const refused = await agent.request(method, path, method === 'GET' ? {} : { body: {} });
      expect({ path, status: refused.status }).toEqual({ path, status: 403 });
      expect(refused.body).toMatchObject({ code: 'step_up_required' });
    }
  });

  it('keeps staff on at least one factor, and lets them change factors after a step-up', async () => {
    const counselor = await t.createUser(clinic.id, 'counselor');
    const { agent } = await enrolTotp(counselor);
    const removed = await agent.delete('/api/auth/mfa/totp');
    expect(removed.status).toBe(400);
    expect((removed.body as { message: string }).message).toMatch(/add another way first/);
    const renewed = await agent.post<RecoveryCodes>('/api/auth/mfa/recovery-codes');
    expect(renewed.status).toBe(200);
    expect(renewed.body.recoveryCodes).toHaveLength(10);
    const again = await agent.post('/api/auth/mfa/totp/setup');
    expect(again.status).toBe(409);
  });

  it('leaves it optional for clients unless the clinic requires it; a client may turn it on', async () => {
    const client = await t.createUser(clinic.id, 'client');
    const plain = await passwordOnly(client);
    expect((await plain.get<Me>('/api/auth/me')).body.secondFactor).toBe('off');
    expect((await plain.get('/api/notifications')).status).toBe(200);
    expect((await plain.get<MfaStatus>('/api/auth/mfa')).body.required).toBe(false);

    const { secret } = await enrolTotp(client);
    const next = await passwordOnly(client);
    expect((await next.get<Me>('/api/auth/me')).body.secondFactor).toBe('needed');
    // Without a requirement, a client may turn it off again (after a step-up).
    await next.post('/api/auth/mfa/verify', { method: 'totp', code: code(secret, 1) });
    expect((await next.delete('/api/auth/mfa/totp')).status).toBe(204);
    expect((await (await passwordOnly(client)).get<Me>('/api/auth/me')).body.secondFactor).toBe(
      'off',
    );

    const strict = await t.createClinic();
    const admin = await t.signIn(strict.admin);
    expect((await admin.get('/api/clinic/security')).body).toEqual({ mfaPolicy: 'staff' });
    const bad = await admin.put('/api/clinic/security', { mfaPolicy: 'nobody' });
    expect(bad.status).toBe(400);
    expect((await admin.put('/api/clinic/security', { mfaPolicy: 'everyone' })).status).toBe(200);
    const client2 = await passwordOnly(strict.client);
    expect((await client2.get<Me>('/api/auth/me')).body.secondFactor).toBe('enrol');
    expect((await client2.get('/api/notifications')).status).toBe(403);
    // Only admins see or change the setting.
    expect((await (await t.signIn(strict.counselor)).get('/api/clinic/security')).status).toBe(403);
  });

  it('lets an admin reset another person’s factors, ending their sessions; never across clinics', async () => {
    const counselor = await t.createUser(clinic.id, 'counselor');
    const { agent: counselorAgent } = await enrolTotp(counselor);
    const admin = await t.signIn(clinic.admin);

    expect(
      (await (await t.signIn(clinic.counselor)).post(`/api/users/${counselor.id}/mfa/reset`))
        .status,
    ).toBe(403);
    expect(
      (await (await t.signIn(other.admin)).post(`/api/users/${counselor.id}/mfa/reset`)).status,
    ).toBe(404);
    expect((await admin.post(`/api/users/${clinic.admin.id}/mfa/reset`)).status).toBe(403);

    const reset = await admin.post(`/api/users/${counselor.id}/mfa/reset`);
    expect(reset.status).toBe(204);
    expect((await counselorAgent.get('/api/auth/me')).status).toBe(401);
    expect((await (await passwordOnly(counselor)).get<Me>('/api/auth/me')).body.secondFactor).toBe(
      'enrol',
    );
    const trail = await t.auditTrail(counselor.id);
    expect(trail.find((e) => e.action === 'mfa.reset')?.actor_id).toBe(clinic.admin.id);
  });

  it('signs up with a passkey as the first factor, then signs in and steps up with it', async () => {
    const counselor = await t.createUser(clinic.id, 'counselor');
    const device = new SoftAuthenticator('http://mend.test');
    const agent = await passwordOnly(counselor);
    const options = await agent.post<{ challenge: string }>('/api/auth/mfa/passkeys/options');
    expect(options.status).toBe(200);
    const added = await agent.post<{
      passkey: { id: string; name: string };
      recoveryCodes: string[];
    }>('/api/auth/mfa/passkeys', { name: 'Work laptop', response: device.register(options.body) });
    expect(added.status).toBe(201);
    expect(added.body.passkey.name).toBe('Work laptop');
    expect(added.body.recoveryCodes).toHaveLength(10);
    expect((await agent.get<Me>('/api/auth/me')).body.secondFactor).toBe('given');
    // The same challenge cannot register twice.
    const replayed = await agent.post('/api/auth/mfa/passkeys', {
      name: 'Again',
      response: device.register(options.body),
    });
    expect(replayed.status).toBe(400);

    const next = await passwordOnly(counselor);
    expect((await next.get<Me>('/api/auth/me')).body.secondFactor).toBe('needed');
    const challenge = await next.post<{ challenge: string; allowCredentials: { id: string }[] }>(
      '/api/auth/mfa/challenge',
    );
    expect(challenge.body.allowCredentials.map((c) => c.id)).toEqual([
      device.credentialId.toString('base64url'),
    ]);
    // Another device's signature is refused.
    const stranger = new SoftAuthenticator('http://mend.test');
    const forged = await next.post('/api/auth/mfa/verify', {
      method: 'passkey',
      response: stranger.authenticate(challenge.body),
    });
    expect(forged.status).toBe(400);
    const fresh = await next.post<{ challenge: string }>('/api/auth/mfa/challenge');
    const signedIn = await next.post<Me>('/api/auth/mfa/verify', {
      method: 'passkey',
      response: device.authenticate(fresh.body),
    });
    expect(signedIn.status).toBe(200);
    expect(signedIn.body.secondFactor).toBe('given');
    // A challenge answers once.
    const again = await next.post('/api/auth/mfa/verify', {
      method: 'passkey',
      response: device.authenticate(fresh.body),
    });
    expect(again.status).toBe(400);

    const status = await next.get<MfaStatus>('/api/auth/mfa');
    expect(status.body.passkeys).toEqual([
      expect.objectContaining({ name: 'Work laptop', lastUsedAt: expect.any(String) }),
    ]);
    // The last factor of a counselor stays.
    expect((await next.delete(`/api/auth/mfa/passkeys/${added.body.passkey.id}`)).status).toBe(400);
  });

  it('refuses a passkey answer that is not one, and a challenge without passkeys', async () => {
    const counselor = await t.createUser(clinic.id, 'counselor');
    const { agent } = await enrolTotp(counselor);
    const options = await agent.post<{ challenge: string; rp: { id: string } }>(
      '/api/auth/mfa/passkeys/options',
    );
    expect(options.status).toBe(200);
    expect(options.body.rp.id).toBe('mend.test');
    const forged = await agent.post('/api/auth/mfa/passkeys', {
      name: 'Forged',
      response: { id: 'x', rawId: 'x', type: 'public-key', response: {} },
    });
    expect(forged.status).toBe(400);
    expect((await agent.post('/api/auth/mfa/challenge')).status).toBe(400);
    const noName = await agent.post('/api/auth/mfa/passkeys', { response: {} });
    expect(noName.status).toBe(400);
    expect(noName.body).toMatchObject({ fields: [{ field: 'name' }] });
  });
});
