import { AxeBuilder } from '@axe-core/playwright';
import { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import {
  giveTotp,
  launchBrowser,
  OUTPUT,
  PHONE_SIZE,
  Portal,
  screenshot,
  signIn,
  watchForProblems,
} from './portal';

const DESKTOP = { width: 1280, height: 900 };

/**
 * axe's best practices this journey holds the pages to besides WCAG 2.2 AA (the issue found each
 * of them broken): everything in a landmark, one main, headings in order, a first-level heading.
 */
const BEST_PRACTICES = [
  'region',
  'landmark-one-main',
  'landmark-no-duplicate-main',
  'landmark-main-is-top-level',
  'landmark-banner-is-top-level',
  'landmark-unique',
  'heading-order',
  'page-has-heading-one',
  'empty-heading',
];

/** A page to check: where it is, and (when it is not the page's heading) what shows it is ready. */
interface Stop {
  name: string;
  path: string;
  ready?: (page: Page) => Locator;
}

/**
 * Issue 14's journey: every page of every role (admin, counselor, client) and the signed-out
 * pages, each checked with axe-core for WCAG 2.2 A and AA at desktop and phone width (see
 * `checkAccessibility` in portal.ts, which `screenshot` runs on every page any journey
 * photographs), plus the shell's user menu and phone navigation drawer, and for the landmark and
 * heading best practices above; then a keyboard user's skip link and focus ring. Fails listing
 * every critical, serious or moderate violation found: page, width, rule and element.
 */
describe('accessibility of every page', () => {
  const portal = new Portal();
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  const problems: string[][] = [];
  /** Every accessibility problem found, a line each; the last test asserts there is none. */
  const found: string[] = [];
  /** Pages checked (each at desktop and phone width). */
  const checked: string[] = [];

  beforeAll(async () => {
    await portal.start();
    browser = await launchBrowser();
  });

  afterAll(async () => {
    for (const context of contexts) await context.close();
    await browser?.close();
    await portal.stop();
  });

  async function fresh(): Promise<Page> {
    const context = await browser.newContext({ viewport: DESKTOP });
    contexts.push(context);
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    problems.push(watchForProblems(page));
    return page;
  }

  /** Photographs and checks the page as it is now, keeping what the check finds. */
  async function check(page: Page, name: string): Promise<void> {
    checked.push(name);
    try {
      await screenshot(page, `a11y-${name}`);
    } catch (error) {
      found.push((error as Error).message);
    }
    // Popups (menus, selects) live in the CDK's overlay container at the end of <body>, outside
    // every landmark by the CDK's design; they are checked with the page for WCAG all the same.
    const practices = await new AxeBuilder({ page })
      .withRules(BEST_PRACTICES)
      .exclude('.cdk-overlay-container')
      .setLegacyMode()
      .analyze();
    for (const rule of practices.violations)
      for (const node of rule.nodes)
        found.push(`${name}: ${rule.id} ${node.target.join(' >> ')} ${node.html.slice(0, 160)}`);
  }

  async function visit(page: Page, stop: Stop): Promise<void> {
    await page.goto(`${portal.url}${stop.path}`);
    await (stop.ready?.(page) ?? page.getByRole('heading', { level: 1 }).first()).waitFor();
    await check(page, stop.name);
  }

  /** Calls the API as the signed-in person of `page` (the session cookie is the context's). */
  async function api<T>(page: Page, path: string, method: 'GET' | 'POST' = 'GET'): Promise<T> {
    const reply = await page.request.fetch(`${portal.url}/api${path}`, {
      method,
      headers: { 'x-requested-with': 'journey' },
    });
    if (!reply.ok()) throw new Error(`${method} ${path}: ${reply.status()} ${await reply.text()}`);
    return (await reply.json()) as T;
  }

  /** The shell's user menu open, and on a phone its navigation drawer. */
  async function checkShell(page: Page, role: string): Promise<void> {
    await page.goto(`${portal.url}/`);
    await page.getByTestId('greeting').waitFor();
    await page.getByTestId('user-menu').click();
    await page.getByTestId('sign-out').waitFor();
    await check(page, `${role}-user-menu`);
    await page.keyboard.press('Escape');
    await page.setViewportSize(PHONE_SIZE);
    await page.getByRole('button', { name: 'Open navigation' }).click();
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link').first().waitFor();
    await check(page, `${role}-navigation-drawer-phone`);
    await page.keyboard.press('Escape');
    await page.setViewportSize(DESKTOP);
  }

  /** Pages every signed-in person has. */
  const everyone: Stop[] = [
    { name: 'home', path: '/', ready: (page) => page.getByTestId('greeting') },
    { name: 'notifications', path: '/notifications' },
    { name: 'mail-settings', path: '/settings/notifications' },
    { name: 'security-settings', path: '/settings/security' },
    { name: 'account', path: '/account' },
    { name: 'not-found', path: '/no-such-page' },
  ];

  /** A page that answers a bad link with a message, or its heading. */
  const refusalOrHeading = (page: Page) =>
    page
      .getByRole('alert')
      .or(page.getByRole('heading', { level: 1 }))
      .first();

  it('checks the signed-out pages', async () => {
    const page = await fresh();
    const stops: Stop[] = [
      { name: 'sign-in', path: '/sign-in' },
      { name: 'forgot-password', path: '/forgot-password' },
      {
        name: 'accept-invitation-bad-token',
        path: '/accept-invitation#token=not-a-real-token',
        ready: refusalOrHeading,
      },
      {
        name: 'reset-password-bad-token',
        path: '/reset-password#token=not-a-real-token',
        ready: refusalOrHeading,
      },
      {
        name: 'unsubscribe-bad-token',
        path: '/unsubscribe#token=not-a-real-token',
        ready: refusalOrHeading,
      },
    ];
    for (const stop of stops) await visit(page, stop);
    // A refused password, with its message.
    await page.goto(`${portal.url}/sign-in`);
    await signIn(page, 'sam@harbor.example', 'not my password at all');
    await page.getByRole('alert').waitFor();
    await check(page, 'sign-in-refused');
  }, 300_000);

  it('checks every page of the admin', async () => {
    const page = await fresh();
    const email = 'admin@harbor.example';
    // The second step of the sign-in is a page of its own.
    await page.goto(`${portal.url}/sign-in`);
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Password', { exact: true }).fill('mend-demo-2026');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByTestId('mfa-code').waitFor();
    await check(page, 'second-step');
    await giveTotp(page, email);
    await page.getByTestId('greeting').waitFor();

    const cases = await api<{ items: { id: string }[] }>(page, '/cases');
    const exercises = await api<{ items: { id: string }[] }>(page, '/exercises');
    const stops: Stop[] = [
      ...everyone,
      { name: 'people', path: '/people' },
      { name: 'cases', path: '/cases' },
      { name: 'open-case', path: '/cases/new' },
      {
        name: 'case',
        path: `/cases/${cases.items[0].id}`,
        ready: (p) => p.getByTestId('case-members'),
      },
      { name: 'caseload', path: '/caseload' },
      { name: 'measures', path: '/exercises' },
      { name: 'measure', path: `/exercises/${exercises.items[0].id}` },
      { name: 'new-exercise', path: '/exercises/new' },
      { name: 'audit-trail', path: '/audit' },
      { name: 'crisis-text', path: '/clinic/crisis-text' },
    ];
    for (const stop of stops) await visit(page, { ...stop, name: `admin-${stop.name}` });
    await checkShell(page, 'admin');
  }, 600_000);

  it('checks every page of the counselor', async () => {
    const page = await fresh();
    await page.goto(`${portal.url}/sign-in`);
    await signIn(page, 'maya@harbor.example');
    await page.getByTestId('greeting').waitFor();

    const cases = await api<{ items: { id: string; title: string }[] }>(page, '/cases');
    const caseId = (cases.items.find((c) => c.title === 'Sam & Alex Rivera') ?? cases.items[0]).id;
    const inbox = await api<{ items: { id: string }[] }>(page, '/homework/inbox');
    const recent = await api<{ items: { id: string }[] }>(page, '/sessions?when=recent');
    const exercises = await api<{ items: { id: string }[] }>(page, '/exercises');
    // The builder with questions in it: a copy of a built-in exercise is the counselor's own.
    const copy = await api<{ id: string }>(
      page,
      `/exercises/${exercises.items[0].id}/copy`,
      'POST',
    );
    const stops: Stop[] = [
      ...everyone,
      { name: 'cases', path: '/cases' },
      { name: 'case', path: `/cases/${caseId}`, ready: (p) => p.getByTestId('case-members') },
      ...['homework', 'progress', 'sessions', 'agreement', 'safety', 'messages'].map((tab) => ({
        name: `case-${tab}`,
        path: `/cases/${caseId}?tab=${tab}`,
        ready: (p: Page) =>
          p
            .getByRole('tabpanel')
            .getByRole('heading')
            .or(p.getByRole('tabpanel').locator('mat-card'))
            .first(),
      })),
      { name: 'agreement', path: `/cases/${caseId}/agreement` },
      { name: 'sessions', path: '/sessions' },
      { name: 'review-inbox', path: '/review' },
      { name: 'exercises', path: '/exercises' },
      { name: 'exercise', path: `/exercises/${exercises.items[0].id}` },
      { name: 'new-exercise', path: '/exercises/new' },
      { name: 'built-in-exercise-edit', path: `/exercises/${exercises.items[0].id}/edit` },
      { name: 'edit-exercise', path: `/exercises/${copy.id}/edit` },
      { name: 'messages', path: '/messages' },
      { name: 'appointments', path: '/appointments' },
      { name: 'availability', path: '/settings/availability' },
    ];
    const threads = await api<{ items: { id: string }[] }>(page, '/threads');
    if (threads.items[0])
      stops.push({ name: 'conversation', path: `/messages/${threads.items[0].id}` });
    if (inbox.items[0]) stops.push({ name: 'review', path: `/review/${inbox.items[0].id}` });
    if (recent.items[0])
      stops.push({ name: 'session-note', path: `/sessions/${recent.items[0].id}` });
    for (const stop of stops) await visit(page, { ...stop, name: `counselor-${stop.name}` });
    await checkShell(page, 'counselor');
  }, 600_000);

  it('checks every page of the client', async () => {
    const page = await fresh();
    await page.goto(`${portal.url}/sign-in`);
    await signIn(page, 'sam@harbor.example');
    await page.getByTestId('greeting').waitFor();

    const homework: { id: string; title: string }[] = [];
    for (const view of ['due', 'overdue', 'done', 'shared'])
      homework.push(
        ...(
          await api<{ items: { id: string; title: string }[] }>(page, `/homework/mine?view=${view}`)
        ).items,
      );
    // One answer page of each exercise: each has its own kinds of questions.
    const oneEach = homework.filter(
      (item, i) => homework.findIndex((other) => other.title === item.title) === i,
    );
    const checks = await api<{ id: string; status: string }[]>(page, '/my/safety-checks');
    const stops: Stop[] = [
      ...everyone,
      { name: 'homework', path: '/homework' },
      { name: 'progress', path: '/progress' },
      { name: 'my-case', path: '/my-case' },
      { name: 'messages', path: '/messages' },
      { name: 'appointments', path: '/appointments' },
      ...(await api<{ items: { id: string }[] }>(page, '/threads')).items
        .slice(0, 1)
        .map((thread) => ({ name: 'conversation', path: `/messages/${thread.id}` })),
      ...oneEach.map((item) => ({
        name: `homework-${item.title.toLowerCase().replace(/[^a-z0-9]+/g, '-')}`,
        path: `/homework/${item.id}`,
      })),
      ...checks.slice(0, 1).map((c) => ({ name: 'safety-check', path: `/safety-check/${c.id}` })),
    ];
    for (const stop of stops) await visit(page, { ...stop, name: `client-${stop.name}` });
    // The case's agreement, as the client's case page links to it.
    await page.goto(`${portal.url}/my-case`);
    const agreement = await page.getByTestId('my-case-agreement').first().getAttribute('href');
    await visit(page, { name: 'client-agreement', path: agreement ?? '/my-case' });
    await checkShell(page, 'client');
  }, 600_000);

  it('lets a keyboard user skip to the page and always shows where the focus is', async () => {
    const page = await fresh();
    await page.goto(`${portal.url}/sign-in`);
    await signIn(page, 'sam@harbor.example');
    await page.getByTestId('greeting').waitFor();
    await page.goto(`${portal.url}/progress`);
    await page.getByTestId('trend-chart').waitFor();

    // The first Tab lands on the skip link, shown over the top bar.
    await page.keyboard.press('Tab');
    const skip = page.getByRole('link', { name: 'Skip to main content' });
    expect(await skip.evaluate((link) => link === document.activeElement)).toBe(true);
    const box = await skip.boundingBox();
    expect(box && box.y >= 0 && box.height > 20).toBe(true);
    await page.screenshot({ path: `${OUTPUT}/a11y-keyboard-skip-link.png` });
    // Enter moves the focus to the page itself (and stays on the page).
    await page.keyboard.press('Enter');
    expect(await page.evaluate(() => document.activeElement?.tagName)).toBe('MAIN');
    expect(new URL(page.url()).pathname).toBe('/progress');
    expect(await skip.boundingBox().then((moved) => (moved?.y ?? 0) < 0)).toBe(true);

    /** How the focus shows on the focused element: its outline, or Material's indicator. */
    const ring = () =>
      page.evaluate(() => {
        const element = document.activeElement as HTMLElement;
        const own = getComputedStyle(element);
        // Material draws it on the control, or on a child of it (list items).
        const host = element.classList.contains('mat-focus-indicator')
          ? element
          : element.querySelector(':scope > .mat-focus-indicator');
        const indicator = host ? getComputedStyle(host, '::before') : null;
        return {
          text: element.textContent?.trim().slice(0, 40),
          outline: own.outlineStyle !== 'none' ? parseFloat(own.outlineWidth) : 0,
          indicator:
            indicator && indicator.content !== 'none' && indicator.display !== 'none'
              ? parseFloat(indicator.borderTopWidth)
              : 0,
        };
      });
    // The next Tab goes into the page: the chart's table toggle, with its outline.
    await page.keyboard.press('Tab');
    const first = await ring();
    expect(first.text).toContain('Show every answer');
    expect(first.outline).toBeGreaterThanOrEqual(2);
    await page.screenshot({ path: `${OUTPUT}/a11y-keyboard-focus-ring.png` });
    // Material's buttons and list links draw their strong focus indicator.
    for (const target of [
      page.getByTestId('user-menu'),
      page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'My homework' }),
    ]) {
      await target.focus();
      const shown = await ring();
      // Named in the failure: which control shows no ring.
      expect({ [shown.text ?? '']: Math.max(shown.outline, shown.indicator) >= 2 }).toEqual({
        [shown.text ?? '']: true,
      });
    }
    await page.screenshot({ path: `${OUTPUT}/a11y-keyboard-focus-nav.png` });
  });

  it('finds no accessibility problem on any page, at either width', () => {
    expect(checked.length).toBeGreaterThan(40);
    expect(found).toEqual([]);
    expect(problems.flat()).toEqual([]);
  });
});
