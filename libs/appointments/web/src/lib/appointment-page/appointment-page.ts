import {
  ChangeDetectionStrategy,
  Component,
  computed,
  effect,
  inject,
  input,
  signal,
  untracked,
} from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { MatIconModule } from '@angular/material/icon';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { RouterLink } from '@angular/router';
import { AuthStore } from '@mend/auth/data-access';
import type { AppointmentView } from '@mend/shared/contracts';
import { errorMessage } from '@mend/shared/web';
import { AppointmentsApi } from '../data-access/appointments-api';
import { AppointmentItem } from '../ui/appointment-item';
import { historyLine } from '../ui/appointment-text';
import { dayLabel, timeLabel } from '../ui/appointment-time';
import { VIEWER_TIME_ZONE } from '../ui/viewer-time-zone';

/**
 * `/appointments/:id`: one appointment with its buttons, and every step since it was asked for
 * (who asked, suggested, confirmed, moved or cancelled it, and when). Nothing is deleted.
 */
@Component({
  selector: 'mend-appointment-page',
  imports: [
    RouterLink,
    MatButtonModule,
    MatCardModule,
    MatIconModule,
    MatProgressBarModule,
    AppointmentItem,
  ],
  template: `
    <a class="back-link" routerLink="/appointments"><mat-icon>arrow_back</mat-icon> Appointments</a>
    <header class="page-head">
      <div>
        <h1>Appointment</h1>
        @if (appointment(); as a) {
          <p>{{ a.caseTitle }}</p>
        }
      </div>
      @if (appointment()?.sessionId; as sessionId) {
        <a mat-stroked-button [routerLink]="['/sessions', sessionId]" data-testid="open-session"
          ><mat-icon>event_note</mat-icon> Open the session</a
        >
      }
    </header>
    @if (error(); as message) {
      <p class="notice" role="alert">
        <mat-icon aria-hidden="true">error_outline</mat-icon><span>{{ message }}</span>
        <button mat-button type="button" (click)="load(id())">Try again</button>
      </p>
    }
    @if (appointment(); as a) {
      <div class="page">
        <mat-card appearance="outlined" data-testid="appointment-detail">
          <mat-card-content>
            <mend-appointment-item
              [appointment]="a"
              [viewer]="viewer()"
              [link]="false"
              (changed)="appointment.set($event)"
            />
          </mat-card-content>
        </mat-card>
        <mat-card appearance="outlined" data-testid="appointment-history">
          <mat-card-header>
            <mat-icon matCardAvatar aria-hidden="true">history</mat-icon>
            <h2 mat-card-title>History</h2>
            <mat-card-subtitle>Every step, oldest first</mat-card-subtitle>
          </mat-card-header>
          <mat-card-content>
            <ol class="history">
              @for (step of history(); track $index) {
                <li data-testid="appointment-step">
                  <span class="line">{{ step.line }}</span>
                  <span class="at">{{ step.at }}</span>
                </li>
              }
            </ol>
          </mat-card-content>
        </mat-card>
      </div>
    } @else if (!error()) {
      <mat-progress-bar mode="indeterminate" />
    }
  `,
  styleUrl: './appointment-page.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class AppointmentPage {
  private readonly api = inject(AppointmentsApi);
  private readonly auth = inject(AuthStore);
  private readonly timeZone = inject(VIEWER_TIME_ZONE);

  readonly id = input.required<string>();
  protected readonly appointment = signal<AppointmentView | null>(null);
  protected readonly error = signal<string | null>(null);
  protected readonly viewer = computed(() =>
    this.auth.role() === 'counselor' ? 'counselor' : 'client',
  );
  protected readonly history = computed(() => {
    const me = this.auth.me()?.id;
    return (this.appointment()?.history ?? []).map((change) => ({
      line: historyLine(change, me, this.timeZone),
      at: `${dayLabel(change.at, this.timeZone)}, ${timeLabel(change.at, this.timeZone)}`,
    }));
  });

  constructor() {
    effect(() => {
      const id = this.id();
      untracked(() => void this.load(id));
    });
  }

  protected async load(id: string): Promise<void> {
    this.error.set(null);
    try {
      this.appointment.set(await this.api.get(id));
    } catch (error) {
      this.error.set(errorMessage(error));
    }
  }
}
