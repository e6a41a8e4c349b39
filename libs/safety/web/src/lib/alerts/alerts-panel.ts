import { ChangeDetectionStrategy, Component, inject, OnInit, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { MatIconModule } from '@angular/material/icon';
import { MatSnackBar } from '@angular/material/snack-bar';
import type { AlertView } from '@mend/shared/contracts';
import { errorMessage } from '@mend/shared/web';
import { SafetyApi } from '../data-access/safety-api';
import { AlertList } from './alert-list';

/**
 * Counselor: the open alerts of their caseload (answers that need care), each acknowledged
 * with a short follow-up. Shows nothing while there are none; above a page's content, with
 * space below it when shown.
 */
@Component({
  selector: 'mend-alerts-panel',
  imports: [MatButtonModule, MatCardModule, MatIconModule, AlertList],
  template: `
    @if (error(); as message) {
      <p class="notice" role="alert">
        <mat-icon aria-hidden="true">error_outline</mat-icon>
        <span>Safety alerts could not be loaded. {{ message }}</span>
        <button mat-button type="button" (click)="load()">Try again</button>
      </p>
    } @else if (alerts().length) {
      <mat-card
        appearance="outlined"
        class="panel"
        role="region"
        aria-labelledby="alerts-panel-title"
        data-testid="alerts-panel"
      >
        <mat-card-header>
          <mat-icon matCardAvatar aria-hidden="true">notification_important</mat-icon>
          <mat-card-title id="alerts-panel-title">
            {{
              alerts().length === 1
                ? 'An answer needs your care'
                : alerts().length + ' answers need your care'
            }}
          </mat-card-title>
          <mat-card-subtitle
            >A client picked an answer that may mean they are not safe. Acknowledge each with what
            you did or will do.</mat-card-subtitle
          >
        </mat-card-header>
        <mat-card-content>
          <mend-alert-list [alerts]="alerts()" (acknowledged)="acknowledged($event)" />
        </mat-card-content>
      </mat-card>
    }
  `,
  styles: `
    :host {
      display: block;
    }
    .panel,
    .notice {
      margin-bottom: 20px;
    }
    .panel {
      border-color: var(--mat-sys-tertiary);
      background: var(--mat-sys-surface-container-lowest);
    }
    mat-card-header mat-icon[matCardAvatar] {
      display: grid;
      place-items: center;
      border-radius: 12px;
      background: var(--mat-sys-tertiary-container);
      color: var(--mat-sys-on-tertiary-container);
    }
    mat-card-content {
      padding-top: 4px;
    }
    .notice {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 8px;
      margin-top: 0;
      padding: 12px 14px;
      border-radius: 12px;
      background: var(--mat-sys-error-container);
      color: var(--mat-sys-on-error-container);
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class AlertsPanel implements OnInit {
  private readonly api = inject(SafetyApi);
  private readonly snackBar = inject(MatSnackBar);

  protected readonly alerts = signal<AlertView[]>([]);
  protected readonly error = signal<string | null>(null);

  ngOnInit(): void {
    void this.load();
  }

  protected async load(): Promise<void> {
    this.error.set(null);
    try {
      this.alerts.set(await this.api.alerts({ open: true }));
    } catch (error) {
      this.error.set(errorMessage(error));
    }
  }

  protected acknowledged(saved: AlertView): void {
    this.alerts.update((list) => list.filter((a) => a.id !== saved.id));
    this.snackBar.open('Acknowledged. Your follow-up is kept with the alert.', 'OK', {
      duration: 5000,
    });
  }
}
