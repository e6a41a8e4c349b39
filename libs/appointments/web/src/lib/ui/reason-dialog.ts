import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { FormControl, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MAT_DIALOG_DATA, MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import type { AppointmentView } from '@mend/shared/contracts';
import { errorMessage } from '@mend/shared/web';

export const REASON_MAX = 500;

export interface ReasonData {
  title: string;
  /** What happens, in a sentence or two. */
  message: string;
  label: string;
  /** A counselor's decline says why; elsewhere a reason is welcome but optional. */
  required: boolean;
  confirm: string;
  tone?: 'danger' | 'normal';
  action: (reason: string) => Promise<AppointmentView>;
}

/** Dialog: a decline or a cancellation, with its reason (the other side reads it). */
@Component({
  selector: 'mend-reason-dialog',
  imports: [
    ReactiveFormsModule,
    MatButtonModule,
    MatDialogModule,
    MatFormFieldModule,
    MatIconModule,
    MatInputModule,
  ],
  template: `
    <h2 mat-dialog-title>{{ data.title }}</h2>
    <form (submit)="$event.preventDefault(); run()" novalidate>
      <mat-dialog-content class="fields">
        <p class="lead">{{ data.message }}</p>
        <mat-form-field appearance="outline">
          <mat-label>{{ data.label }}</mat-label>
          <textarea
            matInput
            [formControl]="reason"
            rows="3"
            [maxlength]="max"
            [required]="data.required"
            data-testid="reason"
          ></textarea>
          <mat-hint align="end">{{ reason.value.length }} / {{ max }}</mat-hint>
          <mat-error>Please say why, in a few words.</mat-error>
        </mat-form-field>
        @if (error(); as message) {
          <p class="notice" role="alert">
            <mat-icon aria-hidden="true">error_outline</mat-icon><span>{{ message }}</span>
          </p>
        }
      </mat-dialog-content>
      <mat-dialog-actions align="end">
        <button mat-button type="button" mat-dialog-close>Go back</button>
        <button
          mat-flat-button
          type="submit"
          [class.danger]="data.tone === 'danger'"
          [disabled]="busy()"
          data-testid="reason-confirm"
        >
          {{ data.confirm }}
        </button>
      </mat-dialog-actions>
    </form>
  `,
  styleUrl: './dialog.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ReasonDialog {
  protected readonly data = inject<ReasonData>(MAT_DIALOG_DATA);
  private readonly ref = inject<MatDialogRef<ReasonDialog, AppointmentView>>(MatDialogRef);
  protected readonly max = REASON_MAX;
  protected readonly reason = new FormControl('', {
    nonNullable: true,
    validators: this.data.required ? [Validators.required, Validators.pattern(/\S/)] : [],
  });
  protected readonly busy = signal(false);
  protected readonly error = signal<string | null>(null);

  protected async run(): Promise<void> {
    if (this.reason.invalid) {
      this.reason.markAsTouched();
      return;
    }
    this.busy.set(true);
    this.error.set(null);
    try {
      this.ref.close(await this.data.action(this.reason.value.trim()));
    } catch (error) {
      this.error.set(errorMessage(error));
    } finally {
      this.busy.set(false);
    }
  }
}
