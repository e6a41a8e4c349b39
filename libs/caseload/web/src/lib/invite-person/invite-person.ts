import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import { ROLE_LABELS, ROLES, type InvitationSent, type Role } from '@mend/shared/contracts';
import { applyServerErrors, errorMessage } from '@mend/shared/web';
import { PeopleApi } from '../data-access/people-api';
import { NO_MAIL_SERVER, OneTimeLinkPanel } from '../people/one-time-link';

/** What to tell the admin once the dialog closes with an invitation. */
export function invitationSentText(sent: InvitationSent): string {
  return sent.mailed
    ? `Invitation sent to ${sent.user.email}.`
    : `${sent.user.displayName} is invited.`;
}

/**
 * Dialog: invite a counselor, client or admin by email; closes with the invitation sent. Without
 * a mail server it first shows the link, once, for the admin to hand over.
 */
@Component({
  selector: 'mend-invite-person',
  imports: [
    ReactiveFormsModule,
    MatButtonModule,
    MatDialogModule,
    MatFormFieldModule,
    MatInputModule,
    MatSelectModule,
    OneTimeLinkPanel,
  ],
  template: `
    @if (unmailed(); as sent) {
      <h2 mat-dialog-title>Invitation for {{ sent.user.displayName }}</h2>
      <mat-dialog-content class="fields">
        <mend-one-time-link-panel
          [link]="sent.link ?? ''"
          [expiresAt]="sent.expiresAt"
          [notice]="noMailServer"
        />
      </mat-dialog-content>
      <mat-dialog-actions align="end">
        <button mat-flat-button type="button" (click)="done(sent)" data-testid="invite-done">
          Done
        </button>
      </mat-dialog-actions>
    } @else {
      <h2 mat-dialog-title>Invite a person</h2>
      <form [formGroup]="form" (ngSubmit)="submit()" novalidate>
        <mat-dialog-content class="fields">
          <p class="lead">
            They receive a link by email to set their password (where no mail server is set up, you
            get the link to hand over). It works once and expires after 72 hours.
          </p>
          @if (error(); as message) {
            <p class="error" role="alert">{{ message }}</p>
          }
          <mat-form-field appearance="outline" subscriptSizing="dynamic">
            <mat-label>Name</mat-label>
            <input matInput formControlName="displayName" autocomplete="off" />
            <mat-error>{{
              form.controls.displayName.getError('server') || 'Enter their name.'
            }}</mat-error>
          </mat-form-field>
          <mat-form-field appearance="outline" subscriptSizing="dynamic">
            <mat-label>Email</mat-label>
            <input matInput formControlName="email" type="email" autocomplete="off" />
            <mat-error>{{
              form.controls.email.getError('server') || 'Enter a valid email address.'
            }}</mat-error>
          </mat-form-field>
          <mat-form-field appearance="outline" subscriptSizing="dynamic">
            <mat-label>Role</mat-label>
            <mat-select formControlName="role">
              @for (role of roles; track role) {
                <mat-option [value]="role">{{ roleLabels[role] }}</mat-option>
              }
            </mat-select>
            <mat-error>{{ form.controls.role.getError('server') || 'Choose a role.' }}</mat-error>
          </mat-form-field>
        </mat-dialog-content>
        <mat-dialog-actions align="end">
          <button mat-button type="button" mat-dialog-close>Cancel</button>
          <button mat-flat-button type="submit" [disabled]="busy()">Send invitation</button>
        </mat-dialog-actions>
      </form>
    }
  `,
  styles: `
    .fields {
      display: flex;
      flex-direction: column;
      gap: 4px;
      min-width: min(420px, 80vw);
      max-width: 480px;
    }
    .lead {
      margin: 0 0 16px;
      color: var(--mat-sys-on-surface-variant);
    }
    .error {
      color: var(--mat-sys-error);
      margin: 0 0 12px;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class InvitePerson {
  private readonly people = inject(PeopleApi);
  private readonly dialog = inject<MatDialogRef<InvitePerson, InvitationSent>>(MatDialogRef);

  protected readonly roles = ROLES;
  protected readonly roleLabels = ROLE_LABELS;
  protected readonly noMailServer = NO_MAIL_SERVER;
  protected readonly busy = signal(false);
  /** The invitation no mail carried: its link is shown until the admin is done. */
  protected readonly unmailed = signal<InvitationSent | null>(null);
  protected readonly error = signal<string | null>(null);
  protected readonly form = inject(NonNullableFormBuilder).group({
    displayName: ['', [Validators.required, Validators.maxLength(120)]],
    email: ['', [Validators.required, Validators.email]],
    role: ['client' as Role, Validators.required],
  });

  protected async submit(): Promise<void> {
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      return;
    }
    this.busy.set(true);
    this.error.set(null);
    try {
      const sent = await this.people.invite(this.form.getRawValue());
      if (sent.mailed || !sent.link) {
        this.dialog.close(sent);
        return;
      }
      // Shown once: closing by Escape or a click outside would lose it.
      this.dialog.disableClose = true;
      this.unmailed.set(sent);
    } catch (error) {
      if (applyServerErrors(this.form, error).length > 0 || !this.form.invalid)
        this.error.set(errorMessage(error));
    } finally {
      this.busy.set(false);
    }
  }

  protected done(sent: InvitationSent): void {
    this.dialog.close(sent);
  }
}
