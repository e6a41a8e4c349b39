import { DatePipe } from '@angular/common';
import {
  ChangeDetectionStrategy,
  Component,
  computed,
  inject,
  OnInit,
  signal,
} from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { MatDialog } from '@angular/material/dialog';
import { MatIconModule } from '@angular/material/icon';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatSnackBar } from '@angular/material/snack-bar';
import { MatTooltipModule } from '@angular/material/tooltip';
import { AuthStore, MfaApi } from '@mend/auth/data-access';
import {
  RECOVERY_CODE_COUNT,
  type MfaStatus,
  type PasskeySummary,
  type RecoveryCodes,
} from '@mend/shared/contracts';
import { confirmAction, errorMessage } from '@mend/shared/web';
import {
  PasskeyEnrolDialog,
  RecoveryCodesDialog,
  TotpEnrolDialog,
  type RecoveryCodesData,
} from './mfa-dialogs';
import { hasSecondFactor } from './mfa-text';
import type { PasskeyAdded } from './passkey-enrol';

/**
 * Everyone's own sign-in security: the authenticator app, passkeys and recovery codes. Staff
 * (and clients of a clinic that requires it) keep at least one factor; any client may turn
 * two-step sign-in on for themselves.
 */
@Component({
  selector: 'mend-security-settings',
  imports: [
    DatePipe,
    MatButtonModule,
    MatCardModule,
    MatIconModule,
    MatProgressBarModule,
    MatTooltipModule,
  ],
  templateUrl: './security-settings.html',
  styleUrl: './security-settings.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class SecuritySettings implements OnInit {
  private readonly api = inject(MfaApi);
  private readonly store = inject(AuthStore);
  private readonly dialog = inject(MatDialog);
  private readonly snackBar = inject(MatSnackBar);

  protected readonly me = this.store.me;
  protected readonly codeCount = RECOVERY_CODE_COUNT;
  protected readonly status = signal<MfaStatus | null>(null);
  protected readonly loading = signal(true);
  protected readonly error = signal<string | null>(null);
  protected readonly on = computed(() => {
    const status = this.status();
    return !!status && hasSecondFactor(status);
  });
  protected readonly factorCount = computed(() => {
    const status = this.status();
    return status ? (status.totp ? 1 : 0) + status.passkeys.length : 0;
  });
  /** Whoever must keep a factor cannot remove their only one (the API refuses it too). */
  protected readonly keepsLast = computed(
    () => !!this.status()?.required && this.factorCount() <= 1,
  );
  protected readonly fewCodes = computed(() => {
    const status = this.status();
    return !!status && this.on() && status.recoveryCodesLeft <= 3;
  });

  ngOnInit(): void {
    void this.load();
  }

  protected addTotp(): void {
    this.dialog
      .open<TotpEnrolDialog, unknown, RecoveryCodes>(TotpEnrolDialog, {
        autoFocus: 'dialog',
        maxWidth: 'calc(100vw - 32px)',
      })
      .afterClosed()
      .subscribe((result) => {
        if (!result) return;
        void this.changed('Your authenticator app is on.', result.recoveryCodes);
      });
  }

  protected removeTotp(): void {
    confirmAction(this.dialog, {
      title: 'Remove the authenticator app?',
      message: this.removalMessage('Codes from the app stop working for Mend.'),
      confirm: 'Remove app',
      tone: 'danger',
      action: () => this.api.removeTotp().then(() => true),
    }).subscribe((done) => done && void this.changed('The authenticator app was removed.'));
  }

  protected addPasskey(): void {
    this.dialog
      .open<PasskeyEnrolDialog, unknown, PasskeyAdded>(PasskeyEnrolDialog, {
        autoFocus: 'first-tabbable',
        maxWidth: 'calc(100vw - 32px)',
      })
      .afterClosed()
      .subscribe((added) => {
        if (!added) return;
        void this.changed(`Passkey “${added.passkey.name}” added.`, added.recoveryCodes);
      });
  }

  protected removePasskey(passkey: PasskeySummary): void {
    confirmAction(this.dialog, {
      title: `Remove the passkey “${passkey.name}”?`,
      message: this.removalMessage('It can no longer sign you in to Mend.'),
      confirm: 'Remove passkey',
      tone: 'danger',
      action: () => this.api.removePasskey(passkey.id).then(() => true),
    }).subscribe((done) => done && void this.changed(`Passkey “${passkey.name}” removed.`));
  }

  protected newCodes(): void {
    confirmAction(this.dialog, {
      title: 'Make new recovery codes?',
      message: 'You get ten new codes, shown once. The codes you have now stop working.',
      confirm: 'Make new codes',
      action: () => this.api.newRecoveryCodes(),
    }).subscribe((result) => {
      if (!result) return;
      void this.changed(null, result.recoveryCodes, 'Your new recovery codes');
    });
  }

  /** What removing a factor does, including turning two-step sign-in off when it is the last. */
  private removalMessage(first: string): string[] {
    return this.factorCount() === 1 && !this.status()?.required
      ? [
          first,
          'It is your last one, so two-step sign-in turns off and your recovery codes stop working.',
        ]
      : [first];
  }

  /** After a change: codes to show (once), the status again, and who is signed in. */
  private async changed(
    message: string | null,
    codes: string[] = [],
    title = 'Save your recovery codes',
  ): Promise<void> {
    if (codes.length) {
      await new Promise<void>((resolve) =>
        this.dialog
          .open<RecoveryCodesDialog, RecoveryCodesData>(RecoveryCodesDialog, {
            data: { title, codes },
            disableClose: true,
            autoFocus: 'dialog',
            maxWidth: 'calc(100vw - 32px)',
          })
          .afterClosed()
          .subscribe(() => resolve()),
      );
    }
    if (message) this.snackBar.open(message, 'OK', { duration: 5000 });
    await Promise.all([this.load(), this.store.refresh().catch(() => undefined)]);
  }

  private async load(): Promise<void> {
    this.loading.set(true);
    try {
      this.status.set(await this.api.status());
      this.error.set(null);
    } catch (error) {
      this.error.set(errorMessage(error));
    } finally {
      this.loading.set(false);
    }
  }
}
