import { Clipboard } from '@angular/cdk/clipboard';
import { ChangeDetectionStrategy, Component, inject, OnInit, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { MatDialog } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatSnackBar } from '@angular/material/snack-bar';
import type { CalendarFeed } from '@mend/shared/contracts';
import { confirmAction, errorMessage } from '@mend/shared/web';
import { AppointmentsApi } from '../data-access/appointments-api';
import { dayLabel } from '../ui/appointment-time';
import { VIEWER_TIME_ZONE } from '../ui/viewer-time-zone';

/**
 * Counselor: the private calendar feed of their sessions, for their own calendar app. The
 * address is a secret shown once, when made; a new one ends the old; it can be turned off.
 * The feed says "Appointment" at "Mend" and nothing else.
 */
@Component({
  selector: 'mend-calendar-feed-card',
  imports: [MatButtonModule, MatCardModule, MatFormFieldModule, MatIconModule, MatInputModule],
  template: `
    <mat-card appearance="outlined" data-testid="calendar-feed">
      <mat-card-header>
        <mat-icon matCardAvatar aria-hidden="true">calendar_month</mat-icon>
        <h2 mat-card-title>Your calendar</h2>
        <mat-card-subtitle>Your sessions in the calendar app you already use</mat-card-subtitle>
      </mat-card-header>
      <mat-card-content>
        <p class="lead">
          A private address your calendar app subscribes to. It shows each session only as
          “Appointment” at “Mend”, with its time: no names, no case, no notes.
        </p>
        @if (error(); as message) {
          <p class="notice" role="alert">
            <mat-icon aria-hidden="true">error_outline</mat-icon><span>{{ message }}</span>
          </p>
        }
        @if (feed(); as f) {
          @if (f.url) {
            <div class="secret" data-testid="calendar-feed-new">
              <mat-form-field appearance="outline" class="url">
                <mat-label>Your feed address</mat-label>
                <input matInput readonly [value]="f.url" data-testid="calendar-feed-url" />
              </mat-form-field>
              <button
                mat-flat-button
                type="button"
                (click)="copy(f.url)"
                data-testid="calendar-feed-copy"
              >
                <mat-icon>content_copy</mat-icon> Copy
              </button>
            </div>
            <p class="warning">
              <mat-icon aria-hidden="true">visibility_off</mat-icon>
              <span
                >Copy it now: Mend shows it only this once. In your calendar app, add a calendar
                “from URL” or “by subscription” and paste it. Keep it to yourself: anyone with it
                sees your session times.</span
              >
            </p>
          } @else if (f.createdAt) {
            <p class="state" data-testid="calendar-feed-on">
              <mat-icon aria-hidden="true">check_circle</mat-icon>
              On since {{ since(f.createdAt) }}. For your safety its address is not shown again;
              make a new one to add it elsewhere.
            </p>
          } @else {
            <p class="state muted" data-testid="calendar-feed-off">No feed is on.</p>
          }
        }
      </mat-card-content>
      <mat-card-actions>
        @if (active()) {
          <button
            mat-button
            type="button"
            (click)="create()"
            [disabled]="busy()"
            data-testid="calendar-feed-create"
          >
            <mat-icon>autorenew</mat-icon> Make a new address
          </button>
          <button
            mat-button
            type="button"
            class="danger"
            (click)="revoke()"
            [disabled]="busy()"
            data-testid="calendar-feed-revoke"
          >
            <mat-icon>link_off</mat-icon> Turn the feed off
          </button>
        } @else {
          <button
            mat-flat-button
            type="button"
            (click)="create()"
            [disabled]="busy() || !feed()"
            data-testid="calendar-feed-create"
          >
            <mat-icon>add_link</mat-icon> Make a feed address
          </button>
        }
      </mat-card-actions>
    </mat-card>
  `,
  styleUrl: './calendar-feed-card.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class CalendarFeedCard implements OnInit {
  private readonly api = inject(AppointmentsApi);
  private readonly clipboard = inject(Clipboard);
  private readonly dialog = inject(MatDialog);
  private readonly snackBar = inject(MatSnackBar);
  private readonly timeZone = inject(VIEWER_TIME_ZONE);

  protected readonly feed = signal<CalendarFeed | null>(null);
  protected readonly error = signal<string | null>(null);
  protected readonly busy = signal(false);

  protected active(): boolean {
    const feed = this.feed();
    return !!feed && (!!feed.url || !!feed.createdAt);
  }

  ngOnInit(): void {
    void this.api.calendarFeed().then(
      (feed) => this.feed.set(feed),
      (error) => this.error.set(errorMessage(error)),
    );
  }

  protected since(createdAt: string): string {
    return dayLabel(createdAt, this.timeZone);
  }

  protected copy(url: string): void {
    const copied = this.clipboard.copy(url);
    this.snackBar.open(
      copied
        ? 'Copied. Paste it in your calendar app.'
        : 'Could not copy: select the address and copy it.',
      'OK',
      { duration: 5000 },
    );
  }

  protected create(): void {
    if (!this.active()) {
      void this.run(() => this.api.createCalendarFeed());
      return;
    }
    confirmAction(this.dialog, {
      title: 'Make a new address?',
      message:
        'The address you have now stops working at once: calendars subscribed to it stop showing your sessions until you add the new one.',
      confirm: 'Make a new address',
      action: () => this.api.createCalendarFeed(),
    }).subscribe((feed) => feed && this.feed.set(feed));
  }

  protected revoke(): void {
    confirmAction(this.dialog, {
      title: 'Turn the feed off?',
      message: 'The address stops working at once. Your sessions stay in Mend.',
      confirm: 'Turn it off',
      tone: 'danger',
      action: () => this.api.revokeCalendarFeed(),
    }).subscribe((feed) => feed && this.feed.set(feed));
  }

  private async run(call: () => Promise<CalendarFeed>): Promise<void> {
    this.busy.set(true);
    this.error.set(null);
    try {
      this.feed.set(await call());
    } catch (error) {
      this.error.set(errorMessage(error));
    } finally {
      this.busy.set(false);
    }
  }
}
