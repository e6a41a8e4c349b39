import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatButtonToggleModule } from '@angular/material/button-toggle';
import { MatChipsModule } from '@angular/material/chips';
import { MAT_DIALOG_DATA, MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import type { AddMemberRequest, CaseDetail, CaseType, UserSummary } from '@mend/shared/contracts';
import { errorMessage } from '@mend/shared/web';
import { CasesApi } from '../data-access/cases-api';
import { ClientSearch } from '../open-case/client-search';
import { applyFieldErrors } from '../ui/form-errors';

export interface AddMemberData {
  caseId: string;
  type: CaseType;
  memberIds: string[];
}

/** Dialog: add an existing client to a case, or invite a new one into it. */
@Component({
  selector: 'mend-add-member',
  imports: [
    ReactiveFormsModule,
    MatButtonModule,
    MatButtonToggleModule,
    MatChipsModule,
    MatDialogModule,
    MatFormFieldModule,
    MatIconModule,
    MatInputModule,
    ClientSearch,
  ],
  template: `
    <h2 mat-dialog-title>Add a member</h2>
    <form [formGroup]="form" (ngSubmit)="submit()" novalidate>
      <mat-dialog-content class="fields">
        <mat-button-toggle-group
          [value]="mode()"
          (change)="mode.set($event.value)"
          hideSingleSelectionIndicator
          aria-label="Who to add"
        >
          <mat-button-toggle value="existing">A client of the clinic</mat-button-toggle>
          <mat-button-toggle value="new">A new client</mat-button-toggle>
        </mat-button-toggle-group>
        @if (error(); as message) {
          <p class="notice" role="alert">
            <mat-icon aria-hidden="true">error_outline</mat-icon><span>{{ message }}</span>
          </p>
        }
        @if (mode() === 'existing') {
          @if (picked(); as client) {
            <mat-chip-set aria-label="Chosen client">
              <mat-chip (removed)="picked.set(null)">
                {{ client.displayName }} · {{ client.email }}
                <button matChipRemove aria-label="Choose someone else">
                  <mat-icon>cancel</mat-icon>
                </button>
              </mat-chip>
            </mat-chip-set>
          } @else {
            <mend-client-search [exclude]="data.memberIds" (picked)="pick($event)" />
          }
          @if (pickError(); as message) {
            <p class="error">{{ message }}</p>
          }
        } @else {
          <p class="lead">They receive an email with a link to set their password.</p>
          <div formGroupName="newMember" class="fields">
            <mat-form-field appearance="outline" subscriptSizing="dynamic">
              <mat-label>Name</mat-label>
              <input matInput formControlName="displayName" autocomplete="off" />
              <mat-error>{{
                form.controls.newMember.controls.displayName.getError('server') ||
                  'Enter their name.'
              }}</mat-error>
            </mat-form-field>
            <mat-form-field appearance="outline" subscriptSizing="dynamic">
              <mat-label>Email</mat-label>
              <input matInput formControlName="email" type="email" autocomplete="off" />
              <mat-error>{{
                form.controls.newMember.controls.email.getError('server') ||
                  'Enter a valid email address.'
              }}</mat-error>
            </mat-form-field>
          </div>
        }
      </mat-dialog-content>
      <mat-dialog-actions align="end">
        <button mat-button type="button" mat-dialog-close>Cancel</button>
        <button mat-flat-button type="submit" [disabled]="busy()">
          {{ mode() === 'new' ? 'Invite and add' : 'Add to case' }}
        </button>
      </mat-dialog-actions>
    </form>
  `,
  styleUrl: './dialog.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class AddMember {
  private readonly api = inject(CasesApi);
  private readonly ref = inject<MatDialogRef<AddMember, CaseDetail>>(MatDialogRef);
  protected readonly data = inject<AddMemberData>(MAT_DIALOG_DATA);

  protected readonly mode = signal<'existing' | 'new'>('existing');
  protected readonly picked = signal<UserSummary | null>(null);
  protected readonly pickError = signal<string | null>(null);
  protected readonly busy = signal(false);
  protected readonly error = signal<string | null>(null);
  private readonly fb = inject(NonNullableFormBuilder);
  protected readonly form = this.fb.group({
    newMember: this.fb.group({
      displayName: ['', [Validators.required, Validators.maxLength(120)]],
      email: ['', [Validators.required, Validators.email, Validators.maxLength(254)]],
    }),
  });

  protected pick(client: UserSummary): void {
    this.picked.set(client);
    this.pickError.set(null);
  }

  protected async submit(): Promise<void> {
    let request: AddMemberRequest;
    if (this.mode() === 'existing') {
      const client = this.picked();
      if (!client) {
        this.pickError.set('Choose a client, or invite a new one.');
        return;
      }
      request = { userId: client.id };
    } else {
      if (this.form.invalid) {
        this.form.markAllAsTouched();
        return;
      }
      const { displayName, email } = this.form.getRawValue().newMember;
      request = { newMember: { displayName: displayName.trim(), email: email.trim() } };
    }
    this.busy.set(true);
    this.error.set(null);
    try {
      this.ref.close(await this.api.addMember(this.data.caseId, request));
    } catch (error) {
      const rest = applyFieldErrors(this.form, error);
      const userIdError = rest.find((f) => f.field === 'userId');
      if (userIdError) this.pickError.set(userIdError.reasons[0] ?? null);
      else if (rest.length > 0 || !this.form.invalid || this.mode() === 'existing')
        this.error.set(errorMessage(error));
    } finally {
      this.busy.set(false);
    }
  }
}
