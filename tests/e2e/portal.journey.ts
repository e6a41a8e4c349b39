import { Browser, Page } from 'playwright-core';
import {
  Api,
  DEMO_PASSWORD,
  enrolAuthenticator,
  giveTotp,
  launchBrowser,
  openedDialog,
  OUTPUT,
  PHONE_SIZE,
  Portal,
  screenshot,
  signIn,
  watchForProblems,
} from './portal';

/**
 * Stretches of nothing taller than `most` pixels inside the cards of a home page: between one
 * part and the next (text, icons, buttons, bars) or below the last, each as "title: N px".
 */
async function emptyBands(page: Page, role: string, most = 48): Promise<string[]> {
  return page.getByTestId(`home-${role}`).evaluate((home, limit) => {
    const found: string[] = [];
    for (const card of Array.from(home.querySelectorAll('mat-card'))) {
      const box = card.getBoundingClientRect();
      if (box.height === 0) continue;
      const parts = Array.from(card.querySelectorAll('*'))
        .filter(
          (el) =>
            ['MAT-ICON', 'BUTTON', 'A', 'IMG', 'svg', 'INPUT', 'MAT-PROGRESS-BAR'].includes(
              el.tagName,
            ) || Array.from(el.childNodes).some((n) => n.nodeType === 3 && n.textContent?.trim()),
        )
        .map((el) => el.getBoundingClientRect())
        .filter((r) => r.height > 0)
        .sort((a, b) => a.top - b.top);
      const title = card.querySelector('mat-card-title')?.textContent?.trim() ?? 'a card';
      let edge = box.top;
      for (const r of [...parts, { top: box.bottom, bottom: box.bottom }]) {
        if (r.top - edge > limit) found.push(`${title}: ${Math.round(r.top - edge)} px`);
        edge = Math.max(edge, r.bottom);
      }
    }
    return found;
  }, most);
}

describe('the portal in a browser', () => {
  const portal = new Portal();
  let browser: Browser;

  beforeAll(async () => {
    await portal.start();
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await portal.stop();
  });

  const roles = [
    { email: 'admin@harbor.example', name: 'Dana', role: 'admin', section: 'People' },
    { email: 'maya@harbor.example', name: 'Maya', role: 'counselor', section: 'Your caseload' },
    { email: 'sam@harbor.example', name: 'Sam', role: 'client', section: 'Your homework' },
  ];

  for (const { email, name, role, section } of roles) {
    it(`the demo ${role} signs in, sees their home and signs out`, async () => {
      const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
      const page = await context.newPage();
      const problems = watchForProblems(page);
      await page.goto(portal.url);
      await page.waitForURL(/\/sign-in/);
      if (role === 'admin') await screenshot(page, '01-sign-in');
      await signIn(page, email);
      await page.getByTestId(`home-${role}`).waitFor();
      expect(await page.getByTestId('greeting').textContent()).toContain(name);
      expect(await page.getByTestId('clinic-name').textContent()).toContain('Harbor Counseling');
      // The card's title (other cards may link to the same place by name).
      await page
        .getByTestId(`home-${role}`)
        .locator('mat-card-title')
        .getByText(section, { exact: true })
        .waitFor();
      await page.waitForLoadState('networkidle');
      await page.getByText('Loading…').first().waitFor({ state: 'detached' });
      // Calm cards: none stretched around empty space, on a desktop or on a phone.
      expect(await emptyBands(page, role)).toEqual([]);
      await page.setViewportSize(PHONE_SIZE);
      expect(await emptyBands(page, role)).toEqual([]);
      await page.setViewportSize({ width: 1280, height: 900 });
      if (role === 'counselor') {
        // Notes to sign: past sessions, oldest first, each a link to its note; upcoming apart.
        const toSign = page.getByTestId('home-note-to-sign');
        expect(await toSign.count()).toBeGreaterThan(0);
        expect(await toSign.first().getAttribute('href')).toMatch(/^\/sessions\/[0-9a-f-]{36}$/);
        expect(await toSign.first().textContent()).toMatch(/No note yet|draft/);
        expect(await page.getByTestId('home-unsigned-count').textContent()).toMatch(/\d/);
        const upcoming = page.getByTestId('home-upcoming');
        expect(await upcoming.getAttribute('aria-labelledby')).toBe('home-upcoming-label');
        expect(await page.locator('#home-upcoming-label').textContent()).toBe('Upcoming sessions');
        expect(await page.getByTestId('home-notes-to-sign').textContent()).not.toContain(
          'Upcoming',
        );
        const first = (await toSign.first().getAttribute('href')) ?? '';
        await toSign.first().click();
        await page.waitForURL((url) => url.pathname === first);
        await page.getByTestId('session-title').waitFor();
        await page.goBack();
        await page.getByTestId('home-counselor').waitFor();
      }
      await screenshot(page, `02-home-${role}`);
      // Nothing of the session or the user is kept in web storage.
      const stored = await page.evaluate(
        () => JSON.stringify({ ...localStorage }) + JSON.stringify({ ...sessionStorage }),
      );
      expect(stored).toBe('{}{}');
      await page.getByTestId('user-menu').click();
      await page.getByTestId('sign-out').click();
      await page.waitForURL(/\/sign-in/);
      await page.goto(`${portal.url}/`);
      await page.waitForURL(/\/sign-in/);
      expect(problems).toEqual([]);
      await context.close();
    });
  }

  it('the admin’s home shows the invitations waiting to be accepted, and sends one again', async () => {
    const api = new Api(portal.url);
    await api.signIn('admin@harbor.example');
    await api.call('POST', '/api/users/invitations', {
      email: 'chris@harbor.example',
      displayName: 'Chris Moreno',
      role: 'client',
    });
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const problems = watchForProblems(page);
    await page.goto(`${portal.url}/sign-in`);
    await signIn(page, 'admin@harbor.example');
    const people = page.getByTestId('home-people');
    const waiting = people.getByTestId('home-invitation').filter({ hasText: 'Chris Moreno' });
    await waiting.waitFor();
    expect(await waiting.textContent()).toContain('Client · invited today');
    expect(await people.getByTestId('home-invited-count').textContent()).toMatch(
      /[1-9]\d*\s*invitations? waiting to be accepted/,
    );
    expect(await people.getByTestId('home-recent-person').count()).toBeGreaterThan(0);
    expect(await emptyBands(page, 'admin')).toEqual([]);
    await screenshot(page, '02-home-admin-invitations');
    await waiting.getByRole('button', { name: 'Resend the invitation to Chris Moreno' }).click();
    // Without a mail server, the new link is shown once, to hand over.
    const link = page.getByTestId('one-time-link');
    await link.waitFor();
    expect(await link.inputValue()).toContain('/accept-invitation#token=');
    await page.getByRole('button', { name: 'Done' }).click();
    await link.waitFor({ state: 'detached' });
    expect(problems).toEqual([]);
    await page.close();
  });

  it('a wrong password gets a readable message', async () => {
    const page = await browser.newPage();
    await page.goto(`${portal.url}/sign-in`);
    await signIn(page, 'omar@harbor.example', 'not my password at all');
    await page.getByRole('alert').waitFor();
    expect(await page.getByRole('alert').textContent()).toContain(
      'The email or password is not correct.',
    );
    await screenshot(page, '03-wrong-password');
    await page.close();
  });

  it('an admin invites a counselor, who opens the link, sets a password and lands on their home', async () => {
    const adminPage = await browser.newPage({ viewport: { width: 1280, height: 860 } });
    await adminPage.goto(`${portal.url}/sign-in`);
    await signIn(adminPage, 'admin@harbor.example');
    await adminPage.getByTestId('invite-person').click();
    await openedDialog(adminPage);
    await adminPage.getByLabel('Name').fill('Priya Natarajan');
    await adminPage.getByLabel('Email').fill('priya@harbor.example');
    await adminPage.getByLabel('Role').click();
    await adminPage.getByRole('option', { name: 'Counselor' }).click();
    await screenshot(adminPage, '04-invite-dialog');
    await adminPage.getByRole('button', { name: 'Send invitation' }).click();
    // Without SMTP_URL the admin is shown the link, once, to hand over.
    const link = await adminPage.getByTestId('one-time-link').inputValue();
    await screenshot(adminPage, '04-invitation-link');
    await adminPage.getByTestId('invite-done').click();
    // The home's People card lists her among the invitations waiting to be accepted.
    await adminPage
      .getByTestId('home-invitation')
      .filter({ hasText: 'Priya Natarajan' })
      .filter({ hasText: 'Counselor · invited today' })
      .waitFor();
    await adminPage.close();

    const invitee = await browser.newPage({ viewport: { width: 1280, height: 860 } });
    await invitee.goto(link);
    await invitee.getByText('Welcome to Harbor Counseling').waitFor();
    expect(invitee.url()).not.toContain('token='); // the one-time token leaves the address bar
    await invitee.getByLabel('New password').fill('short');
    await invitee.getByLabel('Repeat the password').fill('short');
    await invitee.getByRole('button', { name: 'Set password and sign in' }).click();
    await invitee.getByText('Use at least 12 characters.').waitFor();
    await invitee.getByLabel('New password').fill('password1234');
    await invitee.getByLabel('Repeat the password').fill('password1234');
    await invitee.getByRole('button', { name: 'Set password and sign in' }).click();
    await invitee.getByText(/one of the most common ones/).waitFor();
    await screenshot(invitee, '05-accept-invitation-rules');
    await invitee.getByLabel('New password').fill('cedar trail at noon 58');
    await invitee.getByLabel('Repeat the password').fill('cedar trail at noon 58');
    await invitee.getByRole('button', { name: 'Set password and sign in' }).click();
    // Counselors sign in with a second step: they set one up before anything else.
    await invitee.getByTestId('set-up-page').waitFor();
    expect(await invitee.getByTestId('set-up-who').textContent()).toContain('priya@harbor.example');
    expect(await enrolAuthenticator(invitee)).toHaveLength(10);
    await invitee.getByTestId('home-counselor').waitFor();
    expect(await invitee.getByTestId('greeting').textContent()).toContain('Priya');
    await screenshot(invitee, '06-invited-counselor-home');
    await invitee.close();
  });

  it('when the session ends, the user signs in again and returns to the page they were on', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 860 } });
    await page.goto(`${portal.url}/account`);
    await page.waitForURL(/\/sign-in\?returnUrl=%2Faccount/);
    await signIn(page, 'omar@harbor.example');
    await page.waitForURL(/\/account$/);
    await page.getByText('Change password').first().waitFor();

    // A change sent after the session ended waits while they sign in again on the same page,
    // then goes through: nothing typed is lost.
    await portal.sql(`DELETE FROM login_sessions`);
    await page.getByLabel('Current password').fill(DEMO_PASSWORD);
    await page.getByLabel('New password', { exact: true }).fill('willow bridge morning 31');
    await page.getByLabel('Repeat the new password').fill('willow bridge morning 31');
    await page.getByRole('button', { name: 'Change password' }).click();
    await page.getByText('Your session ended').waitFor();
    expect(await page.getByTestId('again-email').inputValue()).toBe('omar@harbor.example');
    await screenshot(page, '07-session-ended');
    await page.getByTestId('again-password').fill(DEMO_PASSWORD);
    await page.getByTestId('again-submit').click();
    // Staff give their second step in the same dialog; the change waits for it.
    await giveTotp(page.getByRole('dialog'), 'omar@harbor.example');
    await page.getByText('Password changed.').waitFor();
    expect(page.url()).toMatch(/\/account$/);
    await page.close();
  });

  it('the invitation page lists every password rule before anything is typed, the email rule too', async () => {
    const admin = new Api(portal.url);
    await admin.signIn('admin@harbor.example');
    const invited = await admin.call<{ link?: string }>('POST', '/api/users/invitations', {
      email: 'quinn.west@harbor.example',
      displayName: 'Quinn West',
      role: 'client',
    });
    const invitee = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await invitee.goto(invited.link ?? (await portal.invitationLink('quinn.west@harbor.example')));
    await invitee.getByText('Welcome to Harbor Counseling').waitFor();
    // Naming exactly what the email rule looks for: the address, and the part before the @.
    const rules = invitee.getByRole('list', { name: 'Password rules' });
    expect((await rules.getByRole('listitem').allTextContents()).map((r) => r.trim())).toEqual([
      expect.stringContaining('12 to 128 characters'),
      expect.stringContaining('Does not contain your email address, or “quinn.west” from it'),
      expect.stringContaining('Not a common password or a simple pattern'),
      expect.stringContaining('Hard to guess: strength “good” or better'),
      expect.stringContaining('Both entries match'),
    ]);
    await screenshot(invitee, '05-password-rules-before-typing');
    // Each rule's icon shows whole: full size, its glyph within its box, its box within the row.
    const icons = await rules.locator('mat-icon').evaluateAll((elements) =>
      elements.map((icon) => {
        const box = icon.getBoundingClientRect();
        const row = (icon.closest('li') as HTMLElement).getBoundingClientRect();
        return {
          size: Math.min(box.width, box.height),
          glyphFits: icon.scrollWidth <= icon.clientWidth && icon.scrollHeight <= icon.clientHeight,
          inRow:
            box.left >= row.left &&
            box.right <= row.right &&
            box.top >= row.top &&
            box.bottom <= row.bottom,
        };
      }),
    );
    expect(icons).toHaveLength(5);
    for (const icon of icons) expect(icon).toEqual({ size: 20, glyphFits: true, inRow: true });
    // The name and the domain of the address are not the address: the message says what it found.
    await invitee.getByLabel('New password').fill('quinn harbor');
    await invitee.getByLabel('Repeat the password').fill('quinn harbor');
    await invitee.getByRole('button', { name: 'Set password and sign in' }).click();
    await invitee
      .getByText(
        'it is built on “quinn” (your name, also in your email address) and “harbor” (in your email address).',
        { exact: false },
      )
      .first()
      .waitFor();
    expect(await invitee.getByText('Do not put your email address').count()).toBe(0);
    await invitee.close();
  });

  it('before the app’s code arrives, a phone shows the Mend mark and a quiet loading state', async () => {
    const page = await browser.newPage({ viewport: PHONE_SIZE });
    // The scripts held back: what a slow connection shows before they arrive.
    await page.route('**/*.js', (route) => route.abort());
    await page.goto(`${portal.url}/sign-in`);
    const loading = page.getByRole('status', { name: 'Mend is loading' });
    await loading.waitFor();
    // It fills the screen (no blank grey page) and shows the mark beside the name.
    expect(await loading.boundingBox()).toEqual({ x: 0, y: 0, ...PHONE_SIZE });
    const mark = await loading.locator('svg').boundingBox();
    expect(mark?.width).toBeGreaterThanOrEqual(32);
    expect((await loading.innerText()).trim()).toBe('Mend');
    await page.screenshot({ path: `${OUTPUT}/06-loading-phone.png` });
    // With its code, the app takes over and the loading state steps aside.
    await page.unroute('**/*.js');
    await page.reload();
    await page.getByRole('heading', { level: 1 }).first().waitFor();
    await loading.waitFor({ state: 'hidden' });
    await page.close();
  });

  it('signed-out pages load without a single console error (no failed "who is signed in")', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 860 } });
    const errors: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error') errors.push(`${page.url()}: ${message.text()}`);
    });
    for (const path of ['/sign-in', '/', '/forgot-password', '/reset-password#token=x']) {
      await page.goto(`${portal.url}${path}`);
      await page.getByRole('heading', { level: 1 }).first().waitFor();
      await page.waitForLoadState('networkidle');
    }
    expect(page.url()).toContain('/reset-password');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('an admin who opens a counselor’s page is told it is not for their role, and goes home', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const problems = watchForProblems(page);
    await page.goto(`${portal.url}/sessions`);
    await signIn(page, 'admin@harbor.example');
    await page.getByTestId('not-available').waitFor();
    // At the address they opened, not a silent jump to Home.
    expect(new URL(page.url()).pathname).toBe('/sessions');
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe(
      'This page is not available to your role',
    );
    expect(
      (await page.getByTestId('not-available-why').textContent())?.replace(/\s+/g, ' ').trim(),
    ).toBe(
      'The page you opened is for counselors. You are signed in as a clinic admin of Harbor Counseling.',
    );
    expect(await page.title()).toBe('Not available · Mend');
    await screenshot(page, '09-not-available');
    await page.getByTestId('not-available-home').click();
    await page.getByTestId('home-admin').waitFor();
    expect(new URL(page.url()).pathname).toBe('/');
    expect(problems).toEqual([]);
    await page.close();
  });

  it('the admin’s audit trail names the people and cases of each event', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(`${portal.url}/audit`);
    await signIn(page, 'admin@harbor.example');
    await page.getByTestId('audit-table').waitFor();
    // The newest event is the admin's own sign-in: the record is named, not an id.
    const first = page.getByTestId('audit-row').first();
    expect(await first.getByTestId('audit-record-name').textContent()).toBe('Dana Whitfield');
    await page.getByTestId('audit-action').fill('session.recorded');
    await page.getByTestId('audit-apply').click();
    await page
      .getByTestId('audit-row')
      .first()
      .getByText(/case: (Sam & Alex Rivera|Jordan & Riley Lee)/)
      .waitFor();
    expect(await page.getByTestId('audit-table').textContent()).not.toContain('case id:');
    await screenshot(page, '10-audit-trail-names');
    await page.close();
  });

  it('the API documentation opens under the same security policy', async () => {
    const page = await browser.newPage();
    const problems = watchForProblems(page);
    await page.goto(`${portal.url}/api/docs`);
    await page.getByText('Mend API').first().waitFor();
    await page.getByText('/api/auth/login').first().waitFor();
    await screenshot(page, '08-api-docs');
    expect(problems).toEqual([]);
    await page.close();
  });
});
