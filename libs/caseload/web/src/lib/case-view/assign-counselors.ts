import {
  ChangeDetectionStrategy,
  Component,
  computed,
  inject,
  OnInit,
  signal,
} from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MAT_DIALOG_DATA, MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import type { CaseCounselorView, CaseDetail, UserSummary } from '@mend/shared/contracts';
import { applyServerErrors, errorMessage } from '@mend/shared/web';
import { CasesApi } from '../data-access/cases-api';
import { PeopleApi } from '../data-access/people-api';
import { counselorChoiceName } from '../ui/people-text';
import { toAssignRequest } from './case-requests';

/** Dialog: choose a case's primary counselor and co-counselors, with a reason for the record. */
@Component({
  selector: 'mend-assign-counselors',
  imports: [
    ReactiveFormsModule,
    MatButtonModule,
    MatDialogModule,
    MatFormFieldModule,
    MatIconModule,
    MatInputModule,
    MatSelectModule,
  ],
  template: `
    <h2 mat-dialog-title>
      {{ detail.counselors.length ? 'Reassign counselors' : 'Assign counselors' }}
    </h2>
    <form [formGroup]="form" (ngSubmit)="submit()" novalidate>
      <mat-dialog-content class="fields">
        <p class="lead">
          A counselor taken off the case loses access to it at once. The reason is kept in the
          case’s history.
        </p>
        @if (error(); as message) {
          <p class="notice" role="alert">
            <mat-icon aria-hidden="true">error_outline</mat-icon><span>{{ message }}</span>
          </p>
        }
        <mat-form-field appearance="outline" subscriptSizing="dynamic">
          <mat-label>Primary counselor</mat-label>
          <mat-select formControlName="primaryCounselorId" data-testid="assign-primary">
            <mat-option [value]="null">No primary counselor</mat-option>
            @for (c of choices(); track c.id) {
              <mat-option [value]="c.id">{{ choiceName(c) }}</mat-option>
            }
          </mat-select>
          <mat-error>{{ form.controls.primaryCounselorId.getError('server') }}</mat-error>
        </mat-form-field>
        <mat-form-field appearance="outline" subscriptSizing="dynamic">
          <mat-label>Co-counselors (optional)</mat-label>
          <mat-select formControlName="coCounselorIds" multiple data-testid="assign-co">
            @for (c of coChoices(); track c.id) {
              <mat-option [value]="c.id">{{ choiceName(c) }}</mat-option>
            }
          </mat-select>
          @if (!value().primaryCounselorId) {
            <mat-hint>Co-counselors join a case that has a primary counselor.</mat-hint>
          }
          <mat-error>{{ form.controls.coCounselorIds.getError('server') }}</mat-error>
        </mat-form-field>
        <mat-form-field appearance="outline" subscriptSizing="dynamic">
          <mat-label>Reason for the change</mat-label>
          <textarea
            matInput
            formControlName="reason"
            rows="3"
            maxlength="500"
            placeholder="e.g. Maya is on leave until March"
            data-testid="assign-reason"
          ></textarea>
          <mat-hint align="end">{{ value().reason?.length ?? 0 }} / 500</mat-hint>
          <mat-error>{{
            form.controls.reason.getError('server') || 'Give a reason of 3 to 500 characters.'
          }}</mat-error>
        </mat-form-field>
      </mat-dialog-content>
      <mat-dialog-actions align="end">
        <button mat-button type="button" mat-dialog-close>Cancel</button>
        <button mat-flat-button type="submit" [disabled]="busy()">Save counselors</button>
      </mat-dialog-actions>
    </form>
  `,
  styleUrl: './dialog.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class AssignCounselors implements OnInit {
  private readonly api = inject(CasesApi);
  private readonly people = inject(PeopleApi);
  private readonly ref = inject<MatDialogRef<AssignCounselors, CaseDetail>>(MatDialogRef);
  protected readonly detail = inject<CaseDetail>(MAT_DIALOG_DATA);
  private readonly fb = inject(NonNullableFormBuilder);

  private readonly assignable = signal<UserSummary[]>([]);
  protected readonly choiceName = counselorChoiceName;
  protected readonly busy = signal(false);
  protected readonly error = signal<string | null>(null);
  protected readonly form = this.fb.group({
    primaryCounselorId: this.fb.control<string | null>(
      this.detail.counselors.find((c) => c.role === 'primary')?.userId ?? null,
    ),
    coCounselorIds: this.fb.control<string[]>(
      this.detail.counselors.filter((c) => c.role === 'co').map((c) => c.userId),
    ),
    reason: ['', [Validators.required, Validators.minLength(3), Validators.maxLength(500)]],
  });
  protected readonly value = toSignal(this.form.valueChanges, {
    initialValue: this.form.getRawValue(),
  });
  /** Active and invited counselors, plus those on the case now (so a current choice shows). */
  protected readonly choices = computed(() => {
    const current: Pick<UserSummary, 'id' | 'displayName'>[] = this.detail.counselors
      .filter((c: CaseCounselorView) => !this.assignable().some((a) => a.id === c.userId))
      .map((c) => ({ id: c.userId, displayName: c.displayName }));
    return [...this.assignable(), ...current];
  });
  protected readonly coChoices = computed(() =>
    this.choices().filter((c) => c.id !== this.value().primaryCounselorId),
  );

  ngOnInit(): void {
    void this.loadCounselors();
  }

  protected async submit(): Promise<void> {
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      return;
    }
    this.busy.set(true);
    this.error.set(null);
    try {
      const request = toAssignRequest(this.form.getRawValue());
      this.ref.close(await this.api.assignCounselors(this.detail.id, request));
    } catch (error) {
      if (applyServerErrors(this.form, error).length > 0 || !this.form.invalid)
        this.error.set(errorMessage(error));
    } finally {
      this.busy.set(false);
    }
  }

  private async loadCounselors(): Promise<void> {
    try {
      this.assignable.set(await this.people.assignableCounselors());
    } catch (error) {
      this.error.set(errorMessage(error));
    }
  }
}
