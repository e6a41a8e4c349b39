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
import type { SafetyCounts } from '@mend/shared/contracts';
import { errorMessage } from '@mend/shared/web';
import { SafetyApi } from '../data-access/safety-api';
import { countsRows } from './counts';

/**
 * Admin home: the "Safety" card. Per counselor, how many check-ins wait for an answer and how
 * many alerts have gone unacknowledged for over 24 hours: counts only, never whose or why. And
 * the way to the clinic's crisis text.
 */
@Component({
  selector: 'mend-safety-overview',
  imports: [RouterLink, MatButtonModule, MatCardModule, MatIconModule],
  template: `
    <mat-card appearance="outlined" data-testid="safety-counts">
      <mat-card-header>
        <mat-icon matCardAvatar aria-hidden="true">health_and_safety</mat-icon>
        <mat-card-title>Safety</mat-card-title>
        <mat-card-subtitle>Counts per counselor, never whose or why</mat-card-subtitle>
      </mat-card-header>
      <mat-card-content>
        @if (error(); as message) {
          <p class="error" role="alert">{{ message }}</p>
        } @else if (counts()) {
          @if (rows().length) {
            <table>
              <caption class="cdk-visually-hidden">
                Safety counts per counselor
              </caption>
              <thead>
                <tr>
                  <th scope="col">Counselor</th>
                  <th scope="col" class="num">Check-ins waiting</th>
                  <th scope="col" class="num">Alerts open over 24 h</th>
                </tr>
              </thead>
              <tbody>
                @for (r of rows(); track r.counselorId) {
                  <tr data-testid="safety-counts-row">
                    <th scope="row">{{ r.displayName }}</th>
                    <td class="num">{{ r.waitingChecks }}</td>
                    <td class="num" [class.attention]="r.overdueAlerts > 0">
                      {{ r.overdueAlerts }}
                    </td>
                  </tr>
                }
              </tbody>
            </table>
          } @else {
            <p class="empty">
              Counts appear here once counselors have couples or families in care.
            </p>
          }
        } @else {
          <p class="muted">Loading…</p>
        }
      </mat-card-content>
      <mat-card-actions>
        <a mat-button routerLink="/clinic/crisis-text" data-testid="crisis-text-link"
          ><mat-icon>support</mat-icon> Crisis text</a
        >
      </mat-card-actions>
    </mat-card>
  `,
  styleUrl: './safety-overview.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class SafetyOverview implements OnInit {
  private readonly api = inject(SafetyApi);

  protected readonly counts = signal<SafetyCounts | null>(null);
  protected readonly error = signal<string | null>(null);
  protected readonly rows = computed(() => countsRows(this.counts()));

  ngOnInit(): void {
    void this.api.counts().then(
      (counts) => this.counts.set(counts),
      (error) => this.error.set(errorMessage(error)),
    );
  }
}
