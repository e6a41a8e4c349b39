import { inject, Injectable, Injector } from '@angular/core';
import { firstValueFrom } from 'rxjs';
import { sessionDialogs } from './session-recovery';

/**
 * Giving the second factor again before a sensitive action (signing a note, a PDF, MFA changes)
 * when it was given more than 15 minutes ago. One dialog at a time: every request the API
 * refuses for this while it is open waits for the same answer.
 */
@Injectable({ providedIn: 'root' })
export class StepUp {
  private readonly injector = inject(Injector);
  private pending: Promise<boolean> | null = null;

  /** Whether the dialog is open. */
  get active(): boolean {
    return this.pending !== null;
  }

  /** True once the person gave their second factor again; false if they cancelled. */
  confirm(): Promise<boolean> {
    this.pending ??= this.ask().finally(() => (this.pending = null));
    return this.pending;
  }

  private async ask(): Promise<boolean> {
    const { MatDialog, StepUpDialog } = await sessionDialogs();
    const ref = this.injector
      .get(MatDialog)
      .open<InstanceType<typeof StepUpDialog>, unknown, boolean>(StepUpDialog, {
        autoFocus: 'first-tabbable',
        maxWidth: 'calc(100vw - 32px)',
      });
    return (await firstValueFrom(ref.afterClosed())) === true;
  }
}
