import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { AuthStore } from '@mend/auth/data-access';
import type { CasePage, MyPathView } from '@mend/shared/contracts';
import { MyCase } from './my-case';

async function render(page: CasePage, paths: MyPathView[] = []): Promise<HTMLElement> {
  TestBed.configureTestingModule({
    providers: [
      provideHttpClient(),
      provideHttpClientTesting(),
      provideRouter([]),
      {
        provide: AuthStore,
        useValue: { me: signal({ id: 'sam', displayName: 'Sam Rivera', role: 'client' }) },
      },
    ],
  });
  const fixture = TestBed.createComponent(MyCase);
  await fixture.whenStable();
  const http = TestBed.inject(HttpTestingController);
  const request = http.expectOne((r) => r.url === '/api/cases');
  expect(request.request.params.get('status')).toBe('all');
  request.flush(page);
  http.expectOne('/api/my/path').flush(paths);
  await new Promise((resolve) => setTimeout(resolve));
  await fixture.whenStable();
  return fixture.nativeElement as HTMLElement;
}

const SAM_AND_ALEX: CasePage = {
  items: [
    {
      id: 'c1',
      title: 'Sam & Alex',
      type: 'couple',
      status: 'open',
      startedOn: '2026-09-14',
      closedAt: null,
      outcome: null,
      members: [
        { userId: 'sam', displayName: 'Sam Rivera' },
        { userId: 'alex', displayName: 'Alex Rivera' },
      ],
      counselors: [{ userId: 'maya', displayName: 'Maya Okafor', role: 'primary' }],
    },
  ],
  total: 1,
  page: 1,
  pageSize: 20,
};

describe('MyCase', () => {
  it('shows the counselors and the other members, never the client twice', async () => {
    const element = await render({
      items: [
        {
          id: 'c1',
          title: 'Sam & Alex',
          type: 'couple',
          status: 'open',
          startedOn: '2026-09-14',
          closedAt: null,
          outcome: null,
          members: [
            { userId: 'sam', displayName: 'Sam Rivera' },
            { userId: 'alex', displayName: 'Alex Rivera' },
          ],
          counselors: [{ userId: 'maya', displayName: 'Maya Okafor', role: 'primary' }],
        },
      ],
      total: 1,
      page: 1,
      pageSize: 20,
    });
    const text = element.textContent ?? '';
    expect(text).toContain('Maya Okafor');
    expect(text).toContain('Alex Rivera');
    expect(text).not.toContain('Sam Rivera');
    expect(text).toContain('private between you and your counselors');
  });

  it('shows where they are on the path, what it is about and what comes next, untimed', async () => {
    const element = await render(SAM_AND_ALEX, [
      { caseId: 'c1', caseTitle: 'Sam & Alex', stage: 'repair' },
    ]);
    const card = element.querySelector('[data-testid="my-path"]');
    expect(card).not.toBeNull();
    expect(card?.querySelector('[data-testid="my-path-now"]')?.textContent).toContain(
      'Repair, not revenge',
    );
    expect(card?.querySelector('[data-testid="my-path-now"]')?.textContent).toContain(
      'feel safe again',
    );
    expect(card?.querySelector('[data-testid="my-path-next"]')?.textContent).toContain(
      'Honest, hard conversations',
    );
    const steps = Array.from(card?.querySelectorAll('li') ?? []);
    expect(steps).toHaveLength(9);
    const here = steps.filter((li) => li.getAttribute('aria-current') === 'step');
    expect(here.map((li) => li.textContent)).toEqual([expect.stringContaining('You are here')]);
    // Never a countdown, a timer, a percentage or days in a stage.
    expect(card?.textContent).not.toMatch(/\d|%|\bdays?\b|countdown|timer/i);
  });

  it('shows the case without a path card when the path cannot be read', async () => {
    const element = await render(SAM_AND_ALEX, []);
    expect(element.querySelector('[data-testid="my-case"]')).not.toBeNull();
    expect(element.querySelector('[data-testid="my-path"]')).toBeNull();
  });

  it('welcomes a client who has no case yet', async () => {
    const element = await render({ items: [], total: 0, page: 1, pageSize: 20 });
    expect(element.querySelector('[data-testid="my-case-empty"]')?.textContent).toContain(
      'You are not part of a case yet.',
    );
  });

  it('links each couple or family case to its agreement', async () => {
    const element = await render({
      items: [
        {
          id: 'c9',
          title: 'Sam & Alex',
          type: 'couple',
          status: 'open',
          startedOn: '2026-09-14',
          closedAt: null,
          outcome: null,
          members: [{ userId: 'sam', displayName: 'Sam Rivera' }],
          counselors: [],
        },
      ],
      total: 1,
      page: 1,
      pageSize: 20,
    });
    expect(element.querySelector('[data-testid="my-case-agreement"]')?.getAttribute('href')).toBe(
      '/my-case/c9/agreement',
    );
  });
});
