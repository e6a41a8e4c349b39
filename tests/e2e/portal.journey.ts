import { Browser } from 'playwright-core';
import {
  DEMO_PASSWORD,
  enrolAuthenticator,
  giveTotp,
  launchBrowser,
  Portal,
  screenshot,
  signIn,
  watchForProblems,
} from './portal';

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
      const context = await browser.newContext({ viewport: { width: 1280, height: 860 } });
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
    await adminPage.getByText('priya@harbor.example', { exact: true }).waitFor();
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
