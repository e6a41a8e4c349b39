import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { provideNoopAnimations } from '@angular/platform-browser/animations';
import { provideRouter } from '@angular/router';
import { AuthStore } from '@mend/auth/data-access';
import type { Answers, HomeworkDetail } from '@mend/shared/contracts';
import { HomeworkPage } from './homework-page';

const DETAIL: HomeworkDetail = {
  id: 'h1',
  caseId: 'c1',
  caseTitle: 'Sam & Alex',
  assignmentId: 'a1',
  title: 'Our agreements',
  stage: 'agreements',
  together: false,
  member: { userId: 'sam', displayName: 'Sam' },
  dueOn: '2026-11-20',
  overdue: false,
  status: 'draft',
  submittedAt: null,
  reviewedAt: null,
  shared: false,
  mine: true,
  paused: false,
  isMeasure: false,
  exercise: {
    id: 'e1',
    version: 1,
    title: 'Our agreements',
    stage: 'agreements',
    audience: 'together',
    recurrence: 'once',
    instructions: '',
    fields: [{ key: 'agreement', type: 'long_text', label: 'What we agree', required: true }],
  },
  instructions: null,
  answers: { agreement: 'We call when we are late.' },
  answersHidden: false,
  revisionReason: null,
  measureResult: null,
  crisisText: null,
  version: 3,
  savedAt: '2026-11-12T10:00:00Z',
  feedback: [],
  members: [],
  confirmations: [],
  staleConfirmations: [],
  can: { edit: true, submit: true, review: false, share: false, reply: false },
};

const TOGETHER: HomeworkDetail = { ...DETAIL, together: true, member: null };

/** The page's protected handlers, as the form and the autosave call them. */
interface PageInternals {
  onAnswers(answers: Answers): void;
  autosave: { flush(): Promise<void> };
}

async function render(detail: HomeworkDetail) {
  TestBed.configureTestingModule({
    providers: [
      provideHttpClient(),
      provideHttpClientTesting(),
      provideRouter([]),
      provideNoopAnimations(),
      { provide: AuthStore, useValue: { me: signal({ id: 'sam', displayName: 'Sam' }) } },
    ],
  });
  const fixture = TestBed.createComponent(HomeworkPage);
  fixture.componentRef.setInput('id', detail.id);
  await fixture.whenStable();
  const http = TestBed.inject(HttpTestingController);
  http.expectOne('/api/homework/h1').flush(detail);
  await new Promise((resolve) => setTimeout(resolve));
  await fixture.whenStable();
  const page = fixture.componentInstance as unknown as PageInternals;
  return { element: fixture.nativeElement as HTMLElement, http, fixture, page };
}

const text = (element: Element | null) => element?.textContent?.replace(/\s+/g, ' ').trim();

describe('HomeworkPage', () => {
  afterEach(() => TestBed.inject(HttpTestingController).match(() => true));

  it('shows the counselor’s reason for a revision above the form', async () => {
    const { element } = await render({
      ...DETAIL,
      revisionReason: 'Please add what you will do differently.',
    });
    expect(text(element.querySelector('[data-testid="homework-revision-reason"]'))).toContain(
      'Your counselor asked you to revise: Please add what you will do differently.',
    );
  });

  it('asks the member to confirm again when the other changed it after they confirmed', async () => {
    const { element, http, fixture } = await render({
      ...TOGETHER,
      confirmations: [{ userId: 'alex', displayName: 'Alex', confirmedAt: '2026-11-12T11:00:00Z' }],
      staleConfirmations: [{ userId: 'sam', displayName: 'Sam' }],
    });
    http.expectNone('/api/cases/c1');
    expect(text(element.querySelector('[data-testid="homework-stale-confirmation"]'))).toBe(
      'historyAlex changed the response after you confirmed it. Read it again and confirm.',
    );
    expect(text(element.querySelector('[data-testid="homework-confirmations"]'))).toContain(
      'Confirmed by Alex.',
    );
    const confirm = element.querySelector<HTMLButtonElement>('[data-testid="homework-submit"]');
    expect(confirm?.disabled).toBe(false);
    expect(text(confirm)).toContain('Confirm');
    await fixture.whenStable();
  });

  it('names the other member from the case when nobody confirmed the new version', async () => {
    const { element, http, fixture } = await render({
      ...TOGETHER,
      staleConfirmations: [{ userId: 'sam', displayName: 'Sam' }],
    });
    http.expectOne('/api/cases/c1').flush({
      id: 'c1',
      members: [
        { userId: 'sam', displayName: 'Sam' },
        { userId: 'alex', displayName: 'Alex' },
      ],
    });
    await new Promise((resolve) => setTimeout(resolve));
    await fixture.whenStable();
    expect(text(element.querySelector('[data-testid="homework-stale-confirmation"]'))).toContain(
      'Alex changed the response after you confirmed it.',
    );
  });

  it('shows paused together homework read-only, without saying why', async () => {
    const { element } = await render({
      ...TOGETHER,
      paused: true,
      can: { ...TOGETHER.can, edit: false, submit: false },
    });
    expect(text(element.querySelector('[data-testid="homework-paused"]'))).toContain(
      'Your counselor will open joint exercises when it’s the right time.',
    );
    expect(element.querySelector('[data-testid="homework-paused-flag"]')).not.toBeNull();
    expect(element.querySelector('[data-testid="homework-submit"]')).toBeNull();
  });

  it('keeps the text on the page when a save is refused because joint work closed', async () => {
    const { element, http, fixture, page } = await render(TOGETHER);
    page.onAnswers({ agreement: 'We call when we are late, and text when we cannot.' });
    const saving = page.autosave.flush();
    http.expectOne('/api/homework/h1/draft').flush(
      {
        statusCode: 409,
        error: 'Conflict',
        message: 'Your counselor will open joint exercises when it’s the right time.',
        code: 'joint_work_closed',
      },
      { status: 409, statusText: 'Conflict' },
    );
    await saving;
    await fixture.whenStable();
    expect(text(element.querySelector('[data-testid="homework-paused"]'))).toContain(
      'Your counselor will open joint exercises when it’s the right time.',
    );
    expect(element.querySelector('[data-testid="homework-paused-copy"]')).not.toBeNull();
    expect(element.querySelector('[data-testid="homework-conflict"]')).toBeNull();
    // The form turns read-only with the person's words, not the saved version.
    expect(element.querySelector('textarea')).toBeNull();
    expect(element.querySelector('mend-exercise-form')?.textContent).toContain(
      'We call when we are late, and text when we cannot.',
    );
  });
});
