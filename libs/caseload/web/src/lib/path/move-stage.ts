import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MAT_DIALOG_DATA, MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import {
  STAGE_ABOUT,
  STAGE_LABELS,
  STAGES,
  type CasePathView,
  type Stage,
} from '@mend/shared/contracts';
import { applyServerErrors, errorMessage } from '@mend/shared/web';
import { CasesApi } from '../data-access/cases-api';
import { stageNumber } from '../ui/stage-text';

export interface MoveStageData {
  caseId: string;
  current: Stage;
}

/** The longest reason the server keeps. */
export const REASON_MAX = 1000;

/** Dialog: move a case to another stage of the path, forward or back, with a reason. */
@Component({
  selector: 'mend-move-stage',
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
    <h2 mat-dialog-title>Move to another stage</h2>
    <form [formGroup]="form" (ngSubmit)="submit()" novalidate>
      <mat-dialog-content class="fields">
        <p class="lead">
          The case is at {{ labels[data.current] }}. Stages are guidance, not a strict sequence:
          move forward or back as the work needs. The members see only where they are now; your
          reason stays with the case’s counselors.
        </p>
        @if (error(); as message) {
          <p class="notice" role="alert">
            <mat-icon aria-hidden="true">error_outline</mat-icon><span>{{ message }}</span>
          </p>
        }
        <mat-form-field appearance="outline" subscriptSizing="dynamic">
          <mat-label>Move to</mat-label>
          <mat-select formControlName="stage" data-testid="move-stage-select">
            @for (s of stages; track s) {
              <mat-option [value]="s" [disabled]="s === data.current">
                {{ labels[s] }}{{ s === data.current ? ' (now)' : '' }}
              </mat-option>
            }
          </mat-select>
          @if (chosen(); as stage) {
            <mat-hint>{{ direction() }} {{ about[stage] }}</mat-hint>
          }
          <mat-error>{{
            form.controls.stage.getError('server') || 'Choose the stage the case moves to.'
          }}</mat-error>
        </mat-form-field>
        <mat-form-field appearance="outline" subscriptSizing="dynamic">
          <mat-label>Reason</mat-label>
          <textarea
            matInput
            formControlName="reason"
            rows="4"
            [maxlength]="reasonMax"
            placeholder="e.g. Both partners have named the hurt, and Sam is ready to own his choices"
            data-testid="move-stage-reason"
          ></textarea>
          <mat-hint align="end">{{ reasonLength() }} / {{ reasonMax }}</mat-hint>
          <mat-error>{{
            form.controls.reason.getError('server') ||
              'Say why the case moves (up to 1,000 characters).'
          }}</mat-error>
        </mat-form-field>
      </mat-dialog-content>
      <mat-dialog-actions align="end">
        <button mat-button type="button" mat-dialog-close>Cancel</button>
        <button mat-flat-button type="submit" [disabled]="busy()" data-testid="confirm-move-stage">
          Move the case
        </button>
      </mat-dialog-actions>
    </form>
  `,
  styleUrl: '../case-view/dialog.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class MoveStage {
  private readonly api = inject(CasesApi);
  private readonly ref = inject<MatDialogRef<MoveStage, CasePathView>>(MatDialogRef);
  protected readonly data = inject<MoveStageData>(MAT_DIALOG_DATA);

  protected readonly stages = STAGES;
  protected readonly labels = STAGE_LABELS;
  protected readonly about = STAGE_ABOUT;
  protected readonly reasonMax = REASON_MAX;
  protected readonly busy = signal(false);
  protected readonly error = signal<string | null>(null);
  protected readonly form = inject(NonNullableFormBuilder).group({
    stage: [null as Stage | null, Validators.required],
    reason: ['', [Validators.required, Validators.pattern(/\S/), Validators.maxLength(REASON_MAX)]],
  });
  private readonly value = toSignal(this.form.valueChanges, {
    initialValue: this.form.getRawValue(),
  });
  protected readonly chosen = computed(() => this.value().stage ?? null);
  protected readonly reasonLength = computed(() => this.value().reason?.length ?? 0);
  protected readonly direction = computed(() => {
    const stage = this.chosen();
    if (!stage) return '';
    return stageNumber(stage) > stageNumber(this.data.current) ? 'Forward:' : 'Back:';
  });

  protected async submit(): Promise<void> {
    const { stage, reason } = this.form.getRawValue();
    if (this.form.invalid || !stage) {
      this.form.markAllAsTouched();
      return;
    }
    this.busy.set(true);
    this.error.set(null);
    try {
      this.ref.close(await this.api.setStage(this.data.caseId, { stage, reason: reason.trim() }));
    } catch (error) {
      if (applyServerErrors(this.form, error).length > 0 || !this.form.invalid)
        this.error.set(errorMessage(error));
    } finally {
      this.busy.set(false);
    }
  }
}
