import { ChangeDetectionStrategy, Component, inject, OnInit, signal } from '@angular/core';
import { FormControl, ReactiveFormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import {
  MAT_DIALOG_DATA,
  MatDialog,
  MatDialogModule,
  MatDialogRef,
} from '@angular/material/dialog';
import { MatIconModule } from '@angular/material/icon';
import { MatRadioModule } from '@angular/material/radio';
import { MatSnackBar } from '@angular/material/snack-bar';
import { MfaApi } from '@mend/auth/data-access';
import type { ClinicSecuritySettings, MfaPolicy } from '@mend/shared/contracts';
import { errorMessage } from '@mend/shared/web';

/** Who must use two-step sign-in under each policy, as the admin reads it. */
export const MFA_POLICY_TEXT: Record<MfaPolicy, { title: string; detail: string }> = {
  staff: {
    title: 'Counselors and admins',
    detail: 'Always required for staff. Clients may turn it on for themselves.',
  },
  everyone: {
    title: 'Everyone, clients too',
    detail: 'Clients set up a second step the next time they sign in.',
  },
};

/** Dialog (admin): who must use two-step sign-in; closes with the saved settings. */
@Component({
  selector: 'mend-clinic-security-dialog',
  imports: [ReactiveFormsModule, MatButtonModule, MatDialogModule, MatIconModule, MatRadioModule],
  template: `
    <h2 mat-dialog-title>Two-step sign-in</h2>
    <mat-dialog-content class="fields">
      <p class="lead">Who must confirm it’s them with a second step after their password?</p>
      <mat-radio-group [formControl]="policy" class="choices" aria-label="Who must use it">
        @for (option of options; track option) {
          <mat-radio-button [value]="option" [attr.data-testid]="'mfa-policy-' + option">
            <span class="choice-title">{{ text[option].title }}</span>
            <span class="choice-detail">{{ text[option].detail }}</span>
          </mat-radio-button>
        }
      </mat-radio-group>
      @if (error(); as message) {
        <p class="notice" role="alert">
          <mat-icon aria-hidden="true">error_outline</mat-icon><span>{{ message }}</span>
        </p>
      }
    </mat-dialog-content>
    <mat-dialog-actions align="end">
      <button mat-button type="button" mat-dialog-close>Cancel</button>
      <button
        mat-flat-button
        type="button"
        (click)="save()"
        [disabled]="busy()"
        data-testid="mfa-policy-save"
      >
        Save
      </button>
    </mat-dialog-actions>
  `,
  styleUrls: ['../../../../../shared/web/src/lib/styles/_dialog.scss'],
  styles: `
    .choices {
      display: flex;
      flex-direction: column;
      gap: 8px;
    }
    .choice-title {
      display: block;
      font: var(--mat-sys-title-small);
    }
    .choice-detail {
      display: block;
      color: var(--mat-sys-on-surface-variant);
      font: var(--mat-sys-body-small);
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ClinicSecurityDialog {
  private readonly api = inject(MfaApi);
  private readonly ref =
    inject<MatDialogRef<ClinicSecurityDialog, ClinicSecuritySettings>>(MatDialogRef);

  protected readonly options: MfaPolicy[] = ['staff', 'everyone'];
  protected readonly text = MFA_POLICY_TEXT;
  protected readonly busy = signal(false);
  protected readonly error = signal<string | null>(null);
  protected readonly policy = new FormControl<MfaPolicy>(
    inject<ClinicSecuritySettings>(MAT_DIALOG_DATA).mfaPolicy,
    { nonNullable: true },
  );

  protected async save(): Promise<void> {
    this.busy.set(true);
    this.error.set(null);
    try {
      const settings = { mfaPolicy: this.policy.value };
      this.ref.close((await this.api.saveClinicSecurity(settings)) ?? settings);
    } catch (error) {
      this.error.set(errorMessage(error));
    } finally {
      this.busy.set(false);
    }
  }
}

/** Admin home: the "Sign-in security" card (who must use two-step sign-in). */
@Component({
  selector: 'mend-clinic-security-card',
  imports: [MatButtonModule, MatCardModule, MatIconModule],
  template: `
    <mat-card appearance="outlined" data-testid="clinic-security">
      <mat-card-header>
        <mat-icon matCardAvatar aria-hidden="true">admin_panel_settings</mat-icon>
        <mat-card-title>Sign-in security</mat-card-title>
        <mat-card-subtitle>Who must use two-step sign-in</mat-card-subtitle>
      </mat-card-header>
      <mat-card-content>
        @if (error(); as message) {
          <p class="error" role="alert">{{ message }}</p>
        } @else if (settings(); as s) {
          <p class="policy" data-testid="clinic-mfa-policy">
            <mat-icon aria-hidden="true">{{
              s.mfaPolicy === 'everyone' ? 'groups' : 'badge'
            }}</mat-icon>
            <span>
              <strong>{{ text[s.mfaPolicy].title }}</strong>
              <span class="muted">{{ text[s.mfaPolicy].detail }}</span>
            </span>
          </p>
        } @else {
          <p class="muted">Loading…</p>
        }
        <p class="muted small">
          A person who lost their phone and recovery codes: reset their two-step sign-in on the
          People page.
        </p>
      </mat-card-content>
      <mat-card-actions>
        <button
          mat-button
          type="button"
          (click)="change()"
          [disabled]="!settings()"
          data-testid="clinic-mfa-change"
        >
          <mat-icon>edit</mat-icon> Change
        </button>
      </mat-card-actions>
    </mat-card>
  `,
  styleUrl: './clinic-security.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ClinicSecurityCard implements OnInit {
  private readonly api = inject(MfaApi);
  private readonly dialog = inject(MatDialog);
  private readonly snackBar = inject(MatSnackBar);

  protected readonly text = MFA_POLICY_TEXT;
  protected readonly settings = signal<ClinicSecuritySettings | null>(null);
  protected readonly error = signal<string | null>(null);

  ngOnInit(): void {
    this.api.clinicSecurity().then(
      (settings) => this.settings.set(settings),
      (error) => this.error.set(errorMessage(error)),
    );
  }

  protected change(): void {
    const settings = this.settings();
    if (!settings) return;
    this.dialog
      .open<ClinicSecurityDialog, ClinicSecuritySettings, ClinicSecuritySettings>(
        ClinicSecurityDialog,
        { data: settings, autoFocus: 'first-tabbable', maxWidth: 'calc(100vw - 32px)' },
      )
      .afterClosed()
      .subscribe((saved) => {
        if (!saved) return;
        this.settings.set(saved);
        this.snackBar.open(
          saved.mfaPolicy === 'everyone'
            ? 'Everyone now signs in with two steps.'
            : 'Two-step sign-in is required for staff; optional for clients.',
          'OK',
          { duration: 6000 },
        );
      });
  }
}
