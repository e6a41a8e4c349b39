import { ChangeDetectionStrategy, Component, inject, input, signal } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { Router, RouterLink } from '@angular/router';
import { applyServerErrors, errorMessage, retryAfterSeconds } from '@mend/shared/web';
import { afterPassword, AuthStore } from '@mend/auth/data-access';

@Component({
  selector: 'mend-sign-in',
  imports: [
    ReactiveFormsModule,
    RouterLink,
    MatButtonModule,
    MatFormFieldModule,
    MatIconModule,
    MatInputModule,
    MatProgressBarModule,
  ],
  templateUrl: './sign-in.html',
  styleUrl: '../auth-page.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class SignIn {
  private readonly store = inject(AuthStore);
  private readonly router = inject(Router);

  /** Query parameters, bound by the router. */
  readonly returnUrl = input<string>();
  readonly expired = input<string>();

  protected readonly busy = signal(false);
  protected readonly error = signal<string | null>(null);
  protected readonly hidePassword = signal(true);
  protected readonly form = inject(NonNullableFormBuilder).group({
    email: ['', [Validators.required, Validators.email]],
    password: ['', Validators.required],
  });

  protected async submit(): Promise<void> {
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      return;
    }
    this.busy.set(true);
    this.error.set(null);
    try {
      const me = await this.store.login(this.form.getRawValue());
      // Staff (and whoever turned it on) give a second factor next, or set one up.
      await this.router.navigateByUrl(afterPassword(this.router, me, this.returnUrl()));
    } catch (error) {
      applyServerErrors(this.form, error);
      const wait = retryAfterSeconds(error);
      this.error.set(
        wait
          ? `Too many attempts. Please wait ${wait} seconds and try again.`
          : errorMessage(error),
      );
    } finally {
      this.busy.set(false);
    }
  }
}
