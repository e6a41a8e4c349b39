import {
  ChangeDetectionStrategy,
  Component,
  computed,
  inject,
  OnInit,
  signal,
  viewChild,
} from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { MatIconModule } from '@angular/material/icon';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { RouterLink } from '@angular/router';
import type { AppointmentView } from '@mend/shared/contracts';
import { errorMessage } from '@mend/shared/web';
import { AppointmentsApi } from '../data-access/appointments-api';
import { AppointmentItem } from '../ui/appointment-item';
import { zoneLabel } from '../ui/appointment-time';
import { VIEWER_TIME_ZONE } from '../ui/viewer-time-zone';
import { WaitingRequests } from './waiting-requests';

const PAST_SHOWN = 10;

/**
 * Counselor page: requests waiting, then the confirmed appointments ahead (to move or cancel),
 * then the past ones, across their caseload. Reached from the Sessions page.
 */
@Component({
  selector: 'mend-counselor-appointments',
  imports: [
    RouterLink,
    MatButtonModule,
    MatCardModule,
    MatIconModule,
    MatProgressBarModule,
    AppointmentItem,
    WaitingRequests,
  ],
  template: `
    <a class="back-link" routerLink="/sessions"><mat-icon>arrow_back</mat-icon> Sessions</a>
    <header class="page-head">
      <div>
        <h1>Appointments</h1>
        <p>Requests from your clients and the appointments ahead, in {{ zone }}</p>
      </div>
      <a mat-stroked-button routerLink="/settings/availability"
        ><mat-icon>schedule</mat-icon> Your availability</a
      >
    </header>
    <div class="page">
      <mend-waiting-requests [linkAppointments]="false" [sessionsChanged]="reload" />
      <mat-card appearance="outlined" data-testid="upcoming-appointments">
        <mat-card-header>
          <mat-icon matCardAvatar aria-hidden="true">event</mat-icon>
          <h2 mat-card-title>Upcoming</h2>
          <mat-card-subtitle>Confirmed, soonest first</mat-card-subtitle>
        </mat-card-header>
        <mat-card-content>
          @if (error(); as message) {
            <p class="notice" role="alert">
              <mat-icon aria-hidden="true">error_outline</mat-icon><span>{{ message }}</span>
              <button mat-button type="button" (click)="load()">Try again</button>
            </p>
          } @else if (upcoming(); as list) {
            @if (list.length) {
              <ul class="items">
                @for (a of list; track a.id) {
                  <li>
                    <mend-appointment-item
                      [appointment]="a"
                      viewer="counselor"
                      (changed)="changed()"
                    />
                  </li>
                }
              </ul>
            } @else {
              <p class="none">No confirmed appointments ahead.</p>
            }
          } @else {
            <mat-progress-bar mode="indeterminate" />
          }
        </mat-card-content>
      </mat-card>
      @if (past().length) {
        <mat-card appearance="outlined" data-testid="past-appointments">
          <mat-card-header>
            <mat-icon matCardAvatar aria-hidden="true">history</mat-icon>
            <h2 mat-card-title>Past</h2>
            <mat-card-subtitle>Held, declined and cancelled, newest first</mat-card-subtitle>
          </mat-card-header>
          <mat-card-content>
            <ul class="items">
              @for (a of past(); track a.id) {
                <li>
                  <mend-appointment-item
                    [appointment]="a"
                    viewer="counselor"
                    [actionable]="false"
                  />
                </li>
              }
            </ul>
          </mat-card-content>
        </mat-card>
      }
    </div>
  `,
  styleUrl: '../ui/page-host.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class CounselorAppointments implements OnInit {
  private readonly api = inject(AppointmentsApi);
  protected readonly zone = zoneLabel(inject(VIEWER_TIME_ZONE));

  protected readonly upcoming = signal<AppointmentView[] | null>(null);
  private readonly pastAll = signal<AppointmentView[]>([]);
  protected readonly past = computed(() => this.pastAll().slice(0, PAST_SHOWN));
  protected readonly error = signal<string | null>(null);
  private readonly waiting = viewChild(WaitingRequests);

  /** An accepted request is a new upcoming appointment. */
  protected readonly reload = () => void this.load();

  ngOnInit(): void {
    void this.load();
  }

  protected changed(): void {
    void this.load();
    void this.waiting()?.load();
  }

  protected async load(): Promise<void> {
    this.error.set(null);
    try {
      const [upcoming, past] = await Promise.all([
        this.api.list('upcoming'),
        this.api.list('past'),
      ]);
      this.upcoming.set(upcoming);
      this.pastAll.set(past);
    } catch (error) {
      this.error.set(errorMessage(error));
    }
  }
}
