import { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { Mailbox, ReceivedMail } from '../support/mailbox';
import {
  launchBrowser,
  openCoupleCase,
  Portal,
  screenshot,
  signIn,
  watchForProblems,
} from './portal';

const DESKTOP = { width: 1280, height: 900 };
const PHONE = { width: 390, height: 844 };
/** Everyone here reads times in New York: the counselor's week is set in her browser's zone. */
const ZONE = 'America/New_York';
const NOTE = 'Mornings are easier for me this month.';

/** "YYYY-MM-DD" of a day `days` from now, in New York. */
function nyDay(days: number): string {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone: ZONE,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(new Date(Date.now() + days * 86_400_000));
  return parts;
}

/** The iCalendar files a mail carries (its text/calendar and .ics parts, decoded). */
function calendarParts(mail: ReceivedMail): string[] {
  return mail.raw
    .split(/\r?\n--[^\r\n]+/)
    .filter((part) => /content-type:\s*(text\/calendar|application\/ics)/i.test(part))
    .map((part) => {
      const [head, ...rest] = part.replace(/^\r?\n/, '').split(/\r?\n\r?\n/);
      const body = rest.join('\n\n');
      if (/content-transfer-encoding:\s*base64/i.test(head))
        return Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8');
      if (/content-transfer-encoding:\s*quoted-printable/i.test(head))
        return Buffer.from(
          body
            .replace(/=\r?\n/g, '')
            .replace(/=([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16))),
          'latin1',
        ).toString('utf8');
      return body;
    });
}

/**
 * Stretches of nothing taller than 48 px inside a card (between one part and the next, or below
 * the last), as in the portal journey's check of the home pages.
 */
async function emptyBands(card: Locator): Promise<string[]> {
  return card.evaluate((el) => {
    const box = el.getBoundingClientRect();
    const parts = Array.from(el.querySelectorAll('*'))
      .filter(
        (e) =>
          ['MAT-ICON', 'BUTTON', 'A', 'INPUT'].includes(e.tagName) ||
          Array.from(e.childNodes).some((n) => n.nodeType === 3 && n.textContent?.trim()),
      )
      .map((e) => e.getBoundingClientRect())
      .filter((r) => r.height > 0)
      .sort((a, b) => a.top - b.top);
    const found: string[] = [];
    let edge = box.top;
    for (const r of [...parts, { top: box.bottom, bottom: box.bottom }]) {
      if (r.top - edge > 48) found.push(`${Math.round(r.top - edge)} px`);
      edge = Math.max(edge, r.bottom);
    }
    return found;
  });
}

/**
 * The appointments journey: the counselor adds to her weekly times, a day off and her private
 * calendar feed; a client asks for one of her free times with a note; she sees the request at
 * the top of her Sessions page and accepts it, and the new session joins her upcoming list; the
 * client sees it on the home page and on Appointments, with its history; the partner sees
 * nothing of it; the confirmation mail carries a calendar file with a neutral title, and so
 * does the counselor's feed.
 */
describe('appointments in a browser', () => {
  const portal = new Portal();
  const mailbox = new Mailbox();
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  const problems: string[][] = [];
  let feedUrl = '';
  let startsAt = '';
  let appointmentId = '';
  const people = {
    kai: { email: 'kai@harbor.example', password: 'river stones at dawn 42', id: '' },
    lee: { email: 'lee@harbor.example', password: 'lanterns over the bay 17', id: '' },
  };

  async function session(email: string, password = 'mend-demo-2026', viewport = DESKTOP) {
    const context = await browser.newContext({ viewport, timezoneId: ZONE });
    contexts.push(context);
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    problems.push(watchForProblems(page));
    await page.goto(`${portal.url}/sign-in`);
    await signIn(page, email, password);
    await page.getByTestId('greeting').waitFor();
    return page;
  }

  /** A request from the page itself (its cookie), as the app would make it. */
  function fromPage(page: Page, method: string, path: string) {
    return page.evaluate(
      async ([m, p]) => {
        const reply = await fetch(p, {
          method: m,
          headers: { 'x-requested-with': 'XMLHttpRequest' },
        });
        return { status: reply.status, text: await reply.text() };
      },
      [method, path] as const,
    );
  }

  /** Shows a received mail as its reader sees it (with its attachment's name), for the screenshot. */
  async function showMail(
    page: Page,
    mail: ReceivedMail,
    calendar: string,
    name: string,
  ): Promise<void> {
    const escape = (text: string) =>
      text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
    const body =
      /content-type:\s*text\/plain[^]*?\r?\n\r?\n([^]*?)\r?\n--/i.exec(mail.text)?.[1] ?? '';
    await page.setContent(
      `<html lang="en"><title>${escape(mail.headers['subject'])}</title>
      <main style="font: 15px/1.5 sans-serif; max-width: 640px; margin: 32px auto; padding: 0 16px">
        <p><b>From:</b> ${escape(mail.headers['from'])}<br><b>To:</b> ${escape(mail.to.join(', '))}
        <br><b>Subject:</b> ${escape(mail.headers['subject'])}</p><hr>
        <pre style="white-space: pre-wrap; word-break: break-all; font: inherit">${escape(body)}</pre>
        <hr><p><b>Attached:</b> appointment.ics</p>
        <pre style="font: 13px/1.4 monospace; background: #f3f3f3; padding: 12px">${escape(calendar)}</pre>
        </main></html>`,
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
    await openCoupleCase(portal, 'Kai & Lee Moreno', people, async (email) =>
      linkIn(await mailbox.receive(email, 20_000), 'accept-invitation'),
    );
    // Mail must go out whatever the hour the suite runs at (no quiet hours).
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

  let maya: Page;

  it('the counselor adds Saturday mornings to her week, a day off and her private calendar feed', async () => {
    maya = await session('maya@harbor.example');
    await maya.goto(`${portal.url}/sessions`);
    const waiting = maya.getByTestId('waiting-requests');
    await waiting.getByTestId('no-waiting-requests').waitFor();
    // Her availability is also in the user menu, beside the mail settings.
    await maya.getByTestId('user-menu').click();
    await maya.getByTestId('availability-settings').waitFor();
    await maya.keyboard.press('Escape');
    await waiting.getByTestId('link-availability').click();
    await maya.waitForURL(/\/settings\/availability$/);

    // Weekdays 9 to 5 in New York (the demo's); she adds Saturday mornings.
    expect(await maya.getByTestId('availability-zone').inputValue()).toBe(ZONE);
    await waitForCount(maya.getByTestId('availability-rule'), 5);
    await maya.getByTestId('rule-add').click();
    await waitForCount(maya.getByTestId('availability-rule'), 6);
    expect(await maya.getByTestId('rule-weekday').last().inputValue()).toBe('6');
    await maya.getByTestId('rule-start').last().fill('10:00');
    await maya.getByTestId('rule-end').last().fill('13:00');
    await maya.getByTestId('length-individual').fill('50');
    await maya.getByTestId('availability-save').click();
    await maya.getByText('Everything is saved').waitFor();
    await dismissSnackBar(maya);
    await maya.getByRole('heading', { name: 'Your availability' }).scrollIntoViewIfNeeded();
    await screenshot(maya, '40-availability');

    // A day off three weeks ahead (the next two weeks stay free for the client).
    await maya.getByTestId('exception-from').fill(`${nyDay(21)}T00:00`);
    await maya.getByTestId('exception-until').fill(`${nyDay(22)}T00:00`);
    await maya.getByTestId('exception-add').click();
    await maya.getByTestId('availability-exception').getByText('Time off').waitFor();

    // The feed: made once, its address shown once with a Copy button.
    await maya.getByTestId('calendar-feed-create').click();
    feedUrl = await maya.getByTestId('calendar-feed-url').inputValue();
    expect(feedUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/api\/calendar\/[^/]+\.ics$/);
    await maya.getByTestId('calendar-feed').getByText('only as “Appointment” at “Mend”').waitFor();
    await maya
      .getByTestId('calendar-feed')
      .evaluate((card) => card.scrollIntoView({ block: 'end' }));
    await screenshot(maya, '41-availability-feed');
    const feed = await fetch(feedUrl);
    expect(feed.status).toBe(200);
    expect(feed.headers.get('content-type')).toContain('text/calendar');
    expect(await feed.text()).toContain('BEGIN:VCALENDAR');
  });

  let kai: Page;

  it('a client asks for one of the free times, with a note', async () => {
    kai = await session(people.kai.email, people.kai.password);
    const card = kai.getByTestId('home-next-appointment');
    await card.getByTestId('home-no-appointment').waitFor();
    expect(await emptyBands(card)).toEqual([]);
    await card.getByTestId('home-request-appointment').click();
    await kai.waitForURL(/\/appointments#request$/);

    const form = kai.getByTestId('request-form');
    await form.getByTestId('request-slot').first().waitFor({ state: 'attached' });
    // Together is for once joint work is open: not yet, and the page says so.
    expect(await form.getByTestId('request-joint').locator('button').isDisabled()).toBe(true);
    await form.getByTestId('request-joint-reason').waitFor();
    await form.getByText('Free times with Maya Okafor').waitFor();
    await form.getByText('times in New York time').waitFor();

    const slot = form.locator('label.slot').first();
    startsAt = (await slot.locator('input').getAttribute('data-starts-at')) ?? '';
    expect(new Date(startsAt).getTime()).toBeGreaterThan(Date.now());
    await slot.click();
    await form.getByRole('radio', { name: /Telehealth/ }).click();
    await form.getByTestId('request-note').fill(NOTE);
    await form
      .getByTestId('request-summary')
      .getByText('just you and Maya Okafor, telehealth')
      .waitFor();
    await kai.getByRole('heading', { name: 'Request an appointment' }).scrollIntoViewIfNeeded();
    await screenshot(kai, '42-request-appointment');

    await form.getByTestId('request-send').click();
    const waiting = kai.getByTestId('waiting-appointments');
    await waiting.getByTestId('appointment-item').waitFor();
    await waiting.getByText('Waiting for Maya').waitFor();
    await waiting.getByText(`“${NOTE}”`).waitFor();
    appointmentId =
      (await waiting.getByTestId('appointment-when').getAttribute('href'))?.split('/').pop() ?? '';
    expect(appointmentId).toMatch(/^[0-9a-f-]{36}$/);
    await dismissSnackBar(kai);
    await kai.getByRole('heading', { name: 'Appointments', exact: true }).scrollIntoViewIfNeeded();
    await screenshot(kai, '43-client-request-waiting');
  });

  it('the counselor sees it waiting at the top of Sessions, accepts, and the session joins her list', async () => {
    await maya.goto(`${portal.url}/sessions`);
    const waiting = maya.getByTestId('waiting-requests');
    const request = waiting.getByTestId('appointment-item');
    await request.waitFor();
    expect(await waiting.getByTestId('waiting-count').textContent()).toContain('1');
    const text = (await request.textContent()) ?? '';
    expect(text).toContain('Kai Moreno');
    expect(text).toContain('Kai & Lee Moreno');
    expect(text).toContain('Telehealth · 50 min');
    expect(text).toContain(NOTE);
    expect(text).toContain('(New York time)');
    // Not on the upcoming list yet.
    await maya
      .getByTestId('sessions-upcoming')
      .locator('mend-session-list, p.none')
      .first()
      .waitFor();
    expect(
      await maya.getByTestId('upcoming-session').filter({ hasText: 'Kai & Lee Moreno' }).count(),
    ).toBe(0);
    await screenshot(maya, '44-sessions-request-waiting');

    await request.getByTestId('appointment-accept').click();
    await maya.getByText('Confirmed. The session is on your Sessions list.').waitFor();
    await waiting.getByTestId('no-waiting-requests').waitFor();
    await maya.getByTestId('upcoming-session').filter({ hasText: 'Kai & Lee Moreno' }).waitFor();
    await dismissSnackBar(maya);
    await screenshot(maya, '45-sessions-accepted');

    // Her appointments page lists it ahead, to move or cancel.
    await waiting.getByTestId('link-appointments').click();
    const upcoming = maya.getByTestId('upcoming-appointments');
    await upcoming.getByTestId('appointment-item').waitFor();
    await upcoming.getByTestId('appointment-reschedule').waitFor();
    await upcoming.getByTestId('appointment-cancel').waitFor();
    await screenshot(maya, '46-counselor-appointments');
  });

  it('the client sees it on the home page and on Appointments, with its history', async () => {
    await kai.goto(portal.url);
    const card = kai.getByTestId('home-next-appointment');
    await card.getByTestId('home-appointment-when').getByText('(New York time)').waitFor();
    expect(await card.textContent()).toContain('Just you and Maya Okafor · Telehealth · 50 min');
    expect(await emptyBands(card)).toEqual([]);
    await screenshot(kai, '47-client-home-next-appointment');

    await card.getByTestId('home-appointments').click();
    const next = kai.getByTestId('next-appointment');
    await next.getByText('Confirmed').waitFor();
    const when = await next.getByTestId('appointment-when').textContent();
    await next.getByTestId('appointment-when').click();
    await kai.waitForURL(new RegExp(`/appointments/${appointmentId}$`));
    const steps = kai.getByTestId('appointment-step');
    await steps.nth(1).waitFor();
    expect(await steps.first().textContent()).toContain(`You asked for ${when?.trim()}`);
    expect(await steps.nth(1).textContent()).toContain('Maya Okafor confirmed');
    await screenshot(kai, '48-client-appointment-history');
  });

  it('the partner sees nothing of it, not even by its address', async () => {
    const lee = await session(people.lee.email, people.lee.password, PHONE);
    const card = lee.getByTestId('home-next-appointment');
    await card.getByTestId('home-no-appointment').waitFor();
    await card.getByTestId('home-request-appointment').click();
    await lee.getByTestId('no-next-appointment').waitFor();
    await lee.getByTestId('request-form').locator('label.slot').first().waitFor();
    expect(await lee.getByTestId('waiting-appointments').count()).toBe(0);
    expect(await lee.getByTestId('past-appointments').count()).toBe(0);
    expect(await lee.locator('main').textContent()).not.toContain(NOTE);
    for (const scope of ['upcoming', 'waiting', 'past']) {
      const listed = await fromPage(lee, 'GET', `/api/appointments?scope=${scope}`);
      expect(listed).toEqual({ status: 200, text: '[]' });
    }
    expect((await fromPage(lee, 'GET', `/api/appointments/${appointmentId}`)).status).toBe(404);
    await screenshot(lee, '49-partner-appointments-phone');
  });

  it('the confirmation mail carries a calendar file with a neutral title, and so does the feed', async () => {
    const mail = await mailbox.receive(people.kai.email, 30_000);
    for (const secret of ['Maya', 'Kai', 'Lee', 'Moreno', NOTE])
      expect(mail.text).not.toContain(secret);
    const [calendar] = calendarParts(mail);
    expect(calendar).toContain('BEGIN:VCALENDAR');
    expect(calendar).toContain('SUMMARY:Appointment');
    expect(calendar).toContain('LOCATION:Mend');
    const utc = startsAt.replace(/[-:]/g, '').replace(/\.\d{3}/, '');
    expect(calendar).toContain(`DTSTART:${utc}`);
    for (const secret of ['Maya', 'Kai', 'Lee', 'Moreno', 'Telehealth']) {
      expect(calendar).not.toContain(secret);
    }
    const inbox = await browser.newContext({ viewport: DESKTOP });
    contexts.push(inbox);
    await showMail(await inbox.newPage(), mail, calendar, '50-mail-appointment-confirmed');
    // Lee had only the invitation.
    expect(mailbox.to(people.lee.email)).toHaveLength(1);

    const feed = await (await fetch(feedUrl)).text();
    expect(feed).toContain('SUMMARY:Appointment');
    expect(feed).toContain(`DTSTART:${utc}`);
    for (const secret of ['Kai', 'Lee', 'Moreno', NOTE]) expect(feed).not.toContain(secret);

    expect(problems.flat()).toEqual([]);
  });
});

/** Closes the snack bar, so the screenshot shows the page under it. */
async function dismissSnackBar(page: Page): Promise<void> {
  const bar = page.locator('mat-snack-bar-container');
  await bar.getByRole('button', { name: 'OK' }).click();
  await bar.waitFor({ state: 'detached' });
}

/** Waits until the locator finds `count` elements (the journeys use plain jest, not Playwright's). */
async function waitForCount(locator: Locator, count: number): Promise<void> {
  for (let attempt = 0; attempt < 50; attempt += 1) {
    if ((await locator.count()) === count) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  expect(await locator.count()).toBe(count);
}
