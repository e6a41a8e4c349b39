import {
  DestroyRef,
  effect,
  inject,
  Injectable,
  InjectionToken,
  signal,
  untracked,
} from '@angular/core';
import { AuthStore } from '@mend/auth/data-access';
import type { MessageEvent as ThreadEvent } from '@mend/shared/contracts';
import { Observable, Subject } from 'rxjs';
import { MESSAGE_EVENTS_URL, MessagesApi } from './messages-api';

/** Opens the event stream; null where the browser has none (tests, very old browsers). */
export const EVENT_SOURCE = new InjectionToken<(url: string) => EventSource | null>(
  'EVENT_SOURCE',
  {
    factory: () => (url) => (typeof EventSource === 'undefined' ? null : new EventSource(url)),
  },
);

/** `EventSource.CLOSED`: the server refused the stream (signed out); the browser gives up. */
const EVENT_SOURCE_CLOSED = 2;

/** Whether the event's data is the contract's `{ threadId, caseId }`. */
function parseEvent(data: unknown): ThreadEvent | null {
  if (typeof data !== 'string') return null;
  try {
    const value = JSON.parse(data) as Partial<ThreadEvent> | null;
    return typeof value?.threadId === 'string' && typeof value.caseId === 'string'
      ? { threadId: value.threadId, caseId: value.caseId }
      : null;
  } catch {
    return null;
  }
}

/**
 * Which conversations have something new, as it happens: one event stream while a client or a
 * counselor is signed in (the browser reconnects it by itself), closed on sign-out. The pages
 * refetch what an event names; the navigation's badge shows `unread`, asked again on start and
 * after every event. After a reconnection events may have been missed: `resync` tells the pages
 * to fetch again.
 */
@Injectable({ providedIn: 'root' })
export class MessageEvents {
  private readonly api = inject(MessagesApi);
  private readonly open = inject(EVENT_SOURCE);

  private source: EventSource | null = null;
  private opened = false;
  private readonly eventSubject = new Subject<ThreadEvent>();
  private readonly resyncSubject = new Subject<void>();
  private readonly lastEvent = signal<ThreadEvent | null>(null);
  private readonly unreadCount = signal<number | null>(null);
  private asking: Promise<void> | null = null;
  private again = false;
  /** Whose stream is open. */
  private who: string | null = null;

  /** Each `message` event: which conversation (and case) has something new. */
  readonly events: Observable<ThreadEvent> = this.eventSubject.asObservable();
  /** The stream came back after a break: anything may have changed meanwhile. */
  readonly resync: Observable<void> = this.resyncSubject.asObservable();
  /** The latest event (null before the first). */
  readonly latest = this.lastEvent.asReadonly();
  /** Conversations with unread messages; null until known (and after sign-out). */
  readonly unread = this.unreadCount.asReadonly();

  constructor() {
    const auth = inject(AuthStore);
    effect(() => {
      const me = auth.me();
      const who = me && (me.role === 'client' || me.role === 'counselor') ? me.id : null;
      untracked(() => (who ? this.start(who) : this.stop()));
    });
    inject(DestroyRef).onDestroy(() => this.stop());
  }

  /**
   * Asks the server for the badge's count; a failure keeps the last one. A call while one is on
   * its way asks once more after it (the first answer may predate what the caller just saw).
   */
  refreshUnread(background = true): Promise<void> {
    if (this.asking) {
      this.again = true;
      return this.asking;
    }
    this.asking = (async () => {
      do {
        this.again = false;
        const asker = this.who;
        try {
          const { threads } = await this.api.unread(background);
          // Someone else signed in meanwhile: the answer was not theirs.
          if (asker && this.who === asker) this.unreadCount.set(threads);
        } catch {
          // A 401 is the interceptor's; nothing else is worth an alarm on a badge.
        }
      } while (this.again && this.who);
    })().finally(() => (this.asking = null));
    return this.asking;
  }

  private start(who: string): void {
    // The same person (their `me` refreshed): keep the stream, unless the server ended it.
    if (this.who === who && this.source?.readyState !== EVENT_SOURCE_CLOSED) return;
    this.stop();
    this.who = who;
    void this.refreshUnread(false);
    const source = this.open(MESSAGE_EVENTS_URL);
    if (!source) return;
    this.source = source;
    this.opened = false;
    source.addEventListener('open', () => {
      // The first opening is the start; any later one is a reconnection after a break.
      if (this.opened) {
        void this.refreshUnread();
        this.resyncSubject.next();
      }
      this.opened = true;
    });
    source.addEventListener('message', (event) => {
      const parsed = parseEvent((event as globalThis.MessageEvent).data);
      if (!parsed) return;
      this.lastEvent.set(parsed);
      this.eventSubject.next(parsed);
      void this.refreshUnread();
    });
  }

  private stop(): void {
    this.source?.close();
    this.source = null;
    this.who = null;
    this.opened = false;
    this.lastEvent.set(null);
    this.unreadCount.set(null);
  }
}
