import { ChangeDetectionStrategy, Component, computed, inject, input, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { Router } from '@angular/router';
import { afterPassword, AuthStore, passkeysSupported } from '@mend/auth/data-access';
import type { RecoveryCodes } from '@mend/shared/contracts';
import { errorMessage } from '@mend/shared/web';
import { whyRequired } from './mfa-text';
import { PasskeyEnrol, type PasskeyAdded } from './passkey-enrol';
import { RecoveryCodesPanel } from './recovery-codes';
import { TotpEnrol } from './totp-enrol';

type Step = 'choose' | 'passkey' | 'totp' | 'codes';

/**
 * After the password, for someone who must use a second factor and has none yet (new staff, or
 * after an admin's reset): why, a passkey or an authenticator app, then the recovery codes once.
 */
@Component({
  selector: 'mend-set-up-page',
  imports: [
    MatButtonModule,
    MatIconModule,
    MatProgressBarModule,
    PasskeyEnrol,
    RecoveryCodesPanel,
    TotpEnrol,
  ],
  templateUrl: './set-up-page.html',
  styleUrls: ['../auth-page.scss', './second-step-page.scss', './set-up-page.scss'],
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class SetUpPage {
  private readonly store = inject(AuthStore);
  private readonly router = inject(Router);

  /** Query parameter, bound by the router: the page they were going to. */
  readonly returnUrl = input<string>();

  protected readonly me = this.store.me;
  protected readonly why = computed(() => whyRequired(this.me()));
  protected readonly passkeys = passkeysSupported();
  protected readonly step = signal<Step>('choose');
  protected readonly codes = signal<readonly string[]>([]);
  protected readonly busy = signal(false);
  protected readonly error = signal<string | null>(null);
  protected readonly title = computed(() => {
    switch (this.step()) {
      case 'passkey':
        return 'Create a passkey';
      case 'totp':
        return 'Add an authenticator app';
      case 'codes':
        return 'Save your recovery codes';
      default:
        return 'Set up two-step sign-in';
    }
  });

  protected choose(step: 'passkey' | 'totp' | 'choose'): void {
    this.error.set(null);
    this.step.set(step);
  }

  protected totpOn({ recoveryCodes }: RecoveryCodes): Promise<void> {
    return this.show(recoveryCodes);
  }

  protected passkeyAdded({ recoveryCodes }: PasskeyAdded): Promise<void> {
    return this.show(recoveryCodes);
  }

  /** The codes come once, with the first factor: they are shown before going on. */
  private async show(codes: string[]): Promise<void> {
    if (!codes.length) return this.finish();
    this.codes.set(codes);
    this.step.set('codes');
    // On a phone the confirm button was far down: the codes start at the top of the card.
    document.getElementById('set-up-title')?.scrollIntoView?.({ block: 'start' });
  }

  protected async finish(): Promise<void> {
    this.busy.set(true);
    this.error.set(null);
    try {
      const me = await this.store.refresh();
      await this.router.navigateByUrl(
        me ? afterPassword(this.router, me, this.returnUrl()) : '/sign-in',
      );
    } catch (error) {
      this.error.set(errorMessage(error));
    } finally {
      this.busy.set(false);
    }
  }

  protected async signOut(): Promise<void> {
    try {
      await this.store.logout();
    } finally {
      await this.router.navigate(['/sign-in']);
    }
  }
}
