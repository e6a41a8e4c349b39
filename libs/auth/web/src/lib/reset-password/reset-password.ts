import { HttpErrorResponse } from '@angular/common/http';
import { ChangeDetectionStrategy, Component, inject, OnInit, signal } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { Router, RouterLink } from '@angular/router';
import { isApiErrorBody } from '@mend/shared/contracts';
import { applyServerErrors, errorMessage, takeFragmentToken } from '@mend/shared/web';
import { afterPassword, AuthStore } from '@mend/auth/data-access';
import { PasswordRules } from '../password-rules/password-rules';
import {
  matching,
  newPasswordValidators,
  passwordErrorText,
} from '../password-rules/password-validators';

const INVALID_LINK =
  'This link is not valid. Open it again from the email (the whole link), or ask for a new one.';
const USED_LINK = 'This link was already used or has expired. Ask for a new one.';

/** Why the link itself cannot be used (404 unknown, 410 used or expired), or null. */
function linkProblem(error: unknown): string | null {
  if (!(error instanceof HttpErrorResponse)) return null;
  if (error.status === 404) return INVALID_LINK;
  if (error.status === 410) return isApiErrorBody(error.error) ? error.error.message : USED_LINK;
  return null;
}

/**
 * The page a password reset link opens: the token arrives in the URL fragment (#token=…), which
 * browsers never send to a server. Setting the password signs the person in.
 */
@Component({
  selector: 'mend-reset-password',
  imports: [
    ReactiveFormsModule,
    RouterLink,
    MatButtonModule,
    MatFormFieldModule,
    MatIconModule,
    MatInputModule,
    MatProgressBarModule,
    PasswordRules,
  ],
  templateUrl: './reset-password.html',
  styleUrl: '../auth-page.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ResetPassword implements OnInit {
  private readonly store = inject(AuthStore);
  private readonly router = inject(Router);
  private token = '';

  protected readonly passwordErrorText = passwordErrorText;
  protected readonly busy = signal(false);
  protected readonly unusable = signal<string | null>(null);
  protected readonly error = signal<string | null>(null);
  protected readonly form = inject(NonNullableFormBuilder).group(
    {
      password: ['', newPasswordValidators],
      confirmation: ['', Validators.required],
    },
    { validators: matching('password', 'confirmation') },
  );
  protected readonly values = toSignal(this.form.valueChanges, {
    initialValue: this.form.getRawValue(),
  });

  ngOnInit(): void {
    this.token = takeFragmentToken();
    if (!this.token) this.unusable.set(INVALID_LINK);
  }

  protected async submit(): Promise<void> {
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      return;
    }
    this.busy.set(true);
    this.error.set(null);
    try {
      const { password } = this.form.getRawValue();
      const me = await this.store.confirmPasswordReset({ token: this.token, password });
      await this.router.navigateByUrl(afterPassword(this.router, me));
    } catch (error) {
      const problem = linkProblem(error);
      if (problem) this.unusable.set(problem);
      else if (applyServerErrors(this.form, error).length > 0 || !this.form.invalid)
        this.error.set(errorMessage(error));
    } finally {
      this.busy.set(false);
    }
  }
}
