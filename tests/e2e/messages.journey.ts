import { Browser, BrowserContext, Page } from 'playwright-core';
import {
  Api,
  clearForJointWork,
  launchBrowser,
  openCoupleCase,
  Portal,
  screenshot,
  signIn,
  watchForProblems,
} from './portal';

const DESKTOP = { width: 1280, height: 900 };
const PHONE = { width: 390, height: 844 };
const REPLY_TIMES = 'Weekdays, usually within one working day';
const TO_ANA = 'Ana, how did the first walk after dinner go?';
const TO_BEN = 'Ben, I would like to hear how this week felt for you.';
const TO_BOTH = 'Welcome to your joint conversation. We will use it to plan between sessions.';
const ANA_REPLY = 'It went better than I feared.\nWe talked about the weekend without a fight.';

/**
 * The secure messaging journey: the counselor states her reply times, then opens a private
 * conversation with each partner and a joint one; each partner sees only their own private one
 * and the joint one (the other's answers "not found" by its address); a partner replies, with the
 * draft kept on the way, and the counselor sees the reply arrive without reloading; the counselor
 * pins it and finds it in the session note's panel; she asks to quote it in the joint
 * conversation and the partner agrees, so the other partner reads it there, quoted with
 * agreement. The admin sets the clinic's rule and sees waiting conversations as counts only.
 */
describe('secure messaging in a browser', () => {
  const portal = new Portal();
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  const problems: string[][] = [];
  let caseId = '';
  const threads = { ana: '', ben: '', joint: '' };
  const people = {
    ana: { email: 'ana@harbor.example', password: 'gulls over the pier 24', id: '' },
    ben: { email: 'ben@harbor.example', password: 'fog lifting at noon 63', id: '' },
  };

  async function session(
    email: string,
    password = 'mend-demo-2026',
    viewport = DESKTOP,
  ): Promise<Page> {
    const context = await browser.newContext({ viewport });
    contexts.push(context);
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    problems.push(watchForProblems(page));
    await page.goto(`${portal.url}/sign-in`);
    await signIn(page, email, password);
    await page.getByTestId('greeting').waitFor();
    return page;
  }

  /** Starts a conversation from the case's Messages tab and returns its id (from its address). */
  async function startFromCase(
    page: Page,
    audience: 'private' | 'joint',
    subject: string,
    body: string,
    member?: string,
  ): Promise<string> {
    await page.goto(`${portal.url}/cases/${caseId}?tab=messages`);
    const form = page.getByTestId('start-thread-form');
    await form.waitFor();
    if (audience === 'joint') {
      await page.getByTestId('start-thread-joint').getByRole('radio').check();
    } else {
      await page.getByTestId('start-thread-member').click();
      await page.getByRole('option', { name: member }).click();
      await page.getByRole('listbox').waitFor({ state: 'detached' });
    }
    await page.getByTestId('start-thread-subject').fill(subject);
    await page.getByTestId('start-thread-body').fill(body);
    await page.getByTestId('start-thread-submit').click();
    await page.waitForURL(/\/messages\/[^/]+$/);
    await page.getByTestId('message-body').filter({ hasText: body }).waitFor();
    return new URL(page.url()).pathname.split('/').pop() ?? '';
  }

  /** The words of a conversation's audience chip, as on screen. */
  async function audienceOf(page: Page): Promise<string> {
    const chip = page.getByTestId('thread-audience').getByTestId('audience-chip');
    return ((await chip.innerText()) ?? '').replace(/^(lock|group)\s*/, '').trim();
  }

  beforeAll(async () => {
    await portal.start();
    browser = await launchBrowser();
    caseId = await openCoupleCase(portal, 'Ana & Ben Moreno', people);
    // Joint conversations need the case's joint work open: both partners cleared.
    await clearForJointWork(portal, caseId, people);
  });

  afterAll(async () => {
    for (const context of contexts) await context.close();
    await browser?.close();
    await portal.stop();
  });

  let maya: Page;
  let ana: Page;

  it('the counselor states her reply times on the Messages page', async () => {
    maya = await session('maya@harbor.example');
    await maya.getByRole('link', { name: 'Messages' }).click();
    // The demo clinic's conversations, or none yet: either way the list has answered.
    await maya.getByTestId('thread-row').first().or(maya.getByTestId('threads-empty')).waitFor();
    // (Filled once loaded: the field waits for the saved text.)
    const replyTimes = maya.getByTestId('reply-times-input');
    await replyTimes.fill(REPLY_TIMES);
    await maya.getByTestId('reply-times-save').click();
    await maya.getByText('Reply times saved').waitFor();
    await screenshot(maya, '80-messages-counselor');
  });

  it('opens a private conversation with each partner and a joint one from the case', async () => {
    await maya.goto(`${portal.url}/cases/${caseId}?tab=messages`);
    await maya.getByTestId('start-thread-form').waitFor();
    await maya.getByTestId('case-threads-empty').waitFor();
    await screenshot(maya, '81-case-messages-tab-empty');

    threads.ana = await startFromCase(maya, 'private', 'Between sessions', TO_ANA, 'Ana Moreno');
    // Who reads it is on the page and on every message, with the banner above.
    expect(await audienceOf(maya)).toBe('Private · Ana and you');
    await maya.getByTestId('thread-banner').getByText('Messages are not for emergencies').waitFor();
    expect(await maya.getByTestId('thread-reply-times').textContent()).toContain(REPLY_TIMES);
    await screenshot(maya, '82-thread-counselor-private');

    threads.ben = await startFromCase(maya, 'private', 'How this week felt', TO_BEN, 'Ben Moreno');
    expect(await audienceOf(maya)).toBe('Private · Ben and you');
    threads.joint = await startFromCase(maya, 'joint', 'Our plan together', TO_BOTH);
    expect(await audienceOf(maya)).toBe('Joint · you, Ana and Ben');

    await maya.goto(`${portal.url}/cases/${caseId}?tab=messages`);
    await maya.getByTestId('thread-row').nth(2).waitFor();
    expect(await maya.getByTestId('thread-row').count()).toBe(3);
    await screenshot(maya, '83-case-messages-tab');
  });

  it('each partner sees only their own private conversation and the joint one', async () => {
    ana = await session(people.ana.email, people.ana.password);
    // Two conversations wait unread: the badge says so, in the link's name too.
    await ana.getByRole('link', { name: 'Messages, 2 unread' }).waitFor();
    await ana.getByRole('link', { name: /^Messages/ }).click();
    await ana.getByTestId('thread-row').nth(1).waitFor();
    const anaRows = await ana.getByTestId('thread-row').allInnerTexts();
    expect(anaRows).toHaveLength(2);
    expect(anaRows.join('\n')).toContain('Between sessions');
    expect(anaRows.join('\n')).toContain('Our plan together');
    expect(anaRows.join('\n')).not.toContain('How this week felt');
    await screenshot(ana, '84-messages-client-list');

    // The other partner's private conversation, by its address: not found, nothing of it shown.
    await ana.goto(`${portal.url}/messages/${threads.ben}`);
    await ana.getByTestId('thread-not-found').waitFor();
    expect(await ana.getByText(TO_BEN).count()).toBe(0);

    const ben = await session(people.ben.email, people.ben.password, PHONE);
    await ben.goto(`${portal.url}/messages`);
    await ben.getByTestId('thread-row').nth(1).waitFor();
    const benRows = (await ben.getByTestId('thread-row').allInnerTexts()).join('\n');
    expect(benRows).toContain('How this week felt');
    expect(benRows).toContain('Our plan together');
    expect(benRows).not.toContain('Between sessions');
    await ben.goto(`${portal.url}/messages/${threads.ana}`);
    await ben.getByTestId('thread-not-found').waitFor();
    expect(await ben.getByText(TO_ANA).count()).toBe(0);
  });

  it('a partner replies, and the counselor sees it arrive without reloading', async () => {
    await maya.goto(`${portal.url}/messages/${threads.ana}`);
    await maya.getByTestId('message-body').filter({ hasText: TO_ANA }).waitFor();

    await ana.goto(`${portal.url}/messages/${threads.ana}`);
    await ana.getByTestId('message-body').filter({ hasText: TO_ANA }).waitFor();
    expect(await audienceOf(ana)).toBe('Private · you and Maya (counselor)');
    expect(await ana.getByTestId('thread-reply-times').textContent()).toContain(REPLY_TIMES);
    // A client sees no counselor's tools.
    expect(await ana.getByTestId('message-pin').count()).toBe(0);
    expect(await ana.getByTestId('message-read-by').count()).toBe(0);
    // Reading it cleared the badge.
    await ana.getByRole('link', { name: 'Messages, 1 unread' }).waitFor();

    // The draft is kept on the server as it is written, and comes back after a reload.
    await ana.getByTestId('composer-input').fill(ANA_REPLY);
    await ana.getByText(/Draft saved/).waitFor();
    await ana.reload();
    await ana.getByTestId('composer-input').waitFor();
    expect(await ana.getByTestId('composer-input').inputValue()).toBe(ANA_REPLY);
    await ana.getByTestId('composer-send').click();
    await ana
      .getByTestId('message-body')
      .filter({ hasText: 'It went better than I feared.' })
      .waitFor();
    expect(await ana.getByTestId('composer-input').inputValue()).toBe('');
    await screenshot(ana, '85-thread-client-reply');

    // On the counselor's page, open all along: the reply arrives, and Ana's read of hers shows.
    await maya
      .getByTestId('message-body')
      .filter({ hasText: 'It went better than I feared.' })
      .waitFor();
    await maya.getByTestId('message-read-by').filter({ hasText: 'Read by Ana' }).waitFor();
  });

  it('the counselor pins the reply and finds it in the session note’s panel', async () => {
    const reply = maya.getByTestId('message').filter({ hasText: 'It went better than I feared.' });
    await reply.getByTestId('message-pin').click();
    await reply.getByTestId('message-pinned').waitFor();
    expect(await reply.getByTestId('message-pin').innerText()).toContain('Unpin');
    await screenshot(maya, '86-thread-counselor-live-pinned');

    const counselor = new Api(portal.url);
    await counselor.signIn('maya@harbor.example');
    const recorded = await counselor.call<{ id: string }>('POST', `/api/cases/${caseId}/sessions`, {
      startsAt: new Date(Date.now() - 10 * 60_000).toISOString(),
      durationMinutes: 50,
      type: 'couple',
      mode: 'in_person',
      attendeeIds: [people.ana.id, people.ben.id],
    });
    await counselor.call('POST', `/api/sessions/${recorded.id}/note`, { format: 'soap' });
    await maya.goto(`${portal.url}/sessions/${recorded.id}`);
    const pinned = maya.getByTestId('pinned-messages');
    await pinned.waitFor();
    const item = pinned.getByTestId('pinned-message').first();
    expect(await item.innerText()).toContain('Ana Moreno');
    expect(await item.innerText()).toContain('Private · Between sessions');
    expect(await item.innerText()).toContain('We talked about the weekend without a fight.');
    await screenshot(maya, '87-note-pinned-messages');
  });

  it('the counselor asks to quote it in the joint conversation, and the partner agrees', async () => {
    await maya.goto(`${portal.url}/messages/${threads.ana}`);
    const reply = maya.getByTestId('message').filter({ hasText: 'It went better than I feared.' });
    await reply.getByTestId('message-ask-quote').click();
    await maya.getByTestId('message-quote-in').filter({ hasText: 'Our plan together' }).click();
    await reply.getByTestId('quote-state').filter({ hasText: 'waiting for Ana' }).waitFor();

    await ana.reload();
    const mine = ana.getByTestId('message').filter({ hasText: 'It went better than I feared.' });
    await mine.getByTestId('quote-ask').waitFor();
    expect(await mine.getByTestId('quote-ask').innerText()).toContain('Our plan together');
    await screenshot(ana, '88-quote-ask-client');
    await mine.getByTestId('quote-agree').click();
    await mine.getByTestId('quote-state').filter({ hasText: 'You agreed' }).waitFor();
    expect(await mine.getByTestId('quote-ask').count()).toBe(0);

    // Ben reads it in the joint conversation, quoted with Ana's agreement.
    const ben = await session(people.ben.email, people.ben.password, PHONE);
    await ben.goto(`${portal.url}/messages/${threads.joint}`);
    const quoted = ben.getByTestId('message').filter({ hasText: 'We talked about the weekend' });
    await quoted.waitFor();
    expect(await quoted.getByTestId('message-quote-of').innerText()).toContain(
      'Quoted with Ana Moreno’s agreement, from',
    );
    expect(await audienceOf(ben)).toBe('Joint · you, Maya and Ana');
    await screenshot(ben, '89-joint-quote-partner-phone');

    // The counselor's page says it was agreed.
    await reply.getByTestId('quote-state').filter({ hasText: 'Ana agreed' }).waitFor();
  });

  it('the admin sets the clients’ rule and sees waiting conversations as counts only', async () => {
    // Ben's conversation waits: his latest message is older than two days.
    const benApi = new Api(portal.url);
    await benApi.signIn(people.ben.email, people.ben.password);
    await benApi.call('POST', `/api/threads/${threads.ben}/messages`, {
      body: 'Can we talk about Sunday?',
      clientKey: crypto.randomUUID(),
    });
    await portal.sql(
      `UPDATE message_threads SET last_message_at = now() - interval '3 days' WHERE id = $1`,
      [threads.ben],
    );

    const admin = await session('admin@harbor.example');
    const card = admin.getByTestId('message-counts');
    await card.getByTestId('message-counts-row').filter({ hasText: 'Maya' }).waitFor();
    expect(await card.innerText()).not.toContain('Ben');
    expect(await card.innerText()).not.toContain('How this week felt');
    await screenshot(admin, '89a-admin-home-conversations-waiting');

    await admin.goto(`${portal.url}/clinic/crisis-text`);
    const section = admin.getByTestId('clinic-messaging');
    await section.waitFor();
    const recommended = admin.getByRole('radio', {
      name: 'Clients may start a private conversation with their counselor (recommended)',
    });
    await recommended.waitFor();
    expect(await recommended.isChecked()).toBe(true);
    await admin.getByRole('radio', { name: 'Clients cannot start conversations' }).check();
    await admin.getByTestId('client-threads-save').click();
    await admin.getByText('It applies to new conversations from now on').waitFor();
    await screenshot(admin, '89b-admin-messages-rule');

    // Ana is offered no start any more; she still replies where she is written to.
    await ana.goto(`${portal.url}/messages`);
    await ana.getByTestId('thread-row').first().waitFor();
    expect(await ana.getByTestId('start-thread').count()).toBe(0);
  });

  it('showed no CSP violations or script errors on any page', () => {
    expect(problems.flat()).toEqual([]);
  });
});
