import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import {
  MAT_DIALOG_DATA,
  MatDialog,
  MatDialogModule,
  MatDialogRef,
} from '@angular/material/dialog';
import { MatIconModule } from '@angular/material/icon';
import { errorMessage } from '@mend/shared/web';
import type { Observable } from 'rxjs';

export interface ConfirmData<T> {
  title: string;
  /** Paragraphs of explanation. */
  message: string[];
  /** The confirming button, a verb: "Share with Alex". */
  confirm: string;
  tone?: 'danger' | 'normal';
  /** Runs on confirm; the dialog stays open with the API's message when it fails. */
  action: () => Promise<T>;
}

/** Dialog: asks before an action and runs it, showing the server's answer if it refuses. */
@Component({
  selector: 'mend-notes-confirm',
  imports: [MatButtonModule, MatDialogModule, MatIconModule],
  template: `
    <h2 mat-dialog-title>{{ data.title }}</h2>
    <mat-dialog-content>
      @for (p of data.message; track $index) {
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
      max-width: 480px;
    }
    .message {
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
