import { Browser, BrowserContext, Page } from 'playwright-core';
import { Mailbox, ReceivedMail } from '../support/mailbox';
import {
  Api,
  clearForJointWork,
  giveTotp,
  launchBrowser,
  openCoupleCase,
  Portal,
  screenshot,
  signIn,
  watchForProblems,
} from './portal';

const VIEWPORT = { width: 1280, height: 900 };
const PHONE = { width: 390, height: 844 };
const NEW_PASSWORD = 'harbor lights after rain 58';
const FIRST_LINE = 'Kai described the week as steadier.';
const SECOND_LINE = 'Lee wants the check-ins to move to Sunday evenings.';

/**
 * Issue 11's journey: mail reaches people outside the app and says nothing a partner should
 * not read. The counselor assigns homework; the client's mailbox gets one neutral mail whose
 * link opens that homework after signing in. A client who forgot their password asks for a
 * link, chooses a new password and is signed in. A counselor whose session ends mid-note signs
 * in again on the same page and loses nothing.
 */
describe('mail in a browser', () => {
  const portal = new Portal();
  const mailbox = new Mailbox();
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  const problems: string[][] = [];
  let caseId = '';
  const people = {
    kai: { email: 'kai@harbor.example', password: 'river stones at dawn 42', id: '' },
    lee: { email: 'lee@harbor.example', password: 'lanterns over the bay 17', id: '' },
  };

  async function fresh(viewport = VIEWPORT): Promise<Page> {
    const context = await browser.newContext({ viewport });
    contexts.push(context);
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    problems.push(watchForProblems(page));
    return page;
  }

  /** Shows a received mail as its reader sees it, for the screenshot. */
  async function showMail(page: Page, mail: ReceivedMail, name: string): Promise<void> {
    const escape = (text: string) =>
      text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
    const body = mail.text
      .split(/\r?\n\r?\n/)
      .slice(1)
      .join('\n\n');
    // A page of its own (with a language and a title: it is checked for accessibility too).
    await page.setContent(
      `<html lang="en"><title>${escape(mail.headers['subject'])}</title>
      <main style="font: 15px/1.5 sans-serif; max-width: 640px; margin: 32px auto; padding: 0 16px">
        <p><b>From:</b> ${escape(mail.headers['from'])}<br><b>To:</b> ${escape(mail.to.join(', '))}
        <br><b>Subject:</b> ${escape(mail.headers['subject'])}</p><hr>
        <pre style="white-space: pre-wrap; word-break: break-all; font: inherit">${escape(body)}</pre></main></html>`,
    );
    await screenshot(page, name);
  }

  const linkIn = (mail: ReceivedMail, path: string) => {
    const found = new RegExp(`${portal.url.replace(/[.:/]/g, '\\$&')}/${path}[^\\s]*`).exec(
      mail.text,
    );
    if (!found) throw new Error(`no ${path} link in the mail`);
    return found[0];
  };

  beforeAll(async () => {
    const smtpUrl = await mailbox.start();
    await portal.start({ SMTP_URL: smtpUrl, JOB_POLL_SECONDS: '0.5' });
    browser = await launchBrowser();
    caseId = await openCoupleCase(portal, 'Kai & Lee Moreno', people, async (email) =>
      linkIn(await mailbox.receive(email, 20_000), 'accept-invitation'),
    );
    // The letter belongs to a later stage of the path: the case is moved there first.
    await clearForJointWork(portal, caseId, people, 'time');
    // Mail here must go out whatever the hour the suite runs at: the default quiet hours
    // (21:00–08:00, in UTC until a browser tells the zone) would hold it till morning.
    await portal.sql(
      `INSERT INTO notification_settings (user_id, clinic_id, quiet_start, quiet_end)
       SELECT id, clinic_id, '00:00', '00:00' FROM users
       ON CONFLICT (user_id) DO UPDATE SET quiet_start = '00:00', quiet_end = '00:00'`,
    );
  });

  afterAll(async () => {
    for (const context of contexts) await context.close();
    await browser?.close();
    await portal.stop();
    await mailbox.stop();
  });

  it('assigning homework mails the client one neutral note whose link opens it after sign-in', async () => {
    const counselor = await fresh();
    await counselor.goto(`${portal.url}/sign-in`);
    await signIn(counselor, 'maya@harbor.example');
    await counselor.getByTestId('greeting').waitFor();
    await counselor.goto(`${portal.url}/cases/${caseId}`);
    await counselor.getByRole('tab', { name: 'Homework' }).click();
    await counselor.getByTestId('assign-exercise').click();
    await counselor.getByTestId('assign-exercise-select').click();
    await counselor.getByRole('option', { name: /Accountability letter/ }).click();
    await counselor.getByRole('radio', { name: 'One member' }).check();
    await counselor.getByTestId('assign-member').click();
    await counselor.getByRole('option', { name: /Kai Moreno/ }).click();
    await counselor.getByTestId('assign-confirm').click();
    await counselor
      .getByTestId('assignment-item')
      .filter({ hasText: 'Accountability letter' })
      .waitFor();

    const mail = await mailbox.receive(people.kai.email, 20_000);
    expect(mail.headers['subject']).toBe('Something new in Mend');
    for (const secret of ['Accountability', 'Maya', 'Kai', 'Lee', 'Harbor', 'homework']) {
      expect(mail.text).not.toContain(secret);
    }
    expect(mailbox.to(people.lee.email)).toHaveLength(1); // only Lee's invitation
    const inbox = await fresh();
    await showMail(inbox, mail, '70-mail-homework-assigned');

    // Kai opens the link on their phone, signs in, and lands on the homework itself.
    const kai = await fresh(PHONE);
    await kai.goto(linkIn(mail, 'notifications/'));
    await kai.waitForURL(/\/sign-in/);
    await signIn(kai, people.kai.email, people.kai.password);
    await kai.waitForURL(/\/homework\/[0-9a-f-]{36}$/);
    await kai.getByRole('heading', { name: 'Accountability letter' }).waitFor();
    await screenshot(kai, '71-mail-link-opens-homework');
    // The bell no longer counts it: opening it marked it read.
    await kai.goto(`${portal.url}/notifications`);
    await kai.getByText('Maya Okafor assigned “Accountability letter”').waitFor();
    await screenshot(kai, '72-notifications-after-opening');
  });

  it('a forgotten password: ask for a link, choose a new password, and be signed in', async () => {
    const lee = await fresh();
    await lee.goto(`${portal.url}/sign-in`);
    await lee.getByRole('link', { name: 'Forgot your password?' }).click();
    await lee.getByTestId('forgot-email').fill(people.lee.email);
    await lee.getByTestId('forgot-submit').click();
    await lee.getByTestId('forgot-sent').waitFor();
    await screenshot(lee, '73-forgot-password-sent');

    const mail = await mailbox.receive(people.lee.email, 20_000);
    expect(mail.headers['subject']).toBe('Reset your Mend password');
    const inbox = await fresh();
    await showMail(inbox, mail, '74-mail-password-reset');

    await lee.goto(linkIn(mail, 'reset-password'));
    await lee.getByTestId('reset-password').fill(NEW_PASSWORD);
    await lee.getByTestId('reset-confirmation').fill(NEW_PASSWORD);
    await screenshot(lee, '75-reset-password');
    await lee.getByTestId('reset-submit').click();
    await lee.getByTestId('greeting').waitFor();
    await screenshot(lee, '76-signed-in-after-reset');

    // The old password no longer works; the link cannot be used twice.
    const again = await fresh();
    await again.goto(`${portal.url}/sign-in`);
    await signIn(again, people.lee.email, people.lee.password);
    await again.getByRole('alert').waitFor();
    await again.goto(linkIn(mail, 'reset-password'));
    await again.getByTestId('reset-password').fill(NEW_PASSWORD);
    await again.getByTestId('reset-confirmation').fill(NEW_PASSWORD);
    await again.getByTestId('reset-submit').click();
    await again.getByTestId('reset-unusable').waitFor();
    await screenshot(again, '77-reset-link-used');
  });

  it('a session that ends while the counselor writes a note keeps every word after signing in again', async () => {
    const api = new Api(portal.url);
    await api.signIn('maya@harbor.example');
    const recorded = await api.call<{ id: string }>('POST', `/api/cases/${caseId}/sessions`, {
      startsAt: new Date(Date.now() - 3_600_000).toISOString(),
      durationMinutes: 50,
      type: 'couple',
      mode: 'telehealth',
      attendeeIds: [people.kai.id, people.lee.id],
    });
    const maya = await fresh();
    await maya.goto(`${portal.url}/sign-in`);
    await signIn(maya, 'maya@harbor.example');
    await maya.getByTestId('greeting').waitFor();
    await maya.goto(`${portal.url}/sessions/${recorded.id}`);
    await maya.getByTestId('start-note-button').click();
    await maya.getByTestId('note-editor').waitFor();
    const subjective = maya.getByTestId('note-section-subjective').locator('textarea');
    await subjective.fill(FIRST_LINE);
    await maya
      .getByTestId('note-save-state')
      .filter({ hasText: /Draft saved/ })
      .waitFor();

    // The session ends on the server (idle timeout, or signed out elsewhere) mid-sentence.
    await portal.sql(
      `DELETE FROM login_sessions WHERE user_id = (SELECT id FROM users WHERE email = $1)`,
      ['maya@harbor.example'],
    );
    await subjective.fill(`${FIRST_LINE} ${SECOND_LINE}`);
    await maya.getByText('Your session ended').waitFor({ timeout: 20_000 });
    expect(await subjective.inputValue()).toContain(SECOND_LINE);
    await screenshot(maya, '78-session-ended-mid-note');
    await maya.getByTestId('again-password').fill('mend-demo-2026');
    await maya.getByTestId('again-submit').click();
    await giveTotp(maya.getByRole('dialog'), 'maya@harbor.example');
    await maya
      .getByTestId('note-save-state')
      .filter({ hasText: /Draft saved/ })
      .waitFor();
    await screenshot(maya, '79-note-saved-after-signing-in-again');

    // Every word reached the server, and none was put in browser storage meanwhile.
    const again = new Api(portal.url);
    await again.signIn('maya@harbor.example');
    const { note } = await again.call<{ note: { id: string } }>(
      'GET',
      `/api/sessions/${recorded.id}`,
    );
    const saved = JSON.stringify(await again.call('GET', `/api/notes/${note.id}`));
    expect(saved).toContain(SECOND_LINE);
    const stored = await maya.evaluate(() =>
      JSON.stringify({ ...localStorage, ...sessionStorage }),
    );
    expect(stored).not.toContain('Kai');
  });

  it('shows no script error or blocked resource on any page', () => {
    expect(problems.flat()).toEqual([]);
  });
});
