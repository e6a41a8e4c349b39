import { readFileSync } from 'node:fs';
import { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import {
  Api,
  enrolAuthenticator,
  giveTotp,
  launchBrowser,
  openedDialog,
  Portal,
  rememberTotp,
  screenshot,
  signIn,
  totpCode,
  watchForProblems,
} from './portal';

const DESKTOP = { width: 1280, height: 900 };
const PHONE = { width: 390, height: 844 };
const NOOR = {
  email: 'noor@harbor.example',
  name: 'Noor Aziz',
  password: 'tidal pools under the pier 24',
};
const CLIENTS = {
  ines: { email: 'ines@harbor.example', password: 'orchard path at sunrise 61', id: '' },
  theo: { email: 'theo@harbor.example', password: 'copper kettle on the stove 8', id: '' },
};
const SUBJECTIVE = 'Ines and Theo agreed to keep the Sunday check-in for another month.';

/**
 * Issue 12's journey: a new counselor sets up an authenticator app when they first sign in,
 * adds a passkey (a virtual authenticator through the DevTools protocol), signs in with each,
 * signs a note and downloads its PDF after giving the second factor again (the step-up), and
 * uses a recovery code once; the admin resets a person's two-step sign-in and makes it required
 * for everyone.
 */
describe('two-step sign-in in a browser', () => {
  const portal = new Portal();
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  const problems: string[][] = [];
  let caseId = '';
  let sessionId = '';
  let recoveryCodes: string[] = [];

  async function fresh(viewport = DESKTOP): Promise<Page> {
    const context = await browser.newContext({ viewport, acceptDownloads: true });
    contexts.push(context);
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    problems.push(watchForProblems(page));
    return page;
  }

  /** The screen at desktop size and as on a 390×844 phone (scrolled to `show`, if given). */
  async function shots(page: Page, name: string, show?: Locator): Promise<void> {
    const size = page.viewportSize() ?? DESKTOP;
    await screenshot(page, name);
    await page.setViewportSize(PHONE);
    await show?.scrollIntoViewIfNeeded();
    await screenshot(page, `${name}-phone`);
    await page.setViewportSize(size);
  }

  async function signOut(page: Page): Promise<void> {
    await page.getByTestId('user-menu').click();
    await page.getByTestId('sign-out').click();
    await page.waitForURL(/\/sign-in$/);
  }

  /** The password step only: the second step's page opens next. */
  async function password(page: Page): Promise<void> {
    await page.getByLabel('Email').fill(NOOR.email);
    await page.getByLabel('Password', { exact: true }).fill(NOOR.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(/\/sign-in\/verify/);
  }

  /** Time passes: Noor gave the second factor more than 15 minutes ago in every session. */
  async function ageSecondFactor(): Promise<void> {
    await portal.sql(
      `UPDATE login_sessions SET second_factor_at = second_factor_at - interval '16 minutes'
        WHERE user_id = (SELECT id FROM users WHERE email = $1)`,
      [NOOR.email],
    );
  }

  beforeAll(async () => {
    // Passkeys need a domain name: WebAuthn refuses an IP address as the relying party.
    await portal.start({}, 'localhost');
    browser = await launchBrowser();
  });

  afterAll(async () => {
    for (const context of contexts) await context.close();
    await browser?.close();
    await portal.stop();
  });

  let noor: Page;

  it('a new counselor sets up an authenticator app before anything else', async () => {
    const admin = new Api(portal.url);
    await admin.signIn('admin@harbor.example');
    const invited = await admin.call<{ link?: string }>('POST', '/api/users/invitations', {
      email: NOOR.email,
      displayName: NOOR.name,
      role: 'counselor',
    });
    noor = await fresh();
    await noor.goto(invited.link ?? (await portal.invitationLink(NOOR.email)));
    await noor.getByLabel('New password').fill(NOOR.password);
    await noor.getByLabel('Repeat the password').fill(NOOR.password);
    await noor.getByRole('button', { name: 'Set password and sign in' }).click();

    await noor.getByTestId('set-up-page').waitFor();
    expect(new URL(noor.url()).pathname).toBe('/sign-in/set-up');
    expect(await noor.getByTestId('set-up-page').textContent()).toContain(
      'Counselors and admins hold clinical records',
    );
    await shots(noor, '80-set-up-choose');
    // Nothing else opens meanwhile: the app and the API both send Noor back to the set-up.
    await noor.goto(`${portal.url}/cases`);
    await noor.waitForURL(/\/sign-in\/set-up/);
    const refused = await noor.evaluate(async () => {
      const reply = await fetch('/api/cases', { headers: { 'x-requested-with': 'journey' } });
      return { status: reply.status, body: await reply.text() };
    });
    expect(refused.status).toBe(403);
    expect(refused.body).toContain('second_factor_required');

    await noor.getByTestId('set-up-totp').click();
    await noor.getByTestId('totp-qr').waitFor();
    await noor.getByText('Can’t scan it? Type a key instead').click();
    await noor.getByTestId('totp-secret').waitFor();
    await shots(noor, '81-set-up-authenticator');
  });

  it('types the key into the app, turns it on and saves the recovery codes shown once', async () => {
    // Reloaded half-way, the page starts again (nothing was turned on yet).
    await noor.reload();
    await noor.getByTestId('set-up-totp').click();
    const secret = (await noor.getByTestId('totp-secret').getAttribute('data-secret')) ?? '';
    expect(secret).toMatch(/^[A-Z2-7]{16,}$/);
    rememberTotp(NOOR.email, secret);
    await noor.getByTestId('totp-confirm-code').fill(await totpCode(NOOR.email));
    await noor.getByTestId('totp-confirm').click();
    await noor.getByTestId('recovery-codes').waitFor();
    recoveryCodes = (await noor.getByTestId('recovery-code').allTextContents()).map((c) =>
      c.trim(),
    );
    expect(recoveryCodes).toHaveLength(10);
    expect(await noor.getByTestId('recovery-done').isDisabled()).toBe(true);
    await shots(noor, '82-set-up-recovery-codes');
    const [file] = await Promise.all([
      noor.waitForEvent('download'),
      noor.getByTestId('recovery-download').click(),
    ]);
    expect(readFileSync(await file.path(), 'utf8')).toContain(recoveryCodes[9]);
    await noor.getByTestId('recovery-saved').locator('input').check();
    await noor.getByTestId('recovery-done').click();
    // On to the page Noor was going to when the set-up stood in the way.
    await noor.waitForURL(/\/cases$/);
    await noor.getByTestId('user-menu').waitFor();
  });

  it('adds a passkey on the sign-in security page', async () => {
    const cdp = await noor.context().newCDPSession(noor);
    await cdp.send('WebAuthn.enable');
    await cdp.send('WebAuthn.addVirtualAuthenticator', {
      options: {
        protocol: 'ctap2',
        transport: 'internal',
        hasResidentKey: true,
        hasUserVerification: true,
        isUserVerified: true,
      },
    });
    await noor.getByTestId('user-menu').click();
    await noor.getByTestId('security-settings').click();
    await noor.getByTestId('mfa-summary').waitFor();
    expect(await noor.getByTestId('mfa-state').textContent()).toContain('On');
    expect(await noor.getByTestId('mfa-codes-left').textContent()).toContain('10 of 10');
    // Staff keep one factor: the only one cannot be removed.
    expect(await noor.getByTestId('mfa-totp-remove').isDisabled()).toBe(true);

    await noor.getByTestId('mfa-passkey-add').click();
    await noor.getByTestId('passkey-name').fill('Work laptop');
    await shots(noor, '83-add-passkey');
    await noor.getByTestId('passkey-create').click();
    await noor.getByTestId('mfa-passkey-row').filter({ hasText: 'Work laptop' }).waitFor();
    expect(await noor.getByTestId('mfa-totp-remove').isDisabled()).toBe(false);
    await shots(noor, '84-security-settings');
  });

  it('signs out, and signs in again with a code from the app', async () => {
    await signOut(noor);
    await password(noor);
    await noor.getByTestId('mfa-passkey').waitFor();
    await shots(noor, '85-second-step');
    // A wrong code is refused in words, and the message goes once they type again.
    await noor.getByTestId('mfa-code').fill('000000');
    await noor.getByTestId('mfa-submit').click();
    await noor.getByTestId('mfa-error').waitFor();
    await shots(noor, '86-second-step-wrong-code');
    await giveTotp(noor, NOOR.email);
    await noor.getByTestId('home-counselor').waitFor();
  });

  it('signs out, and signs in again with the passkey', async () => {
    await signOut(noor);
    await password(noor);
    await noor.getByTestId('mfa-passkey').click();
    await noor.getByTestId('home-counselor').waitFor();
    expect(new URL(noor.url()).pathname).toBe('/');
  });

  it('signs a note and downloads its PDF after giving the second factor again', async () => {
    // The scene: a couple case with Noor as counselor and a session that is over, with a note.
    const admin = new Api(portal.url);
    await admin.signIn('admin@harbor.example');
    const counselors = await admin.call<{ items: { id: string; email: string }[] }>(
      'GET',
      '/api/users?role=counselor',
    );
    for (const [key, person] of Object.entries(CLIENTS)) {
      const sent = await admin.call<{ user: { id: string }; link?: string }>(
        'POST',
        '/api/users/invitations',
        {
          email: person.email,
          displayName: `${key[0].toUpperCase()}${key.slice(1)} Varga`,
          role: 'client',
        },
      );
      person.id = sent.user.id;
      const link = sent.link ?? (await portal.invitationLink(person.email));
      await new Api(portal.url).call('POST', '/api/auth/invitations/accept', {
        token: new URL(link).hash.replace('#token=', ''),
        password: person.password,
      });
    }
    const opened = await admin.call<{ id: string }>('POST', '/api/cases', {
      title: 'Ines & Theo Varga',
      type: 'couple',
      startedOn: new Date().toISOString().slice(0, 10),
      memberIds: [CLIENTS.ines.id, CLIENTS.theo.id],
      primaryCounselorId: counselors.items.find((u) => u.email === NOOR.email)?.id,
    });
    caseId = opened.id;
    const counselor = new Api(portal.url);
    await counselor.signIn(NOOR.email, NOOR.password);
    const recorded = await counselor.call<{ id: string }>('POST', `/api/cases/${caseId}/sessions`, {
      startsAt: new Date(Date.now() - 2 * 3_600_000).toISOString(),
      durationMinutes: 50,
      type: 'couple',
      mode: 'in_person',
      attendeeIds: [CLIENTS.ines.id, CLIENTS.theo.id],
    });
    sessionId = recorded.id;
    const note = await counselor.call<{ id: string; version: number; format: string }>(
      'POST',
      `/api/sessions/${sessionId}/note`,
      { format: 'soap' },
    );
    await counselor.call('PUT', `/api/notes/${note.id}`, {
      format: note.format,
      sections: { subjective: SUBJECTIVE, objective: '', assessment: '', plan: '' },
      version: note.version,
    });

    // More than 15 minutes after the second factor: signing asks for it again.
    await ageSecondFactor();
    await noor.goto(`${portal.url}/sessions/${sessionId}`);
    await noor.getByTestId('note-editor').waitFor();
    await noor.getByTestId('sign-note').click();
    await noor.getByTestId('confirm').click();
    const stepUp = noor.getByRole('dialog').filter({ hasText: 'Confirm it’s you' });
    await stepUp.getByTestId('mfa-code').waitFor();
    await shots(noor, '87-step-up');
    await giveTotp(stepUp, NOOR.email);
    await noor.getByTestId('note-signed').waitFor();
    expect(await noor.getByTestId('note-signed').textContent()).toMatch(/Signed by Noor/);
    await noor.getByTestId('note-locked').getByText(SUBJECTIVE).waitFor();

    // Later again: the PDF asks too; this time the passkey answers, and the file arrives.
    await ageSecondFactor();
    const download = noor.waitForEvent('download');
    await noor.getByTestId('download-pdf').click();
    await stepUp.getByTestId('mfa-passkey').click();
    const file = await (await download).path();
    expect(readFileSync(file).subarray(0, 4).toString('latin1')).toBe('%PDF');
    await stepUp.waitFor({ state: 'detached' });

    // Cancelling gives the page the refusal, in words, and nothing is exported.
    await ageSecondFactor();
    await noor.getByTestId('download-pdf').click();
    await stepUp.getByTestId('step-up-cancel').click();
    await stepUp.waitFor({ state: 'detached' });
    await noor.getByText('Please confirm it is you with your second step again.').waitFor();
  });

  it('a recovery code signs in once', async () => {
    await signOut(noor);
    await password(noor);
    await noor.getByTestId('mfa-use-recovery').click();
    await noor.getByTestId('mfa-recovery-code').fill(recoveryCodes[0]);
    await shots(noor, '88-second-step-recovery-code');
    await noor.getByTestId('mfa-recovery-submit').click();
    await noor.getByTestId('home-counselor').waitFor();

    await signOut(noor);
    await password(noor);
    await noor.getByTestId('mfa-use-recovery').click();
    await noor.getByTestId('mfa-recovery-code').fill(recoveryCodes[0]);
    await noor.getByTestId('mfa-recovery-submit').click();
    expect(await noor.getByTestId('mfa-error').textContent()).toContain('already used');
    await noor.getByTestId('mfa-recovery-code').fill(recoveryCodes[1]);
    await noor.getByTestId('mfa-recovery-submit').click();
    await noor.getByTestId('home-counselor').waitFor();

    await noor.goto(`${portal.url}/settings/security`);
    expect(await noor.getByTestId('mfa-codes-left').textContent()).toContain('8 of 10');
  });

  it('a client turns two-step sign-in on for themselves', async () => {
    const sam = await fresh(PHONE);
    await sam.goto(`${portal.url}/sign-in`);
    await signIn(sam, 'sam@harbor.example');
    await sam.getByTestId('home-client').waitFor();
    await sam.getByTestId('user-menu').click();
    await sam.getByTestId('security-settings').click();
    expect(await sam.getByTestId('mfa-state').textContent()).toContain('Off');
    expect(await sam.getByTestId('mfa-summary').textContent()).toContain('Optional for you');
    await screenshot(sam, '93-client-security-off-phone');

    await sam.getByTestId('mfa-totp-add').click();
    const dialog = await openedDialog(sam);
    const secret = (await dialog.getByTestId('totp-secret').getAttribute('data-secret')) ?? '';
    rememberTotp('sam@harbor.example', secret);
    await screenshot(sam, '94-client-add-authenticator-phone');
    await dialog.getByTestId('totp-confirm-code').fill(await totpCode('sam@harbor.example'));
    await dialog.getByTestId('totp-confirm').click();
    // The first factor comes with recovery codes, shown once; the dialog waits for "saved".
    await dialog.getByTestId('recovery-codes').waitFor();
    await screenshot(sam, '95-client-recovery-codes-phone');
    await dialog.getByTestId('recovery-saved').locator('input').check();
    await dialog.getByTestId('recovery-done').click();
    await sam.getByTestId('mfa-state').filter({ hasText: 'On' }).waitFor();
    // A client may turn it off again: the only factor can be removed.
    expect(await sam.getByTestId('mfa-totp-remove').isDisabled()).toBe(false);
  });

  it('the admin resets Noor’s two-step sign-in; Noor sets it up again at the next sign-in', async () => {
    const admin = await fresh();
    await admin.goto(`${portal.url}/sign-in`);
    await signIn(admin, 'admin@harbor.example');
    await admin.getByTestId('home-admin').waitFor();
    await admin.getByTestId('clinic-security').scrollIntoViewIfNeeded();
    expect(await admin.getByTestId('clinic-mfa-policy').textContent()).toContain(
      'Counselors and admins',
    );
    await admin.getByRole('navigation').getByRole('link', { name: 'People' }).click();
    const searched = admin.waitForResponse((r) => r.url().includes('q=Noor'));
    await admin.getByTestId('people-search').fill('Noor');
    await searched;
    const row = admin.getByRole('row').filter({ hasText: NOOR.email });
    await row.getByTestId('person-actions').click();
    await admin.getByTestId('person-reset-mfa').click();
    await admin.getByRole('dialog').getByText('Reset Noor Aziz’s two-step sign-in?').waitFor();
    await shots(admin, '89-admin-reset-mfa');
    await admin.getByTestId('confirm').click();
    await admin.getByText('Noor Aziz’s two-step sign-in was reset.').waitFor();

    // The reset signed Noor out everywhere; the next sign-in asks for a new second step.
    await noor.goto(`${portal.url}/sign-in`);
    await noor.getByLabel('Email').fill(NOOR.email);
    await noor.getByLabel('Password', { exact: true }).fill(NOOR.password);
    await noor.getByRole('button', { name: 'Sign in' }).click();
    await noor.getByTestId('set-up-page').waitFor();
    await enrolAuthenticator(noor);
    await noor.getByTestId('home-counselor').waitFor();
  });

  it('the admin makes two-step sign-in required for clients too', async () => {
    const admin = await fresh();
    await admin.goto(`${portal.url}/sign-in`);
    await signIn(admin, 'admin@harbor.example');
    const card = admin.getByTestId('clinic-security');
    await card.scrollIntoViewIfNeeded();
    await card.getByTestId('clinic-mfa-change').click();
    await admin.getByTestId('mfa-policy-everyone').click();
    await shots(admin, '90-admin-mfa-policy');
    await admin.getByTestId('mfa-policy-save').click();
    await card.getByText('Everyone, clients too').waitFor();
    await shots(admin, '91-admin-home-security-card', card);

    // A client signs in on their phone and sets up a second step, with the clinic's reason.
    const ines = await fresh(PHONE);
    await ines.goto(`${portal.url}/sign-in`);
    await signIn(ines, CLIENTS.ines.email, CLIENTS.ines.password);
    await ines.getByTestId('set-up-page').waitFor();
    expect(await ines.getByTestId('set-up-page').textContent()).toContain(
      'Harbor Counseling asks everyone to sign in with a second step',
    );
    await screenshot(ines, '92-client-set-up-phone');
    await enrolAuthenticator(ines);
    await ines.getByTestId('home-client').waitFor();
  });

  it('showed no CSP violations or script errors on any page', () => {
    expect(problems.flat()).toEqual([]);
  });
});
