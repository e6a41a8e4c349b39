import { DatePipe } from '@angular/common';
import {
  ChangeDetectionStrategy,
  Component,
  computed,
  ElementRef,
  inject,
  input,
  output,
  signal,
} from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { RouterLink } from '@angular/router';
import type { AlertView } from '@mend/shared/contracts';
import { errorMessage } from '@mend/shared/web';
import { SafetyApi } from '../data-access/safety-api';
import { safetyTabLink } from '../ui/safety-text';

export const FOLLOW_UP_MAX = 4000;

/**
 * Alerts raised by answers that need care, each with what was answered and an "Acknowledge"
 * form that asks for a short follow-up note (what the counselor did or will do).
 */
@Component({
  selector: 'mend-alert-list',
  imports: [
    DatePipe,
    RouterLink,
    MatButtonModule,
    MatFormFieldModule,
    MatIconModule,
    MatInputModule,
  ],
  template: `
    <ul class="alerts">
      @for (a of alerts(); track a.id) {
        <li data-testid="alert-item">
          <div class="head">
            <mat-icon aria-hidden="true" class="icon">notification_important</mat-icon>
            <div class="text">
              <span class="title">{{ a.title }}</span>
              <span class="meta">
                {{ a.member.displayName }}
                @if (showCase()) {
                  · {{ a.caseTitle }}
                }
                · raised {{ a.raisedAt | date: 'MMM d, H:mm' }}
              </span>
            </div>
          </div>
          @if (a.answers.length) {
            <dl class="answers">
              @for (x of a.answers; track $index) {
                <div>
                  <dt>{{ x.label }}</dt>
                  <dd>{{ x.answer }}</dd>
                </div>
              }
            </dl>
          }
          <div class="links">
            @if (a.source === 'homework') {
              <a mat-button [routerLink]="['/review', a.sourceId]">
                <mat-icon>assignment</mat-icon> Open the homework
              </a>
            } @else if (!showCase()) {
              <button mat-button type="button" (click)="readCheck.emit(a)">
                <mat-icon>visibility</mat-icon> Read all answers
              </button>
            }
            @if (showCase()) {
              <a
                mat-button
                [routerLink]="caseLink(a).commands"
                [queryParams]="caseLink(a).queryParams"
                data-testid="alert-case-link"
              >
                <mat-icon>shield</mat-icon> Case safety
              </a>
            }
            @if (openId() !== a.id) {
              <button
                mat-stroked-button
                type="button"
                (click)="open(a)"
                data-testid="alert-acknowledge"
              >
                <mat-icon>task_alt</mat-icon> Acknowledge
              </button>
            }
          </div>
          @if (openId() === a.id) {
            <form class="ack" (submit)="$event.preventDefault(); acknowledge(a)" novalidate>
              <mat-form-field appearance="outline" subscriptSizing="dynamic">
                <mat-label>Your follow-up</mat-label>
                <textarea
                  matInput
                  rows="2"
                  required
                  [maxLength]="followUpMax"
                  [value]="followUp()"
                  (input)="type($event)"
                  [id]="'follow-up-' + a.id"
                  placeholder="e.g. Called Sam the same day; safety plan agreed."
                  data-testid="alert-follow-up"
                ></textarea>
                <mat-hint
                  >What you did or will do. Kept with the alert, for the case’s
                  counselors.</mat-hint
                >
              </mat-form-field>
              @if (error(); as message) {
                <p class="error" role="alert">{{ message }}</p>
              }
              <div class="ack-actions">
                <button mat-button type="button" (click)="openId.set(null)">Cancel</button>
                <button
                  mat-flat-button
                  type="submit"
                  [disabled]="busy()"
                  data-testid="alert-acknowledge-save"
                >
                  Acknowledge
                </button>
              </div>
            </form>
          }
        </li>
      }
    </ul>
  `,
  styles: `
    .alerts {
      margin: 0;
      padding: 0;
      list-style: none;
    }
    li {
      display: flex;
      flex-direction: column;
      gap: 8px;
      padding: 14px 0;
    }
    li + li {
      border-top: 1px solid var(--mat-sys-outline-variant);
    }
    .head {
      display: flex;
      align-items: flex-start;
      gap: 12px;
    }
    .icon {
      flex: none;
      color: var(--mat-sys-tertiary);
    }
    .text {
      display: flex;
      flex-direction: column;
      gap: 2px;
      min-width: 0;
    }
    .title {
      font-weight: 500;
    }
    .meta {
      color: var(--mat-sys-on-surface-variant);
      font: var(--mat-sys-body-small);
    }
    .answers {
      display: flex;
      flex-direction: column;
      gap: 6px;
      margin: 0 0 0 36px;
      padding: 10px 12px;
      border-radius: 10px;
      background: var(--mat-sys-surface-container);
    }
    dt {
      font: var(--mat-sys-body-small);
      color: var(--mat-sys-on-surface-variant);
    }
    dd {
      margin: 0;
      font-weight: 500;
    }
    .links {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 4px 8px;
      margin-left: 28px;
    }
    .ack {
      display: flex;
      flex-direction: column;
      gap: 8px;
      margin-left: 36px;
    }
    .ack-actions {
      display: flex;
      justify-content: flex-end;
      gap: 8px;
    }
    .error {
      margin: 0;
      color: var(--mat-sys-error);
      font: var(--mat-sys-body-small);
    }
    @media (max-width: 600px) {
      .answers,
      .ack {
        margin-left: 0;
      }
      .links {
        margin-left: -8px;
      }
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class AlertList {
  private readonly api = inject(SafetyApi);
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef);

  readonly alerts = input.required<AlertView[]>();
  /** On the alerts panel (across cases): name the case and link to its Safety tab. */
  readonly showCase = input(true);
  /** An alert was acknowledged: the server's answer. */
  readonly acknowledged = output<AlertView>();
  /** The case's Safety tab opens the check-in behind an alert. */
  readonly readCheck = output<AlertView>();

  protected readonly followUpMax = FOLLOW_UP_MAX;
  protected readonly openId = signal<string | null>(null);
  protected readonly followUp = signal('');
  protected readonly busy = signal(false);
  protected readonly error = signal<string | null>(null);
  protected readonly links = computed(
    () => new Map(this.alerts().map((a) => [a.id, safetyTabLink(a.caseId)])),
  );

  protected caseLink(a: AlertView): ReturnType<typeof safetyTabLink> {
    return this.links().get(a.id) ?? safetyTabLink(a.caseId);
  }

  protected open(a: AlertView): void {
    this.openId.set(a.id);
    this.followUp.set('');
    this.error.set(null);
    setTimeout(() =>
      this.host.nativeElement.querySelector<HTMLElement>(`#follow-up-${a.id}`)?.focus(),
    );
  }

  protected type(event: Event): void {
    this.followUp.set((event.target as HTMLTextAreaElement).value);
    this.error.set(null);
  }

  protected async acknowledge(a: AlertView): Promise<void> {
    const followUp = this.followUp().trim();
    if (!followUp) {
      this.error.set('Write a short follow-up first: what you did or will do.');
      return;
    }
    this.busy.set(true);
    this.error.set(null);
    try {
      const saved = await this.api.acknowledge(a.id, followUp);
      this.openId.set(null);
      this.acknowledged.emit(saved);
    } catch (error) {
      this.error.set(errorMessage(error));
    } finally {
      this.busy.set(false);
    }
  }
}
