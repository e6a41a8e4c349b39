import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MAT_DIALOG_DATA, MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import type { RecoveryCodes } from '@mend/shared/contracts';
import { PasskeyEnrol, type PasskeyAdded } from './passkey-enrol';
import { RecoveryCodesPanel } from './recovery-codes';
import { TotpEnrol } from './totp-enrol';

const DIALOG_STYLES = `
  .body {
    box-sizing: border-box;
    width: min(480px, calc(100vw - 48px));
  }
`;

/** Dialog: add an authenticator app; closes with the recovery codes (if any). */
@Component({
  selector: 'mend-totp-enrol-dialog',
  imports: [MatButtonModule, MatDialogModule, TotpEnrol],
  template: `
    <h2 mat-dialog-title>Add an authenticator app</h2>
    <mat-dialog-content class="body">
      <mend-totp-enrol (done)="ref.close($event)" />
    </mat-dialog-content>
    <mat-dialog-actions align="end">
      <button mat-button type="button" mat-dialog-close>Cancel</button>
    </mat-dialog-actions>
  `,
  styles: DIALOG_STYLES,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class TotpEnrolDialog {
  protected readonly ref = inject<MatDialogRef<TotpEnrolDialog, RecoveryCodes>>(MatDialogRef);
}

/** Dialog: add a passkey; closes with the new passkey and the recovery codes (if any). */
@Component({
  selector: 'mend-passkey-enrol-dialog',
  imports: [MatButtonModule, MatDialogModule, PasskeyEnrol],
  template: `
    <h2 mat-dialog-title>Add a passkey</h2>
    <mat-dialog-content class="body">
      <mend-passkey-enrol (done)="ref.close($event)" />
    </mat-dialog-content>
    <mat-dialog-actions align="end">
      <button mat-button type="button" mat-dialog-close>Cancel</button>
    </mat-dialog-actions>
  `,
  styles: DIALOG_STYLES,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class PasskeyEnrolDialog {
  protected readonly ref = inject<MatDialogRef<PasskeyEnrolDialog, PasskeyAdded>>(MatDialogRef);
}

export interface RecoveryCodesData {
  title: string;
  codes: string[];
}

/** Dialog: recovery codes shown once; it closes only once they say the codes are saved. */
@Component({
  selector: 'mend-recovery-codes-dialog',
  imports: [MatDialogModule, RecoveryCodesPanel],
  template: `
    <h2 mat-dialog-title>{{ data.title }}</h2>
    <mat-dialog-content class="body">
      <mend-recovery-codes [codes]="data.codes" doneLabel="Done" (done)="ref.close()" />
    </mat-dialog-content>
  `,
  styles: DIALOG_STYLES,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class RecoveryCodesDialog {
  protected readonly data = inject<RecoveryCodesData>(MAT_DIALOG_DATA);
  protected readonly ref = inject<MatDialogRef<RecoveryCodesDialog>>(MatDialogRef);
}
