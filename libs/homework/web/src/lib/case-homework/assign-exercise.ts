import {
  ChangeDetectionStrategy,
  Component,
  computed,
  inject,
  OnInit,
  signal,
} from '@angular/core';
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
import { provideNativeDateAdapter } from '@angular/material/core';
import { MatDatepickerModule } from '@angular/material/datepicker';
import {
  MAT_DIALOG_DATA,
  MatDialog,
  MatDialogModule,
  MatDialogRef,
} from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatRadioModule } from '@angular/material/radio';
import { MatSelectModule } from '@angular/material/select';
import {
  AUDIENCE_LABELS,
  LATER_STAGE,
  MEMBER_LABEL_TEXT,
  RECURRENCES,
  type AssignmentTarget,
  type AssignmentView,
  type CaseMemberView,
  type ExerciseSummary,
  type Recurrence,
} from '@mend/shared/contracts';
import { ExercisesApi, RECURRENCE_LABELS } from '@mend/exercises/web';
import { JointWorkClosed, jointWorkClosedMessage } from '@mend/safety/web';
import { applyServerErrors, confirmAction, conflictMessage, errorMessage } from '@mend/shared/web';
import { map, startWith } from 'rxjs';
import { HomeworkApi } from '../data-access/homework-api';
import {
  addDays,
  assignSummary,
  defaultUntil,
  exerciseDefaults,
  exerciseGroups,
  exerciseStageText,
  toAssignRequest,
  type AssignFormValue,
} from './assign-request';

export interface AssignExerciseData {
  caseId: string;
  members: CaseMemberView[];
}

export const INSTRUCTIONS_MAX = 2000;

function untilAfterDue(group: AbstractControl): ValidationErrors | null {
  const { dueOn, recurrence, until } = group.value as Partial<AssignFormValue>;
  if (recurrence === 'once' || !dueOn || !until) return null;
  return until.getTime() < dueOn.getTime() ? { untilBeforeDue: true } : null;
}

/** Dialog: assign an exercise of the library to one member, each member or the members together. */
@Component({
  selector: 'mend-assign-exercise',
  imports: [
    ReactiveFormsModule,
    MatButtonModule,
    MatButtonToggleModule,
    MatDatepickerModule,
    MatDialogModule,
    MatFormFieldModule,
    MatIconModule,
    MatInputModule,
    MatProgressBarModule,
    MatRadioModule,
    MatSelectModule,
    JointWorkClosed,
  ],
  providers: [provideNativeDateAdapter()],
  templateUrl: './assign-exercise.html',
  styleUrl: './assign-exercise.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class AssignExercise implements OnInit {
  private readonly api = inject(HomeworkApi);
  private readonly library = inject(ExercisesApi);
  private readonly dialog = inject(MatDialog);
  protected readonly ref = inject<MatDialogRef<AssignExercise, AssignmentView>>(MatDialogRef);
  protected readonly data = inject<AssignExerciseData>(MAT_DIALOG_DATA);

  protected readonly stageText = exerciseStageText;
  protected readonly audienceLabels = AUDIENCE_LABELS;
  protected readonly memberLabels = MEMBER_LABEL_TEXT;
  protected readonly recurrenceLabels = RECURRENCE_LABELS;
  protected readonly recurrences = RECURRENCES;
  protected readonly instructionsMax = INSTRUCTIONS_MAX;
  protected readonly today = addDays(new Date(), 0);

  protected readonly exercises = signal<ExerciseSummary[] | null>(null);
  protected readonly loadError = signal<string | null>(null);
  protected readonly busy = signal(false);
  protected readonly error = signal<string | null>(null);
  /** The server refused a together exercise: joint work is closed for this case. */
  protected readonly jointClosed = signal<string | null>(null);

  protected readonly form = inject(NonNullableFormBuilder).group(
    {
      exerciseId: ['', Validators.required],
      target: ['each' as AssignmentTarget, Validators.required],
      memberId: [null as string | null],
      dueOn: [addDays(new Date(), 7) as Date | null, Validators.required],
      recurrence: ['once' as Recurrence, Validators.required],
      until: [null as Date | null],
      instructions: ['', Validators.maxLength(INSTRUCTIONS_MAX)],
    },
    { validators: untilAfterDue },
  );

  private readonly value = toSignal(
    this.form.valueChanges.pipe(
      startWith(null),
      map(() => this.form.getRawValue()),
    ),
    { initialValue: this.form.getRawValue() },
  );

  /** The library by stage (the measures last), for the select's groups. */
  protected readonly byStage = computed(() => exerciseGroups(this.exercises() ?? []));
  protected readonly chosen = computed(
    () => this.exercises()?.find((e) => e.id === this.value().exerciseId) ?? null,
  );
  protected readonly summary = computed(() =>
    assignSummary(this.value(), this.data.members.length),
  );

  ngOnInit(): void {
    void this.loadExercises();
    this.form.controls.exerciseId.valueChanges.subscribe((id) => this.applyDefaults(id));
    this.form.controls.target.valueChanges.subscribe((target) => {
      const member = this.form.controls.memberId;
      member.setValidators(target === 'member' ? Validators.required : null);
      member.updateValueAndValidity();
    });
    this.form.controls.recurrence.valueChanges.subscribe((recurrence) => {
      const until = this.form.controls.until;
      until.setValidators(recurrence === 'once' ? null : Validators.required);
      if (recurrence !== 'once' && !until.value) {
        const due = this.form.controls.dueOn.value ?? new Date();
        until.setValue(defaultUntil(due, recurrence, !!this.chosen()?.isMeasure));
      }
      until.updateValueAndValidity();
    });
  }

  protected memberText(m: CaseMemberView): string {
    return m.label ? `${m.displayName} · ${this.memberLabels[m.label]}` : m.displayName;
  }

  protected async submit(): Promise<void> {
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      return;
    }
    this.busy.set(true);
    this.error.set(null);
    this.jointClosed.set(null);
    try {
      const saved = await this.api.assign(
        this.data.caseId,
        toAssignRequest(this.form.getRawValue()),
      );
      this.ref.close(saved);
    } catch (error) {
      const closed = jointWorkClosedMessage(error);
      if (closed) {
        this.jointClosed.set(closed);
        return;
      }
      const later = conflictMessage(error, LATER_STAGE);
      if (later) {
        this.confirmLaterStage(later);
        return;
      }
      const rest = applyServerErrors(this.form, error);
      if (rest.length || !this.form.invalid) this.error.set(errorMessage(error));
    } finally {
      this.busy.set(false);
    }
  }

  /**
   * The exercise is from a later stage than the case's: the server's words in a confirm
   * dialog, and on "Assign anyway" the same request, confirmed.
   */
  private confirmLaterStage(message: string): void {
    const request = { ...toAssignRequest(this.form.getRawValue()), confirmLaterStage: true };
    confirmAction(this.dialog, {
      title: 'Assign an exercise from a later stage?',
      message,
      confirm: 'Assign anyway',
      action: () => this.api.assign(this.data.caseId, request),
    }).subscribe((saved) => {
      if (saved) this.ref.close(saved);
    });
  }

  private applyDefaults(exerciseId: string): void {
    const exercise = this.exercises()?.find((e) => e.id === exerciseId);
    if (!exercise) return;
    this.form.patchValue(
      exerciseDefaults(exercise, this.data.members, this.form.controls.dueOn.value),
    );
  }

  private async loadExercises(): Promise<void> {
    try {
      const page = await this.library.list({ status: 'active', pageSize: 100 });
      this.exercises.set(page.items);
    } catch (error) {
      this.loadError.set(errorMessage(error));
    }
  }
}
