import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, input, output, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import type { FeedbackView } from '@mend/shared/contracts';

export interface ReplyEvent {
  feedbackId: string;
  body: string;
  /** Clears the box once the reply is saved. */
  done: () => void;
}

export const FEEDBACK_MAX = 5000;

/**
 * The counselor's feedback on a piece of homework, each with the client's one reply. The
 * client gets one reply box under each feedback not yet answered (`canReply`).
 */
@Component({
  selector: 'mend-feedback-thread',
  imports: [DatePipe, MatButtonModule, MatFormFieldModule, MatIconModule, MatInputModule],
  template: `
    <ol class="thread">
      @for (f of feedback(); track f.id) {
        <li class="entry" data-testid="feedback-item">
          <div class="bubble counselor">
            <div class="by">
              <strong>{{ f.author.displayName }}</strong>
              <span>{{ f.createdAt | date: 'MMM d, H:mm' }}</span>
            </div>
            <p>{{ f.body }}</p>
          </div>
          @if (f.reply; as r) {
            <div class="bubble reply" data-testid="feedback-reply">
              <div class="by">
                <strong>{{ r.author.displayName }}</strong>
                <span>{{ r.createdAt | date: 'MMM d, H:mm' }}</span>
              </div>
              <p>{{ r.body }}</p>
            </div>
          } @else if (canReply()) {
            <form class="reply-box" (submit)="$event.preventDefault(); send(f.id)">
              <mat-form-field appearance="outline" subscriptSizing="dynamic">
                <mat-label>Your reply</mat-label>
                <textarea
                  matInput
                  rows="2"
                  [maxLength]="max"
                  [value]="draftOf(f.id)"
                  (input)="type(f.id, $event)"
                  data-testid="reply-input"
                ></textarea>
                <mat-hint>You can reply once to each piece of feedback.</mat-hint>
              </mat-form-field>
              <button
                mat-flat-button
                type="submit"
                [disabled]="busy() || !draftOf(f.id).trim()"
                data-testid="reply-send"
              >
                <mat-icon>send</mat-icon> Reply
              </button>
            </form>
          }
        </li>
      } @empty {
        <li class="none">{{ emptyText() }}</li>
      }
    </ol>
  `,
  styles: `
    :host {
      display: block;
    }
    .thread {
      display: flex;
      flex-direction: column;
      gap: 16px;
      margin: 0;
      padding: 0;
      list-style: none;
    }
    .entry {
      display: flex;
      flex-direction: column;
      gap: 8px;
    }
    .bubble {
      padding: 10px 14px;
      border-radius: 4px 16px 16px 16px;
      background: var(--mat-sys-surface-container);

      p {
        margin: 4px 0 0;
        white-space: pre-wrap;
        overflow-wrap: anywhere;
      }
    }
    .reply {
      margin-left: 32px;
      border-radius: 16px 4px 16px 16px;
      background: var(--mat-sys-secondary-container);
      color: var(--mat-sys-on-secondary-container);
    }
    .by {
      display: flex;
      flex-wrap: wrap;
      gap: 4px 8px;
      align-items: baseline;
      font: var(--mat-sys-body-small);

      strong {
        font: var(--mat-sys-label-large);
      }
    }
    .reply-box {
      display: flex;
      flex-direction: column;
      align-items: flex-end;
      gap: 8px;
      margin-left: 32px;

      mat-form-field {
        width: 100%;
      }
    }
    .none {
      color: var(--mat-sys-on-surface-variant);
    }
    @media (max-width: 600px) {
      .reply,
      .reply-box {
        margin-left: 16px;
      }
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class FeedbackThread {
  readonly feedback = input.required<FeedbackView[]>();
  readonly canReply = input(false);
  readonly busy = input(false);
  readonly emptyText = input('No feedback yet.');
  readonly reply = output<ReplyEvent>();

  protected readonly max = FEEDBACK_MAX;
  /** Replies being written, in memory only. */
  protected readonly drafts = signal<Record<string, string>>({});

  protected draftOf(feedbackId: string): string {
    return this.drafts()[feedbackId] ?? '';
  }

  protected type(feedbackId: string, event: Event): void {
    const body = (event.target as HTMLTextAreaElement).value;
    this.drafts.update((d) => ({ ...d, [feedbackId]: body }));
  }

  protected send(feedbackId: string): void {
    const body = this.draftOf(feedbackId).trim();
    if (!body) return;
    this.reply.emit({
      feedbackId,
      body,
      done: () => this.drafts.update((d) => ({ ...d, [feedbackId]: '' })),
    });
  }
}
