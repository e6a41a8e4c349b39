import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MAT_DIALOG_DATA, MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import type { HomeworkDetail } from '@mend/shared/contracts';
import { applyServerErrors, errorMessage } from '@mend/shared/web';
import { HomeworkApi } from '../data-access/homework-api';

export const REASON_MAX = 4000;

export interface ReopenData {
  detail: HomeworkDetail;
}

/** Who the homework goes back to: "Sam", or "the members" for together homework. */
export function reopenWho(d: Pick<HomeworkDetail, 'together' | 'member'>): string {
  return d.together ? 'the members' : (d.member?.displayName ?? 'the client');
}

/**
 * Dialog: sends submitted homework back for revision with a reason, which the client reads
 * above the form. Closes with the reopened homework.
 */
@Component({
  selector: 'mend-reopen-dialog',
  imports: [
    ReactiveFormsModule,
    MatButtonModule,
    MatDialogModule,
    MatFormFieldModule,
    MatIconModule,
    MatInputModule,
  ],
  template: `
    <h2 mat-dialog-title>Send back to {{ who }} for revision?</h2>
    <form [formGroup]="form" (ngSubmit)="send()" novalidate>
      <mat-dialog-content>
        <p class="message">
          {{ data.detail.together ? 'They' : who }} can change the answers and submit again.
          {{ data.detail.together ? 'They read' : who + ' reads' }} what you write here above the
          form.
        </p>
        @if (data.detail.shared) {
          <p class="message">It stops being shared with the other members.</p>
        }
        <p class="message">
          Its 0–10 answers leave the progress chart until it is submitted again.
        </p>
        <mat-form-field appearance="outline" class="reason" subscriptSizing="dynamic">
          <mat-label>What to revise</mat-label>
          <textarea
            matInput
            formControlName="reason"
            rows="4"
            [maxlength]="reasonMax"
            placeholder="e.g. Please add what you will do differently next time, in your own words."
            data-testid="reopen-reason"
          ></textarea>
          <mat-error>{{
            form.controls.reason.getError('server') ||
              'Say what to revise: ' + who + ' reads it with the homework.'
          }}</mat-error>
        </mat-form-field>
        @if (error(); as message) {
          <p class="notice" role="alert">
            <mat-icon aria-hidden="true">error_outline</mat-icon><span>{{ message }}</span>
          </p>
        }
      </mat-dialog-content>
      <mat-dialog-actions align="end">
        <button mat-button type="button" mat-dialog-close>Cancel</button>
        <button mat-flat-button type="submit" [disabled]="busy()" data-testid="reopen-confirm">
          Send back for revision
        </button>
      </mat-dialog-actions>
    </form>
  `,
  styles: `
    mat-dialog-content {
      max-width: 480px;
    }
    .message {
      margin: 0 0 12px;
    }
    .reason {
      width: 100%;
      margin-top: 4px;
    }
    .notice {
      display: flex;
      gap: 8px;
      margin: 8px 0 0;
      padding: 12px 14px;
      border-radius: 12px;
      background: var(--mat-sys-error-container);
      color: var(--mat-sys-on-error-container);
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ReopenDialog {
  private readonly api = inject(HomeworkApi);
  private readonly ref = inject<MatDialogRef<ReopenDialog, HomeworkDetail>>(MatDialogRef);
  protected readonly data = inject<ReopenData>(MAT_DIALOG_DATA);

  protected readonly who = reopenWho(this.data.detail);
  protected readonly reasonMax = REASON_MAX;
  protected readonly busy = signal(false);
  protected readonly error = signal<string | null>(null);
  protected readonly form = inject(NonNullableFormBuilder).group({
    reason: ['', [Validators.required, Validators.maxLength(REASON_MAX), notBlank]],
  });

  protected async send(): Promise<void> {
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      return;
    }
    this.busy.set(true);
    this.error.set(null);
    try {
      this.ref.close(
        await this.api.reopen(this.data.detail.id, this.form.getRawValue().reason.trim()),
      );
    } catch (error) {
      const rest = applyServerErrors(this.form, error);
      if (rest.length || !this.form.invalid) this.error.set(errorMessage(error));
    } finally {
      this.busy.set(false);
    }
  }
}

function notBlank(control: { value: string }): { required: true } | null {
  return control.value && !control.value.trim() ? { required: true } : null;
}
