import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import type { CaseDetail, CasePathView, ProgressView } from '@mend/shared/contracts';
import { CaseProgress } from './case-progress';

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
  members: [],
  counselors: [],
} satisfies CaseDetail;

const PATH: CasePathView = {
  caseId: 'c1',
  stage: 'responsibility',
  history: [
    {
      id: 'm2',
      from: 'transparency',
      to: 'responsibility',
      reason: 'Back to ownership first.',
      changedAt: '2026-11-12T10:00:00Z',
      changedBy: { userId: 'maya', displayName: 'Maya Okafor' },
    },
    {
      id: 'm1',
      from: 'acknowledge',
      to: 'transparency',
      reason: 'Both named the hurt.',
      changedAt: '2026-11-05T10:00:00Z',
      changedBy: { userId: 'maya', displayName: 'Maya Okafor' },
    },
  ],
};

const EMPTY: ProgressView = { caseId: 'c1', series: [], measures: [], flags: [] };

async function render(progress: ProgressView, path: CasePathView | 'fails') {
  TestBed.configureTestingModule({
    providers: [provideHttpClient(), provideHttpClientTesting()],
  });
  const fixture = TestBed.createComponent(CaseProgress);
  fixture.componentRef.setInput('detail', DETAIL);
  await fixture.whenStable();
  const http = TestBed.inject(HttpTestingController);
  const pathRequest = http.expectOne('/api/cases/c1/path');
  if (path === 'fails')
    pathRequest.flush(
      { statusCode: 500, message: 'Something went wrong.' },
      { status: 500, statusText: 'Server Error' },
    );
  else pathRequest.flush(path);
  http.expectOne('/api/cases/c1/progress').flush(progress);
  await new Promise((resolve) => setTimeout(resolve));
  await fixture.whenStable();
  return fixture.nativeElement as HTMLElement;
}

describe('CaseProgress', () => {
  it('lists the moves on the path in time order, even before any answer is drawn', async () => {
    const element = await render(EMPTY, PATH);
    expect(element.textContent).toContain('No answers to draw yet');
    const moves = Array.from(element.querySelectorAll('[data-testid="progress-stage-move"]'));
    expect(moves.map((m) => m.textContent)).toEqual([
      expect.stringContaining('Acknowledge the hurt → 3 · Transparency'),
      expect.stringContaining('Transparency → 2 · Take responsibility'),
    ]);
    expect(moves[1].textContent).toContain('(back)');
    expect(moves[0].textContent).toContain('Both named the hurt.');
  });

  it('still shows the progress when the path cannot be read', async () => {
    const element = await render(EMPTY, 'fails');
    expect(element.textContent).toContain('No answers to draw yet');
    expect(element.querySelector('[data-testid="progress-stage-moves"]')).toBeNull();
    expect(element.querySelector('[role="alert"]')).toBeNull();
  });
});
