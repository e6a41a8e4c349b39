import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import { MatIconModule } from '@angular/material/icon';
import { RouterLink } from '@angular/router';
import { AuthStore } from '@mend/auth/data-access';
import type { ThreadSummary } from '@mend/shared/contracts';
import { AudienceChip } from '../ui/audience-chip';
import { audienceText, firstName, fullTime, messageTime, unreadText } from '../ui/message-text';

/**
 * Conversations as rows leading to each one: subject, the case (for counselors), who reads it,
 * the last message's time and author, and how many messages wait unread.
 */
@Component({
  selector: 'mend-thread-list',
  imports: [RouterLink, MatIconModule, AudienceChip],
  template: `
    <ul class="list" data-testid="thread-list">
      @for (row of rows(); track row.thread.id) {
        <li>
          <a
            class="row"
            [class.unread]="row.thread.unread > 0"
            [routerLink]="['/messages', row.thread.id]"
            data-testid="thread-row"
          >
            <span class="icon" [class.joint]="row.thread.audience === 'joint'" aria-hidden="true">
              <mat-icon>{{
                row.thread.audience === 'joint' ? 'forum' : 'chat_bubble_outline'
              }}</mat-icon>
            </span>
            <span class="text">
              <span class="title">{{ row.thread.subject }}</span>
              @if (showCase()) {
                <span class="line case" data-testid="thread-case">{{ row.thread.caseTitle }}</span>
              }
              <mend-audience-chip [audience]="row.thread.audience" [text]="row.audience" />
              <span class="line">
                Last message from {{ row.lastBy }} ·
                <time [attr.datetime]="row.thread.lastMessageAt" [title]="row.full">{{
                  row.when
                }}</time>
              </span>
            </span>
            <span class="end">
              @if (row.thread.unread > 0) {
                <span class="unread-count" data-testid="thread-unread">{{
                  unreadText(row.thread.unread)
                }}</span>
              }
            </span>
          </a>
        </li>
      }
    </ul>
  `,
  styleUrl: './thread-list.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ThreadList {
  private readonly auth = inject(AuthStore);

  readonly threads = input.required<ThreadSummary[]>();
  /** Counselors see which case each conversation is in (unless the page is about one case). */
  readonly showCase = input(false);

  protected readonly unreadText = unreadText;
  protected readonly rows = computed(() => {
    const me = this.auth.me()?.id;
    const now = new Date();
    return this.threads().map((thread) => ({
      thread,
      audience: audienceText(thread, me),
      lastBy: thread.lastMessageBy.userId === me ? 'you' : firstName(thread.lastMessageBy),
      when: messageTime(thread.lastMessageAt, now),
      full: fullTime(thread.lastMessageAt),
    }));
  });
}
