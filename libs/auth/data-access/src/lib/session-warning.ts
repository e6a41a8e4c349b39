import {
  ChangeDetectionStrategy,
  Component,
  computed,
  DestroyRef,
  inject,
  signal,
  type Signal,
} from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MAT_DIALOG_DATA, MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { MatIconModule } from '@angular/material/icon';
import { errorMessage } from '@mend/shared/web';

export interface SessionWarningData {
  /** When the session ends (local ms since the epoch); moves when there is activity. */
  endsAt: Signal<number | null>;
  /** False when the absolute limit comes first: staying is not possible then. */
  extendable: Signal<boolean>;
  idleMinutes: number;
  stay: () => Promise<void>;
  signOut: () => Promise<void>;
}

/** `m:ss` left until `endsAt`, never below zero. */
export function timeLeft(endsAt: number | null, now: number): string {
  const seconds = Math.max(0, Math.ceil(((endsAt ?? now) - now) / 1000));
  return `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`;
}

/** Dialog two minutes before the session ends without activity, with a live countdown. */
@Component({
  selector: 'mend-session-warning',
  imports: [MatButtonModule, MatDialogModule, MatIconModule],
  template: `
    <h2 mat-dialog-title>{{ title() }}</h2>
    <mat-dialog-content class="body">
      <p class="countdown">
        <mat-icon aria-hidden="true">timer</mat-icon>
        <span role="timer" data-testid="session-countdown">{{ left() }}</span>
      </p>
      <p class="lead">
        @if (data.extendable()) {
          To keep what is written here private, Mend signs you out after
          {{ data.idleMinutes }} minutes without activity. Anything you have typed stays on this
          page.
        } @else {
          A session lasts a limited time, however active. You will be asked to sign in again;
          anything you have typed stays on this page.
        }
      </p>
      @if (error(); as message) {
        <p class="notice" role="alert">
          <mat-icon aria-hidden="true">error_outline</mat-icon><span>{{ message }}</span>
        </p>
      }
    </mat-dialog-content>
    <mat-dialog-actions>
      <button mat-button type="button" (click)="signOut()" [disabled]="busy()">Sign out now</button>
      <span class="spacer"></span>
      @if (data.extendable()) {
        <button
          mat-flat-button
          type="button"
          (click)="stay()"
          [disabled]="busy()"
          cdkFocusInitial
          data-testid="session-stay"
        >
          Stay signed in
        </button>
      } @else {
        <button mat-flat-button type="button" (click)="dismiss()" cdkFocusInitial>OK</button>
      }
    </mat-dialog-actions>
  `,
  styles: `
    .body {
      box-sizing: border-box;
      width: min(440px, calc(100vw - 32px));
    }
    .countdown {
      display: flex;
      align-items: center;
      gap: 10px;
      margin: 0 0 12px;
      font: var(--mat-sys-display-small);
      font-variant-numeric: tabular-nums;
      color: var(--mat-sys-primary);

      mat-icon {
        font-size: 32px;
        width: 32px;
        height: 32px;
      }
    }
    .lead {
      margin: 0;
      color: var(--mat-sys-on-surface-variant);
    }
    .notice {
      display: flex;
      gap: 8px;
      margin: 16px 0 0;
      padding: 12px 14px;
      border-radius: 12px;
      background: var(--mat-sys-error-container);
      color: var(--mat-sys-on-error-container);
    }
    .spacer {
      flex: 1;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class SessionWarning {
  protected readonly data = inject<SessionWarningData>(MAT_DIALOG_DATA);
  private readonly ref = inject<MatDialogRef<SessionWarning, 'dismissed'>>(MatDialogRef);
  private readonly now = signal(Date.now());
  protected readonly left = computed(() => timeLeft(this.data.endsAt(), this.now()));
  protected readonly title = computed(() =>
    this.data.extendable() ? 'You will be signed out in 2 minutes' : 'Your session ends soon',
  );
  protected readonly busy = signal(false);
  protected readonly error = signal<string | null>(null);

  constructor() {
    const tick = setInterval(() => this.now.set(Date.now()), 1000);
    inject(DestroyRef).onDestroy(() => clearInterval(tick));
  }

  protected async stay(): Promise<void> {
    this.busy.set(true);
    this.error.set(null);
    try {
      await this.data.stay();
      this.ref.close();
    } catch (error) {
      this.error.set(errorMessage(error));
    } finally {
      this.busy.set(false);
    }
  }

  protected dismiss(): void {
    this.ref.close('dismissed');
  }

  protected async signOut(): Promise<void> {
    this.busy.set(true);
    try {
      await this.data.signOut();
    } finally {
      this.busy.set(false);
    }
  }
}
