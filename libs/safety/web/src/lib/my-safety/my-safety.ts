import { DatePipe } from '@angular/common';
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
import type { MyJointWork, SafetyCheckSummary } from '@mend/shared/contracts';
import { SafetyApi } from '../data-access/safety-api';

/**
 * Client home: their open private check-ins, and while joint exercises are not open, the one
 * calm sentence they are told about it (never why, never anything about their partner). Shows
 * nothing when there is nothing to say.
 */
@Component({
  selector: 'mend-my-safety',
  imports: [DatePipe, RouterLink, MatButtonModule, MatCardModule, MatIconModule],
  template: `
    @if (open().length) {
      <mat-card appearance="outlined" class="check" data-testid="my-safety-checks">
        <mat-card-header>
          <mat-icon matCardAvatar aria-hidden="true">lock</mat-icon>
          <mat-card-title>A private check-in from your counselor</mat-card-title>
          <mat-card-subtitle>Only your counselor reads your answers</mat-card-subtitle>
        </mat-card-header>
        <mat-card-content>
          <ul class="checks">
            @for (c of open(); track c.id) {
              <li>
                <a class="row" [routerLink]="['/safety-check', c.id]" data-testid="my-safety-check">
                  <span class="title">Answer your check-in</span>
                  <span class="muted">
                    Asked {{ c.requestedAt | date: 'MMMM d' }}
                    @if (manyCases()) {
                      · {{ c.caseTitle }}
                    }
                  </span>
                </a>
              </li>
            }
          </ul>
        </mat-card-content>
      </mat-card>
    }
    @if (waiting().length) {
      <mat-card appearance="outlined" data-testid="my-joint-work">
        <mat-card-header>
          <mat-icon matCardAvatar aria-hidden="true">diversity_1</mat-icon>
          <mat-card-title>Exercises together</mat-card-title>
        </mat-card-header>
        <mat-card-content>
          @for (message of waiting(); track message) {
            <p class="message">{{ message }}</p>
          }
        </mat-card-content>
      </mat-card>
    }
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
    .checks {
      margin: 0;
      padding: 0;
      list-style: none;
    }
    li + li {
      border-top: 1px solid var(--mat-sys-outline-variant);
    }
    .row {
      display: flex;
      flex-direction: column;
      padding: 10px 0;
      color: inherit;
      text-decoration: none;

      &:hover .title {
        text-decoration: underline;
      }
    }
    .title {
      color: var(--mat-sys-primary);
      font-weight: 500;
    }
    .muted {
      color: var(--mat-sys-on-surface-variant);
      font: var(--mat-sys-body-small);
    }
    .message {
      margin: 0;
      color: var(--mat-sys-on-surface-variant);
    }
    .message + .message {
      margin-top: 8px;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class MySafety implements OnInit {
  private readonly api = inject(SafetyApi);

  protected readonly checks = signal<SafetyCheckSummary[]>([]);
  protected readonly jointWork = signal<MyJointWork[]>([]);

  /** Check-ins not answered yet. */
  protected readonly open = computed(() => this.checks().filter((c) => !c.submittedAt));
  protected readonly manyCases = computed(
    () => new Set(this.checks().map((c) => c.caseId)).size > 1,
  );
  /** What the client is told while joint exercises are not open; the same words once. */
  protected readonly waiting = computed(() => [
    ...new Set(
      this.jointWork()
        .filter((j) => !j.open)
        .map((j) => j.message),
    ),
  ]);

  ngOnInit(): void {
    // Quiet: the home page shows nothing of safety when these cannot be loaded.
    void this.api.myChecks().then(
      (checks) => this.checks.set(checks),
      () => undefined,
    );
    void this.api.myJointWork().then(
      (list) => this.jointWork.set(list),
      () => undefined,
    );
  }
}
