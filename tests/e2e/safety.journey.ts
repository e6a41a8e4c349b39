import { Browser, BrowserContext, Page } from 'playwright-core';
import {
  Api,
  launchBrowser,
  openCoupleCase,
  Portal,
  screenshot,
  signIn,
  watchForProblems,
} from './portal';

const DESKTOP = { width: 1280, height: 900 };
const PHONE = { width: 390, height: 844 };
const PHQ9_ITEMS = [
  'little_interest',
  'feeling_down',
  'sleep',
  'tired',
  'appetite',
  'feeling_bad',
  'concentrating',
  'moving_speaking',
];

/**
 * Issue 10's journey: a new couple; each partner answers their private safety check-in; the
 * counselor records a conversation with each, clearing one (a together exercise is still
 * refused, with the reason shown) then the other (allowed); a critical PHQ-9 answer shows the
 * client the crisis text before they submit, and raises an alert on the counselor's home page,
 * which the counselor acknowledges with a follow-up note.
 */
describe('clinical safety in a browser', () => {
  const portal = new Portal();
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  const problems: string[][] = [];
  let caseId = '';
  const people = {
    noa: { email: 'noa@harbor.example', password: 'tide pools in april 31', id: '' },
    ezra: { email: 'ezra@harbor.example', password: 'quiet harbor lights 58', id: '' },
  };

  async function session(
    email: string,
    password = 'mend-demo-2026',
    viewport = DESKTOP,
  ): Promise<Page> {
    const context = await browser.newContext({ viewport });
    contexts.push(context);
    const page = await context.newPage();
    problems.push(watchForProblems(page));
    await page.goto(`${portal.url}/sign-in`);
    await signIn(page, email, password);
    await page.getByTestId('greeting').waitFor();
    return page;
  }

  /** Answers every question of the check-in calmly. */
  async function answerCalmly(page: Page): Promise<void> {
    for (const key of ['afraid_of_partner', 'controlled', 'thoughts_of_self_harm']) {
      await page
        .getByTestId(`field-${key}`)
        .getByRole('radio', { name: 'No', exact: true })
        .check();
    }
    for (const key of ['hurt_or_threatened', 'sexual_pressure']) {
      await page
        .getByTestId(`field-${key}`)
        .getByRole('radio', { name: 'No', exact: true })
        .check();
    }
    for (const key of ['safe_together_at_home', 'safe_to_get_messages']) {
      await page
        .getByTestId(`field-${key}`)
        .getByRole('radio', { name: /Yes, it is safe/ })
        .check();
    }
  }

  async function assign(page: Page, title: RegExp, target: string, member?: RegExp) {
    await page.getByTestId('assign-exercise').click();
    await page.getByTestId('assign-exercise-select').click();
    await page.getByRole('option', { name: title }).click();
    await page.getByRole('radio', { name: target }).check();
    if (member) {
      await page.getByTestId('assign-member').click();
      await page.getByRole('option', { name: member }).click();
    }
    await page.getByTestId('assign-confirm').click();
  }

  beforeAll(async () => {
    await portal.start();
    browser = await launchBrowser();
    caseId = await openCoupleCase(portal, 'Noa & Ezra Moreno', people);
  });

  afterAll(async () => {
    for (const context of contexts) await context.close();
    await browser?.close();
    await portal.stop();
  });

  it('each partner answers a private check-in; neither learns about the other’s', async () => {
    const noa = await session(people.noa.email, people.noa.password);
    await noa.getByTestId('my-safety-check').click();
    await noa.getByTestId('quick-exit').waitFor();
    await noa.getByTestId('safety-check-private').waitFor();
    await answerCalmly(noa);
    await screenshot(noa, '60-safety-check-desktop');
    await noa.getByTestId('safety-check-submit').click();
    await noa.getByTestId('safety-check-thanks').waitFor();

    const ezra = await session(people.ezra.email, people.ezra.password, PHONE);
    await ezra.getByTestId('my-joint-work').waitFor();
    await screenshot(ezra, '61-client-home-joint-work-closed-phone');
    await ezra.getByTestId('my-safety-check').click();
    await ezra.getByTestId('quick-exit').waitFor();
    // A worrying answer shows the clinic's crisis text at once, before anything is sent.
    await ezra
      .getByTestId('field-afraid_of_partner')
      .getByRole('radio', { name: 'Sometimes', exact: true })
      .check();
    await ezra.getByTestId('crisis-callout').first().waitFor();
    await screenshot(ezra, '62-safety-check-crisis-text-phone');
    await answerCalmly(ezra);
    await ezra.getByTestId('safety-check-submit').click();
    await ezra.getByTestId('safety-check-thanks').waitFor();

    // Each sees only their own check-in, by list and by address.
    const mine = await noa.evaluate(async () => (await fetch('/api/my/safety-checks')).json());
    const theirs = await ezra.evaluate(async () => (await fetch('/api/my/safety-checks')).json());
    expect(mine).toHaveLength(1);
    expect(theirs).toHaveLength(1);
    const peek = await noa.evaluate(
      async (id) => (await fetch(`/api/safety-checks/${id}`)).status,
      (theirs as { id: string }[])[0].id,
    );
    expect(peek).toBe(404);
  });

  let maya: Page;

  it('the counselor clears one partner: a together exercise is still refused, with the reason', async () => {
    maya = await session('maya@harbor.example');
    await maya.goto(`${portal.url}/cases/${caseId}?tab=safety`);
    await maya.getByTestId('joint-work-gate').waitFor();
    expect(await maya.getByTestId('gate-missing').locator('li').count()).toBe(2);

    const noaCard = maya.getByTestId('safety-member').filter({ hasText: 'Noa Moreno' });
    await noaCard.getByTestId('record-interview').click();
    await maya
      .getByTestId('interview-outcome')
      .getByRole('radio', { name: /Cleared/ })
      .check();
    await maya.getByTestId('interview-note').fill('Seen alone. No fear or control described.');
    await maya.getByTestId('interview-save').click();
    await noaCard.getByTestId('interview').first().waitFor();
    await maya.getByTestId('gate-missing').filter({ hasText: 'Ezra Moreno' }).waitFor();
    expect(await maya.getByTestId('gate-missing').locator('li').count()).toBe(1);
    await screenshot(maya, '63-safety-tab-one-cleared');

    await maya.getByRole('tab', { name: 'Homework' }).click();
    await assign(maya, /Safety conversation/, 'The members together (one shared form)');
    await maya.getByTestId('joint-work-closed').waitFor();
    await screenshot(maya, '64-together-refused');
    await maya.keyboard.press('Escape');
  });

  it('once both are cleared, the together exercise is assigned', async () => {
    await maya.goto(`${portal.url}/cases/${caseId}?tab=safety`);
    const ezraCard = maya.getByTestId('safety-member').filter({ hasText: 'Ezra Moreno' });
    await ezraCard.getByTestId('record-interview').click();
    await maya
      .getByTestId('interview-outcome')
      .getByRole('radio', { name: /Cleared/ })
      .check();
    await maya.getByTestId('interview-save').click();
    await ezraCard.getByTestId('interview').first().waitFor();
    await maya.getByTestId('joint-work-gate').filter({ hasText: /open/i }).waitFor();
    expect(await maya.getByTestId('gate-missing').count()).toBe(0);
    await screenshot(maya, '65-safety-tab-both-cleared');

    await maya.getByRole('tab', { name: 'Homework' }).click();
    await assign(maya, /Safety conversation/, 'The members together (one shared form)');
    // The conversation belongs to a later stage than the case's: confirmed.
    await maya.getByRole('button', { name: 'Assign anyway' }).click();
    await maya.getByTestId('assignment-item').filter({ hasText: 'Safety conversation' }).waitFor();

    await assign(maya, /PHQ-9/, 'One member', /Noa Moreno/);
    await maya.getByTestId('assignment-item').filter({ hasText: 'PHQ-9' }).waitFor();
  });

  it('a critical PHQ-9 answer shows Noa the crisis text before she submits', async () => {
    const noa = await session(people.noa.email, people.noa.password, PHONE);
    await noa.goto(`${portal.url}/homework`);
    await noa.getByTestId('homework-due').getByText(/PHQ-9/).click();
    for (const key of PHQ9_ITEMS) {
      await noa.getByTestId(`field-${key}`).getByRole('radio', { name: 'Several days' }).check();
    }
    expect(await noa.getByTestId('crisis-callout').count()).toBe(0);
    await noa
      .getByTestId('field-better_off_dead')
      .getByRole('radio', { name: 'Several days' })
      .check();
    await noa.getByTestId('crisis-callout').first().waitFor();
    await noa.getByTestId('crisis-callout').first().scrollIntoViewIfNeeded();
    await screenshot(noa, '66-phq9-crisis-text-phone');
    await noa.getByTestId('homework-submit').click();
    await noa.getByTestId('homework-status').filter({ hasText: 'Submitted' }).waitFor();
  });

  it('the alert waits on the counselor’s home until she acknowledges it; Ezra never sees it', async () => {
    await maya.goto(`${portal.url}/`);
    const alert = maya.getByTestId('alerts-panel').getByTestId('alert-item').filter({
      hasText: 'Noa Moreno',
    });
    await alert.waitFor();
    await screenshot(maya, '67-alert-on-home');
    await alert.getByTestId('alert-acknowledge').click();
    await alert
      .getByTestId('alert-follow-up')
      .fill('Called Noa the same day: passive thoughts, no plan. Safety plan agreed.');
    await alert.getByTestId('alert-acknowledge-save').click();
    await alert.waitFor({ state: 'detached' });
    await screenshot(maya, '68-alert-acknowledged');

    const phone = await session('maya@harbor.example', 'mend-demo-2026', PHONE);
    await phone.goto(`${portal.url}/cases/${caseId}?tab=safety`);
    await phone.getByTestId('joint-work-gate').waitFor();
    await screenshot(phone, '69-safety-tab-phone');

    // Ezra's home says nothing of Noa's answer, and the alerts are not his to ask for.
    const ezraHome = await session(people.ezra.email, people.ezra.password, PHONE);
    await ezraHome.getByText('Your homework').first().waitFor();
    expect(await ezraHome.getByTestId('alerts-panel').count()).toBe(0);
    expect(
      await ezraHome.getByText(/better off dead|Noa Moreno.*PHQ|needs your care/).count(),
    ).toBe(0);
    const ezra = new Api(portal.url);
    await ezra.signIn(people.ezra.email, people.ezra.password);
    await expect(ezra.call('GET', '/api/alerts')).rejects.toThrow(/403/);
    expect(problems.flat()).toEqual([]);
  });
});
