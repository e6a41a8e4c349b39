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
const PHONE = { width: 390, height: 844 };
const LETTER = 'I kept a second phone for months and lied about the weekends away.';

/**
 * Issue 4's journey: the counselor assigns the accountability letter to the partner who broke
 * trust and the trust thermometer weekly to both; that partner drafts, closes the browser,
 * comes back and submits; the counselor gives feedback and shares it; the other partner now sees
 * it (and never saw the draft); both fill the thermometer (Kai on a phone) and the counselor
 * sees both lines. Issue 14: on a phone the 0–10 steps are thumb-sized and free-text answers grow
 * instead of scrolling sideways; together, Kai and Lee name who is speaking from the case's
 * members, and the counselor reads their names.
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

  async function session(email: string, password: string, viewport = VIEWPORT): Promise<Page> {
    const context = await browser.newContext({ viewport });
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

    await counselor.getByTestId('assign-exercise').click();
    await counselor.getByTestId('assign-exercise-select').click();
    await counselor.getByRole('option', { name: /Safety conversation/ }).click();
    await counselor.getByRole('radio', { name: /The members together/ }).check();
    await counselor.getByTestId('assign-confirm').click();
    await counselor
      .getByTestId('assignment-item')
      .filter({ hasText: 'Safety conversation' })
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

  for (const [who, trust, viewport] of [
    ['kai', 7, PHONE],
    ['lee', 3, VIEWPORT],
  ] as const) {
    it(`${who} fills in the trust thermometer (${viewport.width}×${viewport.height})`, async () => {
      const page = await session(people[who].email, people[who].password, viewport);
      await page.goto(`${portal.url}/homework`);
      await page.getByTestId('homework-due').getByText('Trust thermometer').first().click();
      const steps = page.getByTestId('field-trust').locator('label.step');
      await steps.first().waitFor();
      // Every step is a comfortable target: at least 40×40 px. On the phone the eleven steps
      // wrap onto two rows (0–5, 6–10); on a wide screen they sit in one.
      const boxes = await Promise.all((await steps.all()).map((step) => step.boundingBox()));
      expect(boxes).toHaveLength(11);
      for (const box of boxes) {
        expect(box?.width).toBeGreaterThanOrEqual(40);
        expect(box?.height).toBeGreaterThanOrEqual(40);
      }
      const rows = new Set(boxes.map((box) => Math.round(box?.y ?? 0)));
      expect(rows.size).toBe(viewport === PHONE ? 2 : 1);
      // Its ends are named, with their numbers, and it is still one radio group.
      const ends = await page.getByTestId('field-trust').locator('.ends').innerText();
      expect(ends.replace(/\s+/g, ' ')).toMatch(/^0 Not at all .*Completely 10$/);
      const group = page.getByRole('radiogroup', { name: 'How much do I trust my partner today?' });
      expect(await group.getByRole('radio').count()).toBe(11);

      await steps.filter({ hasText: new RegExp(`^${trust - 1}$`) }).click();
      // One tap chose it; the arrow keys move along the scale.
      await page.keyboard.press('ArrowRight');
      expect(await group.getByRole('radio', { name: String(trust), exact: true }).isChecked()).toBe(
        true,
      );
      await page
        .getByTestId('field-safety')
        .locator('label.step', { hasText: new RegExp(`^${trust + 1}$`) })
        .click();
      // Short answers are fields that grow with what is written, never a line that scrolls.
      const helped = page.getByTestId('field-helped').locator('textarea');
      const before = (await helped.boundingBox())?.height ?? 0;
      await helped.fill(
        who === 'kai'
          ? 'A walk after dinner, when we talked about the weekend and nobody raised their voice'
          : 'A walk after dinner',
      );
      if (viewport === PHONE) {
        await page.waitForFunction(
          (height) =>
            (document.querySelector('[data-testid="field-helped"] textarea')?.clientHeight ?? 0) >
            height,
          before * 1.5,
        );
        expect(await helped.evaluate((el) => el.scrollWidth <= el.clientWidth)).toBe(true);
        expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
          PHONE.width,
        );
      }
      await page.getByTestId('field-hurt').locator('textarea').fill('A short answer on the phone');
      await page
        .getByTestId('homework-save-state')
        .filter({ hasText: /Saved/ })
        .waitFor({ timeout: 15_000 });
      await screenshot(page, `27-thermometer-${viewport === PHONE ? 'phone' : 'wide'}`);
      await page.getByTestId('homework-submit').click();
      await page.getByTestId('homework-status').filter({ hasText: 'Submitted' }).waitFor();
    });
  }

  it('on a phone, Kai writes the safety conversation, naming who is speaking from the case', async () => {
    const kai = await session(people.kai.email, people.kai.password, PHONE);
    await kai.goto(`${portal.url}/homework`);
    await kai.getByTestId('homework-due').getByText('Safety conversation').click();
    for (const [i, name, words] of [
      [0, 'Lee Moreno', 'Hearing about plans before they happen, not after.'],
      [1, 'Kai Moreno', 'Being able to say I am struggling without it turning into a fight.'],
    ] as const) {
      await kai.getByTestId('list-add').click();
      const who = kai.getByRole('radiogroup', { name: 'Who is speaking' }).nth(i);
      // The people of the case, by name: no free text to type (the new row drawn first).
      await who.getByRole('radio', { name }).waitFor();
      expect(await who.getByRole('radio').count()).toBe(2);
      await who.getByRole('radio', { name }).check();
      await kai.getByTestId(`field-answers.${i}.safety_looks_like`).locator('textarea').fill(words);
    }
    expect(
      await kai.getByTestId('field-answers.0.who').locator('input:not([type="radio"])').count(),
    ).toBe(0);
    await kai
      .getByTestId('field-next_step')
      .locator('textarea')
      .fill('Sunday walk, phones left at home');
    await kai
      .getByTestId('homework-save-state')
      .filter({ hasText: /Saved/ })
      .waitFor({ timeout: 15_000 });
    await screenshot(kai, '28-safety-conversation-phone');
    await kai.getByTestId('homework-submit').click();
    await kai.getByTestId('homework-confirmations').filter({ hasText: /you/ }).waitFor();
  });

  it('Lee sees the same names on a wide screen and confirms; the counselor reads who said what', async () => {
    const lee = await session(people.lee.email, people.lee.password);
    await lee.goto(`${portal.url}/homework`);
    await lee.getByTestId('homework-due').getByText('Safety conversation').click();
    const first = lee.getByRole('radiogroup', { name: 'Who is speaking' }).first();
    await first.waitFor();
    expect(await first.getByRole('radio', { name: 'Lee Moreno' }).isChecked()).toBe(true);
    await screenshot(lee, '29-safety-conversation-wide');
    await lee.getByTestId('homework-submit').click();
    await lee.getByTestId('homework-status').filter({ hasText: 'Submitted' }).waitFor();

    await counselor.goto(`${portal.url}/review`);
    await counselor.getByTestId('review-inbox').getByText('Safety conversation').first().click();
    const response = counselor.getByTestId('review-response');
    await response.getByText('Hearing about plans before they happen').waitFor();
    expect(
      (await response.getByTestId('member-answer').allInnerTexts()).map((t) => t.trim()),
    ).toEqual(['Lee Moreno', 'Kai Moreno']);
    // Never a person's internal id.
    expect(await response.innerText()).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-/);
    await screenshot(counselor, '30-review-safety-conversation');
  });

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

  it('the library says in a line what each exercise asks; the builder speaks in people’s words', async () => {
    await counselor.goto(`${portal.url}/exercises`);
    const card = counselor.getByTestId('exercise-card').filter({ hasText: 'Trust thermometer' });
    expect(await card.getByTestId('exercise-summary').innerText()).toBe(
      'A quick weekly reading of trust and safety from 0 to 10, with one thing that helped and one that hurt.',
    );
    await screenshot(counselor, '31-exercise-library');

    await counselor.goto(`${portal.url}/exercises/new`);
    await counselor.getByTestId('exercise-title').fill('Taking turns');
    await counselor.getByTestId('exercise-instructions').fill('Take turns. Listen first.');
    await counselor.getByTestId('field-label').fill('Did we each get a turn?');
    await counselor.getByTestId('field-type').click();
    await counselor.getByRole('option', { name: /Single choice/ }).click();
    const choices = counselor.getByTestId('option-label');
    await choices.nth(0).fill('Yes, fully');
    await choices.nth(1).fill('Not yet');
    await counselor.getByTestId('field-add').click();
    await counselor.getByTestId('field-add-member').click();
    await counselor.getByTestId('field-label').nth(1).fill('Who went first');
    await counselor.getByTestId('field-member-not-together').waitFor();
    // Only people's words: never a stored key such as yes_fully.
    const builder = await counselor.locator('form.builder').innerText();
    expect(builder).not.toMatch(/Saved as|yes_fully|not_yet/);
    await counselor.getByTestId('field-member-note').scrollIntoViewIfNeeded();
    await screenshot(counselor, '32-exercise-builder');
    // Without a summary of its own, the card will show the instructions' first sentence.
    await counselor.getByTestId('exercise-summary').scrollIntoViewIfNeeded();
    expect(await counselor.getByTestId('exercise-summary-hint').innerText()).toContain(
      'Left empty, the card shows: “Take turns.”',
    );
    await screenshot(counselor, '33-exercise-builder-summary');
  });

  it('showed no CSP violations or script errors on any page', () => {
    expect(problems.flat()).toEqual([]);
  });
});

async function expectValue(locator: ReturnType<Page['locator']>, value: string): Promise<void> {
  await locator.waitFor();
  expect(await locator.inputValue()).toBe(value);
}
