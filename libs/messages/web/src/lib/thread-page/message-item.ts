import { ChangeDetectionStrategy, Component, computed, input, output } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { MatMenuModule } from '@angular/material/menu';
import type { MessageView, QuoteRequestView, ThreadView } from '@mend/shared/contracts';
import { AudienceChip } from '../ui/audience-chip';
import {
  firstName,
  fullTime,
  messageTime,
  quoteStateText,
  quoteText,
  readByText,
} from '../ui/message-text';

/** What a counselor or a message's author asks of the page for one message. */
export type MessageAction =
  | { kind: 'pin' | 'unpin'; message: MessageView }
  | { kind: 'quote'; message: MessageView; jointThreadId: string }
  | { kind: 'answer'; message: MessageView; request: QuoteRequestView; agree: boolean };

/**
 * One message of a conversation: who wrote it and when, who reads it (the chip), its text as
 * plain text, and the controls of the person looking: a counselor's read receipts, pin and ask
 * to quote; the author's answer to an ask to quote.
 */
@Component({
  selector: 'mend-message-item',
  imports: [MatButtonModule, MatIconModule, MatMenuModule, AudienceChip],
  template: `
    @let m = message();
    <article
      class="message"
      [class.mine]="m.mine"
      [class.counselor]="m.authorRole === 'counselor'"
      [attr.aria-labelledby]="'message-' + m.id + '-by'"
      data-testid="message"
    >
      <header class="head">
        <span class="author" [id]="'message-' + m.id + '-by'" data-testid="message-author">
          {{ m.mine ? 'You' : m.author.displayName }}
          @if (m.authorRole === 'counselor' && !m.mine) {
            <span class="role"> · counselor</span>
          }
        </span>
        <time class="time" [attr.datetime]="m.sentAt" [title]="full()">{{ when() }}</time>
        <mend-audience-chip [audience]="thread().audience" [text]="audience()" />
      </header>

      @if (m.quoteOf; as quote) {
        <p class="quote-of" data-testid="message-quote-of">
          <mat-icon aria-hidden="true">format_quote</mat-icon>{{ quoteText(quote) }}
        </p>
      }
      <p class="body" data-testid="message-body">{{ m.body }}</p>

      @if (counselor()) {
        @if (m.pinned) {
          <p class="pinned" data-testid="message-pinned">
            <mat-icon aria-hidden="true">push_pin</mat-icon> Pinned to the next session note
          </p>
        }
        @if (m.readBy.length) {
          <ul class="read-by" aria-label="Read by" data-testid="message-read-by">
            @for (read of m.readBy; track read.person.userId) {
              <li>
                <mat-icon aria-hidden="true">done_all</mat-icon>
                <span [title]="fullTime(read.readAt)">{{ readByText(read) }}</span>
              </li>
            }
          </ul>
        }
        @for (request of m.quoteRequests; track request.id) {
          <p
            class="quote-state"
            [class.pending]="request.state === 'pending'"
            data-testid="quote-state"
          >
            <mat-icon aria-hidden="true">{{ stateIcon(request) }}</mat-icon>
            {{ quoteStateText(request, m.author) }}
          </p>
        }
        <div class="tools">
          <button
            mat-button
            type="button"
            [disabled]="busy()"
            (click)="act.emit({ kind: m.pinned ? 'unpin' : 'pin', message: m })"
            [attr.aria-pressed]="m.pinned"
            data-testid="message-pin"
          >
            <mat-icon>push_pin</mat-icon>
            {{ m.pinned ? 'Unpin' : 'Pin to session note' }}
          </button>
          @if (canAskToQuote()) {
            <button
              mat-button
              type="button"
              [disabled]="busy() || asked()"
              [matMenuTriggerFor]="joint"
              data-testid="message-ask-quote"
            >
              <mat-icon>format_quote</mat-icon> Ask to quote in the joint conversation
            </button>
            <mat-menu #joint="matMenu">
              <p class="menu-lead" role="presentation">
                Quote it, with {{ authorFirst() }}’s agreement, in:
              </p>
              @for (j of thread().jointThreads; track j.id) {
                <button
                  mat-menu-item
                  type="button"
                  (click)="act.emit({ kind: 'quote', message: m, jointThreadId: j.id })"
                  data-testid="message-quote-in"
                >
                  <mat-icon>forum</mat-icon><span>{{ j.subject }}</span>
                </button>
              }
            </mat-menu>
          }
        </div>
      } @else if (m.mine) {
        @for (request of m.quoteRequests; track request.id) {
          @if (request.state === 'pending') {
            <div
              class="ask"
              role="group"
              [attr.aria-labelledby]="'ask-' + request.id"
              data-testid="quote-ask"
            >
              <p [id]="'ask-' + request.id">
                <mat-icon aria-hidden="true">format_quote</mat-icon>
                <span>
                  {{ request.requestedBy.displayName }} asks to quote this message in the joint
                  conversation “{{ request.jointThreadSubject }}”, where everyone in your case reads
                  it. It is only quoted if you agree.
                </span>
              </p>
              <div class="ask-actions">
                <button
                  mat-stroked-button
                  type="button"
                  [disabled]="busy()"
                  (click)="act.emit({ kind: 'answer', message: m, request, agree: false })"
                  data-testid="quote-decline"
                >
                  Keep it private
                </button>
                <button
                  mat-flat-button
                  type="button"
                  [disabled]="busy()"
                  (click)="act.emit({ kind: 'answer', message: m, request, agree: true })"
                  data-testid="quote-agree"
                >
                  Agree to quote
                </button>
              </div>
            </div>
          } @else {
            <p class="quote-state" data-testid="quote-state">
              <mat-icon aria-hidden="true">{{ stateIcon(request) }}</mat-icon>
              {{
                request.state === 'agreed'
                  ? 'You agreed to quote it in “' + request.jointThreadSubject + '”'
                  : 'You kept it private'
              }}
            </p>
          }
        }
      }
    </article>
  `,
  styleUrl: './message-item.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class MessageItem {
  readonly message = input.required<MessageView>();
  readonly thread = input.required<ThreadView>();
  /** The conversation's chip text (`audienceText`). */
  readonly audience = input.required<string>();
  readonly counselor = input(false);
  /** An action on this message is on its way. */
  readonly busy = input(false);
  readonly act = output<MessageAction>();

  protected readonly quoteText = quoteText;
  protected readonly quoteStateText = quoteStateText;
  protected readonly readByText = readByText;
  protected readonly fullTime = fullTime;
  protected readonly when = computed(() => messageTime(this.message().sentAt));
  protected readonly full = computed(() => fullTime(this.message().sentAt));
  protected readonly authorFirst = computed(() => firstName(this.message().author));
  /** A client's message in a private conversation, in a case with a joint one to quote it in. */
  protected readonly canAskToQuote = computed(
    () =>
      this.thread().audience === 'private' &&
      this.message().authorRole === 'client' &&
      this.thread().jointThreads.length > 0,
  );
  /** An ask is waiting for the author: one at a time. */
  protected readonly asked = computed(() =>
    this.message().quoteRequests.some((r) => r.state === 'pending'),
  );

  protected stateIcon(request: QuoteRequestView): string {
    return request.state === 'agreed'
      ? 'check_circle'
      : request.state === 'declined'
        ? 'lock'
        : 'hourglass_empty';
  }
}
