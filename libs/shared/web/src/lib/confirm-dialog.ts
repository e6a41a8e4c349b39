import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import {
  MAT_DIALOG_DATA,
  MatDialog,
  MatDialogModule,
  MatDialogRef,
} from '@angular/material/dialog';
import { MatIconModule } from '@angular/material/icon';
import type { Observable } from 'rxjs';
import { errorMessage } from './api-errors';

export interface ConfirmData<T> {
  title: string;
  /**
   * What happens, in one sentence, or as paragraphs: a list gets a slightly wider dialog with
   * space between its paragraphs.
   */
  message: string | readonly string[];
  /** The label of the confirming button, a verb: "Disable account", "Share with Alex". */
  confirm: string;
  /** `danger` colours the button as a destructive action. */
  tone?: 'danger' | 'normal';
  /** Runs on confirm; the dialog stays open with the API's message when it fails. */
  action: () => Promise<T>;
}

/** Dialog: asks before an action and runs it, showing the server's answer if it refuses. */
@Component({
  selector: 'mend-confirm-dialog',
  imports: [MatButtonModule, MatDialogModule, MatIconModule],
  template: `
    <h2 mat-dialog-title>{{ data.title }}</h2>
    <mat-dialog-content [class.paragraphs]="paragraphs">
      @for (p of messages; track $index) {
        <p class="message">{{ p }}</p>
      }
      @if (error(); as message) {
        <p class="notice" role="alert">
          <mat-icon aria-hidden="true">error_outline</mat-icon>
          <span>{{ message }}</span>
        </p>
      }
    </mat-dialog-content>
    <mat-dialog-actions align="end">
      <button mat-button type="button" mat-dialog-close>Cancel</button>
      <button
        mat-flat-button
        type="button"
        [class.danger]="data.tone === 'danger'"
        [disabled]="busy()"
        (click)="run()"
        data-testid="confirm"
      >
        {{ data.confirm }}
      </button>
    </mat-dialog-actions>
  `,
  styles: `
    mat-dialog-content {
      max-width: 460px;
    }
    mat-dialog-content.paragraphs {
      max-width: 480px;
    }
    .message {
      margin: 0;
    }
    .paragraphs .message {
      margin: 0 0 12px;
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
    .danger {
      --mat-button-filled-container-color: var(--mat-sys-error);
      --mat-button-filled-label-text-color: var(--mat-sys-on-error);
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ConfirmDialog<T> {
  protected readonly data = inject<ConfirmData<T>>(MAT_DIALOG_DATA);
  private readonly ref = inject<MatDialogRef<ConfirmDialog<T>, T>>(MatDialogRef);
  /** Whether the message came as paragraphs (a list) rather than one sentence. */
  protected readonly paragraphs = typeof this.data.message !== 'string';
  protected readonly messages: readonly string[] =
    typeof this.data.message === 'string' ? [this.data.message] : this.data.message;
  protected readonly busy = signal(false);
  protected readonly error = signal<string | null>(null);

  protected async run(): Promise<void> {
    this.busy.set(true);
    this.error.set(null);
    try {
      this.ref.close(await this.data.action());
    } catch (error) {
      this.error.set(errorMessage(error));
    } finally {
      this.busy.set(false);
    }
  }
}

/** Opens the confirm dialog; emits the action's result once, or undefined when cancelled. */
export function confirmAction<T>(
  dialog: MatDialog,
  data: ConfirmData<T>,
): Observable<T | undefined> {
  return dialog
    .open<ConfirmDialog<T>, ConfirmData<T>, T>(ConfirmDialog, { data, autoFocus: 'dialog' })
    .afterClosed();
}
