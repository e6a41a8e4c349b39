import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MAT_DIALOG_DATA, MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import type { ClinicMailSettings } from '@mend/shared/contracts';
import { applyServerErrors, errorMessage } from '@mend/shared/web';
import { NotificationsApi } from '../data-access/notifications-api';

export const SENDER_NAME_MAX = 100;

/** Dialog (admin): the name the clinic's mail comes from; closes with the saved settings. */
@Component({
  selector: 'mend-mail-sender-dialog',
  imports: [
    ReactiveFormsModule,
    MatButtonModule,
    MatDialogModule,
    MatFormFieldModule,
    MatIconModule,
    MatInputModule,
  ],
  template: `
    <h2 mat-dialog-title>Mail sender name</h2>
    <form [formGroup]="form" (ngSubmit)="submit()" novalidate>
      <mat-dialog-content class="fields">
        <p class="lead">
          The name people see as the sender of every mail from Mend. Some clients need a discreet
          one: a partner who reads their mail, a shared family computer. A plain name such as the
          clinic’s initials says less than “Counseling”.
        </p>
        @if (error(); as message) {
          <p class="notice" role="alert">
            <mat-icon aria-hidden="true">error_outline</mat-icon><span>{{ message }}</span>
          </p>
        }
        <mat-form-field appearance="outline">
          <mat-label>Sender name</mat-label>
          <input
            matInput
            formControlName="senderName"
            required
            [maxlength]="max"
            autocomplete="off"
            data-testid="sender-name"
          />
          <mat-hint>Mail comes from “{{ form.controls.senderName.value || '…' }}”.</mat-hint>
          <mat-error>{{
            form.controls.senderName.getError('server') || 'Enter the name mail comes from.'
          }}</mat-error>
        </mat-form-field>
      </mat-dialog-content>
      <mat-dialog-actions align="end">
        <button mat-button type="button" mat-dialog-close>Cancel</button>
        <button mat-flat-button type="submit" [disabled]="busy()" data-testid="sender-name-save">
          Save
        </button>
      </mat-dialog-actions>
    </form>
  `,
  styleUrl: '../../../../../shared/web/src/lib/styles/_dialog.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class MailSenderDialog {
  private readonly api = inject(NotificationsApi);
  private readonly ref = inject(MatDialogRef<MailSenderDialog, ClinicMailSettings>);

  protected readonly max = SENDER_NAME_MAX;
  protected readonly busy = signal(false);
  protected readonly error = signal<string | null>(null);
  protected readonly form = inject(NonNullableFormBuilder).group({
    senderName: [
      inject<ClinicMailSettings>(MAT_DIALOG_DATA).senderName,
      [Validators.required, Validators.maxLength(SENDER_NAME_MAX)],
    ],
  });

  protected async submit(): Promise<void> {
    const senderName = this.form.controls.senderName.value.trim();
    this.form.controls.senderName.setValue(senderName);
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      return;
    }
    this.busy.set(true);
    this.error.set(null);
    try {
      this.ref.close(await this.api.saveMailSettings({ senderName }));
    } catch (error) {
      if (applyServerErrors(this.form, error).length > 0 || !this.form.invalid)
        this.error.set(errorMessage(error));
    } finally {
      this.busy.set(false);
    }
  }
}
