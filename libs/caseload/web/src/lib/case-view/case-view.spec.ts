import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { ChangeDetectionStrategy, Component, input, signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { ActivatedRoute, provideRouter } from '@angular/router';
import { AuthStore } from '@mend/auth/data-access';
import type { CaseDetail, Me, Role } from '@mend/shared/contracts';
import type { CaseTab } from './case-tabs';
import { CaseView } from './case-view';

@Component({
  selector: 'mend-stub-tab',
  template: `<p data-testid="stub-tab">Tab of {{ detail().title }}</p>`,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
class StubTab {
  readonly detail = input.required<CaseDetail>();
}

const detail = (changes: Partial<CaseDetail> = {}): CaseDetail => ({
  id: 'c1',
  title: 'Sam & Alex',
  type: 'couple',
  status: 'open',
  startedOn: '2026-09-14',
  closedAt: null,
  outcome: null,
  version: 1,
  stage: 'transparency',
  members: [
    { userId: 'sam', displayName: 'Sam Rivera', email: 'sam@x.org', status: 'active' },
    { userId: 'alex', displayName: 'Alex Rivera', email: 'alex@x.org', status: 'invited' },
  ],
  counselors: [{ userId: 'maya', displayName: 'Maya Okafor', role: 'primary' }],
  ...changes,
});

/** Lets promise callbacks run, then change detection. */
async function settle(fixture: { whenStable(): Promise<unknown> }): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve));
  await fixture.whenStable();
}

async function render(role: Role, answer: CaseDetail, caseTabs: CaseTab[] = []) {
  const me = signal<Me>({
    id: role === 'counselor' ? 'maya' : 'dana',
    email: 'me@x.org',
    displayName: 'Me',
    role,
    clinic: { id: 'k', name: 'Harbor' },
    secondFactor: 'given',
  });
  TestBed.configureTestingModule({
    providers: [
      provideRouter([]),
      provideHttpClient(),
      provideHttpClientTesting(),
      { provide: AuthStore, useValue: { me, role: () => me().role } },
    ],
  });
  TestBed.inject(ActivatedRoute).snapshot.data = { caseTabs };
  const fixture = TestBed.createComponent(CaseView);
  fixture.componentRef.setInput('id', 'c1');
  const http = TestBed.inject(HttpTestingController);
  await fixture.whenStable();
  http.expectOne('/api/cases/c1').flush(answer);
  await settle(fixture);
  http
    .match((r) => r.url === '/api/cases/c1/history')
    .forEach((r) => r.flush({ items: [], total: 0, page: 1, pageSize: 20 }));
  http
    .match((r) => r.url === '/api/cases/c1/path')
    .forEach((r) => r.flush({ caseId: 'c1', stage: answer.stage, history: [] }));
  await settle(fixture);
  const element = fixture.nativeElement as HTMLElement;
  const byTestId = (id: string) => element.querySelectorAll(`[data-testid="${id}"]`);
  return { element, byTestId, fixture };
}

describe('CaseView', () => {
  it('gives admins the case’s actions and history, and never labels', async () => {
    const { element, byTestId } = await render('admin', detail());
    expect(byTestId('case-title')[0]?.textContent).toContain('Sam & Alex');
    expect(byTestId('edit-case')).toHaveLength(1);
    expect(byTestId('close-case')).toHaveLength(1);
    expect(byTestId('add-member')).toHaveLength(1);
    expect(byTestId('assign-counselors')).toHaveLength(1);
    expect(byTestId('case-history')).toHaveLength(1);
    expect(byTestId('member-label')).toHaveLength(0);
    expect(element.textContent).toContain('Invited');
    // Where the case is, but not the path's card (its reasons are clinical).
    expect(byTestId('case-stage')[0]?.textContent).toContain('3 · Transparency');
    expect(byTestId('case-path')).toHaveLength(0);
  });

  it('offers only "Reopen" on a closed case, with its outcome', async () => {
    const { element, byTestId } = await render(
      'admin',
      detail({
        status: 'closed',
        outcome: 'separated_with_care',
        closedAt: '2026-11-01T10:00:00Z',
      }),
    );
    expect(byTestId('reopen-case')).toHaveLength(1);
    expect(byTestId('edit-case')).toHaveLength(0);
    expect(byTestId('add-member')).toHaveLength(0);
    expect(byTestId('case-status')[0]?.textContent).toContain('Closed · Separated with care');
    expect(element.textContent).toContain('Separated with care');
  });

  it('lets the case’s counselors set labels, and says only they see them', async () => {
    const withLabels = detail({
      members: [
        { userId: 'sam', displayName: 'Sam Rivera', label: 'broke_trust' },
        { userId: 'alex', displayName: 'Alex Rivera', label: null },
      ],
    });
    const { element, byTestId } = await render('counselor', withLabels);
    expect(byTestId('member-label')).toHaveLength(2);
    // Each select is named after its member, for screen readers (not just "Position").
    const select = byTestId('member-label')[0];
    expect(select?.getAttribute('aria-label')).toBe('Position of Sam Rivera');
    expect(select?.hasAttribute('aria-labelledby')).toBe(false);
    expect(element.textContent).toContain('Only the case’s counselors see these labels.');
    expect(element.textContent).toContain('Broke trust');
    expect(element.textContent).toContain('Not set');
    expect(byTestId('edit-case')).toHaveLength(0);
    expect(byTestId('case-history')).toHaveLength(0);
    expect(element.textContent).toContain('Maya Okafor (you)');
    expect(byTestId('case-path')).toHaveLength(1);
    expect(byTestId('move-stage')).toHaveLength(1);
  });

  it('shows the tabs other features add, to the roles they name, with the case', async () => {
    const tabs: CaseTab[] = [
      {
        label: 'Homework',
        roles: ['counselor'],
        testId: 'tab-homework',
        load: async () => StubTab,
      },
    ];
    const counselor = await render('counselor', detail(), tabs);
    expect(counselor.byTestId('tab-homework')).toHaveLength(1);
    (counselor.byTestId('tab-homework')[0] as HTMLElement).click();
    await settle(counselor.fixture);
    expect(counselor.byTestId('stub-tab')[0]?.textContent).toContain('Tab of Sam & Alex');

    TestBed.resetTestingModule();
    const admin = await render('admin', detail(), tabs);
    expect(admin.byTestId('tab-homework')).toHaveLength(0);
  });

  it('says kindly when a case cannot be seen', async () => {
    const fixture = await (async () => {
      TestBed.configureTestingModule({
        providers: [
          provideRouter([]),
          provideHttpClient(),
          provideHttpClientTesting(),
          { provide: AuthStore, useValue: { me: signal(null), role: () => 'counselor' } },
        ],
      });
      const f = TestBed.createComponent(CaseView);
      f.componentRef.setInput('id', 'nope');
      await f.whenStable();
      TestBed.inject(HttpTestingController)
        .expectOne('/api/cases/nope')
        .flush(
          { statusCode: 404, error: 'Not Found', message: 'No such case.' },
          { status: 404, statusText: 'Not Found' },
        );
      await settle(f);
      return f;
    })();
    expect((fixture.nativeElement as HTMLElement).textContent).toContain(
      'This case cannot be found',
    );
  });
});
