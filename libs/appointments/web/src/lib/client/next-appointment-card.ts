import {
  ChangeDetectionStrategy,
  Component,
  computed,
  inject,
  OnInit,
  signal,
} from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { MatIconModule } from '@angular/material/icon';
import { RouterLink } from '@angular/router';
import type { AppointmentView } from '@mend/shared/contracts';
import { errorMessage } from '@mend/shared/web';
import { AppointmentsApi } from '../data-access/appointments-api';
import { clientTitle, kindLine } from '../ui/appointment-text';
import { whenLabel } from '../ui/appointment-time';
import { VIEWER_TIME_ZONE } from '../ui/viewer-time-zone';

/**
 * Client home: "Your next appointment", or a time the counselor suggested, or the request
 * waiting for them; with nothing planned, a way to ask for one.
 */
@Component({
  selector: 'mend-next-appointment-card',
  imports: [RouterLink, MatButtonModule, MatCardModule, MatIconModule],
  template: `
    <mat-card appearance="outlined" data-testid="home-next-appointment">
      <mat-card-header>
        <mat-icon matCardAvatar aria-hidden="true">event</mat-icon>
        <mat-card-title>Your next appointment</mat-card-title>
        <mat-card-subtitle>When you next see your counselor</mat-card-subtitle>
      </mat-card-header>
      <mat-card-content>
        @if (error(); as message) {
          <p class="error" role="alert">{{ message }}</p>
        } @else if (loaded()) {
          @if (next(); as a) {
            <p class="when" data-testid="home-appointment-when">{{ when(a.startsAt) }}</p>
            <p class="muted">{{ clientTitle(a) }} · {{ kindLine(a) }}</p>
          } @else if (proposal(); as a) {
            <p class="when" data-testid="home-appointment-when">
              {{ when(a.proposedStartsAt ?? a.startsAt) }}
            </p>
            <p class="muted">
              {{ first(a) }} suggested this time instead of the one you asked for. Does it suit you?
            </p>
          } @else if (request(); as a) {
            <p class="when" data-testid="home-appointment-when">{{ when(a.startsAt) }}</p>
            <p class="muted">You asked for this time. {{ first(a) }} will confirm it soon.</p>
          } @else {
            <p class="muted" data-testid="home-no-appointment">
              Nothing is planned yet. Pick a time that suits you from your counselor’s free times.
            </p>
          }
        } @else {
          <p class="muted">Loading…</p>
        }
      </mat-card-content>
      <mat-card-actions>
        @if (loaded() && !next() && !proposal() && !request()) {
          <a
            mat-flat-button
            routerLink="/appointments"
            fragment="request"
            data-testid="home-request-appointment"
            ><mat-icon>event_available</mat-icon> Request an appointment</a
          >
        } @else if (proposal()) {
          <a mat-flat-button routerLink="/appointments" data-testid="home-appointments"
            >Answer {{ first(proposal()!) }}</a
          >
        } @else {
          <a mat-button routerLink="/appointments" data-testid="home-appointments"
            >See your appointments</a
          >
        }
      </mat-card-actions>
    </mat-card>
  `,
  styles: `
    :host {
      display: contents;
    }
    mat-card {
      background: var(--mat-sys-surface-container-lowest);
    }
    mat-card-header mat-icon[matCardAvatar] {
      display: grid;
      place-items: center;
      border-radius: 12px;
      background: var(--mat-sys-secondary-container);
      color: var(--mat-sys-on-secondary-container);
    }
    mat-card-content {
      padding-top: 16px;
    }
    p {
      margin: 0;
    }
    .when {
      margin-bottom: 4px;
      font: var(--mat-sys-title-medium);
      color: var(--mat-sys-primary);
    }
    .muted {
      color: var(--mat-sys-on-surface-variant);
    }
    .error {
      color: var(--mat-sys-error);
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class NextAppointmentCard implements OnInit {
  private readonly api = inject(AppointmentsApi);
  private readonly timeZone = inject(VIEWER_TIME_ZONE);

  protected readonly upcoming = signal<AppointmentView[] | null>(null);
  protected readonly waiting = signal<AppointmentView[]>([]);
  protected readonly error = signal<string | null>(null);
  protected readonly loaded = computed(() => this.upcoming() !== null);
  protected readonly next = computed(() => this.upcoming()?.[0] ?? null);
  protected readonly proposal = computed(
    () => this.waiting().find((a) => a.state === 'proposed') ?? null,
  );
  protected readonly request = computed(
    () => this.waiting().find((a) => a.state === 'requested') ?? null,
  );
  protected readonly clientTitle = clientTitle;
  protected readonly kindLine = kindLine;

  ngOnInit(): void {
    void this.load();
  }

  protected when(startsAt: string): string {
    return whenLabel(startsAt, this.timeZone);
  }

  protected first(appointment: AppointmentView): string {
    return appointment.counselor.displayName.split(' ')[0];
  }

  private async load(): Promise<void> {
    try {
      const [upcoming, waiting] = await Promise.all([
        this.api.list('upcoming'),
        this.api.list('waiting'),
      ]);
      this.waiting.set(waiting);
      this.upcoming.set(upcoming);
    } catch (error) {
      this.error.set(errorMessage(error));
    }
  }
}
