import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { AuthStore } from '@mend/auth/data-access';
import type { Me, MessageEvent as ThreadEvent, Role } from '@mend/shared/contracts';
import { EVENT_SOURCE, MessageEvents } from './message-events';

/** Stands in for the browser's EventSource: the test fires its events. */
class FakeSource extends EventTarget {
  readyState = 0;
  closed = false;
  constructor(readonly url: string) {
    super();
  }
  close(): void {
    this.closed = true;
    this.readyState = 2;
  }
  fire(type: string, data?: unknown): void {
    const event = new Event(type) as Event & { data?: string };
    if (data !== undefined) event.data = typeof data === 'string' ? data : JSON.stringify(data);
    this.dispatchEvent(event);
  }
}

const person = (role: Role, id = 'me'): Me =>
  ({
    id,
    email: `${id}@x.org`,
    displayName: 'Sam Rivera',
    role,
    clinic: { id: 'k', name: 'Harbor' },
    secondFactor: 'off',
  }) as Me;

async function setUp(initial: Me | null) {
  const me = signal<Me | null>(initial);
  const sources: FakeSource[] = [];
  TestBed.configureTestingModule({
    providers: [
      provideHttpClient(),
      provideHttpClientTesting(),
      { provide: AuthStore, useValue: { me } },
      {
        provide: EVENT_SOURCE,
        useValue: (url: string) => {
          const source = new FakeSource(url);
          sources.push(source);
          return source as unknown as EventSource;
        },
      },
    ],
  });
  const http = TestBed.inject(HttpTestingController);
  const events = TestBed.inject(MessageEvents);
  TestBed.tick();
  const settle = () => new Promise((resolve) => setTimeout(resolve));
  const answerUnread = async (threads: number) => {
    http.expectOne('/api/messages/unread').flush({ threads });
    await settle();
  };
  return { me, sources, http, events, answerUnread, settle };
}

describe('MessageEvents', () => {
  afterEach(() => TestBed.inject(HttpTestingController).verify());

  it('opens the stream for a signed-in client and asks the unread count', async () => {
    const { sources, events, answerUnread } = await setUp(person('client'));
    expect(sources.map((s) => s.url)).toEqual(['/api/messages/events']);
    await answerUnread(2);
    expect(events.unread()).toBe(2);
  });

  it('opens nothing for an admin or while nobody is signed in', async () => {
    const { sources, me, http } = await setUp(null);
    me.set(person('admin'));
    TestBed.tick();
    expect(sources).toEqual([]);
    http.expectNone('/api/messages/unread');
  });

  it('passes each message event on and asks the unread count again', async () => {
    const { sources, events, answerUnread, http } = await setUp(person('counselor'));
    await answerUnread(0);
    const seen: ThreadEvent[] = [];
    events.events.subscribe((e) => seen.push(e));

    sources[0].fire('message', { threadId: 't1', caseId: 'c1' });
    expect(seen).toEqual([{ threadId: 't1', caseId: 'c1' }]);
    expect(events.latest()).toEqual({ threadId: 't1', caseId: 'c1' });
    const again = http.expectOne('/api/messages/unread');
    // Not something the person did: it does not keep the session alive.
    expect(again.request.headers.has('X-Mend-Background')).toBe(true);
    again.flush({ threads: 1 });
    await new Promise((resolve) => setTimeout(resolve));
    expect(events.unread()).toBe(1);

    // Anything else on the stream is not an event of the contract.
    sources[0].fire('message', 'not json');
    sources[0].fire('message', { threadId: 5 });
    expect(seen).toHaveLength(1);
  });

  it('asks once more when an event comes while the count is on its way', async () => {
    const { sources, http, events, settle } = await setUp(person('client'));
    sources[0].fire('message', { threadId: 't1', caseId: 'c1' });
    http.expectOne('/api/messages/unread').flush({ threads: 0 });
    await settle();
    http.expectOne('/api/messages/unread').flush({ threads: 1 });
    await settle();
    expect(events.unread()).toBe(1);
  });

  it('tells the pages to fetch again after the stream came back from a break', async () => {
    const { sources, events, answerUnread } = await setUp(person('client'));
    await answerUnread(0);
    let resyncs = 0;
    events.resync.subscribe(() => resyncs++);
    sources[0].fire('open');
    expect(resyncs).toBe(0);
    sources[0].fire('open');
    expect(resyncs).toBe(1);
    await answerUnread(3);
    expect(events.unread()).toBe(3);
  });

  it('closes the stream and forgets the count on sign-out', async () => {
    const { sources, events, answerUnread, me } = await setUp(person('client'));
    await answerUnread(4);
    me.set(null);
    TestBed.tick();
    expect(sources[0].closed).toBe(true);
    expect(events.unread()).toBeNull();
  });

  it('keeps the stream when the same person’s details are read again, and opens a new one for someone else', async () => {
    const { sources, answerUnread, me } = await setUp(person('client'));
    await answerUnread(0);
    me.set({ ...person('client'), secondFactor: 'given' } as Me);
    TestBed.tick();
    expect(sources).toHaveLength(1);
    me.set(person('counselor', 'other'));
    TestBed.tick();
    expect(sources).toHaveLength(2);
    expect(sources[0].closed).toBe(true);
    await answerUnread(1);
  });
});
