import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MAT_DIALOG_DATA, MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import type { CaseSafetyView } from '@mend/shared/contracts';
import { applyServerErrors, errorMessage } from '@mend/shared/web';
import { SafetyApi } from '../data-access/safety-api';

export const CLOSE_REASON_MAX = 2000;

/** Dialog: close joint work for a case, with the reason (required; for the case's counselors). */
@Component({
  selector: 'mend-close-joint-work',
  imports: [
    ReactiveFormsModule,
    MatButtonModule,
    MatDialogModule,
    MatFormFieldModule,
    MatIconModule,
    MatInputModule,
  ],
  template: `
    <h2 mat-dialog-title>Close joint work?</h2>
    <form [formGroup]="form" (ngSubmit)="submit()" novalidate>
      <mat-dialog-content class="fields">
        <p class="lead">
          From now on nothing joint can be started in this case: no together exercises, no sharing
          of responses. It opens again once each member has had a new individual conversation that
          clears them.
        </p>
        <p class="lead">
          The members are told only: “Your counselor will open joint exercises when it’s the right
          time.” Never why, and nothing about each other.
        </p>
        @if (error(); as message) {
          <p class="notice" role="alert">
            <mat-icon aria-hidden="true">error_outline</mat-icon><span>{{ message }}</span>
          </p>
        }
        <mat-form-field appearance="outline">
          <mat-label>Reason</mat-label>
          <textarea
            matInput
            formControlName="reason"
            rows="3"
            required
            [maxlength]="reasonMax"
            data-testid="close-joint-work-reason"
          ></textarea>
          <mat-hint>For the case’s counselors only.</mat-hint>
          <mat-error>{{
            form.controls.reason.getError('server') ||
              (form.controls.reason.hasError('maxlength')
                ? 'Keep the reason under 2,000 characters.'
                : 'Write why joint work closes.')
          }}</mat-error>
        </mat-form-field>
      </mat-dialog-content>
      <mat-dialog-actions align="end">
        <button mat-button type="button" mat-dialog-close>Cancel</button>
        <button
          mat-flat-button
          type="submit"
          class="danger"
          [disabled]="busy()"
          data-testid="close-joint-work-confirm"
        >
          Close joint work
        </button>
      </mat-dialog-actions>
    </form>
  `,
  styleUrl: './dialog.scss',
  styles: `
    .danger {
      --mat-button-filled-container-color: var(--mat-sys-error);
      --mat-button-filled-label-text-color: var(--mat-sys-on-error);
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class CloseJointWork {
  private readonly api = inject(SafetyApi);
  private readonly ref = inject<MatDialogRef<CloseJointWork, CaseSafetyView>>(MatDialogRef);
  private readonly caseId = inject<string>(MAT_DIALOG_DATA);

  protected readonly reasonMax = CLOSE_REASON_MAX;
  protected readonly busy = signal(false);
  protected readonly error = signal<string | null>(null);
  protected readonly form = inject(NonNullableFormBuilder).group({
    reason: ['', [Validators.required, Validators.maxLength(CLOSE_REASON_MAX)]],
  });

  protected async submit(): Promise<void> {
    const reason = this.form.controls.reason.value.trim();
    if (!reason) this.form.controls.reason.setValue('');
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      return;
    }
    this.busy.set(true);
    this.error.set(null);
    try {
      this.ref.close(await this.api.closeJointWork(this.caseId, reason));
    } catch (error) {
      if (applyServerErrors(this.form, error).length > 0 || !this.form.invalid)
        this.error.set(errorMessage(error));
    } finally {
      this.busy.set(false);
    }
  }
}
