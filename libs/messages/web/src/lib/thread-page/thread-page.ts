import { DOCUMENT } from '@angular/common';
import { HttpErrorResponse } from '@angular/common/http';
import { TextFieldModule } from '@angular/cdk/text-field';
import {
  ChangeDetectionStrategy,
  Component,
  computed,
  DestroyRef,
  effect,
  ElementRef,
  inject,
  InjectionToken,
  input,
  signal,
  untracked,
  viewChild,
} from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatSnackBar } from '@angular/material/snack-bar';
import { RouterLink } from '@angular/router';
import { AuthStore } from '@mend/auth/data-access';
import { MESSAGE_MAX_LENGTH, type MessageView, type ThreadView } from '@mend/shared/contracts';
import { Autosave, errorMessage, SaveIndicator, type SaveWords } from '@mend/shared/web';
import { filter, fromEvent, merge } from 'rxjs';
import { MessageEvents } from '../data-access/message-events';
import { isJointWorkClosed, MessagesApi, newClientKey } from '../data-access/messages-api';
import { AudienceChip } from '../ui/audience-chip';
import { audienceText, firstName } from '../ui/message-text';
import { MessageItem, type MessageAction } from './message-item';

/** The pause in typing after which the composer's draft is saved. */
export const DRAFT_SAVE_DELAY_MS = new InjectionToken<number>('DRAFT_SAVE_DELAY_MS', {
  factory: () => 1_500,
});

const DRAFT_WORDS: SaveWords = {
  saved: 'Draft saved',
  idle: 'Your draft is kept as you write',
};

/**
 * Page `/messages/:id` (clients and counselors): one conversation. The banner first (messages
 * are not for emergencies: the clinic's crisis text, the counselors' reply times), then the
 * messages oldest first, each with who reads it, and the composer, whose draft is kept on the
 * server as it is written. New messages arrive live (an event names the conversation, the page
 * fetches it); what is shown is marked read while the page is in view.
 */
@Component({
  selector: 'mend-thread-page',
  imports: [
    RouterLink,
    TextFieldModule,
    MatButtonModule,
    MatFormFieldModule,
    MatIconModule,
    MatInputModule,
    MatProgressBarModule,
    AudienceChip,
    MessageItem,
    SaveIndicator,
  ],
  templateUrl: './thread-page.html',
  styleUrl: './thread-page.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
  host: { '(window:beforeunload)': 'beforeUnload($event)' },
})
export class ThreadPage {
  private readonly api = inject(MessagesApi);
  private readonly auth = inject(AuthStore);
  private readonly events = inject(MessageEvents);
  private readonly snackBar = inject(MatSnackBar);
  private readonly document = inject(DOCUMENT);

  /** The route's `:id`, bound by the router. */
  readonly id = input.required<string>();

  protected readonly thread = signal<ThreadView | null>(null);
  /** Messages fetched with "Show earlier messages", before the thread's newest ones. */
  private readonly older = signal<MessageView[]>([]);
  private readonly olderHasMore = signal<boolean | null>(null);
  protected readonly loadingOlder = signal(false);
  protected readonly notFound = signal(false);
  protected readonly error = signal<string | null>(null);
  /** The message an action (pin, ask to quote, answer) is on its way for. */
  protected readonly acting = signal<string | null>(null);
  /** The first message that was unread when the page opened: a "New" line goes above it. */
  protected readonly firstUnread = signal<string | null>(null);
  /** Said to screen readers when messages arrive while the page is open. */
  protected readonly announcement = signal('');

  protected readonly text = signal('');
  protected readonly sending = signal(false);
  protected readonly sendError = signal<string | null>(null);
  protected readonly max = MESSAGE_MAX_LENGTH;
  /** The composer's text, saved to its own conversation (the page may move on meanwhile). */
  protected readonly draft = new Autosave<{ threadId: string; body: string }>({
    save: async ({ threadId, body }, version) => {
      const saved = await this.api.saveDraft(threadId, body);
      return { version: version + 1, savedAt: saved?.savedAt ?? new Date().toISOString() };
    },
    delayMs: inject(DRAFT_SAVE_DELAY_MS),
  });
  protected readonly draftWords = DRAFT_WORDS;

  protected readonly counselor = computed(() => this.auth.role() === 'counselor');
  protected readonly messages = computed(() => {
    const newest = this.thread()?.messages ?? [];
    const shown = new Set(newest.map((m) => m.id));
    return [...this.older().filter((m) => !shown.has(m.id)), ...newest];
  });
  protected readonly hasOlder = computed(
    () => this.olderHasMore() ?? this.thread()?.hasOlder ?? false,
  );
  protected readonly audience = computed(() => {
    const thread = this.thread();
    return thread ? audienceText(thread, this.auth.me()?.id) : '';
  });
  protected readonly replyTimes = computed(() =>
    (this.thread()?.banner.replyTimes ?? []).filter((r) => !!r.text?.trim()),
  );
  protected readonly startedBy = computed(() => {
    const thread = this.thread();
    if (!thread) return '';
    return thread.startedBy.userId === this.auth.me()?.id ? 'you' : thread.startedBy.displayName;
  });

  private readonly composer = viewChild<ElementRef<HTMLTextAreaElement>>('composer');
  /** The latest load: an earlier answer arriving late never replaces a newer one. */
  private loads = 0;
  /** The message read up to, as last told to the server. */
  private markedId: string | null = null;
  /** The message the current send is for, with its key, kept while the same text is retried. */
  private attempt: { body: string; clientKey: string } | null = null;

  constructor() {
    effect(() => {
      const id = this.id();
      untracked(() => this.open(id));
    });
    merge(
      this.events.events.pipe(filter((event) => event.threadId === this.id())),
      this.events.resync,
    )
      .pipe(takeUntilDestroyed())
      .subscribe(() => void this.load(this.id(), false));
    // Messages that came while the tab was hidden are marked read once it is looked at.
    fromEvent(this.document, 'visibilitychange')
      .pipe(takeUntilDestroyed())
      .subscribe(() => this.markRead());
    // Leaving the page saves what is waiting, then stops.
    inject(DestroyRef).onDestroy(() => {
      void this.draft.flush().finally(() => this.draft.destroy());
    });
  }

  protected beforeUnload(event: BeforeUnloadEvent): void {
    if (this.draft.unsaved()) {
      void this.draft.flush();
      event.preventDefault();
    }
  }

  protected type(event: Event): void {
    const value = (event.target as HTMLTextAreaElement).value;
    this.text.set(value);
    this.sendError.set(null);
    this.draft.change({ threadId: this.id(), body: value });
  }

  /** Sends the composer's text; a retry of the same text keeps its key (never sent twice). */
  protected async send(): Promise<void> {
    const thread = this.thread();
    const body = this.text().trim();
    if (!thread || !body || this.sending() || !thread.canPost) return;
    if (this.attempt?.body !== body) this.attempt = { body, clientKey: newClientKey() };
    const { clientKey } = this.attempt;
    this.sending.set(true);
    this.sendError.set(null);
    // A draft save still on its way must not land after the message (and bring the text back).
    await this.draft.hold();
    try {
      const message = await this.api.send(thread.id, { body, clientKey });
      this.attempt = null;
      this.text.set('');
      this.draft.reset(0, null);
      this.append(message);
      void this.load(thread.id, false);
    } catch (error) {
      this.sendError.set(errorMessage(error));
      // Joint work closed meanwhile: the page shows why it cannot be written in now.
      if (isJointWorkClosed(error)) void this.load(thread.id, false);
    } finally {
      this.draft.release();
      this.sending.set(false);
    }
    this.composer()?.nativeElement.focus();
  }

  /** Ctrl+Enter or ⌘+Enter sends; Enter alone makes a new line. */
  protected keydown(event: KeyboardEvent): void {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      void this.send();
    }
  }

  protected async showOlder(): Promise<void> {
    const thread = this.thread();
    const oldest = this.messages()[0];
    if (!thread || !oldest || this.loadingOlder()) return;
    this.loadingOlder.set(true);
    try {
      const page = await this.api.messages(thread.id, oldest.id);
      this.older.update((older) => [...page.items, ...older]);
      this.olderHasMore.set(page.hasOlder);
    } catch (error) {
      this.snackBar.open(errorMessage(error), 'OK', { duration: 8000 });
    } finally {
      this.loadingOlder.set(false);
    }
  }

  protected async act(action: MessageAction): Promise<void> {
    const thread = this.thread();
    if (!thread) return;
    this.acting.set(action.message.id);
    try {
      switch (action.kind) {
        case 'pin':
          await this.api.pin(action.message.id);
          this.snackBar.open('Pinned: it shows in the next session note.', 'OK', {
            duration: 4000,
          });
          break;
        case 'unpin':
          await this.api.unpin(action.message.id);
          break;
        case 'quote':
          await this.api.requestQuote(action.message.id, action.jointThreadId);
          this.snackBar.open(
            `Asked ${firstName(action.message.author)}. It is quoted only if they agree.`,
            'OK',
            { duration: 5000 },
          );
          break;
        case 'answer':
          await this.api.answerQuote(action.request.id, action.agree);
          this.snackBar.open(
            action.agree
              ? 'Thank you. Your message is quoted in the joint conversation.'
              : 'Your message stays private.',
            'OK',
            { duration: 5000 },
          );
          break;
      }
      await this.load(thread.id, false);
    } catch (error) {
      this.snackBar.open(errorMessage(error), 'OK', { duration: 8000 });
    } finally {
      this.acting.set(null);
    }
  }

  protected retry(): void {
    void this.load(this.id(), !this.thread());
  }

  /** A new conversation (the route's id changed): starts over, the composer from its draft. */
  private open(id: string): void {
    void this.draft.flush();
    this.thread.set(null);
    this.older.set([]);
    this.olderHasMore.set(null);
    this.markedId = null;
    this.attempt = null;
    this.firstUnread.set(null);
    this.text.set('');
    void this.load(id, true);
  }

  /** Fetches the conversation; `first`: the composer takes the saved draft. */
  private async load(id: string, first: boolean): Promise<void> {
    const load = ++this.loads;
    this.error.set(null);
    try {
      const thread = await this.api.thread(id);
      if (load !== this.loads || id !== this.id()) return;
      const before = this.thread()?.messages.length ?? 0;
      const known = new Set(this.messages().map((m) => m.id));
      this.thread.set(thread);
      this.notFound.set(false);
      if (first) {
        this.text.set(thread.draft?.body ?? '');
        this.draft.reset(0, thread.draft?.savedAt ?? null);
        this.showFirstUnread(thread);
      } else if (before) {
        this.announce(thread.messages.filter((m) => !known.has(m.id) && !m.mine));
      }
      this.markRead();
    } catch (error) {
      if (load !== this.loads) return;
      if (error instanceof HttpErrorResponse && (error.status === 404 || error.status === 400)) {
        this.notFound.set(true);
        this.thread.set(null);
      } else {
        this.error.set(errorMessage(error));
      }
    }
  }

  /** Opens where the person left off: the first message they have not read, in view. */
  private showFirstUnread(thread: ThreadView): void {
    const fromOthers = thread.messages.filter((m) => !m.mine);
    const first = thread.unread > 0 ? fromOthers[fromOthers.length - thread.unread] : undefined;
    // The very first message needs no line: everything is new.
    if (!first || first.id === thread.messages[0]?.id) return;
    this.firstUnread.set(first.id);
    setTimeout(() =>
      this.document.getElementById(`message-${first.id}`)?.scrollIntoView?.({ block: 'center' }),
    );
  }

  private append(message: MessageView): void {
    const thread = this.thread();
    if (!thread || thread.messages.some((m) => m.id === message.id)) return;
    this.thread.set({ ...thread, messages: [...thread.messages, message] });
  }

  private announce(arrived: MessageView[]): void {
    if (!arrived.length) return;
    const from = [...new Set(arrived.map((m) => firstName(m.author)))].join(' and ');
    this.announcement.set(
      arrived.length === 1
        ? `New message from ${from}`
        : `${arrived.length} new messages from ${from}`,
    );
  }

  /**
   * Tells the server the newest message from someone else has been read, once the page is in
   * view (a hidden tab waits), and only when something was unread.
   */
  private markRead(): void {
    const thread = this.thread();
    if (!thread || thread.unread === 0 || this.document.visibilityState === 'hidden') return;
    const newest = [...thread.messages].reverse().find((m) => !m.mine);
    if (!newest || newest.id === this.markedId) return;
    this.markedId = newest.id;
    this.api.markRead(thread.id, newest.id).then(
      () => void this.events.refreshUnread(false),
      () => {
        // Tried again with the next load or visit.
        if (this.markedId === newest.id) this.markedId = null;
      },
    );
  }
}
