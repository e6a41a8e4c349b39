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
import { MatRadioModule } from '@angular/material/radio';
import {
  INTERVIEW_MODE_LABELS,
  INTERVIEW_MODES,
  INTERVIEW_OUTCOME_LABELS,
  INTERVIEW_OUTCOMES,
  type CaseSafetyView,
  type InterviewMode,
  type InterviewOutcome,
  type PersonRef,
} from '@mend/shared/contracts';
import { applyServerErrors, errorMessage } from '@mend/shared/web';
import { SafetyApi } from '../data-access/safety-api';
import { toInterviewRequest, INTERVIEW_NOTE_MAX, OUTCOME_HINTS } from './interview-form';

export interface RecordInterviewData {
  caseId: string;
  member: PersonRef;
}

const MODE_ICONS: Record<InterviewMode, string> = {
  in_person: 'meeting_room',
  video: 'videocam',
  phone: 'call',
};

/** Dialog: record an individual safety conversation with one member, and its outcome. */
@Component({
  selector: 'mend-record-interview',
  imports: [
    ReactiveFormsModule,
    MatButtonModule,
    MatButtonToggleModule,
    MatDatepickerModule,
    MatDialogModule,
    MatFormFieldModule,
    MatIconModule,
    MatInputModule,
    MatRadioModule,
  ],
  providers: [provideNativeDateAdapter()],
  template: `
    <h2 mat-dialog-title>Conversation with {{ data.member.displayName }}</h2>
    <form [formGroup]="form" (ngSubmit)="submit()" novalidate>
      <mat-dialog-content class="fields">
        <p class="lead">
          An individual conversation about safety, held with {{ data.member.displayName }} alone.
          Only the case’s counselors see it.
        </p>
        @if (error(); as message) {
          <p class="notice" role="alert">
            <mat-icon aria-hidden="true">error_outline</mat-icon><span>{{ message }}</span>
          </p>
        }
        <mat-form-field appearance="outline">
          <mat-label>Held on</mat-label>
          <input
            matInput
            [matDatepicker]="picker"
            [max]="today"
            formControlName="heldOn"
            data-testid="interview-date"
          />
          <mat-datepicker-toggle matIconSuffix [for]="picker" />
          <mat-datepicker #picker />
          <mat-error>{{
            form.controls.heldOn.getError('server') || 'Enter the day, e.g. 5/12/2026.'
          }}</mat-error>
        </mat-form-field>

        <div class="group">
          <span class="field-label" id="interview-mode-label">How</span>
          <mat-button-toggle-group
            formControlName="mode"
            aria-labelledby="interview-mode-label"
            hideSingleSelectionIndicator
            data-testid="interview-mode"
          >
            @for (m of modes; track m) {
              <mat-button-toggle [value]="m">
                <mat-icon>{{ modeIcons[m] }}</mat-icon> {{ modeLabels[m] }}
              </mat-button-toggle>
            }
          </mat-button-toggle-group>
        </div>

        <div class="group">
          <span class="field-label" id="interview-outcome-label">Outcome</span>
          <mat-radio-group
            formControlName="outcome"
            class="outcomes"
            aria-labelledby="interview-outcome-label"
            data-testid="interview-outcome"
          >
            @for (o of outcomes; track o) {
              <mat-radio-button [value]="o">
                <span class="outcome">
                  <strong>{{ outcomeLabels[o] }}</strong>
                  <span>{{ outcomeHints[o] }}</span>
                </span>
              </mat-radio-button>
            }
          </mat-radio-group>
          @if (form.controls.outcome.touched && form.controls.outcome.invalid) {
            <span class="error" role="alert">{{
              form.controls.outcome.getError('server') || 'Choose the outcome.'
            }}</span>
          }
        </div>

        <mat-form-field appearance="outline">
          <mat-label>Private note (optional)</mat-label>
          <textarea
            matInput
            formControlName="note"
            rows="3"
            [maxlength]="noteMax"
            data-testid="interview-note"
          ></textarea>
          <mat-hint>Only the case’s counselors read it. Never shown to the clients.</mat-hint>
          <mat-error>{{
            form.controls.note.getError('server') || 'Keep the note under 10,000 characters.'
          }}</mat-error>
        </mat-form-field>
      </mat-dialog-content>
      <mat-dialog-actions align="end">
        <button mat-button type="button" mat-dialog-close>Cancel</button>
        <button mat-flat-button type="submit" [disabled]="busy()" data-testid="interview-save">
          Record conversation
        </button>
      </mat-dialog-actions>
    </form>
  `,
  styleUrl: './dialog.scss',
  styles: `
    .outcomes {
      display: flex;
      flex-direction: column;
      gap: 2px;
    }
    .outcome {
      display: flex;
      flex-direction: column;
      padding: 4px 0;

      span {
        color: var(--mat-sys-on-surface-variant);
        font: var(--mat-sys-body-small);
      }
    }
    mat-button-toggle-group mat-icon {
      margin-right: 4px;
      font-size: 18px;
      width: 18px;
      height: 18px;
      vertical-align: -3px;
    }
    @media (max-width: 600px) {
      mat-button-toggle-group {
        align-self: stretch;
      }
      mat-button-toggle {
        flex: 1 1 0;
      }
      mat-button-toggle-group mat-icon {
        display: none;
      }
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class RecordInterview {
  private readonly api = inject(SafetyApi);
  private readonly ref = inject<MatDialogRef<RecordInterview, CaseSafetyView>>(MatDialogRef);
  protected readonly data = inject<RecordInterviewData>(MAT_DIALOG_DATA);

  protected readonly modes = INTERVIEW_MODES;
  protected readonly modeLabels = INTERVIEW_MODE_LABELS;
  protected readonly modeIcons = MODE_ICONS;
  protected readonly outcomes = INTERVIEW_OUTCOMES;
  protected readonly outcomeLabels = INTERVIEW_OUTCOME_LABELS;
  protected readonly outcomeHints = OUTCOME_HINTS;
  protected readonly noteMax = INTERVIEW_NOTE_MAX;
  protected readonly today = new Date();
  protected readonly busy = signal(false);
  protected readonly error = signal<string | null>(null);

  protected readonly form = inject(NonNullableFormBuilder).group({
    heldOn: [new Date() as Date | null, Validators.required],
    mode: ['in_person' as InterviewMode, Validators.required],
    outcome: [null as InterviewOutcome | null, Validators.required],
    note: ['', Validators.maxLength(INTERVIEW_NOTE_MAX)],
  });

  protected async submit(): Promise<void> {
    const value = this.form.getRawValue();
    const request = toInterviewRequest(this.data.member.userId, value);
    if (this.form.invalid || !request) {
      this.form.markAllAsTouched();
      return;
    }
    this.busy.set(true);
    this.error.set(null);
    try {
      this.ref.close(await this.api.recordInterview(this.data.caseId, request));
    } catch (error) {
      if (applyServerErrors(this.form, error).length > 0 || !this.form.invalid)
        this.error.set(errorMessage(error));
    } finally {
      this.busy.set(false);
    }
  }
}
