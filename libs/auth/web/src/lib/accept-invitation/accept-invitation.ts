import { ChangeDetectionStrategy, Component, inject, OnInit, signal } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { Router, RouterLink } from '@angular/router';
import { ROLE_LABELS, type InvitationPreview } from '@mend/shared/contracts';
import { applyServerErrors, errorMessage, takeFragmentToken } from '@mend/shared/web';
import { afterPassword, AuthStore } from '@mend/auth/data-access';
import { PasswordRules } from '../password-rules/password-rules';
import {
  matching,
  newPasswordValidators,
  passwordErrorText,
} from '../password-rules/password-validators';

/**
 * The page an invitation link opens: the token arrives in the URL fragment (#token=…). The
 * person chooses a password; their name is the one the admin gave, shown, not editable.
 */
@Component({
  selector: 'mend-accept-invitation',
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
  templateUrl: './accept-invitation.html',
  styleUrl: '../auth-page.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class AcceptInvitation implements OnInit {
  private readonly store = inject(AuthStore);
  private readonly router = inject(Router);
  private token = '';

  protected readonly roleLabels = ROLE_LABELS;
  protected readonly passwordErrorText = passwordErrorText;
  protected readonly loading = signal(true);
  protected readonly busy = signal(false);
  protected readonly invitation = signal<InvitationPreview | null>(null);
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

  async ngOnInit(): Promise<void> {
    this.token = takeFragmentToken();
    if (!this.token) {
      this.unusable.set('This invitation link is incomplete. Open the link from your email again.');
      this.loading.set(false);
      return;
    }
    try {
      const invitation = await this.store.previewInvitation(this.token);
      this.invitation.set(invitation);
    } catch (error) {
      this.unusable.set(errorMessage(error));
    } finally {
      this.loading.set(false);
    }
  }

  protected async submit(): Promise<void> {
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      return;
    }
    this.busy.set(true);
    this.error.set(null);
    try {
      // The name is the one the clinic gave; only the password is chosen here.
      const { password } = this.form.getRawValue();
      const me = await this.store.acceptInvitation({ token: this.token, password });
      await this.router.navigateByUrl(afterPassword(this.router, me));
    } catch (error) {
      if (applyServerErrors(this.form, error).length > 0 || !this.form.invalid)
        this.error.set(errorMessage(error));
    } finally {
      this.busy.set(false);
    }
  }
}
