import { ChangeDetectionStrategy, Component, inject, output, signal } from '@angular/core';
import { FormControl, FormGroup, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { createPasskey, MfaApi, passkeyMessage, passkeysSupported } from '@mend/auth/data-access';
import type { PasskeySummary } from '@mend/shared/contracts';
import { applyServerErrors, errorMessage } from '@mend/shared/web';
import { deviceName } from './mfa-text';

export const PASSKEY_NAME_MAX = 60;

export interface PasskeyAdded {
  passkey: PasskeySummary;
  /** Empty unless the passkey was the person's first factor. */
  recoveryCodes: string[];
}

/**
 * Adding a passkey: the person names the device (so they can tell passkeys apart later), then
 * the browser asks for the fingerprint, face, screen lock or security key.
 */
@Component({
  selector: 'mend-passkey-enrol',
  imports: [
    ReactiveFormsModule,
    MatButtonModule,
    MatFormFieldModule,
    MatIconModule,
    MatInputModule,
  ],
  template: `
    @if (supported) {
      <form [formGroup]="form" (ngSubmit)="create()" novalidate>
        <p class="muted">
          A passkey lives on this device (or a security key) and is unlocked with your fingerprint,
          face or screen lock. Nothing to type, and it cannot be phished.
        </p>
        <mat-form-field appearance="outline" subscriptSizing="dynamic" hideRequiredMarker>
          <mat-label>Name of this passkey</mat-label>
          <input
            matInput
            [formControl]="name"
            [maxlength]="max"
            autocomplete="off"
            data-testid="passkey-name"
          />
          <mat-hint>So you can tell your passkeys apart, e.g. “Work laptop”.</mat-hint>
          <mat-error>{{ name.getError('server') || 'Give the passkey a name.' }}</mat-error>
        </mat-form-field>
        @if (error(); as message) {
          <p class="notice" role="alert" data-testid="passkey-error">
            <mat-icon aria-hidden="true">error_outline</mat-icon><span>{{ message }}</span>
          </p>
        }
        <button mat-flat-button type="submit" [disabled]="busy()" data-testid="passkey-create">
          <mat-icon>fingerprint</mat-icon>
          {{ busy() ? 'Waiting for your device…' : 'Create passkey' }}
        </button>
      </form>
    } @else {
      <p class="notice" role="status">
        <mat-icon aria-hidden="true">info</mat-icon>
        <span>This browser cannot make passkeys. Use an authenticator app instead.</span>
      </p>
    }
  `,
  styles: `
    :host {
      display: block;
    }
    form {
      display: flex;
      flex-direction: column;
      gap: 12px;
    }
    .muted {
      margin: 0;
      color: var(--mat-sys-on-surface-variant);
    }
    button {
      align-self: flex-start;
      height: 44px;
    }
    .notice {
      display: flex;
      align-items: flex-start;
      gap: 8px;
      margin: 0;
      padding: 12px 14px;
      border-radius: 12px;
      background: var(--mat-sys-error-container);
      color: var(--mat-sys-on-error-container);

      &[role='status'] {
        background: var(--mat-sys-secondary-container);
        color: var(--mat-sys-on-secondary-container);
      }
      mat-icon {
        flex: none;
      }
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class PasskeyEnrol {
  private readonly api = inject(MfaApi);

  readonly done = output<PasskeyAdded>();

  protected readonly supported = passkeysSupported();
  protected readonly max = PASSKEY_NAME_MAX;
  protected readonly busy = signal(false);
  protected readonly error = signal<string | null>(null);
  protected readonly form = new FormGroup({
    name: new FormControl(deviceName(), {
      nonNullable: true,
      validators: [Validators.required, Validators.maxLength(PASSKEY_NAME_MAX)],
    }),
  });
  protected readonly name = this.form.controls.name;

  protected async create(): Promise<void> {
    if (this.name.invalid || !this.name.value.trim()) {
      this.name.setErrors({ required: true });
      this.name.markAsTouched();
      return;
    }
    this.busy.set(true);
    this.error.set(null);
    try {
      const response = await createPasskey(await this.api.passkeyOptions());
      this.done.emit(await this.api.registerPasskey(response, this.name.value.trim()));
    } catch (error) {
      const unmatched = applyServerErrors(this.form, error);
      if (unmatched.length || !this.name.invalid)
        this.error.set(passkeyMessage(error) ?? errorMessage(error));
    } finally {
      this.busy.set(false);
    }
  }
}
