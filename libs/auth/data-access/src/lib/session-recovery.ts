import { DOCUMENT } from '@angular/common';
import { inject, Injectable, InjectionToken, Injector } from '@angular/core';
import { Router } from '@angular/router';
import { firstValueFrom } from 'rxjs';
import { AuthStore } from './auth-store';
import type { SignInAgainData, SignInAgainReason, SignInAgainResult } from './sign-in-again';

/** The session dialogs, in their own chunk (see session-dialogs.ts). */
export const sessionDialogs = () => import('./session-dialogs');

/** Starts the app afresh at home (a full load, so nothing of the previous page stays in memory). */
export const RELOAD_HOME = new InjectionToken<() => void>('Reload the app at its home page', {
  providedIn: 'root',
  factory: () => {
    const document = inject(DOCUMENT);
    return () => document.location.assign('/');
  },
});

/**
 * Signing in again on the same page once the session ended. One dialog at a time: every request
 * that finds the session over while it is open waits for the same answer.
 */
@Injectable({ providedIn: 'root' })
export class SessionRecovery {
  private readonly injector = inject(Injector);
  private readonly store = inject(AuthStore);
  private readonly router = inject(Router);
  private readonly reloadHome = inject(RELOAD_HOME);
  private pending: Promise<boolean> | null = null;

  /** Whether the sign-in dialog is open. */
  get active(): boolean {
    return this.pending !== null;
  }

  /** True once the same person signed in again (what waited may be sent); false if they left. */
  signInAgain(reason: SignInAgainReason): Promise<boolean> {
    this.pending ??= this.ask(reason).finally(() => (this.pending = null));
    return this.pending;
  }

  private async ask(reason: SignInAgainReason): Promise<boolean> {
    const { MatDialog, SignInAgain } = await sessionDialogs();
    const ref = this.injector
      .get(MatDialog)
      .open<InstanceType<typeof SignInAgain>, SignInAgainData, SignInAgainResult>(SignInAgain, {
        data: { reason },
        disableClose: true,
        autoFocus: 'first-tabbable',
        backdropClass: 'mend-session-backdrop',
        maxWidth: 'calc(100vw - 32px)',
      });
    const result = await firstValueFrom(ref.afterClosed());
    if (result === 'same') return true;
    if (result === 'other') {
      // The held changes are never sent: the reload drops them with the first person's page.
      this.reloadHome();
      return new Promise<boolean>(() => undefined);
    }
    // They left: what waited fails (and is forgotten) and they get today's sign-in page.
    this.store.clear();
    await this.router.navigate(['/sign-in']);
    return false;
  }
}
