import {
  ChangeDetectionStrategy,
  Component,
  inject,
  signal,
  ViewEncapsulation,
} from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MAT_DIALOG_DATA, MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import type { Me } from '@mend/shared/contracts';
import { errorMessage, retryAfterSeconds } from '@mend/shared/web';
import { AuthStore } from './auth-store';
import { SecondFactorForm } from './second-factor-form';

/** Why the dialog opened: a change is waiting to be sent, or the clock saw the session end. */
export type SignInAgainReason = 'write' | 'ended';
/** `same`: the same person is back; `other`: someone else signed in; `signed-out`: they left. */
export type SignInAgainResult = 'same' | 'other' | 'signed-out';

export interface SignInAgainData {
  reason: SignInAgainReason;
}

/**
 * Dialog over the page whose session ended: signing in here keeps the page, its form and any
 * change waiting to be sent. Its backdrop hides the page, since whoever sits at the screen now
 * may not be the person who was signed in.
 */
@Component({
  selector: 'mend-sign-in-again',
  imports: [
    ReactiveFormsModule,
    MatButtonModule,
    MatDialogModule,
    MatFormFieldModule,
    MatIconModule,
    MatInputModule,
    MatProgressBarModule,
    SecondFactorForm,
  ],
  template: `
    <div class="mend-sign-in-again">
      @if (busy()) {
        <mat-progress-bar mode="indeterminate" class="progress" />
      }
      @if (other(); as someone) {
        <h2 mat-dialog-title>You signed in as {{ someone.displayName }}</h2>
        <mat-dialog-content>
          <p class="lead">
            This page held {{ previous?.displayName }}’s work, so nothing from it was sent. Mend now
            opens your own home page.
          </p>
        </mat-dialog-content>
        <mat-dialog-actions align="end">
          <button mat-flat-button type="button" (click)="close('other')" cdkFocusInitial>
            Open my home page
          </button>
        </mat-dialog-actions>
      } @else if (secondStep()) {
        <h2 mat-dialog-title>Two-step sign-in</h2>
        <mat-dialog-content class="fields">
          <p class="lead">
            Your password was right. Give your second step to finish signing in; your work is still
            here.
          </p>
          <mend-second-factor-form (verified)="close('same')" (sessionEnded)="startAgain($event)" />
        </mat-dialog-content>
        <mat-dialog-actions>
          <button mat-button type="button" (click)="signOutHalfway()">
            {{ data.reason === 'write' ? 'Discard and sign out' : 'Sign out' }}
          </button>
        </mat-dialog-actions>
      } @else {
        <h2 mat-dialog-title>Your session ended</h2>
        <form [formGroup]="form" (ngSubmit)="submit()" novalidate>
          <mat-dialog-content class="fields">
            <p class="lead">
              @if (data.reason === 'write') {
                Sign in again and your change is saved. Nothing you typed is lost.
              } @else {
                Mend signs you out after a while without activity. Sign in again to continue where
                you were; nothing you typed is lost.
              }
            </p>
            @if (error(); as message) {
              <p class="notice" role="alert">
                <mat-icon aria-hidden="true">error_outline</mat-icon><span>{{ message }}</span>
              </p>
            }
            <mat-form-field appearance="outline" subscriptSizing="dynamic">
              <mat-label>Email</mat-label>
              <input
                matInput
                formControlName="email"
                type="email"
                autocomplete="username"
                data-testid="again-email"
              />
              <mat-error>Enter your email.</mat-error>
            </mat-form-field>
            <mat-form-field appearance="outline" subscriptSizing="dynamic">
              <mat-label>Password</mat-label>
              <input
                matInput
                formControlName="password"
                [type]="hidePassword() ? 'password' : 'text'"
                autocomplete="current-password"
                cdkFocusInitial
                data-testid="again-password"
              />
              <button
                mat-icon-button
                matSuffix
                type="button"
                (click)="hidePassword.set(!hidePassword())"
                [attr.aria-label]="hidePassword() ? 'Show password' : 'Hide password'"
              >
                <mat-icon>{{ hidePassword() ? 'visibility' : 'visibility_off' }}</mat-icon>
              </button>
              <mat-error>Enter your password.</mat-error>
            </mat-form-field>
          </mat-dialog-content>
          <mat-dialog-actions>
            <button mat-button type="button" (click)="close('signed-out')">
              {{ data.reason === 'write' ? 'Discard and sign out' : 'Sign out' }}
            </button>
            <span class="spacer"></span>
            <button mat-flat-button type="submit" [disabled]="busy()" data-testid="again-submit">
              Sign in
            </button>
          </mat-dialog-actions>
        </form>
      }
    </div>
  `,
  // Not encapsulated: the backdrop lives outside the component. Every rule is scoped by class.
  styles: `
    .cdk-overlay-backdrop.mend-session-backdrop {
      background: rgb(16 36 40 / 55%);
      backdrop-filter: blur(14px);
    }
    .mend-sign-in-again {
      position: relative;
      max-width: 420px;
    }
    .mend-sign-in-again .progress {
      position: absolute;
      inset: 0 0 auto 0;
    }
    .mend-sign-in-again .fields {
      display: flex;
      flex-direction: column;
      gap: 12px;
      box-sizing: border-box;
      width: min(420px, calc(100vw - 32px));
    }
    .mend-sign-in-again .lead {
      margin: 0;
      color: var(--mat-sys-on-surface-variant);
    }
    .mend-sign-in-again .notice {
      display: flex;
      align-items: flex-start;
      gap: 8px;
      margin: 0;
      padding: 12px 14px;
      border-radius: 12px;
      background: var(--mat-sys-error-container);
      color: var(--mat-sys-on-error-container);
    }
    .mend-sign-in-again .spacer {
      flex: 1;
    }
  `,
  encapsulation: ViewEncapsulation.None,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class SignInAgain {
  private readonly store = inject(AuthStore);
  private readonly ref = inject<MatDialogRef<SignInAgain, SignInAgainResult>>(MatDialogRef);
  protected readonly data = inject<SignInAgainData>(MAT_DIALOG_DATA);

  /** Whose session ended: their email is filled in, their work is on the page. */
  protected readonly previous = this.store.me();
  protected readonly busy = signal(false);
  protected readonly error = signal<string | null>(null);
  protected readonly hidePassword = signal(true);
  protected readonly other = signal<Me | null>(null);
  /** The password was right; the second factor comes next, in this dialog. */
  protected readonly secondStep = signal(false);
  protected readonly form = inject(NonNullableFormBuilder).group({
    email: [this.previous?.email ?? '', [Validators.required, Validators.email]],
    password: ['', Validators.required],
  });

  protected close(result: SignInAgainResult): void {
    this.ref.close(result);
  }

  /** Too many wrong answers ended the half-made session: the password comes first again. */
  protected startAgain(message: string): void {
    this.secondStep.set(false);
    this.form.controls.password.reset();
    this.error.set(message);
  }

  /** Leaving after the password: that half-made session ends too. */
  protected async signOutHalfway(): Promise<void> {
    await this.store.logout().catch(() => undefined);
    this.ref.close('signed-out');
  }

  protected async submit(): Promise<void> {
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      return;
    }
    this.busy.set(true);
    this.error.set(null);
    try {
      const me = await this.store.signInAgain(this.form.getRawValue());
      // Someone else's sign-in must never send the first person's words under their name.
      if (me.id !== this.previous?.id) this.other.set(me);
      else if (me.secondFactor === 'needed') this.secondStep.set(true);
      // Made to set up a second factor anew (an admin reset it): that takes its own page.
      else if (me.secondFactor === 'enrol') this.ref.close('other');
      else this.ref.close('same');
    } catch (error) {
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
