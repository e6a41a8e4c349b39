import { readFileSync } from 'node:fs';
import { Browser, BrowserContext, Page } from 'playwright-core';
import {
  Api,
  launchBrowser,
  openCoupleCase,
  openedDialog,
  Portal,
  screenshot,
  signIn,
  watchForProblems,
} from './portal';

const VIEWPORT = { width: 1280, height: 900 };
const SUBJECTIVE =
  'Kai said the weekly check-ins feel less like an exam. Lee still checks the phone.';
const PLAN = 'Keep the weekly check-in; start the accountability letter next week.';
const ADDENDUM = 'Correction: Lee asked for the check-in to move to Sunday evenings.';

/**
 * Issue 5's journey: the counselor records a session, writes a SOAP note that saves itself,
 * pulls in the homework since the last session, meets a second tab's edit without losing a word,
 * signs the note once the session is over (locked; the API refuses changes), adds and signs an
 * addendum, downloads the PDF and prints it; a client of the case cannot reach any of it; the
 * admin sees counts and the audit trail, never the text.
 */
describe('sessions and notes in a browser', () => {
  const portal = new Portal();
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  const problems: string[][] = [];
  let caseId = '';
  let sessionId = '';
  let noteId = '';
  const people = {
    kai: { email: 'kai@harbor.example', password: 'river stones at dawn 42', id: '' },
    lee: { email: 'lee@harbor.example', password: 'lanterns over the bay 17', id: '' },
  };

  async function session(email: string, password: string): Promise<Page> {
    const context = await browser.newContext({ viewport: VIEWPORT, acceptDownloads: true });
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
  function fromPage(page: Page, method: string, path: string, body?: unknown) {
    return page.evaluate(
      async ([m, p, b]) => {
        const reply = await fetch(p as string, {
          method: m as string,
          headers: { 'content-type': 'application/json', 'x-requested-with': 'XMLHttpRequest' },
          body: b === undefined ? undefined : JSON.stringify(b),
        });
        return { status: reply.status, text: await reply.text() };
      },
      [method, path, body] as const,
    );
  }

  beforeAll(async () => {
    await portal.start();
    browser = await launchBrowser();
    caseId = await openCoupleCase(portal, 'Kai & Lee Moreno', people);

    // Homework since the last session: the trust thermometer, which Kai fills in.
    const counselor = new Api(portal.url);
    await counselor.signIn('maya@harbor.example');
    const library = await counselor.call<{ items: { id: string; title: string }[] }>(
      'GET',
      '/api/exercises?status=active&pageSize=100',
    );
    const thermometer = library.items.find((e) => e.title === 'Trust thermometer');
    await counselor.call('POST', `/api/cases/${caseId}/assignments`, {
      exerciseId: thermometer?.id,
      target: 'each',
      dueOn: new Date().toISOString().slice(0, 10),
      recurrence: 'once',
      confirmLaterStage: true,
    });
    const kai = new Api(portal.url);
    await kai.signIn(people.kai.email, people.kai.password);
    const due = await kai.call<{ items: { id: string; title: string }[] }>(
      'GET',
      '/api/homework/mine?view=due',
    );
    const mine = due.items.find((h) => h.title === 'Trust thermometer');
    const detail = await kai.call<{ version: number }>('GET', `/api/homework/${mine?.id}`);
    await kai.call('POST', `/api/homework/${mine?.id}/submit`, {
      answers: { trust: 6, safety: 7, helped: 'A walk after dinner', hurt: 'A short answer' },
      version: detail.version,
    });
  });

  afterAll(async () => {
    for (const context of contexts) await context.close();
    await browser?.close();
    await portal.stop();
  });

  let counselor: Page;

  it('the counselor records a session on the case', async () => {
    counselor = await session('maya@harbor.example', 'mend-demo-2026');
    await counselor.goto(`${portal.url}/cases/${caseId}`);
    await counselor.getByTestId('case-tab-sessions').click();
    await counselor.getByTestId('record-session').click();
    await openedDialog(counselor);
    // The start defaults to the last quarter hour: now or just before, never an upcoming time.
    expect(await counselor.getByTestId('session-upcoming').count()).toBe(0);
    await counselor.getByRole('radio', { name: /Telehealth/ }).click();
    await counselor.getByTestId('session-duration').click();
    await counselor.getByRole('option', { name: '60 min' }).click();
    await counselor.getByRole('listbox').waitFor({ state: 'detached' });
    await screenshot(counselor, '30-record-session');
    await counselor.getByTestId('session-save').click();
    await counselor.getByRole('dialog').waitFor({ state: 'detached' });
    const row = counselor.getByTestId('case-session').first();
    await row.waitFor();
    expect(await row.textContent()).toContain('Telehealth · 60 min');
    await counselor.getByTestId('note-access').waitFor();
    await screenshot(counselor, '31-case-sessions');
    sessionId = ((await row.getAttribute('href')) ?? '').split('/').pop() ?? '';
    expect(sessionId).not.toBe('');
  });

  it('writes a SOAP note that saves itself and pulls in the homework summary', async () => {
    await counselor.getByTestId('case-session').first().click();
    await counselor.getByTestId('start-note').waitFor();
    await counselor.getByTestId('start-note-button').click();
    await counselor.getByTestId('note-editor').waitFor();
    noteId = (await fromPage(counselor, 'GET', `/api/sessions/${sessionId}`)).text.match(
      /"note":\{"id":"([^"]+)"/,
    )?.[1] as string;
    expect(noteId).toBeTruthy();

    const subjective = counselor.getByTestId('note-section-subjective').locator('textarea');
    await subjective.fill(SUBJECTIVE);
    await counselor
      .getByTestId('note-save-state')
      .filter({ hasText: /Draft saved/ })
      .waitFor({ timeout: 15_000 });
    await counselor.getByTestId('note-section-plan').locator('textarea').fill(PLAN);

    await counselor.getByTestId('homework-since-item').filter({ hasText: 'Kai Moreno' }).waitFor();
    await subjective.focus();
    await counselor.getByTestId('insert-homework').click();
    // The summary lands in the field at the next render: wait for it, not for a fixed time.
    for (let i = 0; i < 50 && !(await subjective.inputValue()).includes('Trust thermometer'); i++)
      await counselor.waitForTimeout(100);
    expect(await subjective.inputValue()).toContain(SUBJECTIVE);
    expect(await subjective.inputValue()).toContain('Trust thermometer (Kai Moreno');
    expect(await subjective.inputValue()).toMatch(/Trust\S* .*6\/10/);
    await counselor
      .getByTestId('note-save-state')
      .filter({ hasText: /Draft saved/ })
      .waitFor({ timeout: 15_000 });
    // Note text lives only on the server.
    const stored = await counselor.evaluate(() =>
      JSON.stringify({ ...localStorage, ...sessionStorage }),
    );
    expect(stored).not.toContain('weekly check-ins');
    await screenshot(counselor, '32-note-draft-homework');
  });

  it('the homework panel follows the session when its date is changed, and back', async () => {
    const panel = counselor.getByTestId('homework-since');
    const changeDay = async (day: string) => {
      await counselor.getByTestId('edit-session').click();
      await openedDialog(counselor);
      const field = counselor.getByTestId('session-day');
      const before = await field.inputValue();
      await field.fill(day);
      await counselor.getByTestId('session-save').click();
      await counselor.getByRole('dialog').waitFor({ state: 'detached' });
      return before;
    };
    const weekAgo = new Date(Date.now() - 7 * 86_400_000);
    // A week earlier, the thermometer Kai sent today comes after the session: out of its window.
    const today = await changeDay(weekAgo.toLocaleDateString('en-US'));
    await panel.getByText('Nothing was submitted in this period.').waitFor();
    expect(await panel.locator('mat-card-subtitle').textContent()).toContain(
      weekAgo.toLocaleDateString('en-US', { month: 'short', day: 'numeric' }),
    );
    expect(await panel.getByTestId('homework-since-item').count()).toBe(0);
    // Back on its day, it is there again.
    await changeDay(today);
    await panel.getByTestId('homework-since-item').filter({ hasText: 'Kai Moreno' }).waitFor();
  });

  it('keeps the counselor’s text when another tab saved the note meanwhile', async () => {
    const other = await counselor.context().newPage();
    problems.push(watchForProblems(other));
    await other.goto(`${portal.url}/sessions/${sessionId}`);
    const otherPlan = other.getByTestId('note-section-plan').locator('textarea');
    await otherPlan.waitFor();
    await otherPlan.fill(`${PLAN} (from the other tab)`);
    await other
      .getByTestId('note-save-state')
      .filter({ hasText: /Draft saved/ })
      .waitFor({ timeout: 15_000 });
    await other.close();

    const assessment = counselor.getByTestId('note-section-assessment').locator('textarea');
    await assessment.fill('Repair is under way; trust is rising slowly.');
    await counselor.getByTestId('note-conflict').waitFor({ timeout: 15_000 });
    expect(await assessment.inputValue()).toBe('Repair is under way; trust is rising slowly.');
    await counselor.getByTestId('note-show-theirs').click();
    await counselor.getByTestId('note-theirs').getByText('(from the other tab)').waitFor();
    await screenshot(counselor, '33-note-conflict');
    await counselor.getByTestId('note-keep-mine').click();
    await counselor
      .getByTestId('note-save-state')
      .filter({ hasText: /Draft saved/ })
      .waitFor({ timeout: 15_000 });
    expect(await assessment.inputValue()).toBe('Repair is under way; trust is rising slowly.');
  });

  it('signs the note once the session is over, after confirming, and finds it locked', async () => {
    // Recorded as just started, the session is still under way: signing waits, and says why.
    expect(await counselor.getByTestId('sign-note').isDisabled()).toBe(true);
    expect(await counselor.getByTestId('sign-not-yet').textContent()).toMatch(
      /You can sign once the session ends (at|on .+ at) \d\d:\d\d\./,
    );
    // Time passes: the session is over.
    await portal.sql(`UPDATE sessions SET starts_at = now() - interval '2 hours' WHERE id = $1`, [
      sessionId,
    ]);
    await counselor.reload();
    await counselor.getByTestId('note-editor').waitFor();
    expect(await counselor.getByTestId('sign-not-yet').count()).toBe(0);
    await counselor.getByTestId('sign-note').click();
    await counselor.getByRole('dialog').getByText('Sign this note?').waitFor();
    await counselor.waitForTimeout(400);
    await screenshot(counselor, '34-sign-confirm');
    await counselor.getByTestId('confirm').click();
    await counselor.getByTestId('note-signed').waitFor();
    expect(await counselor.getByTestId('note-signed').textContent()).toMatch(/Signed by Maya/);
    expect(await counselor.locator('mend-note-page textarea').count()).toBe(0);
    await counselor.getByTestId('note-locked').getByText(SUBJECTIVE).waitFor();

    const note = JSON.parse((await fromPage(counselor, 'GET', `/api/notes/${noteId}`)).text) as {
      version: number;
      format: string;
      sections: Record<string, string>;
    };
    const refused = await fromPage(counselor, 'PUT', `/api/notes/${noteId}`, {
      format: note.format,
      sections: { ...note.sections, plan: 'Changed after signing' },
      version: note.version,
    });
    expect(refused.status).toBe(409);
  });

  it('adds an addendum, signs it, and it is locked below the note', async () => {
    await counselor.getByTestId('write-addendum').click();
    await counselor.getByTestId('addendum-text').fill(ADDENDUM);
    await counselor
      .getByTestId('addendum-save-state')
      .filter({ hasText: /Draft saved/ })
      .waitFor({ timeout: 15_000 });
    await counselor.getByTestId('sign-addendum').click();
    await counselor.getByTestId('confirm').click();
    const addendum = counselor.getByTestId('note-addendum').first();
    await addendum.waitFor();
    expect(await addendum.textContent()).toContain(ADDENDUM);
    expect(await addendum.textContent()).toMatch(/signed by Maya/i);
    expect(await counselor.getByTestId('addendum-text').count()).toBe(0);
    await screenshot(counselor, '35-note-signed-addendum');
  });

  it('downloads the note as a PDF and prints it without the app around it', async () => {
    const [download] = await Promise.all([
      counselor.waitForEvent('download'),
      counselor.getByTestId('download-pdf').click(),
    ]);
    const file = await download.path();
    expect(readFileSync(file).subarray(0, 4).toString('latin1')).toBe('%PDF');

    await counselor.emulateMedia({ media: 'print' });
    expect(await counselor.locator('mat-sidenav').isVisible()).toBe(false);
    expect(await counselor.getByTestId('download-pdf').isVisible()).toBe(false);
    await counselor.getByTestId('note-locked').getByText(SUBJECTIVE).waitFor();
    await screenshot(counselor, '36-note-print');
    await counselor.emulateMedia({ media: 'screen' });
  });

  it('lists the session on the counselor’s Sessions page and the reads on the case', async () => {
    await counselor.getByRole('link', { name: 'Sessions' }).first().click();
    await counselor.getByTestId('sessions-upcoming').waitFor();
    await counselor
      .getByTestId('upcoming-session')
      .or(counselor.getByTestId('recent-session'))
      .first()
      .waitFor();
    await screenshot(counselor, '37-sessions-page');

    await counselor.goto(`${portal.url}/cases/${caseId}`);
    await counselor.getByTestId('case-tab-sessions').click();
    await counselor.getByTestId('note-access').getByText('Signed a note').first().waitFor();
    expect(await counselor.getByTestId('case-session').first().textContent()).toContain('Signed');
  });

  it('a client of the case cannot reach the note, in the app or through the API', async () => {
    const kai = await session(people.kai.email, people.kai.password);
    await kai.goto(`${portal.url}/sessions/${sessionId}`);
    // Told the page is not for their role, at the address they opened (not sent home silently).
    await kai.getByTestId('not-available').waitFor();
    expect(new URL(kai.url()).pathname).toBe(`/sessions/${sessionId}`);
    expect(await kai.getByText(SUBJECTIVE).count()).toBe(0);
    for (const path of [
      `/api/sessions/${sessionId}`,
      `/api/notes/${noteId}`,
      `/api/notes/${noteId}/pdf`,
      `/api/cases/${caseId}/sessions`,
      `/api/cases/${caseId}/note-access`,
    ]) {
      // Sessions and notes are counselors' routes: a client is refused whatever the record.
      expect([path, (await fromPage(kai, 'GET', path)).status]).toEqual([path, 403]);
    }
    expect(await kai.getByRole('link', { name: 'Sessions' }).count()).toBe(0);
  });

  it('the admin sees unsigned-note counts and the audit trail, never the text', async () => {
    const admin = await session('admin@harbor.example', 'mend-demo-2026');
    await admin.goto(`${portal.url}/caseload`);
    await admin.getByTestId('notes-unsigned').first().waitFor();
    await admin.waitForTimeout(300);
    await screenshot(admin, '38-admin-caseload-notes');
    // Each counselor's link is named by the words it shows (WCAG 2.5.3): the name, then what
    // the link opens, for a screen reader; no label of its own that says something else.
    const loads = admin.getByTestId('counselor-loads').getByRole('link');
    expect(await loads.count()).toBeGreaterThan(0);
    for (const link of await loads.all()) {
      const shown = (
        await link.locator('.name').evaluate((el) => el.firstChild?.textContent ?? '')
      ).trim();
      expect(shown.length).toBeGreaterThan(0);
      expect(await link.getAttribute('aria-label')).toBeNull();
      expect(await link.getAttribute('aria-labelledby')).toBeNull();
      // The name starts with the words shown (the hidden part may come after a space).
      const name = /link "([^"]*)"/.exec(await link.ariaSnapshot())?.[1] ?? '';
      expect(name.startsWith(shown)).toBe(true);
      expect(name.replace(shown, '').trim()).toBe(': open cases');
    }

    await admin.getByRole('link', { name: 'Audit trail' }).click();
    await admin.getByTestId('audit-table').waitFor();
    await admin.getByTestId('audit-action').fill('note.signed');
    await admin.getByTestId('audit-apply').click();
    await admin.getByTestId('audit-row').filter({ hasText: 'Signed a note' }).first().waitFor();
    await admin.getByTestId('audit-action').fill('');
    await admin.getByTestId('audit-entity-type').click();
    await admin.getByRole('option', { name: 'Note', exact: true }).click();
    await admin.getByTestId('audit-apply').click();
    await admin.getByTestId('audit-row').filter({ hasText: 'Opened a note' }).first().waitFor();
    expect(await admin.getByText(SUBJECTIVE).count()).toBe(0);
    await screenshot(admin, '39-admin-audit-trail');
    expect((await fromPage(admin, 'GET', `/api/notes/${noteId}`)).status).toBe(403);
  });

  it('showed no CSP violations or script errors on any page', () => {
    expect(problems.flat()).toEqual([]);
  });
});
