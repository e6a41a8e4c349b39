import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { MatIconModule } from '@angular/material/icon';
import { SecondFactorForm } from './second-factor-form';

/**
 * Dialog before a sensitive action: the second factor again. Closing it with the factor given
 * lets the waiting request go; Cancel hands the refusal back to the page.
 */
@Component({
  selector: 'mend-step-up-dialog',
  imports: [MatButtonModule, MatDialogModule, MatIconModule, SecondFactorForm],
  template: `
    <h2 mat-dialog-title>Confirm it’s you</h2>
    <mat-dialog-content class="body">
      <p class="lead">
        This action protects clinical records, so Mend asks for your second step again when you last
        gave it more than 15 minutes ago.
      </p>
      <mend-second-factor-form (verified)="ref.close(true)" (sessionEnded)="ref.close(false)" />
    </mat-dialog-content>
    <mat-dialog-actions align="end">
      <button mat-button type="button" (click)="ref.close(false)" data-testid="step-up-cancel">
        Cancel
      </button>
    </mat-dialog-actions>
  `,
  styles: `
    .body {
      box-sizing: border-box;
      width: min(420px, calc(100vw - 32px));
    }
    .lead {
      margin: 0 0 16px;
      color: var(--mat-sys-on-surface-variant);
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class StepUpDialog {
  protected readonly ref = inject<MatDialogRef<StepUpDialog, boolean>>(MatDialogRef);
}
