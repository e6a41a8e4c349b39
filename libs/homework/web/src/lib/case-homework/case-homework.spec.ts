import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideNoopAnimations } from '@angular/platform-browser/animations';
import { provideRouter } from '@angular/router';
import type { AssignmentView, CaseDetail, HomeworkPage } from '@mend/shared/contracts';
import { CaseHomework } from './case-homework';

const DETAIL = {
  id: 'c1',
  title: 'Sam & Alex',
  type: 'couple',
  status: 'open',
  startedOn: '2026-09-14',
  closedAt: null,
  outcome: null,
  version: 3,
  stage: 'responsibility',
  members: [
    { userId: 'sam', displayName: 'Sam' },
    { userId: 'alex', displayName: 'Alex' },
  ],
  counselors: [],
} satisfies CaseDetail;

const ASSIGNMENT: AssignmentView = {
  id: 'a1',
  caseId: 'c1',
  exercise: {
    id: 'e1',
    title: 'Trust thermometer',
    version: 1,
    stage: 'time',
    audience: 'each_member',
  },
  target: 'each',
  members: DETAIL.members,
  recurrence: 'weekly',
  firstDueOn: '2026-11-20',
  until: '2026-12-18',
  instructions: null,
  active: true,
  createdAt: '2026-11-13T10:00:00Z',
};

const EMPTY: HomeworkPage = { items: [], total: 0, page: 1, pageSize: 10 };

async function render() {
  TestBed.configureTestingModule({
    providers: [
      provideHttpClient(),
      provideHttpClientTesting(),
      provideRouter([]),
      provideNoopAnimations(),
    ],
  });
  const fixture = TestBed.createComponent(CaseHomework);
  fixture.componentRef.setInput('detail', DETAIL);
  await fixture.whenStable();
  const http = TestBed.inject(HttpTestingController);
  http.expectOne('/api/cases/c1/assignments').flush([ASSIGNMENT]);
  http.expectOne((r) => r.url === '/api/cases/c1/homework').flush(EMPTY);
  await new Promise((resolve) => setTimeout(resolve));
  await fixture.whenStable();
  return { element: fixture.nativeElement as HTMLElement, http, fixture };
}

async function settle(fixture: { whenStable(): Promise<unknown> }): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve));
  await fixture.whenStable();
}

describe('CaseHomework', () => {
  it('withdraws an assignment after asking, then shows the list again', async () => {
    const { element, http, fixture } = await render();
    expect(element.querySelector('[data-testid="assignment-stop"]')).not.toBeNull();
    element.querySelector<HTMLButtonElement>('[data-testid="assignment-withdraw"]')?.click();
    await settle(fixture);
    expect(document.querySelector('mat-dialog-container')?.textContent).toContain(
      'Withdraw “Trust thermometer”?',
    );
    document.querySelector<HTMLButtonElement>('[data-testid="confirm"]')?.click();
    const request = http.expectOne('/api/assignments/a1');
    expect(request.request.method).toBe('DELETE');
    request.flush(null, { status: 204, statusText: 'No Content' });
    await settle(fixture);
    http.expectOne('/api/cases/c1/assignments').flush([]);
    http.expectOne((r) => r.url === '/api/cases/c1/homework').flush(EMPTY);
    await settle(fixture);
    expect(element.textContent).toContain('Nothing assigned yet.');
    http.verify();
  });

  it('shows why the server refuses once a member has written in it', async () => {
    const { element, http, fixture } = await render();
    element.querySelector<HTMLButtonElement>('[data-testid="assignment-withdraw"]')?.click();
    await settle(fixture);
    document.querySelector<HTMLButtonElement>('[data-testid="confirm"]')?.click();
    http.expectOne('/api/assignments/a1').flush(
      {
        statusCode: 409,
        error: 'Conflict',
        message: 'A member has already started this homework, so it cannot be withdrawn.',
      },
      { status: 409, statusText: 'Conflict' },
    );
    await settle(fixture);
    expect(document.querySelector('mat-dialog-container [role="alert"]')?.textContent).toContain(
      'A member has already started this homework, so it cannot be withdrawn.',
    );
    http.verify();
  });
});
