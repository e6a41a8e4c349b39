import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MAT_DIALOG_DATA, MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatRadioModule } from '@angular/material/radio';
import {
  CASE_OUTCOME_LABELS,
  CASE_OUTCOMES,
  type CaseDetail,
  type CaseOutcome,
} from '@mend/shared/contracts';
import { applyServerErrors, errorMessage } from '@mend/shared/web';
import { CasesApi } from '../data-access/cases-api';
import { toCloseRequest } from './case-requests';

/** What each outcome means, in a sentence; every ending can be the caring one. */
export const OUTCOME_HINTS: Record<CaseOutcome, string> = {
  reconciled: 'They chose to rebuild the relationship together.',
  separated_with_care: 'They decided to heal separately, and ended well.',
  referred_on: 'Their care continues with another service.',
  ended: 'Care ended for another reason.',
};

/** Dialog: close a case with its outcome and an optional administrative note. */
@Component({
  selector: 'mend-close-case',
  imports: [
    ReactiveFormsModule,
    MatButtonModule,
    MatDialogModule,
    MatFormFieldModule,
    MatIconModule,
    MatInputModule,
    MatRadioModule,
  ],
  template: `
    <h2 mat-dialog-title>Close the case</h2>
    <form [formGroup]="form" (ngSubmit)="submit()" novalidate>
      <mat-dialog-content class="fields">
        <p class="lead">How did care for {{ detail.title }} end? You can reopen the case later.</p>
        @if (error(); as message) {
          <p class="notice" role="alert">
            <mat-icon aria-hidden="true">error_outline</mat-icon><span>{{ message }}</span>
          </p>
        }
        <mat-radio-group formControlName="outcome" class="outcomes" aria-label="Outcome">
          @for (o of outcomes; track o) {
            <mat-radio-button [value]="o">
              <span class="outcome">
                <strong>{{ outcomeLabels[o] }}</strong>
                <span>{{ hints[o] }}</span>
              </span>
            </mat-radio-button>
          }
        </mat-radio-group>
        @if (form.controls.outcome.touched && form.controls.outcome.invalid) {
          <p class="error">
            {{ form.controls.outcome.getError('server') || 'Choose how the case ended.' }}
          </p>
        }
        <mat-form-field appearance="outline" subscriptSizing="dynamic">
          <mat-label>Note (optional)</mat-label>
          <textarea
            matInput
            formControlName="note"
            rows="3"
            maxlength="1000"
            placeholder="e.g. Referred to Lakeside Family Therapy"
          ></textarea>
          <mat-hint
            >An administrative note, seen by admins and counselors. Not a clinical note.</mat-hint
          >
          <mat-error>{{
            form.controls.note.getError('server') || 'Keep the note under 1,000 characters.'
          }}</mat-error>
        </mat-form-field>
      </mat-dialog-content>
      <mat-dialog-actions align="end">
        <button mat-button type="button" mat-dialog-close>Cancel</button>
        <button mat-flat-button type="submit" [disabled]="busy()" data-testid="confirm-close">
          Close case
        </button>
      </mat-dialog-actions>
    </form>
  `,
  styleUrl: './dialog.scss',
  styles: `
    .outcomes {
      display: flex;
      flex-direction: column;
      gap: 4px;
    }
    .outcome {
      display: flex;
      flex-direction: column;
      padding: 4px 0;

      span {
        color: var(--mat-sys-on-surface-variant);
        font: var(--mat-sys-body-small);
      }
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class CloseCase {
  private readonly api = inject(CasesApi);
  private readonly ref = inject<MatDialogRef<CloseCase, CaseDetail>>(MatDialogRef);
  protected readonly detail = inject<CaseDetail>(MAT_DIALOG_DATA);

  protected readonly outcomes = CASE_OUTCOMES;
  protected readonly outcomeLabels = CASE_OUTCOME_LABELS;
  protected readonly hints = OUTCOME_HINTS;
  protected readonly busy = signal(false);
  protected readonly error = signal<string | null>(null);
  protected readonly form = inject(NonNullableFormBuilder).group({
    outcome: [null as CaseOutcome | null, Validators.required],
    note: ['', Validators.maxLength(1000)],
  });

  protected async submit(): Promise<void> {
    const { outcome, note } = this.form.getRawValue();
    if (this.form.invalid || !outcome) {
      this.form.markAllAsTouched();
      return;
    }
    this.busy.set(true);
    this.error.set(null);
    try {
      this.ref.close(await this.api.close(this.detail.id, toCloseRequest({ outcome, note })));
    } catch (error) {
      if (applyServerErrors(this.form, error).length > 0 || !this.form.invalid)
        this.error.set(errorMessage(error));
    } finally {
      this.busy.set(false);
    }
  }
}
