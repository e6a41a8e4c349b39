import { HttpErrorResponse } from '@angular/common/http';
import { ChangeDetectionStrategy, Component, inject, OnInit, output, signal } from '@angular/core';
import { FormControl, FormGroup, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { codeDigits, MfaApi } from '@mend/auth/data-access';
import type { RecoveryCodes, TotpSetup } from '@mend/shared/contracts';
import { errorMessage } from '@mend/shared/web';
import { groupedSecret } from './mfa-text';

/**
 * Adding an authenticator app: scan the QR code (made on the server, so no third party sees the
 * secret) or type the key, then enter the first code the app shows. Emits the recovery codes
 * (empty unless this was the person's first factor).
 */
@Component({
  selector: 'mend-totp-enrol',
  imports: [
    ReactiveFormsModule,
    MatButtonModule,
    MatFormFieldModule,
    MatIconModule,
    MatInputModule,
  ],
  template: `
    @if (setup(); as s) {
      <ol class="steps">
        <li>
          <span class="step-number" aria-hidden="true">1</span>
          <div class="step-body">
            <span class="step-title">Scan this QR code with your authenticator app</span>
            <span class="muted"
              >For example Google Authenticator, Microsoft Authenticator or your password
              manager.</span
            >
            <img
              class="qr"
              [src]="s.qrCode"
              width="176"
              height="176"
              alt="QR code to add Mend to your authenticator app"
              data-testid="totp-qr"
            />
            <details class="manual">
              <summary>Can’t scan it? Type a key instead</summary>
              <p class="muted">Choose “enter a setup key” in the app and type:</p>
              <code class="secret" data-testid="totp-secret" [attr.data-secret]="s.secret">{{
                grouped(s.secret)
              }}</code>
              <p class="muted small">Time-based, 6 digits. Account: your email.</p>
            </details>
          </div>
        </li>
        <li>
          <span class="step-number" aria-hidden="true">2</span>
          <div class="step-body">
            <span class="step-title">Enter the 6-digit code the app shows</span>
            <form class="confirm" [formGroup]="form" (ngSubmit)="confirm()" novalidate>
              <mat-form-field appearance="outline" subscriptSizing="dynamic" hideRequiredMarker>
                <mat-label>6-digit code</mat-label>
                <input
                  matInput
                  [formControl]="code"
                  inputmode="numeric"
                  pattern="[0-9 ]*"
                  maxlength="7"
                  autocomplete="one-time-code"
                  data-testid="totp-confirm-code"
                />
                <mat-error>Enter the 6 digits your app shows.</mat-error>
              </mat-form-field>
              <button mat-flat-button type="submit" [disabled]="busy()" data-testid="totp-confirm">
                {{ busy() ? 'Checking…' : 'Turn on' }}
              </button>
            </form>
          </div>
        </li>
      </ol>
    } @else if (!error()) {
      <p class="muted">Making your key…</p>
    }
    @if (error(); as message) {
      <p class="notice" role="alert" data-testid="totp-error">
        <mat-icon aria-hidden="true">error_outline</mat-icon><span>{{ message }}</span>
      </p>
    }
  `,
  styles: `
    :host {
      display: block;
    }
    .steps {
      display: flex;
      flex-direction: column;
      gap: 24px;
      margin: 16px 0 0;
      padding: 0;
      list-style: none;
    }
    .steps > li {
      display: flex;
      align-items: flex-start;
      gap: 12px;
    }
    .step-number {
      flex: none;
      display: grid;
      place-items: center;
      width: 24px;
      height: 24px;
      border-radius: 50%;
      background: var(--mat-sys-primary);
      color: var(--mat-sys-on-primary);
      font: var(--mat-sys-label-medium);
    }
    .step-body {
      display: flex;
      flex: 1;
      flex-direction: column;
      gap: 8px;
      min-width: 0;
      padding-top: 2px;
    }
    .step-title {
      font: var(--mat-sys-title-small);
    }
    .muted {
      margin: 0;
      color: var(--mat-sys-on-surface-variant);
    }
    .small {
      font: var(--mat-sys-body-small);
    }
    .qr {
      align-self: flex-start;
      padding: 8px;
      border: 1px solid var(--mat-sys-outline-variant);
      border-radius: 12px;
      background: #fff;
      image-rendering: pixelated;
    }
    .manual {
      summary {
        cursor: pointer;
        color: var(--mat-sys-primary);
        font: var(--mat-sys-label-large);
      }
      &[open] {
        display: flex;
        flex-direction: column;
        gap: 6px;
      }
      p {
        margin: 6px 0 0;
      }
    }
    .secret {
      display: block;
      align-self: flex-start;
      max-width: 100%;
      box-sizing: border-box;
      padding: 8px 12px;
      border-radius: 8px;
      background: var(--mat-sys-surface-container);
      font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace;
      font-size: 1rem;
      letter-spacing: 0.06em;
      overflow-wrap: anywhere;
      user-select: all;
    }
    .confirm {
      display: flex;
      flex-wrap: wrap;
      align-items: flex-start;
      gap: 12px;

      mat-form-field {
        flex: 1 1 180px;
        max-width: 240px;
      }
      button {
        height: 56px;
      }
    }
    .notice {
      display: flex;
      align-items: flex-start;
      gap: 8px;
      margin: 16px 0 0;
      padding: 12px 14px;
      border-radius: 12px;
      background: var(--mat-sys-error-container);
      color: var(--mat-sys-on-error-container);

      mat-icon {
        flex: none;
      }
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class TotpEnrol implements OnInit {
  private readonly api = inject(MfaApi);

  /** The app is on: the recovery codes to show (empty unless it is the first factor). */
  readonly done = output<RecoveryCodes>();

  protected readonly grouped = groupedSecret;
  protected readonly setup = signal<TotpSetup | null>(null);
  protected readonly busy = signal(false);
  protected readonly error = signal<string | null>(null);
  protected readonly code = new FormControl('', {
    nonNullable: true,
    validators: [Validators.required, Validators.pattern(/^\s*\d{3}[\s-]?\d{3}\s*$/)],
  });
  protected readonly form = new FormGroup({ code: this.code });

  constructor() {
    this.code.valueChanges.subscribe(() => {
      if (this.setup()) this.error.set(null);
    });
  }

  async ngOnInit(): Promise<void> {
    try {
      this.setup.set(await this.api.setUpTotp());
    } catch (error) {
      this.error.set(errorMessage(error));
    }
  }

  protected async confirm(): Promise<void> {
    if (this.code.invalid) {
      this.code.markAsTouched();
      return;
    }
    this.busy.set(true);
    this.error.set(null);
    try {
      this.done.emit(await this.api.confirmTotp(codeDigits(this.code.value)));
    } catch (error) {
      this.error.set(
        error instanceof HttpErrorResponse && error.status === 400
          ? 'That code is not right. Check that the app shows the Mend account you just added, and enter the code it shows now.'
          : errorMessage(error),
      );
    } finally {
      this.busy.set(false);
    }
  }
}
