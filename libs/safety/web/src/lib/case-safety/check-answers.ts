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
import { MAT_DIALOG_DATA, MatDialogModule } from '@angular/material/dialog';
import { MatIconModule } from '@angular/material/icon';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import type { SafetyCheckView } from '@mend/shared/contracts';
import { errorMessage } from '@mend/shared/web';
import { SafetyApi } from '../data-access/safety-api';
import { answerText } from '../ui/safety-text';

export interface CheckAnswersData {
  caseId: string;
  checkId: string;
}

/** Dialog: one member's safety check-in, question by question, answers that need care marked. */
@Component({
  selector: 'mend-check-answers',
  imports: [DatePipe, MatButtonModule, MatDialogModule, MatIconModule, MatProgressBarModule],
  template: `
    <h2 mat-dialog-title>
      {{ check() ? check()!.member.displayName + '’s check-in' : 'Safety check-in' }}
    </h2>
    <mat-dialog-content class="content">
      @if (error(); as message) {
        <p class="notice" role="alert">
          <mat-icon aria-hidden="true">error_outline</mat-icon><span>{{ message }}</span>
        </p>
      } @else if (check(); as c) {
        <p class="lead">
          Asked {{ c.requestedAt | date: 'MMM d, y' }}
          @if (c.submittedAt) {
            · answered {{ c.submittedAt | date: 'MMM d, y, H:mm' }}
          } @else {
            · not answered yet
          }
        </p>
        @if (c.critical.length) {
          <p class="care">
            <mat-icon aria-hidden="true">notification_important</mat-icon>
            <span
              >{{
                c.critical.length === 1 ? 'One answer needs' : c.critical.length + ' answers need'
              }}
              your care. They are marked below.</span
            >
          </p>
        }
        <ol class="answers" data-testid="check-answers">
          @for (row of rows(); track row.key) {
            <li [class.critical]="row.critical" [attr.data-critical]="row.critical || null">
              <span class="question">{{ row.label }}</span>
              <span class="answer" [class.none]="!row.answer">
                @if (row.critical) {
                  <mat-icon aria-hidden="true">priority_high</mat-icon>
                  <span class="cdk-visually-hidden">Needs care: </span>
                }
                {{ row.answer || 'Not answered' }}
              </span>
            </li>
          }
        </ol>
        <p class="muted small">
          Your reading of this check-in is recorded in the audit trail, like every read of it.
        </p>
      } @else {
        <mat-progress-bar mode="indeterminate" />
      }
    </mat-dialog-content>
    <mat-dialog-actions align="end">
      <button mat-button type="button" mat-dialog-close>Close</button>
    </mat-dialog-actions>
  `,
  styleUrl: './dialog.scss',
  styles: `
    .content {
      width: min(620px, 84vw);
    }
    .care {
      display: flex;
      align-items: flex-start;
      gap: 8px;
      margin: 0 0 12px;
      padding: 10px 12px;
      border-radius: 12px;
      background: var(--mat-sys-tertiary-container);
      color: var(--mat-sys-on-tertiary-container);
    }
    .answers {
      margin: 0;
      padding: 0;
      list-style: none;
    }
    li {
      display: flex;
      flex-direction: column;
      gap: 4px;
      padding: 10px 12px;
      border-radius: 10px;
    }
    li + li {
      margin-top: 4px;
    }
    li.critical {
      background: var(--mat-sys-tertiary-container);
      color: var(--mat-sys-on-tertiary-container);
    }
    .question {
      font: var(--mat-sys-body-medium);
    }
    .answer {
      display: flex;
      align-items: center;
      gap: 4px;
      font-weight: 500;
      white-space: pre-line;

      &.none {
        color: var(--mat-sys-on-surface-variant);
        font-weight: 400;
      }

      mat-icon {
        flex: none;
        font-size: 18px;
        width: 18px;
        height: 18px;
      }
    }
    .muted {
      color: var(--mat-sys-on-surface-variant);
    }
    .small {
      margin: 12px 0 0;
      font: var(--mat-sys-body-small);
    }
    @media (max-width: 600px) {
      .content {
        width: auto;
      }
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class CheckAnswers implements OnInit {
  private readonly api = inject(SafetyApi);
  private readonly data = inject<CheckAnswersData>(MAT_DIALOG_DATA);

  protected readonly check = signal<SafetyCheckView | null>(null);
  protected readonly error = signal<string | null>(null);
  protected readonly rows = computed(() => {
    const c = this.check();
    if (!c) return [];
    const critical = new Set(c.critical.map((x) => x.key));
    return c.fields.map((f) => ({
      key: f.key,
      label: f.label,
      answer: answerText(f, c.answers?.[f.key]),
      critical: critical.has(f.key),
    }));
  });

  ngOnInit(): void {
    void this.api.checkAnswers(this.data.caseId, this.data.checkId).then(
      (c) => this.check.set(c),
      (error) => this.error.set(errorMessage(error)),
    );
  }
}
