import { HttpErrorResponse } from '@angular/common/http';
import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatButtonToggleModule } from '@angular/material/button-toggle';
import { provideNativeDateAdapter } from '@angular/material/core';
import { MatDatepickerModule } from '@angular/material/datepicker';
import { MAT_DIALOG_DATA, MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { CASE_TYPE_LABELS, CASE_TYPES, type CaseDetail } from '@mend/shared/contracts';
import { applyServerErrors, errorMessage } from '@mend/shared/web';
import { CasesApi } from '../data-access/cases-api';
import { fromIsoDate } from '../ui/dates';
import { toUpdateCaseRequest } from './case-requests';

/** The saved case, or `reload` when someone else changed it meanwhile. */
export type EditCaseResult = CaseDetail | 'reload';

/** Dialog: edit a case's title, type and start date, guarded by the case's version. */
@Component({
  selector: 'mend-edit-case',
  imports: [
    ReactiveFormsModule,
    MatButtonModule,
    MatButtonToggleModule,
    MatDatepickerModule,
    MatDialogModule,
    MatFormFieldModule,
    MatIconModule,
    MatInputModule,
  ],
  providers: [provideNativeDateAdapter()],
  template: `
    <h2 mat-dialog-title>Edit case details</h2>
    <form [formGroup]="form" (ngSubmit)="submit()" novalidate>
      <mat-dialog-content class="fields">
        @if (conflict()) {
          <p class="notice" role="alert">
            <mat-icon aria-hidden="true">sync_problem</mat-icon>
            <span>{{ conflict() }}</span>
          </p>
        } @else if (error(); as message) {
          <p class="notice" role="alert">
            <mat-icon aria-hidden="true">error_outline</mat-icon><span>{{ message }}</span>
          </p>
        }
        <mat-form-field appearance="outline" subscriptSizing="dynamic">
          <mat-label>Title</mat-label>
          <input matInput formControlName="title" />
          <mat-error>{{
            form.controls.title.getError('server') ||
              'Give the case a title of up to 120 characters.'
          }}</mat-error>
        </mat-form-field>
        <span class="field-label" id="edit-type-label">Type</span>
        <mat-button-toggle-group
          formControlName="type"
          aria-labelledby="edit-type-label"
          hideSingleSelectionIndicator
        >
          @for (t of types; track t) {
            <mat-button-toggle [value]="t">{{ typeLabels[t] }}</mat-button-toggle>
          }
        </mat-button-toggle-group>
        @if (form.controls.type.getError('server'); as message) {
          <p class="error">{{ message }}</p>
        }
        <mat-form-field appearance="outline" subscriptSizing="dynamic">
          <mat-label>Start date</mat-label>
          <input matInput [matDatepicker]="picker" formControlName="startedOn" />
          <mat-datepicker-toggle matIconSuffix [for]="picker" />
          <mat-datepicker #picker />
          <mat-error>{{
            form.controls.startedOn.getError('server') || 'Enter the first day of care.'
          }}</mat-error>
        </mat-form-field>
      </mat-dialog-content>
      <mat-dialog-actions align="end">
        <button mat-button type="button" mat-dialog-close>Cancel</button>
        @if (conflict()) {
          <button mat-flat-button type="button" (click)="reload()">Reload the case</button>
        } @else {
          <button mat-flat-button type="submit" [disabled]="busy()">Save</button>
        }
      </mat-dialog-actions>
    </form>
  `,
  styleUrl: './dialog.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class EditCase {
  private readonly api = inject(CasesApi);
  private readonly ref = inject<MatDialogRef<EditCase, EditCaseResult>>(MatDialogRef);
  private readonly detail = inject<CaseDetail>(MAT_DIALOG_DATA);
  private readonly fb = inject(NonNullableFormBuilder);

  protected readonly types = CASE_TYPES;
  protected readonly typeLabels = CASE_TYPE_LABELS;
  protected readonly busy = signal(false);
  protected readonly error = signal<string | null>(null);
  protected readonly conflict = signal<string | null>(null);
  protected readonly form = this.fb.group({
    title: [this.detail.title, [Validators.required, Validators.maxLength(120)]],
    type: [this.detail.type, Validators.required],
    startedOn: this.fb.control<Date | null>(
      fromIsoDate(this.detail.startedOn),
      Validators.required,
    ),
  });

  protected reload(): void {
    this.ref.close('reload');
  }

  protected async submit(): Promise<void> {
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      return;
    }
    const { title, type, startedOn } = this.form.getRawValue();
    if (!startedOn) return;
    const request = toUpdateCaseRequest(this.detail, { title, type, startedOn });
    if (Object.keys(request).length === 1) {
      this.ref.close();
      return;
    }
    this.busy.set(true);
    this.error.set(null);
    try {
      this.ref.close(await this.api.update(this.detail.id, request));
    } catch (error) {
      if (error instanceof HttpErrorResponse && error.status === 409) {
        this.conflict.set(errorMessage(error));
      } else if (applyServerErrors(this.form, error).length > 0 || !this.form.invalid) {
        this.error.set(errorMessage(error));
      }
    } finally {
      this.busy.set(false);
    }
  }
}
