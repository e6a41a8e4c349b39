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
  styles: `
    :host {
      display: block;
    }
    mat-card {
      height: 100%;
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
    td.attention {
      color: var(--mat-sys-tertiary);
      font-weight: 600;
    }
    table {
      width: 100%;
      border-collapse: collapse;
      font: var(--mat-sys-body-medium);
    }
    th,
    td {
      padding: 8px 4px;
      border-top: 1px solid var(--mat-sys-outline-variant);
      text-align: left;
    }
    thead th {
      border-top: 0;
      color: var(--mat-sys-on-surface-variant);
      font: var(--mat-sys-label-medium);
    }
    tbody th {
      font-weight: 500;
    }
    .num {
      width: 5.5em;
      text-align: right;
    }
    thead .num {
      vertical-align: bottom;
    }
    .empty,
    .muted {
      margin: 0;
      color: var(--mat-sys-on-surface-variant);
    }
    .error {
      color: var(--mat-sys-error);
    }
  `,
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
