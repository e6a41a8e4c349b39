import {
  ChangeDetectionStrategy,
  Component,
  computed,
  inject,
  OnInit,
  output,
  signal,
  ViewEncapsulation,
} from '@angular/core';
import { HttpErrorResponse } from '@angular/common/http';
import { FormControl, FormGroup, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import type { Me, MfaStatus, SecondFactorRequest } from '@mend/shared/contracts';
import { errorMessage, retryAfterSeconds } from '@mend/shared/web';
import { AuthStore } from './auth-store';
import { codeDigits, MfaApi } from './mfa-api';
import { passkeyMessage, passkeysSupported, usePasskey } from './passkeys';

/** Why the code, passkey or recovery code was refused, in words that say what to do. */
export function secondFactorError(error: unknown, method: SecondFactorRequest['method']): string {
  const wait = retryAfterSeconds(error);
  if (wait) return `Too many attempts. Please wait ${wait} seconds and try again.`;
  if (error instanceof HttpErrorResponse && error.status === 400) {
    if (method === 'totp')
      return 'That code did not work: it may have expired or been used already. Enter the new code your app shows.';
    if (method === 'recovery_code')
      return 'That recovery code is not right, or it was already used. Each code works once.';
  }
  return passkeyMessage(error) ?? errorMessage(error);
}

type Mode = 'code' | 'recovery';

/**
 * The second step itself: a code from the authenticator app, a passkey, or a recovery code.
 * Used after the password (the second-step page, the sign-in-again dialog) and to step up before
 * a sensitive action. What is offered follows the person's own factors once they are known.
 *
 * It comes with the session dialogs' chunk (`sessionDialogs()`), never with the first download:
 * the index exports only its type, since a value export would pull forms and Material's form
 * field into every page through the interceptor.
 */
@Component({
  selector: 'mend-second-factor-form',
  imports: [
    ReactiveFormsModule,
    MatButtonModule,
    MatFormFieldModule,
    MatIconModule,
    MatInputModule,
  ],
  template: `
    <div class="mend-second-factor">
      @if (mode() === 'recovery') {
        <form [formGroup]="recoveryForm" (ngSubmit)="submitRecovery()" novalidate class="step">
          <p class="lead">
            Enter one of the recovery codes you saved when you set up two-step sign-in. Each code
            works once.
          </p>
          <mat-form-field appearance="outline" subscriptSizing="dynamic" hideRequiredMarker>
            <mat-label>Recovery code</mat-label>
            <input
              matInput
              [formControl]="recovery"
              autocomplete="off"
              autocapitalize="none"
              spellcheck="false"
              cdkFocusInitial
              data-testid="mfa-recovery-code"
            />
            <mat-error>Enter a recovery code.</mat-error>
          </mat-form-field>
          @if (error(); as message) {
            <p class="notice" role="alert" data-testid="mfa-error">
              <mat-icon aria-hidden="true">error_outline</mat-icon><span>{{ message }}</span>
            </p>
          }
          <button
            mat-flat-button
            type="submit"
            class="wide"
            [disabled]="busy()"
            data-testid="mfa-recovery-submit"
          >
            {{ submitLabel() }}
          </button>
          <button mat-button type="button" class="switch" (click)="switchTo('code')">
            <mat-icon>arrow_back</mat-icon> Back
          </button>
        </form>
      } @else {
        @if (offersCode()) {
          <form [formGroup]="codeForm" (ngSubmit)="submitCode()" novalidate class="step">
            <mat-form-field appearance="outline" subscriptSizing="dynamic" hideRequiredMarker>
              <mat-label>6-digit code</mat-label>
              <mat-icon matPrefix aria-hidden="true">dialpad</mat-icon>
              <input
                matInput
                [formControl]="code"
                type="text"
                inputmode="numeric"
                pattern="[0-9 ]*"
                maxlength="7"
                autocomplete="one-time-code"
                cdkFocusInitial
                data-testid="mfa-code"
              />
              <mat-hint>From your authenticator app</mat-hint>
              <mat-error>Enter the 6 digits your app shows.</mat-error>
            </mat-form-field>
            @if (error(); as message) {
              <p class="notice" role="alert" data-testid="mfa-error">
                <mat-icon aria-hidden="true">error_outline</mat-icon><span>{{ message }}</span>
              </p>
            }
            <button
              mat-flat-button
              type="submit"
              class="wide"
              [disabled]="busy()"
              data-testid="mfa-submit"
            >
              {{ submitLabel() }}
            </button>
          </form>
        } @else if (error(); as message) {
          <p class="notice" role="alert" data-testid="mfa-error">
            <mat-icon aria-hidden="true">error_outline</mat-icon><span>{{ message }}</span>
          </p>
        }
        @if (offersPasskey()) {
          @if (offersCode()) {
            <p class="or" aria-hidden="true"><span>or</span></p>
            <button
              mat-stroked-button
              type="button"
              class="wide"
              (click)="passkey()"
              [disabled]="busy()"
              data-testid="mfa-passkey"
            >
              <mat-icon>fingerprint</mat-icon> Use a passkey
            </button>
          } @else {
            <button
              mat-flat-button
              type="button"
              class="wide"
              (click)="passkey()"
              [disabled]="busy()"
              cdkFocusInitial
              data-testid="mfa-passkey"
            >
              <mat-icon>fingerprint</mat-icon> Use a passkey
            </button>
          }
        }
        <button
          mat-button
          type="button"
          class="switch"
          (click)="switchTo('recovery')"
          data-testid="mfa-use-recovery"
        >
          Use a recovery code
        </button>
      }
    </div>
  `,
  // Not encapsulated: it sits in a dialog as well as on a page. Every rule is scoped by class.
  styles: `
    .mend-second-factor {
      display: flex;
      flex-direction: column;
      gap: 8px;
    }
    .mend-second-factor .step {
      display: flex;
      flex-direction: column;
      gap: 12px;
    }
    .mend-second-factor mat-form-field {
      width: 100%;
    }
    .mend-second-factor [data-testid='mfa-code'] {
      font-size: 1.25rem;
      letter-spacing: 0.3em;
      font-variant-numeric: tabular-nums;
    }
    .mend-second-factor .lead {
      margin: 0;
      color: var(--mat-sys-on-surface-variant);
    }
    .mend-second-factor .wide {
      width: 100%;
      height: 44px;
    }
    .mend-second-factor .switch {
      align-self: center;
    }
    .mend-second-factor .notice {
      display: flex;
      align-items: flex-start;
      gap: 8px;
      margin: 0;
      padding: 12px 14px;
      border-radius: 12px;
      background: var(--mat-sys-error-container);
      color: var(--mat-sys-on-error-container);
    }
    .mend-second-factor .notice mat-icon {
      flex: none;
    }
    .mend-second-factor .or {
      display: flex;
      align-items: center;
      gap: 12px;
      margin: 4px 0;
      color: var(--mat-sys-on-surface-variant);
      font: var(--mat-sys-label-medium);
    }
    .mend-second-factor .or::before,
    .mend-second-factor .or::after {
      content: '';
      flex: 1;
      border-top: 1px solid var(--mat-sys-outline-variant);
    }
  `,
  encapsulation: ViewEncapsulation.None,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class SecondFactorForm implements OnInit {
  private readonly store = inject(AuthStore);
  private readonly api = inject(MfaApi);

  /** The person gave their second factor; the answer is who is signed in now. */
  readonly verified = output<Me>();
  /**
   * The session ended (too many wrong answers end it, so guessing needs the password again);
   * the message says so. The form itself can do no more.
   */
  readonly sessionEnded = output<string>();

  protected readonly mode = signal<Mode>('code');
  protected readonly busy = signal(false);
  protected readonly error = signal<string | null>(null);
  /** The person's own factors; until known, everything is offered. */
  protected readonly status = signal<MfaStatus | null>(null);
  protected readonly offersCode = computed(() => {
    const status = this.status();
    return !status || status.totp !== null || status.passkeys.length === 0;
  });
  protected readonly offersPasskey = computed(
    () => passkeysSupported() && (this.status()?.passkeys.length ?? 1) > 0,
  );
  protected readonly submitLabel = computed(() => (this.busy() ? 'Checking…' : 'Continue'));

  protected readonly code = new FormControl('', {
    nonNullable: true,
    validators: [Validators.required, Validators.pattern(/^\s*\d{3}[\s-]?\d{3}\s*$/)],
  });
  protected readonly recovery = new FormControl('', {
    nonNullable: true,
    validators: Validators.required,
  });
  protected readonly codeForm = new FormGroup({ code: this.code });
  protected readonly recoveryForm = new FormGroup({ recovery: this.recovery });

  constructor() {
    // A refused code's message goes once the person types again.
    this.code.valueChanges.subscribe(() => this.error.set(null));
    this.recovery.valueChanges.subscribe(() => this.error.set(null));
  }

  ngOnInit(): void {
    this.api.status().then(
      (status) => this.status.set(status),
      () => undefined, // offer everything
    );
  }

  protected switchTo(mode: Mode): void {
    this.mode.set(mode);
    this.error.set(null);
  }

  protected submitCode(): Promise<void> {
    if (this.code.invalid) {
      this.code.markAsTouched();
      return Promise.resolve();
    }
    return this.give({ method: 'totp', code: codeDigits(this.code.value) });
  }

  protected submitRecovery(): Promise<void> {
    if (this.recovery.invalid) {
      this.recovery.markAsTouched();
      return Promise.resolve();
    }
    return this.give({ method: 'recovery_code', code: this.recovery.value.trim() });
  }

  protected async passkey(): Promise<void> {
    this.busy.set(true);
    this.error.set(null);
    try {
      const response = await usePasskey(await this.api.passkeyChallenge());
      await this.give({ method: 'passkey', response });
    } catch (error) {
      this.error.set(secondFactorError(error, 'passkey'));
      this.busy.set(false);
    }
  }

  private async give(request: SecondFactorRequest): Promise<void> {
    this.busy.set(true);
    this.error.set(null);
    try {
      this.verified.emit(await this.store.verifySecondFactor(request));
    } catch (error) {
      if (error instanceof HttpErrorResponse && error.status === 401) {
        this.sessionEnded.emit(errorMessage(error));
        return;
      }
      this.error.set(secondFactorError(error, request.method));
    } finally {
      this.busy.set(false);
    }
  }
}
