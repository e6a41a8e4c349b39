import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { Component, signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { provideNoopAnimations } from '@angular/platform-browser/animations';
import { provideRouter, Router } from '@angular/router';
import { AuthStore } from '@mend/auth/data-access';
import type {
  CaseDetail,
  MessageEvent as ThreadEvent,
  ThreadOptions,
} from '@mend/shared/contracts';
import { Subject } from 'rxjs';
import { MessageEvents } from '../data-access/message-events';
import { options, summary, thread } from '../testing/fixtures';
import { CaseMessages } from './case-messages';

@Component({ template: '' })
class Blank {}

async function settle(fixture: { whenStable(): Promise<unknown> }): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve));
  await fixture.whenStable();
  await new Promise((resolve) => setTimeout(resolve));
  await fixture.whenStable();
}

const detail: CaseDetail = {
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
    { userId: 'sam', displayName: 'Sam Rivera' },
    { userId: 'alex', displayName: 'Alex Rivera' },
  ],
  counselors: [{ userId: 'dana', displayName: 'Dana Okafor', role: 'primary' }],
};

async function render(answer: ThreadOptions) {
  const events = new Subject<ThreadEvent>();
  TestBed.configureTestingModule({
    providers: [
      provideRouter([{ path: 'messages/:id', component: Blank }]),
      provideHttpClient(),
      provideHttpClientTesting(),
      provideNoopAnimations(),
      {
        provide: AuthStore,
        useValue: { me: signal({ id: 'dana', role: 'counselor' }), role: () => 'counselor' },
      },
      { provide: MessageEvents, useValue: { events, resync: new Subject<void>() } },
    ],
  });
  const fixture = TestBed.createComponent(CaseMessages);
  fixture.componentRef.setInput('detail', detail);
  const http = TestBed.inject(HttpTestingController);
  await fixture.whenStable();
  http
    .expectOne('/api/threads?caseId=c1&page=1&pageSize=10')
    .flush({ items: [summary()], total: 1, page: 1, pageSize: 10 });
  http.expectOne('/api/cases/c1/thread-options').flush(answer);
  await settle(fixture);
  const element = fixture.nativeElement as HTMLElement;
  const one = (id: string) => element.querySelector<HTMLElement>(`[data-testid="${id}"]`);
  const all = (id: string) =>
    Array.from(element.querySelectorAll<HTMLElement>(`[data-testid="${id}"]`));
  const fill = async (id: string, value: string) => {
    const input = one(id) as HTMLInputElement | HTMLTextAreaElement;
    input.value = value;
    input.dispatchEvent(new Event('input'));
    await settle(fixture);
  };
  return { fixture, http, one, all, fill, events };
}

describe('CaseMessages', () => {
  afterEach(() => TestBed.inject(HttpTestingController).verify());

  it('lists the case’s conversations without repeating the case, and refreshes on its events', async () => {
    const { all, one, events, http, fixture } = await render(options());
    expect(all('thread-row')).toHaveLength(1);
    expect(one('thread-case')).toBeNull();

    events.next({ threadId: 'x', caseId: 'other-case' });
    http.expectNone((r) => r.url === '/api/threads');
    events.next({ threadId: 't9', caseId: 'c1' });
    http
      .expectOne('/api/threads?caseId=c1&page=1&pageSize=10')
      .flush({ items: [summary(), summary({ id: 't9' })], total: 2, page: 1, pageSize: 10 });
    await settle(fixture);
    expect(all('thread-row')).toHaveLength(2);
  });

  it('starts a private conversation with the chosen member, with a key, and opens it', async () => {
    const randomUUID = jest.spyOn(crypto, 'randomUUID').mockReturnValue('9-9-9-9-9');
    const { one, fill, fixture, http } = await render(options());
    // The member must be chosen: nothing is sent without.
    await fill('start-thread-subject', 'Before Thursday');
    await fill('start-thread-body', 'How did the walk go?');
    one('start-thread-submit')?.click();
    await settle(fixture);
    http.expectNone('/api/cases/c1/threads');

    one('start-thread-member')?.click();
    await settle(fixture);
    const alex = Array.from(document.querySelectorAll<HTMLElement>('mat-option')).find((o) =>
      o.textContent?.includes('Alex Rivera'),
    );
    alex?.click();
    await settle(fixture);
    one('start-thread-submit')?.click();
    await settle(fixture);
    const start = http.expectOne('/api/cases/c1/threads');
    expect(start.request.body).toEqual({
      audience: 'private',
      clientId: 'alex',
      subject: 'Before Thursday',
      body: 'How did the walk go?',
      clientKey: '9-9-9-9-9',
    });
    start.flush(thread({ id: 't5' }));
    await settle(fixture);
    expect(TestBed.inject(Router).url).toBe('/messages/t5');
    randomUUID.mockRestore();
  });

  it('keeps joint closed with the server’s reason while joint work is not open', async () => {
    const { one } = await render(
      options({ joint: false, jointReason: 'Joint work is closed until every check-in is done.' }),
    );
    const joint = one('start-thread-joint');
    expect(joint?.querySelector('input')?.disabled).toBe(true);
    expect(one('start-thread-joint-reason')?.textContent).toContain(
      'Joint work is closed until every check-in is done.',
    );
  });

  it('starts a joint conversation without a member', async () => {
    const { one, fill, fixture, http } = await render(options());
    (one('start-thread-joint')?.querySelector('input') as HTMLInputElement).click();
    await settle(fixture);
    expect(one('start-thread-member')).toBeNull();
    await fill('start-thread-subject', 'Our week');
    await fill('start-thread-body', 'Hello both');
    one('start-thread-submit')?.click();
    await settle(fixture);
    const start = http.expectOne('/api/cases/c1/threads');
    expect(start.request.body).toMatchObject({ audience: 'joint', subject: 'Our week' });
    expect(start.request.body.clientId).toBeUndefined();
    start.flush(
      {
        statusCode: 409,
        error: 'Conflict',
        message: 'Joint work is closed.',
        code: 'joint_work_closed',
      },
      { status: 409, statusText: 'Conflict' },
    );
    await settle(fixture);
    expect(one('start-thread-error')?.textContent).toContain('Joint work is closed.');
  });
});
