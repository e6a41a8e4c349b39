import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { AuthStore } from '@mend/auth/data-access';
import type { CasePage } from '@mend/shared/contracts';
import { MyCase } from './my-case';

async function render(page: CasePage): Promise<HTMLElement> {
  TestBed.configureTestingModule({
    providers: [
      provideHttpClient(),
      provideHttpClientTesting(),
      {
        provide: AuthStore,
        useValue: { me: signal({ id: 'sam', displayName: 'Sam Rivera', role: 'client' }) },
      },
    ],
  });
  const fixture = TestBed.createComponent(MyCase);
  await fixture.whenStable();
  const request = TestBed.inject(HttpTestingController).expectOne((r) => r.url === '/api/cases');
  expect(request.request.params.get('status')).toBe('all');
  request.flush(page);
  await new Promise((resolve) => setTimeout(resolve));
  await fixture.whenStable();
  return fixture.nativeElement as HTMLElement;
}

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

  it('welcomes a client who has no case yet', async () => {
    const element = await render({ items: [], total: 0, page: 1, pageSize: 20 });
    expect(element.querySelector('[data-testid="my-case-empty"]')?.textContent).toContain(
      'You are not part of a case yet.',
    );
  });
});
