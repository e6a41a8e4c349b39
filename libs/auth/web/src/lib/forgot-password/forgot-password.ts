import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { RouterLink } from '@angular/router';
import { applyServerErrors, errorMessage } from '@mend/shared/web';
import { AuthStore } from '@mend/auth/data-access';

/**
 * Asks for a password reset link. The answer is the same whether or not the address has an
 * account, so the page never tells who is a client of the clinic.
 */
@Component({
  selector: 'mend-forgot-password',
  imports: [
    ReactiveFormsModule,
    RouterLink,
    MatButtonModule,
    MatFormFieldModule,
    MatIconModule,
    MatInputModule,
    MatProgressBarModule,
  ],
  templateUrl: './forgot-password.html',
  styleUrl: '../auth-page.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ForgotPassword {
  private readonly store = inject(AuthStore);

  protected readonly busy = signal(false);
  protected readonly error = signal<string | null>(null);
  /** The address the link went to, once asked. */
  protected readonly sentTo = signal<string | null>(null);
  protected readonly form = inject(NonNullableFormBuilder).group({
    email: ['', [Validators.required, Validators.email]],
  });

  protected async submit(): Promise<void> {
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      return;
    }
    this.busy.set(true);
    this.error.set(null);
    const { email } = this.form.getRawValue();
    try {
      await this.store.requestPasswordReset(email.trim());
      this.sentTo.set(email.trim());
    } catch (error) {
      // A 429 carries the server's own words (how long to wait).
      if (applyServerErrors(this.form, error).length > 0 || !this.form.invalid)
        this.error.set(errorMessage(error));
    } finally {
      this.busy.set(false);
    }
  }
}
