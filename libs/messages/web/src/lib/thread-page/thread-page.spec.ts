import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { provideNoopAnimations } from '@angular/platform-browser/animations';
import { provideRouter } from '@angular/router';
import { AuthStore } from '@mend/auth/data-access';
import type { Me, MessageEvent as ThreadEvent, Role, ThreadView } from '@mend/shared/contracts';
import { Subject } from 'rxjs';
import { MessageEvents } from '../data-access/message-events';
import { ALEX, DANA, message, SAM, thread } from '../testing/fixtures';
import { DRAFT_SAVE_DELAY_MS, ThreadPage } from './thread-page';

function words(element: Element | null | undefined): string {
  const copy = element?.cloneNode(true) as HTMLElement | undefined;
  copy?.querySelectorAll('mat-icon').forEach((icon) => icon.remove());
  return copy?.textContent?.replace(/\s+/g, ' ').trim() ?? '';
}

/** Lets promise callbacks run, then change detection. */
async function settle(fixture: { whenStable(): Promise<unknown> }): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve));
  await fixture.whenStable();
  await new Promise((resolve) => setTimeout(resolve));
  await fixture.whenStable();
}

async function render(role: Role, answer: ThreadView) {
  const me = signal<Me>({
    id: role === 'counselor' ? 'dana' : 'sam',
    email: 'me@x.org',
    displayName: role === 'counselor' ? 'Dana Okafor' : 'Sam Rivera',
    role,
    clinic: { id: 'k', name: 'Harbor' },
    secondFactor: 'given',
  });
  const events = new Subject<ThreadEvent>();
  const refreshUnread = jest.fn().mockResolvedValue(undefined);
  TestBed.configureTestingModule({
    providers: [
      provideRouter([]),
      provideHttpClient(),
      provideHttpClientTesting(),
      provideNoopAnimations(),
      { provide: AuthStore, useValue: { me, role: () => me().role } },
      {
        provide: MessageEvents,
        useValue: { events, resync: new Subject<void>(), refreshUnread },
      },
      { provide: DRAFT_SAVE_DELAY_MS, useValue: 0 },
    ],
  });
  const fixture = TestBed.createComponent(ThreadPage);
  fixture.componentRef.setInput('id', 't1');
  const http = TestBed.inject(HttpTestingController);
  await fixture.whenStable();
  http.expectOne('/api/threads/t1').flush(answer);
  await settle(fixture);
  const element = fixture.nativeElement as HTMLElement;
  const all = (id: string) =>
    Array.from(element.querySelectorAll<HTMLElement>(`[data-testid="${id}"]`));
  const one = (id: string) => element.querySelector<HTMLElement>(`[data-testid="${id}"]`);
  /** An element's words, without its icons' ligature names. */
  const text = (id: string) => words(one(id));
  const typeInComposer = async (value: string) => {
    const input = one('composer-input') as HTMLTextAreaElement;
    input.value = value;
    input.dispatchEvent(new Event('input'));
    await settle(fixture);
  };
  return { fixture, http, element, all, one, text, events, refreshUnread, typeInComposer };
}

describe('ThreadPage', () => {
  afterEach(() => TestBed.inject(HttpTestingController).verify());

  it('shows the banner, then the messages oldest first with who reads each one', async () => {
    const { all, text } = await render('client', thread());
    expect(text('thread-subject')).toBe('Before Thursday');
    expect(text('thread-banner')).toContain('Messages are not for emergencies');
    expect(text('thread-crisis-text')).toBe('In an emergency call 911.');
    expect(text('thread-reply-times')).toBe('Dana Okafor usually replies: Weekdays, within a day');
    const messages = all('message');
    expect(
      messages.map((m) => m.querySelector('[data-testid="message-body"]')?.textContent),
    ).toEqual(['How was the week?', 'I tried the walk.\nIt helped.']);
    for (const m of messages) {
      expect(words(m.querySelector('[data-testid="audience-chip"]'))).toBe(
        'Private · you and Dana (counselor)',
      );
    }
  });

  it('shows a message as text, never as markup', async () => {
    const { all } = await render(
      'client',
      thread({ messages: [message({ body: '<b>bold</b>' })] }),
    );
    const body = all('message-body')[0];
    expect(body.textContent).toBe('<b>bold</b>');
    expect(body.querySelector('b')).toBeNull();
  });

  it('restores the draft and saves what is typed to the server', async () => {
    const draft = { body: 'Half a thought', savedAt: '2026-11-30T10:40:00Z' };
    const { one, http, typeInComposer, fixture } = await render('client', thread({ draft }));
    expect((one('composer-input') as HTMLTextAreaElement).value).toBe('Half a thought');
    await typeInComposer('Half a thought, finished');
    await settle(fixture);
    const save = http.expectOne('/api/threads/t1/draft');
    expect([save.request.method, save.request.body]).toEqual([
      'PUT',
      { body: 'Half a thought, finished' },
    ]);
    save.flush({ body: 'Half a thought, finished', savedAt: '2026-11-30T10:41:00Z' });
  });

  it('sends with a fresh key, keeps that key when the same text is tried again, and empties the composer', async () => {
    const randomUUID = jest
      .spyOn(crypto, 'randomUUID')
      .mockReturnValueOnce('1-1-1-1-1')
      .mockReturnValueOnce('2-2-2-2-2');
    const { one, http, fixture, typeInComposer, text } = await render('client', thread());
    await typeInComposer('Thank you');
    // The draft's save (no delay in the test) goes first.
    http
      .expectOne('/api/threads/t1/draft')
      .flush({ body: 'Thank you', savedAt: '2026-11-30T10:41:00Z' });
    await settle(fixture);

    one('composer-send')?.click();
    await settle(fixture);
    const first = http.expectOne('/api/threads/t1/messages');
    expect(first.request.body).toEqual({ body: 'Thank you', clientKey: '1-1-1-1-1' });
    first.flush({ message: 'down' }, { status: 503, statusText: 'Unavailable' });
    await settle(fixture);
    expect(text('composer-error')).toContain('Something went wrong');

    one('composer-send')?.click();
    await settle(fixture);
    const retry = http.expectOne('/api/threads/t1/messages');
    expect(retry.request.body).toEqual({ body: 'Thank you', clientKey: '1-1-1-1-1' });
    retry.flush(message({ id: 'm3', body: 'Thank you', mine: true, author: SAM }));
    await settle(fixture);
    http.expectOne('/api/threads/t1').flush(thread());
    await settle(fixture);
    expect((one('composer-input') as HTMLTextAreaElement).value).toBe('');
    expect(randomUUID).toHaveBeenCalledTimes(1);
    randomUUID.mockRestore();
  });

  it('cannot be written in when the server says why', async () => {
    const { one, text } = await render(
      'client',
      thread({ canPost: false, reason: 'Joint work is paused for now.' }),
    );
    expect(one('composer-input')).toBeNull();
    expect(text('composer-reason')).toBe('Joint work is paused for now.');
  });

  it('marks read up to the newest message from someone else, once', async () => {
    const { http, refreshUnread, fixture, events } = await render(
      'client',
      thread({
        unread: 1,
        messages: [
          message({ id: 'm1' }),
          message({ id: 'm2', author: DANA, authorRole: 'counselor' }),
          message({ id: 'm3', author: SAM, mine: true }),
        ],
      }),
    );
    const read = http.expectOne('/api/threads/t1/read');
    expect([read.request.method, read.request.body]).toEqual(['PUT', { messageId: 'm2' }]);
    read.flush(null, { status: 204, statusText: 'No Content' });
    await settle(fixture);
    expect(refreshUnread).toHaveBeenCalled();

    // Another conversation's event changes nothing here; this one's fetches it again.
    events.next({ threadId: 'other', caseId: 'c1' });
    http.expectNone('/api/threads/t1');
    events.next({ threadId: 't1', caseId: 'c1' });
    http.expectOne('/api/threads/t1').flush(
      thread({
        unread: 1,
        messages: [
          message({ id: 'm2', author: DANA, authorRole: 'counselor' }),
          message({ id: 'm4', author: DANA, authorRole: 'counselor', body: 'See you Thursday' }),
        ],
      }),
    );
    await settle(fixture);
    expect(http.expectOne('/api/threads/t1/read').request.body).toEqual({ messageId: 'm4' });
    expect(fixture.nativeElement.textContent).toContain('See you Thursday');
    expect(
      fixture.nativeElement.querySelector('[data-testid="thread-announcement"]').textContent.trim(),
    ).toBe('New message from Dana');
  });

  it('shows earlier messages before the newest ones', async () => {
    const { one, http, fixture, all } = await render('client', thread({ hasOlder: true }));
    one('thread-older')?.click();
    const older = http.expectOne('/api/threads/t1/messages?before=m1');
    older.flush({ items: [message({ id: 'm0', body: 'The very first' })], hasOlder: false });
    await settle(fixture);
    expect(all('message-body')[0].textContent).toBe('The very first');
    expect(one('thread-older')).toBeNull();
  });

  it('shows a client no counselor’s controls', async () => {
    const { all, one } = await render(
      'client',
      thread({
        messages: [
          message({ id: 'm1', readBy: [{ person: ALEX, readAt: '2026-11-30T10:40:00Z' }] }),
        ],
        jointThreads: [{ id: 'tj', subject: 'Our week' }],
      }),
    );
    expect(all('message')).toHaveLength(1);
    expect(one('message-pin')).toBeNull();
    expect(one('message-read-by')).toBeNull();
    expect(one('message-ask-quote')).toBeNull();
  });

  it('shows a counselor who read it, pins, and asks to quote a client’s private message', async () => {
    const { text, one, http, fixture } = await render(
      'counselor',
      thread({
        messages: [
          message({ id: 'm2', readBy: [{ person: SAM, readAt: new Date().toISOString() }] }),
        ],
        jointThreads: [{ id: 'tj', subject: 'Our week' }],
      }),
    );
    expect(text('message-read-by')).toMatch(/^Read by Sam · \d\d:\d\d$/);
    expect(text('message-pin')).toBe('Pin to session note');

    one('message-pin')?.click();
    const pin = http.expectOne('/api/messages/m2/pin');
    expect(pin.request.method).toBe('POST');
    pin.flush({});
    await settle(fixture);
    http.expectOne('/api/threads/t1').flush(
      thread({
        messages: [message({ id: 'm2', pinned: true })],
        jointThreads: [{ id: 'tj', subject: 'Our week' }],
      }),
    );
    await settle(fixture);
    expect(text('message-pinned')).toContain('Pinned to the next session note');
    expect(text('message-pin')).toContain('Unpin');

    one('message-ask-quote')?.click();
    await settle(fixture);
    document.querySelector<HTMLElement>('[data-testid="message-quote-in"]')?.click();
    const ask = http.expectOne('/api/messages/m2/quote-requests');
    expect(ask.request.body).toEqual({ jointThreadId: 'tj' });
    ask.flush({});
    await settle(fixture);
    http.expectOne('/api/threads/t1').flush(
      thread({
        messages: [
          message({
            id: 'm2',
            quoteRequests: [
              {
                id: 'q1',
                messageId: 'm2',
                jointThreadId: 'tj',
                jointThreadSubject: 'Our week',
                state: 'pending',
                requestedBy: DANA,
                requestedAt: '2026-11-30T11:00:00Z',
                decidedAt: null,
              },
            ],
          }),
        ],
        jointThreads: [{ id: 'tj', subject: 'Our week' }],
      }),
    );
    await settle(fixture);
    expect(text('quote-state')).toContain(
      'Asked to quote in “Our week” · waiting for Sam’s answer',
    );
  });

  it('lets the author answer an ask to quote their message', async () => {
    const request = {
      id: 'q1',
      messageId: 'm2',
      jointThreadId: 'tj',
      jointThreadSubject: 'Our week',
      state: 'pending' as const,
      requestedBy: DANA,
      requestedAt: '2026-11-30T11:00:00Z',
      decidedAt: null,
    };
    const { text, one, http, fixture } = await render(
      'client',
      thread({ messages: [message({ id: 'm2', mine: true, quoteRequests: [request] })] }),
    );
    expect(text('quote-ask')).toContain('Dana Okafor asks to quote this message');
    one('quote-agree')?.click();
    const answer = http.expectOne('/api/quote-requests/q1/answer');
    expect(answer.request.body).toEqual({ agree: true });
    answer.flush({ ...request, state: 'agreed' });
    await settle(fixture);
    http.expectOne('/api/threads/t1').flush(
      thread({
        messages: [
          message({ id: 'm2', mine: true, quoteRequests: [{ ...request, state: 'agreed' }] }),
        ],
      }),
    );
    await settle(fixture);
    expect(one('quote-ask')).toBeNull();
    expect(text('quote-state')).toContain('You agreed to quote it in “Our week”');
  });

  it('says where a quote comes from', async () => {
    const { text } = await render(
      'client',
      thread({
        audience: 'joint',
        client: null,
        messages: [message({ quoteOf: { author: SAM, sentAt: '2026-11-28T12:00:00Z' } })],
      }),
    );
    expect(text('message-quote-of')).toContain('Quoted with Sam Rivera’s agreement, from Nov 28');
  });

  it('says a conversation the person does not read cannot be found', async () => {
    TestBed.configureTestingModule({
      providers: [
        provideRouter([]),
        provideHttpClient(),
        provideHttpClientTesting(),
        {
          provide: AuthStore,
          useValue: { me: signal({ id: 'alex', role: 'client' }), role: () => 'client' },
        },
        { provide: MessageEvents, useValue: { events: new Subject(), resync: new Subject() } },
      ],
    });
    const fixture = TestBed.createComponent(ThreadPage);
    fixture.componentRef.setInput('id', 't1');
    await fixture.whenStable();
    TestBed.inject(HttpTestingController)
      .expectOne('/api/threads/t1')
      .flush({ message: 'Not found' }, { status: 404, statusText: 'Not Found' });
    await settle(fixture);
    expect(fixture.nativeElement.querySelector('[data-testid="thread-not-found"]')).not.toBeNull();
    expect(fixture.nativeElement.querySelector('[data-testid="composer"]')).toBeNull();
  });
});
