import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { provideNoopAnimations } from '@angular/platform-browser/animations';
import { provideRouter } from '@angular/router';
import { AuthStore } from '@mend/auth/data-access';
import type { Me, MessageEvent as ThreadEvent, Role, ThreadSummary } from '@mend/shared/contracts';
import { Subject } from 'rxjs';
import { MessageEvents } from '../data-access/message-events';
import { ALEX, DANA, options, SAM, summary } from '../testing/fixtures';
import { MessagesPage } from './messages-page';

async function settle(fixture: { whenStable(): Promise<unknown> }): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve));
  await fixture.whenStable();
  await new Promise((resolve) => setTimeout(resolve));
  await fixture.whenStable();
}

const page = (items: ThreadSummary[]) => ({ items, total: items.length, page: 1, pageSize: 20 });

const openCase = {
  id: 'c1',
  title: 'Sam & Alex',
  type: 'couple',
  status: 'open',
  startedOn: '2026-09-01',
  closedAt: null,
  outcome: null,
  members: [],
  counselors: [],
};

async function render(role: Role) {
  const me = signal<Me>({
    id: role === 'counselor' ? 'dana' : 'sam',
    email: 'me@x.org',
    displayName: 'Me',
    role,
    clinic: { id: 'k', name: 'Harbor' },
    secondFactor: 'given',
  });
  const events = new Subject<ThreadEvent>();
  TestBed.configureTestingModule({
    providers: [
      provideRouter([]),
      provideHttpClient(),
      provideHttpClientTesting(),
      provideNoopAnimations(),
      { provide: AuthStore, useValue: { me, role: () => me().role } },
      { provide: MessageEvents, useValue: { events, resync: new Subject<void>() } },
    ],
  });
  const fixture = TestBed.createComponent(MessagesPage);
  const http = TestBed.inject(HttpTestingController);
  await fixture.whenStable();
  const element = fixture.nativeElement as HTMLElement;
  const all = (id: string) =>
    Array.from(element.querySelectorAll<HTMLElement>(`[data-testid="${id}"]`));
  const one = (id: string) => element.querySelector<HTMLElement>(`[data-testid="${id}"]`);
  return { fixture, http, element, all, one, events };
}

describe('MessagesPage', () => {
  afterEach(() => TestBed.inject(HttpTestingController).verify());

  it('lists a counselor’s conversations with case, audience, last message and unread count', async () => {
    const { http, fixture, all, one } = await render('counselor');
    http.expectOne('/api/threads?page=1&pageSize=20').flush(
      page([
        summary({ unread: 2 }),
        summary({
          id: 't2',
          audience: 'joint',
          client: null,
          readers: [DANA, ALEX, SAM],
          subject: 'Our week',
          lastMessageBy: DANA,
        }),
      ]),
    );
    http.expectOne('/api/cases?status=open&pageSize=100').flush({ items: [openCase], total: 1 });
    http.expectOne('/api/messages/reply-times').flush({ text: 'Weekdays' });
    await settle(fixture);

    const rows = all('thread-row');
    expect(rows.map((r) => r.getAttribute('href'))).toEqual(['/messages/t1', '/messages/t2']);
    expect(rows[0].textContent).toContain('Before Thursday');
    expect(rows[0].querySelector('[data-testid="thread-case"]')?.textContent).toBe('Sam & Alex');
    expect(rows[0].textContent).toContain('Private · Sam and you');
    expect(rows[0].textContent).toContain('Last message from Sam');
    expect(rows[0].querySelector('[data-testid="thread-unread"]')?.textContent).toBe('2 unread');
    expect(rows[1].textContent).toContain('Joint · you, Alex and Sam');
    expect(rows[1].textContent).toContain('Last message from you');
    expect(rows[1].querySelector('[data-testid="thread-unread"]')).toBeNull();
    // Their reply times, editable at the top; no start button (they start from a case).
    expect((one('reply-times-input') as HTMLTextAreaElement).value).toBe('Weekdays');
    expect(one('start-thread')).toBeNull();
  });

  it('saves a counselor’s reply times', async () => {
    const { http, fixture, one } = await render('counselor');
    http.expectOne('/api/threads?page=1&pageSize=20').flush(page([]));
    http.expectOne('/api/cases?status=open&pageSize=100').flush({ items: [], total: 0 });
    http.expectOne('/api/messages/reply-times').flush({ text: null });
    await settle(fixture);
    const input = one('reply-times-input') as HTMLTextAreaElement;
    input.value = 'Mon–Thu, within a day';
    input.dispatchEvent(new Event('input'));
    await settle(fixture);
    one('reply-times-save')?.click();
    const save = http.expectOne('/api/messages/reply-times');
    expect([save.request.method, save.request.body]).toEqual([
      'PUT',
      { text: 'Mon–Thu, within a day' },
    ]);
    save.flush({ text: 'Mon–Thu, within a day' });
    await settle(fixture);
  });

  it('lets a client start a conversation when the clinic allows it', async () => {
    const { http, fixture, one } = await render('client');
    http.expectOne('/api/threads?page=1&pageSize=20').flush(page([]));
    http.expectOne('/api/cases?status=open&pageSize=20').flush({ items: [openCase], total: 1 });
    await settle(fixture);
    http
      .expectOne('/api/cases/c1/thread-options')
      .flush(options({ privateWith: [SAM], joint: false, jointReason: 'Joint work is paused.' }));
    await settle(fixture);
    expect(one('reply-times')).toBeNull();
    expect(one('threads-empty')?.textContent).toContain('Start one with your counselor');
    one('start-thread')?.click();
    await settle(fixture);
    expect(one('start-thread-form')).not.toBeNull();
    // A client's private conversation is their own: no member to pick; joint says why not.
    expect(one('start-thread-member')).toBeNull();
    expect(one('start-thread-joint-reason')?.textContent).toContain('Joint work is paused.');
  });

  it('offers a client nothing to start when the clinic’s rule says so', async () => {
    const { http, fixture, one } = await render('client');
    http.expectOne('/api/threads?page=1&pageSize=20').flush(page([]));
    http.expectOne('/api/cases?status=open&pageSize=20').flush({ items: [openCase], total: 1 });
    await settle(fixture);
    http
      .expectOne('/api/cases/c1/thread-options')
      .flush(options({ privateWith: [], joint: false, jointReason: null }));
    await settle(fixture);
    expect(one('start-thread')).toBeNull();
    expect(one('threads-empty')?.textContent).toContain('When your counselor writes to you');
  });

  it('fetches the list again when a message arrives', async () => {
    const { http, fixture, all, events } = await render('client');
    http.expectOne('/api/threads?page=1&pageSize=20').flush(page([]));
    http.expectOne('/api/cases?status=open&pageSize=20').flush({ items: [], total: 0 });
    await settle(fixture);
    events.next({ threadId: 't1', caseId: 'c1' });
    http.expectOne('/api/threads?page=1&pageSize=20').flush(page([summary({ unread: 1 })]));
    await settle(fixture);
    expect(all('thread-row')).toHaveLength(1);
  });
});
