import {
  ChangeDetectionStrategy,
  Component,
  computed,
  inject,
  OnInit,
  signal,
} from '@angular/core';
import { MatCardModule } from '@angular/material/card';
import { MatIconModule } from '@angular/material/icon';
import type { MessageCounts } from '@mend/shared/contracts';
import { errorMessage } from '@mend/shared/web';
import { MessagesApi } from '../data-access/messages-api';

/**
 * Admin home: the "Conversations waiting" card. Per counselor, how many conversations end with
 * a client's message more than two days old: counts only, never which conversation or whose.
 */
@Component({
  selector: 'mend-message-counts-card',
  imports: [MatCardModule, MatIconModule],
  template: `
    <mat-card appearance="outlined" data-testid="message-counts">
      <mat-card-header>
        <mat-icon matCardAvatar aria-hidden="true">mark_chat_unread</mat-icon>
        <mat-card-title>Conversations waiting</mat-card-title>
        <mat-card-subtitle>A client’s message unanswered for over 2 days</mat-card-subtitle>
      </mat-card-header>
      <mat-card-content>
        @if (error(); as message) {
          <p class="error" role="alert">{{ message }}</p>
        } @else if (counts(); as c) {
          @if (waiting().length) {
            <table>
              <caption class="cdk-visually-hidden">
                Conversations waiting over two days, per counselor
              </caption>
              <thead>
                <tr>
                  <th scope="col">Counselor</th>
                  <th scope="col" class="num">Waiting</th>
                </tr>
              </thead>
              <tbody>
                @for (row of waiting(); track row.counselor.userId) {
                  <tr data-testid="message-counts-row">
                    <th scope="row">{{ row.counselor.displayName }}</th>
                    <td class="num attention">{{ row.unansweredOverTwoDays }}</td>
                  </tr>
                }
              </tbody>
            </table>
          } @else if (c.counselors.length) {
            <p class="empty" data-testid="message-counts-none">
              <mat-icon aria-hidden="true">check_circle</mat-icon>
              Every client’s message has had an answer within two days.
            </p>
          } @else {
            <p class="empty" data-testid="message-counts-none">
              Counts appear here once counselors and clients write to each other.
            </p>
          }
        } @else {
          <p class="muted">Loading…</p>
        }
      </mat-card-content>
    </mat-card>
  `,
  styleUrl: './message-counts-card.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class MessageCountsCard implements OnInit {
  private readonly api = inject(MessagesApi);

  protected readonly counts = signal<MessageCounts | null>(null);
  protected readonly error = signal<string | null>(null);
  /** Counselors with something waiting, the most first. */
  protected readonly waiting = computed(() =>
    (this.counts()?.counselors ?? [])
      .filter((row) => row.unansweredOverTwoDays > 0)
      .sort((a, b) => b.unansweredOverTwoDays - a.unansweredOverTwoDays),
  );

  ngOnInit(): void {
    void this.api.messageCounts().then(
      (counts) => this.counts.set(counts),
      (error) => this.error.set(errorMessage(error)),
    );
  }
}
