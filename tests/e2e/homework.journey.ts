import { Browser, BrowserContext, Page } from 'playwright-core';
import {
  clearForJointWork,
  launchBrowser,
  openCoupleCase,
  Portal,
  screenshot,
  signIn,
  watchForProblems,
} from './portal';

const VIEWPORT = { width: 1280, height: 900 };
const LETTER = 'I kept a second phone for months and lied about the weekends away.';

/**
 * Issue 4's journey: the counselor assigns the accountability letter to the partner who broke
 * trust and the trust thermometer weekly to both; that partner drafts, closes the browser,
 * comes back and submits; the counselor gives feedback and shares it; the other partner now sees
 * it (and never saw the draft); both fill the thermometer and the counselor sees both lines.
 */
describe('homework in a browser', () => {
  const portal = new Portal();
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  const problems: string[][] = [];
  let caseId = '';
  const people = {
    kai: { email: 'kai@harbor.example', password: 'river stones at dawn 42', id: '' },
    lee: { email: 'lee@harbor.example', password: 'lanterns over the bay 17', id: '' },
  };

  async function session(email: string, password: string): Promise<Page> {
    const context = await browser.newContext({ viewport: VIEWPORT });
    contexts.push(context);
    const page = await context.newPage();
    problems.push(watchForProblems(page));
    await page.goto(`${portal.url}/sign-in`);
    await signIn(page, email, password);
    await page.getByTestId('greeting').waitFor();
    return page;
  }

  beforeAll(async () => {
    await portal.start();
    browser = await launchBrowser();
    caseId = await openCoupleCase(portal, 'Kai & Lee Moreno', people);
    await clearForJointWork(portal, caseId, people, 'time');
  });

  afterAll(async () => {
    for (const context of contexts) await context.close();
    await browser?.close();
    await portal.stop();
  });

  let counselor: Page;

  it('the counselor assigns the letter to Kai and the weekly thermometer to both', async () => {
    counselor = await session('maya@harbor.example', 'mend-demo-2026');
    await counselor.goto(`${portal.url}/cases/${caseId}`);
    await counselor.getByRole('tab', { name: 'Homework' }).click();

    await counselor.getByTestId('assign-exercise').click();
    await counselor.getByTestId('assign-exercise-select').click();
    await counselor.getByRole('option', { name: /Accountability letter/ }).click();
    await counselor.getByRole('radio', { name: 'One member' }).check();
    await counselor.getByTestId('assign-member').click();
    await counselor.getByRole('option', { name: /Kai Moreno/ }).click();
    await counselor
      .getByTestId('assign-instructions')
      .fill('Write it for yourself first; we read it together before anything is shared.');
    await screenshot(counselor, '20-assign-letter');
    await counselor.getByTestId('assign-confirm').click();
    await counselor
      .getByTestId('assignment-item')
      .filter({ hasText: 'Accountability letter' })
      .waitFor();

    await counselor.getByTestId('assign-exercise').click();
    await counselor.getByTestId('assign-exercise-select').click();
    await counselor.getByRole('option', { name: /Trust thermometer/ }).click();
    await counselor.getByRole('radio', { name: 'Each member separately' }).check();
    await counselor.getByRole('radio', { name: 'Weekly' }).click();
    await counselor.getByTestId('assign-confirm').click();
    await counselor
      .getByTestId('assignment-item')
      .filter({ hasText: 'Trust thermometer' })
      .waitFor();
    await screenshot(counselor, '21-case-homework');
  });

  it('Kai drafts the letter, closes the browser, comes back to the saved draft and submits', async () => {
    const kai = await session(people.kai.email, people.kai.password);
    await kai.goto(`${portal.url}/homework`);
    await kai.getByTestId('homework-due').getByText('Accountability letter').click();
    await kai.getByTestId('field-what_i_did').locator('textarea').fill(LETTER);
    await kai
      .getByTestId('homework-save-state')
      .filter({ hasText: /Saved/ })
      .waitFor({ timeout: 15_000 });
    await screenshot(kai, '22-letter-draft-saved');
    await kai.context().close();

    // Lee never sees Kai's draft, in any list or by its address.
    const lee = await session(people.lee.email, people.lee.password);
    await lee.goto(`${portal.url}/homework`);
    await lee.getByTestId('homework-due').waitFor();
    expect(await lee.getByText('Accountability letter').count()).toBe(0);
    const draftsSeen = await lee.evaluate(async () =>
      (await fetch('/api/homework/mine?view=shared')).json(),
    );
    expect(JSON.stringify(draftsSeen)).not.toContain('Accountability letter');
    await lee.context().close();

    const back = await session(people.kai.email, people.kai.password);
    await back.goto(`${portal.url}/homework`);
    await back.getByTestId('homework-due').getByText('Accountability letter').click();
    await expectValue(back.getByTestId('field-what_i_did').locator('textarea'), LETTER);
    await back
      .getByTestId('field-impact')
      .locator('textarea')
      .fill('You doubted your own memory of those months.');
    await back
      .getByTestId('field-not_excusing')
      .locator('textarea')
      .fill('Being unhappy at work does not explain lying to you.');
    await back
      .getByTestId('field-doing_differently')
      .locator('textarea')
      .fill('I share my plans before you have to ask.');
    await back.getByTestId('homework-submit').click();
    await back.getByTestId('homework-status').filter({ hasText: 'Submitted' }).waitFor();
    await screenshot(back, '23-letter-submitted');
  });

  it('the counselor reads it from the inbox, gives feedback, marks it reviewed and shares it', async () => {
    await counselor.goto(`${portal.url}/review`);
    await counselor.getByTestId('review-inbox').getByText('Accountability letter').first().click();
    await counselor.getByTestId('review-response').getByText(LETTER).waitFor();
    await counselor
      .getByTestId('feedback-input')
      .fill('Clear and honest. With your agreement I am sharing it with Lee now.');
    await counselor.getByTestId('feedback-send').click();
    await counselor.getByTestId('feedback-item').first().waitFor();
    await counselor.getByTestId('mark-reviewed').click();
    // The sharing toggle is disabled while the review is saved; the button leaves once it is.
    await counselor.getByTestId('mark-reviewed').waitFor({ state: 'detached' });
    await counselor.getByTestId('share-toggle').click();
    await counselor.getByTestId('confirm').click();
    await counselor.getByRole('dialog').waitFor({ state: 'detached' });
    await counselor
      .getByTestId('homework-shared-flag')
      .or(counselor.getByText(/Shared with/))
      .first()
      .waitFor();
    await screenshot(counselor, '24-review-shared');
  });

  it('Lee now sees the shared letter, read-only', async () => {
    const lee = await session(people.lee.email, people.lee.password);
    await lee.goto(`${portal.url}/homework`);
    await lee.getByTestId('homework-shared').getByText('Accountability letter').click();
    await lee.getByText(LETTER).waitFor();
    expect(await lee.getByTestId('homework-submit').count()).toBe(0);
    await screenshot(lee, '25-shared-letter');
  });

  for (const [who, trust] of [
    ['kai', 7],
    ['lee', 3],
  ] as const) {
    it(`${who} fills in the trust thermometer`, async () => {
      const page = await session(people[who].email, people[who].password);
      await page.goto(`${portal.url}/homework`);
      await page.getByTestId('homework-due').getByText('Trust thermometer').first().click();
      await page
        .getByTestId('field-trust')
        .locator('label.step', { hasText: new RegExp(`^${trust}$`) })
        .click();
      await page
        .getByTestId('field-safety')
        .locator('label.step', { hasText: new RegExp(`^${trust + 1}$`) })
        .click();
      await page
        .getByTestId('field-helped')
        .locator('input, textarea')
        .first()
        .fill('A walk after dinner');
      await page
        .getByTestId('field-hurt')
        .locator('input, textarea')
        .first()
        .fill('A short answer on the phone');
      await page.getByTestId('homework-submit').click();
      await page.getByTestId('homework-status').filter({ hasText: 'Submitted' }).waitFor();
    });
  }

  it('the counselor sees both partners’ lines side by side', async () => {
    await counselor.goto(`${portal.url}/cases/${caseId}`);
    await counselor.getByRole('tab', { name: 'Progress' }).click();
    const chart = counselor.getByTestId('trend-chart').first();
    await chart.waitFor();
    await counselor.getByText('Kai Moreno').first().waitFor();
    await counselor.getByText('Lee Moreno').first().waitFor();
    await counselor.waitForTimeout(800);
    await screenshot(counselor, '26-progress-both-lines');
  });

  it('showed no CSP violations or script errors on any page', () => {
    expect(problems.flat()).toEqual([]);
  });
});

async function expectValue(locator: ReturnType<Page['locator']>, value: string): Promise<void> {
  await locator.waitFor();
  expect(await locator.inputValue()).toBe(value);
}
