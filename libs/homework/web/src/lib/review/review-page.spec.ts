import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideNoopAnimations } from '@angular/platform-browser/animations';
import { provideRouter } from '@angular/router';
import type { HomeworkDetail } from '@mend/shared/contracts';
import { ReviewPage } from './review-page';

const DETAIL: HomeworkDetail = {
  id: 'h1',
  caseId: 'c1',
  caseTitle: 'Sam & Alex',
  assignmentId: 'a1',
  title: 'Accountability letter',
  stage: 'responsibility',
  together: false,
  member: { userId: 'sam', displayName: 'Sam' },
  dueOn: '2026-11-20',
  overdue: false,
  status: 'draft',
  submittedAt: null,
  reviewedAt: null,
  shared: false,
  mine: false,
  paused: false,
  isMeasure: false,
  exercise: {
    id: 'e1',
    version: 1,
    title: 'Accountability letter',
    stage: 'responsibility',
    audience: 'broke_trust',
    recurrence: 'once',
    instructions: '',
    fields: [{ key: 'letter', type: 'long_text', label: 'Your letter', required: true }],
  },
  instructions: null,
  answers: {},
  answersHidden: true,
  revisionReason: null,
  measureResult: null,
  crisisText: null,
  version: 3,
  savedAt: '2026-11-12T10:00:00Z',
  feedback: [],
  members: [],
  confirmations: [],
  staleConfirmations: [],
  can: { edit: false, submit: false, review: false, share: false, reply: false },
};

async function render(detail: HomeworkDetail) {
  TestBed.configureTestingModule({
    providers: [
      provideHttpClient(),
      provideHttpClientTesting(),
      provideRouter([]),
      provideNoopAnimations(),
    ],
  });
  const fixture = TestBed.createComponent(ReviewPage);
  fixture.componentRef.setInput('id', detail.id);
  await fixture.whenStable();
  const http = TestBed.inject(HttpTestingController);
  http.expectOne('/api/homework/h1').flush(detail);
  await new Promise((resolve) => setTimeout(resolve));
  http.expectOne('/api/cases/c1').flush({ id: 'c1', members: [] });
  await new Promise((resolve) => setTimeout(resolve));
  await fixture.whenStable();
  return { element: fixture.nativeElement as HTMLElement, http, fixture };
}

const text = (element: Element | null) => element?.textContent?.replace(/\s+/g, ' ').trim();

describe('ReviewPage', () => {
  it('keeps individual homework in progress private until it is submitted', async () => {
    const { element } = await render(DETAIL);
    expect(text(element.querySelector('[data-testid="review-in-progress"]'))).toContain(
      'In progress — Sam is still writing. You’ll see the response once they submit it.',
    );
    expect(element.querySelector('mend-exercise-form')).toBeNull();
    expect(element.querySelector('[data-testid="reopen-homework"]')).toBeNull();
  });

  it('shows a measure’s result and offers no revision of it', async () => {
    const { element } = await render({
      ...DETAIL,
      title: 'PHQ-9 · Patient Health Questionnaire',
      isMeasure: true,
      status: 'submitted',
      submittedAt: '2026-11-13T10:00:00Z',
      answersHidden: false,
      measureResult: {
        score: 17,
        band: { min: 15, max: 19, label: 'Moderately severe', severity: 'moderately_severe' },
      },
    });
    expect(text(element.querySelector('[data-testid="review-measure-result"]'))).toContain(
      'PHQ-9 · 17 (Moderately severe)',
    );
    expect(element.querySelector('[data-testid="reopen-homework"]')).toBeNull();
  });

  it('sends submitted homework back with the reason the counselor gives', async () => {
    const submitted: HomeworkDetail = {
      ...DETAIL,
      status: 'submitted',
      submittedAt: '2026-11-13T10:00:00Z',
      answersHidden: false,
      answers: { letter: 'I lied to you.' },
    };
    const { element, http, fixture } = await render(submitted);
    (element.querySelector('[data-testid="reopen-homework"]') as HTMLButtonElement).click();
    await fixture.whenStable();
    const reason = document.querySelector<HTMLTextAreaElement>('[data-testid="reopen-reason"]');
    expect(reason).not.toBeNull();

    // Without a reason nothing is sent.
    document.querySelector<HTMLButtonElement>('[data-testid="reopen-confirm"]')?.click();
    await fixture.whenStable();
    http.expectNone('/api/homework/h1/reopen');
    expect(document.querySelector('mat-error')?.textContent).toContain('Say what to revise');

    reason!.value = '  Please name what you will do differently.  ';
    reason!.dispatchEvent(new Event('input'));
    document.querySelector<HTMLButtonElement>('[data-testid="reopen-confirm"]')?.click();
    const request = http.expectOne('/api/homework/h1/reopen');
    expect(request.request.body).toEqual({ reason: 'Please name what you will do differently.' });
    request.flush({
      ...submitted,
      status: 'draft',
      revisionReason: 'Please name what you will do differently.',
    });
    await new Promise((resolve) => setTimeout(resolve));
    await fixture.whenStable();
    expect(text(element.querySelector('[data-testid="review-revision-reason"]'))).toContain(
      'Please name what you will do differently.',
    );
  });

  it('shows the server’s reason beside the field when it refuses an empty one', async () => {
    const submitted: HomeworkDetail = {
      ...DETAIL,
      status: 'submitted',
      submittedAt: '2026-11-13T10:00:00Z',
      answersHidden: false,
    };
    const { element, http, fixture } = await render(submitted);
    (element.querySelector('[data-testid="reopen-homework"]') as HTMLButtonElement).click();
    await fixture.whenStable();
    const reason = document.querySelector<HTMLTextAreaElement>('[data-testid="reopen-reason"]')!;
    reason.value = 'x';
    reason.dispatchEvent(new Event('input'));
    document.querySelector<HTMLButtonElement>('[data-testid="reopen-confirm"]')?.click();
    http.expectOne('/api/homework/h1/reopen').flush(
      {
        statusCode: 400,
        error: 'Bad Request',
        message: 'Check the marked fields.',
        fields: [{ field: 'reason', reasons: ['Say what to revise, in a few more words.'] }],
      },
      { status: 400, statusText: 'Bad Request' },
    );
    await new Promise((resolve) => setTimeout(resolve));
    await fixture.whenStable();
    expect(document.querySelector('mat-error')?.textContent).toContain(
      'Say what to revise, in a few more words.',
    );
  });
});
