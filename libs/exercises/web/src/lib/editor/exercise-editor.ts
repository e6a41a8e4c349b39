import { BreakpointObserver } from '@angular/cdk/layout';
import { HttpErrorResponse } from '@angular/common/http';
import {
  afterNextRender,
  ChangeDetectionStrategy,
  Component,
  computed,
  effect,
  ElementRef,
  inject,
  Injector,
  input,
  signal,
  untracked,
} from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { ReactiveFormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatButtonToggleModule } from '@angular/material/button-toggle';
import { MatCardModule } from '@angular/material/card';
import { MatCheckboxModule } from '@angular/material/checkbox';
import { MatDialog } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatMenuModule } from '@angular/material/menu';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatSelectModule } from '@angular/material/select';
import { MatSnackBar } from '@angular/material/snack-bar';
import { Router, RouterLink } from '@angular/router';
import {
  AUDIENCE_LABELS,
  AUDIENCES,
  FIELD_TYPE_LABELS,
  FIELD_TYPES,
  RECURRENCES,
  STAGE_LABELS,
  STAGES,
  type Answers,
  type ExerciseDetail,
  type FieldError,
  type FieldType,
} from '@mend/shared/contracts';
import { applyServerErrors, confirmAction, errorMessage } from '@mend/shared/web';
import {
  FIELD_LIMITS,
  fieldDefinitionProblems,
  measureProblems,
  SUMMARY_MAX,
  summaryLine,
} from '@mend/exercises/model';
import { map, Observable, startWith } from 'rxjs';
import { ExercisesApi } from '../data-access/exercises-api';
import { ExerciseForm } from '../exercise-form/exercise-form';
import {
  FIELD_TYPE_HINTS,
  FIELD_TYPE_ICONS,
  PREVIEW_CRISIS_TEXT,
  PREVIEW_MEMBERS,
  RECURRENCE_LABELS,
} from '../ui/exercise-text';
import {
  draftFromContent,
  emptyDraft,
  exerciseForm,
  fieldGroup,
  INSTRUCTIONS_MAX,
  newField,
  SCORED_TYPES,
  setDraft,
  TITLE_MAX,
  toSaveRequest,
  type ExerciseDraft,
} from './exercise-draft';
import { FieldEditor } from './field-editor';
import { MeasureEditor } from './measure-editor';
import { AuthStore } from '@mend/auth/data-access';

/** Reasons by path, each reason once. */
export function reasonsByPath(errors: FieldError[]): Map<string, string[]> {
  const byPath = new Map<string, string[]>();
  for (const error of errors) {
    const reasons = byPath.get(error.field) ?? [];
    for (const reason of error.reasons) if (!reasons.includes(reason)) reasons.push(reason);
    byPath.set(error.field, reasons);
  }
  return byPath;
}

/**
 * The form builder (`/exercises/new`, `/exercises/:id/edit`): the exercise's details and its
 * questions, checked live with the same rules as the server, beside a live preview of what the
 * client will see. Saving an edit makes a new version; a 409 keeps the counselor's edits.
 */
@Component({
  selector: 'mend-exercise-editor',
  imports: [
    ReactiveFormsModule,
    RouterLink,
    MatButtonModule,
    MatButtonToggleModule,
    MatCardModule,
    MatCheckboxModule,
    MatFormFieldModule,
    MatIconModule,
    MatInputModule,
    MatMenuModule,
    MatProgressBarModule,
    MatSelectModule,
    ExerciseForm,
    FieldEditor,
    MeasureEditor,
  ],
  templateUrl: './exercise-editor.html',
  styleUrl: './exercise-editor.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ExerciseEditor {
  private readonly api = inject(ExercisesApi);
  private readonly router = inject(Router);
  private readonly dialog = inject(MatDialog);
  private readonly snackBar = inject(MatSnackBar);
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef);
  private readonly injector = inject(Injector);

  /** The route's `:id` when editing; absent for a new exercise. */
  readonly id = input<string>();
  /** `?measure=true`: start a new measure. Admins only ever write measures. */
  readonly measure = input<string>();
  protected readonly adminOnly = computed(() => this.auth.me()?.role === 'admin');
  private readonly auth = inject(AuthStore);

  protected readonly stages = STAGES;
  protected readonly stageLabels = STAGE_LABELS;
  protected readonly audiences = AUDIENCES;
  protected readonly audienceLabels = AUDIENCE_LABELS;
  protected readonly recurrences = RECURRENCES;
  protected readonly recurrenceLabels = RECURRENCE_LABELS;
  protected readonly fieldTypes = FIELD_TYPES;
  protected readonly fieldTypeLabels = FIELD_TYPE_LABELS;
  protected readonly fieldTypeIcons = FIELD_TYPE_ICONS;
  protected readonly fieldTypeHints = FIELD_TYPE_HINTS;
  protected readonly summaryMax = SUMMARY_MAX;
  protected readonly summaryLine = summaryLine;
  protected readonly titleMax = TITLE_MAX;
  protected readonly instructionsMax = INSTRUCTIONS_MAX;
  protected readonly maxFields = FIELD_LIMITS.fields;
  protected readonly previewCrisisText = PREVIEW_CRISIS_TEXT;
  protected readonly previewMembers = PREVIEW_MEMBERS;

  protected readonly form = exerciseForm();
  protected readonly draft = toSignal(
    this.form.valueChanges.pipe(
      startWith(null),
      map(() => this.form.getRawValue() as ExerciseDraft),
    ),
    { requireSync: true },
  );
  /** The version being edited (absent for a new exercise). */
  protected readonly loaded = signal<ExerciseDetail | null>(null);
  protected readonly request = computed(() => toSaveRequest(this.draft(), this.loaded()?.version));
  /** Bumped when the server's errors land on the controls, so they show. */
  private readonly serverRevision = signal(0);
  protected readonly problems = computed(() => {
    this.serverRevision();
    const { fields, measure } = this.request();
    return reasonsByPath([...fieldDefinitionProblems(fields), ...measureProblems(measure, fields)]);
  });
  protected readonly isMeasure = computed(() => this.draft().isMeasure);
  /**
   * The server's reasons about the scoring that name no control (`measure.items`), kept while
   * the scoring they were given for is unchanged.
   */
  private readonly measureServer = signal<{ for: string; reasons: Map<string, string[]> } | null>(
    null,
  );
  protected readonly measureServerErrors = computed(() => {
    const server = this.measureServer();
    return server && server.for === JSON.stringify(this.request().measure)
      ? server.reasons
      : new Map<string, string[]>();
  });
  /** The preview names questions not worded yet, so each still has a visible label. */
  protected readonly previewFields = computed(() =>
    this.request().fields.map((field, i) => ({
      ...field,
      label: field.label || `Question ${i + 1} (not written yet)`,
      itemFields: field.itemFields?.map((sub, j) => ({
        ...sub,
        label: sub.label || `Item question ${j + 1} (not written yet)`,
      })),
    })),
  );
  protected readonly fieldsProblems = computed(() => this.problems().get('fields') ?? []);

  protected readonly loading = signal(false);
  protected readonly notFound = signal(false);
  protected readonly loadError = signal<string | null>(null);
  protected readonly saving = signal(false);
  protected readonly copying = signal(false);
  protected readonly saveError = signal<string | null>(null);
  /** Server errors that name no input. */
  protected readonly unplaced = signal<string[]>([]);
  /** Someone saved a newer version while this one was being edited. */
  protected readonly conflict = signal(false);
  /** After a save attempt every problem shows. */
  protected readonly submitted = signal(false);
  protected readonly previewAnswers = signal<Answers>({});
  /** On a phone the builder and the preview take turns. */
  protected readonly pane = signal<'build' | 'preview'>('build');
  protected readonly wide = toSignal(
    inject(BreakpointObserver)
      .observe('(min-width: 1180px)')
      .pipe(map((state) => state.matches)),
    { initialValue: true },
  );
  protected readonly isNew = computed(() => !this.id());
  private saved = false;

  constructor() {
    effect(() => {
      const id = this.id();
      untracked(() => {
        if (id) void this.load(id);
        else {
          setDraft(this.form, emptyDraft());
          if (this.measure() === 'true' || this.adminOnly()) {
            this.form.controls.isMeasure.setValue(true);
            this.measureToggled(true);
          }
        }
        if (this.adminOnly()) this.form.controls.isMeasure.disable({ emitEvent: false });
      });
    });
  }

  protected addField(type: FieldType): void {
    const fields = this.form.controls.fields;
    const taken = fields.controls.map((g) => g.controls.key.value);
    fields.push(fieldGroup(newField(type, taken)));
    fields.markAsDirty();
    afterNextRender(
      () => {
        const editors = this.host.nativeElement.querySelectorAll('.questions > mend-field-editor');
        editors[editors.length - 1]
          ?.querySelector<HTMLInputElement>('[data-testid="field-label"]')
          ?.focus();
      },
      { injector: this.injector },
    );
  }

  /** Turning an exercise into a measure counts its scales and single choices to start with. */
  protected measureToggled(checked: boolean): void {
    const fields = this.form.controls.fields.controls;
    if (!checked || fields.some((f) => f.controls.scored.value)) return;
    for (const field of fields) {
      if (SCORED_TYPES.has(field.controls.type.value)) field.controls.scored.setValue(true);
    }
  }

  protected async save(): Promise<void> {
    this.submitted.set(true);
    this.form.markAllAsTouched();
    this.saveError.set(null);
    this.unplaced.set([]);
    this.measureServer.set(null);
    if (this.form.invalid || this.problems().size > 0) {
      this.saveError.set('Some parts need attention before saving; they are marked above.');
      this.revealFirstProblem();
      return;
    }
    const loaded = this.loaded();
    this.saving.set(true);
    try {
      const saved = loaded
        ? await this.api.update(loaded.id, this.request())
        : await this.api.create(this.request());
      this.saved = true;
      this.form.markAsPristine();
      this.snackBar.open(
        loaded ? `Saved as version ${saved.version}.` : 'Exercise saved to your library.',
        'OK',
        { duration: 4000 },
      );
      void this.router.navigate(['/exercises', saved.id]);
    } catch (error) {
      if (error instanceof HttpErrorResponse && error.status === 409) {
        this.conflict.set(true);
      } else {
        const unmatched = applyServerErrors(this.form, error);
        const aboutScoring = (e: FieldError) =>
          e.field === 'measure' || e.field.startsWith('measure.');
        this.measureServer.set({
          for: JSON.stringify(this.request().measure),
          reasons: reasonsByPath(unmatched.filter(aboutScoring)),
        });
        this.unplaced.set(unmatched.filter((e) => !aboutScoring(e)).flatMap((e) => e.reasons));
        this.serverRevision.update((n) => n + 1);
        this.saveError.set(errorMessage(error));
        this.revealFirstProblem();
      }
    } finally {
      this.saving.set(false);
    }
  }

  /** After a 409: the latest version replaces the counselor's edits, once they agree. */
  protected reloadLatest(): void {
    const id = this.id();
    if (!id) return;
    confirmAction(this.dialog, {
      title: 'Load the latest version?',
      message:
        'Your changes here are replaced by the version that was saved meanwhile. Copy any text ' +
        'you want to keep first.',
      confirm: 'Load latest version',
      tone: 'danger',
      action: () => this.api.get(id),
    }).subscribe((latest) => latest && this.apply(latest));
  }

  protected async copyInstead(detail: ExerciseDetail): Promise<void> {
    this.copying.set(true);
    try {
      const copy = await this.api.copy(detail.id);
      void this.router.navigate(['/exercises', copy.id, 'edit']);
    } catch (error) {
      this.loadError.set(errorMessage(error));
    } finally {
      this.copying.set(false);
    }
  }

  /** For the leave guard: true when there is nothing unsaved, or the counselor confirms. */
  confirmLeave(): boolean | Observable<boolean> {
    if (this.saved || !this.form.dirty) return true;
    return confirmAction(this.dialog, {
      title: 'Leave without saving?',
      message: 'Your changes to this exercise are not saved yet.',
      confirm: 'Leave without saving',
      tone: 'danger',
      action: () => Promise.resolve(true),
    }).pipe(map((leave) => leave === true));
  }

  protected backLink(): string[] {
    const id = this.id();
    return id ? ['/exercises', id] : ['/exercises'];
  }

  private apply(detail: ExerciseDetail): void {
    this.loaded.set(detail);
    setDraft(this.form, draftFromContent(detail));
    this.conflict.set(false);
    this.submitted.set(false);
    this.saveError.set(null);
    this.unplaced.set([]);
    this.measureServer.set(null);
    this.previewAnswers.set({});
  }

  private async load(id: string): Promise<void> {
    this.loading.set(true);
    this.loadError.set(null);
    this.notFound.set(false);
    try {
      this.apply(await this.api.get(id));
    } catch (error) {
      if (error instanceof HttpErrorResponse && (error.status === 404 || error.status === 400)) {
        this.notFound.set(true);
      } else {
        this.loadError.set(errorMessage(error));
      }
    } finally {
      this.loading.set(false);
    }
  }

  /** Brings the first marked problem into view (after the marks render). */
  private revealFirstProblem(): void {
    if (!this.wide()) this.pane.set('build');
    afterNextRender(
      () => {
        const first = this.host.nativeElement.querySelector<HTMLElement>(
          '.builder .mat-form-field-invalid, .builder .error',
        );
        first?.scrollIntoView?.({ behavior: 'smooth', block: 'center' });
        first?.querySelector<HTMLElement>('input, textarea')?.focus({ preventScroll: true });
      },
      { injector: this.injector },
    );
  }
}
