import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatSnackBar } from '@angular/material/snack-bar';
import { RouterLink } from '@angular/router';
import { applyServerErrors, errorMessage } from '@mend/shared/web';
import { AuthStore } from '@mend/auth/data-access';
import { PasswordRules } from '../password-rules/password-rules';
import {
  matching,
  newPasswordValidators,
  passwordErrorText,
} from '../password-rules/password-validators';

@Component({
  selector: 'mend-change-password',
  imports: [
    ReactiveFormsModule,
    MatButtonModule,
    MatCardModule,
    MatFormFieldModule,
    MatIconModule,
    MatInputModule,
    RouterLink,
    PasswordRules,
  ],
  templateUrl: './change-password.html',
  styles: `
    :host {
      display: block;
      max-width: 520px;
    }
    form {
      display: flex;
      flex-direction: column;
      gap: 4px;
    }
    .error {
      color: var(--mat-sys-error);
    }
    .security-link {
      margin-top: 16px;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ChangePassword {
  private readonly store = inject(AuthStore);
  protected readonly me = this.store.me;
  private readonly snackBar = inject(MatSnackBar);

  protected readonly passwordErrorText = passwordErrorText;
  protected readonly busy = signal(false);
  protected readonly error = signal<string | null>(null);
  protected readonly form = inject(NonNullableFormBuilder).group(
    {
      currentPassword: ['', Validators.required],
      newPassword: ['', newPasswordValidators],
      confirmation: ['', Validators.required],
    },
    { validators: matching('newPassword', 'confirmation') },
  );
  protected readonly values = toSignal(this.form.valueChanges, {
    initialValue: this.form.getRawValue(),
  });

  protected async submit(): Promise<void> {
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      return;
    }
    this.busy.set(true);
    this.error.set(null);
    try {
      const { currentPassword, newPassword } = this.form.getRawValue();
      await this.store.changePassword({ currentPassword, newPassword });
      this.form.reset();
      this.snackBar.open('Password changed. Any other devices were signed out.', 'OK', {
        duration: 6000,
      });
    } catch (error) {
      if (applyServerErrors(this.form, error).length > 0 || !this.form.invalid)
        this.error.set(errorMessage(error));
    } finally {
      this.busy.set(false);
    }
  }
}
