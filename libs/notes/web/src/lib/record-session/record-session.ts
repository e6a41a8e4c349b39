import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import {
  NonNullableFormBuilder,
  ReactiveFormsModule,
  Validators,
  type AbstractControl,
  type ValidationErrors,
} from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatButtonToggleModule } from '@angular/material/button-toggle';
import { MatCheckboxModule, type MatCheckboxChange } from '@angular/material/checkbox';
import { provideNativeDateAdapter } from '@angular/material/core';
import { MatDatepickerModule } from '@angular/material/datepicker';
import { MAT_DIALOG_DATA, MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import { map } from 'rxjs';
import {
  SESSION_MODE_LABELS,
  SESSION_MODES,
  SESSION_TYPE_LABELS,
  SESSION_TYPES,
  type CaseType,
  type Person,
  type SessionView,
} from '@mend/shared/contracts';
import { applyServerErrors, errorMessage } from '@mend/shared/web';
import { NotesApi } from '../data-access/notes-api';
import {
  DURATION_CHOICES,
  durationProblem,
  newSessionValue,
  sessionChanges,
  sessionValue,
  startsInFuture,
  toSessionRequest,
  type SessionFormValue,
} from './session-form';

export interface RecordSessionData {
  caseId: string;
  caseType: CaseType;
  /** The case's members, who may attend. */
  members: Person[];
  /** Set to change a session's details instead of recording a new one. */
  session?: SessionView;
}

const atLeastOne = (control: AbstractControl): ValidationErrors | null =>
  (control.value as string[]).length ? null : { required: true };

const validDuration = (control: AbstractControl): ValidationErrors | null =>
  durationProblem(control.value as number | null) ? { duration: true } : null;

/**
 * Dialog: record a session of a case (or change one whose note is not signed yet). A new one
 * starts at the last quarter hour; a start later than now is allowed and said to be upcoming.
 */
@Component({
  selector: 'mend-record-session',
  imports: [
    ReactiveFormsModule,
    MatButtonModule,
    MatButtonToggleModule,
    MatCheckboxModule,
    MatDatepickerModule,
    MatDialogModule,
    MatFormFieldModule,
    MatIconModule,
    MatInputModule,
    MatSelectModule,
  ],
  providers: [provideNativeDateAdapter()],
  templateUrl: './record-session.html',
  styleUrl: './record-session.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class RecordSession {
  private readonly api = inject(NotesApi);
  private readonly ref = inject<MatDialogRef<RecordSession, SessionView>>(MatDialogRef);
  protected readonly data = inject<RecordSessionData>(MAT_DIALOG_DATA);

  protected readonly types = SESSION_TYPES;
  protected readonly typeLabels = SESSION_TYPE_LABELS;
  protected readonly modes = SESSION_MODES;
  protected readonly modeLabels = SESSION_MODE_LABELS;
  protected readonly editing = !!this.data.session;
  protected readonly busy = signal(false);
  protected readonly error = signal<string | null>(null);

  private readonly initial: SessionFormValue = this.data.session
    ? sessionValue(this.data.session)
    : newSessionValue(
        this.data.caseType,
        this.data.members.map((m) => m.userId),
      );

  protected readonly durations = [
    ...new Set([...DURATION_CHOICES, this.initial.durationMinutes ?? 50]),
  ].sort((a, b) => a - b);

  protected readonly form = inject(NonNullableFormBuilder).group({
    day: [this.initial.day, Validators.required],
    time: [this.initial.time, Validators.required],
    durationMinutes: [this.initial.durationMinutes, validDuration],
    type: [this.initial.type, Validators.required],
    mode: [this.initial.mode, Validators.required],
    attendeeIds: [this.initial.attendeeIds, atLeastOne],
  });

  private readonly value = toSignal(
    this.form.valueChanges.pipe(map(() => this.form.getRawValue())),
    {
      initialValue: this.form.getRawValue(),
    },
  );
  /** The start entered is later than now: recorded ahead, its note signed once it is over. */
  protected readonly upcoming = computed(() => startsInFuture(this.value()));

  protected attends(userId: string): boolean {
    return this.form.controls.attendeeIds.value.includes(userId);
  }

  protected toggleAttendee(userId: string, change: MatCheckboxChange): void {
    const ids = this.form.controls.attendeeIds.value.filter((id) => id !== userId);
    const control = this.form.controls.attendeeIds;
    control.setValue(change.checked ? [...ids, userId] : ids);
    control.markAsTouched();
  }

  protected async submit(): Promise<void> {
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      return;
    }
    this.busy.set(true);
    this.error.set(null);
    try {
      const value = this.form.getRawValue();
      const session = this.data.session;
      const saved = session
        ? await this.api.updateSession(session.id, sessionChanges(session, value))
        : await this.api.recordSession(this.data.caseId, toSessionRequest(value));
      this.ref.close(saved);
    } catch (error) {
      // The server names the start as `startsAt`: shown under the time.
      const rest = applyServerErrors(this.form, error).filter((field) => {
        if (field.field !== 'startsAt') return true;
        this.form.controls.time.setErrors({ server: field.reasons[0] });
        this.form.controls.time.markAsTouched();
        return false;
      });
      if (rest.length || !this.form.invalid) this.error.set(errorMessage(error));
    } finally {
      this.busy.set(false);
    }
  }
}
