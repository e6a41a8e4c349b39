import {
  ChangeDetectionStrategy,
  Component,
  computed,
  input,
  linkedSignal,
  output,
} from '@angular/core';
import { MatIconModule } from '@angular/material/icon';
import type { Answers, FieldDef, FieldError, HomeworkMember } from '@mend/shared/contracts';
import { answerProblems, criticalAnswers } from '@mend/exercises/model';
import { answerPath, errorsByPath, setAnswer } from './answers';
import { ExerciseField, type AnswerEdit } from './exercise-field';

let nextFormId = 0;

/**
 * An exercise's form as the client fills it in: every field type, its help and its errors.
 * Presentational: it never saves anything; each edit emits the whole `answersChange`.
 *
 * Errors shown beside each field: the server's (`serverErrors`, by answer path such as
 * `agreements.1.category`, until that answer is edited again) and the live client-side check
 * (`answerProblems`), which flags empty required answers only when `complete` is on (after a
 * submission attempt).
 *
 * With a `crisisText` (the clinic's), a critical answer (see `criticalAnswers`) brings a calm
 * callout with that text right under the questions, before the host's submit buttons, as soon as
 * it is picked. A measure's `attribution` (its source and licence) shows under the questions.
 */
@Component({
  selector: 'mend-exercise-form',
  imports: [MatIconModule, ExerciseField],
  template: `
    @if (unplaced().length) {
      <div class="notice" role="alert">
        <mat-icon aria-hidden="true">error_outline</mat-icon>
        <ul>
          @for (reason of unplaced(); track reason) {
            <li>{{ reason }}</li>
          }
        </ul>
      </div>
    }
    @for (field of fields(); track field.key) {
      <mend-exercise-field
        [field]="field"
        [value]="value()[field.key]"
        [path]="field.key"
        [idPrefix]="idPrefix"
        [readonly]="readonly()"
        [members]="members() ?? []"
        [errors]="errors()"
        (edit)="onEdit($event)"
      />
    } @empty {
      <p class="empty">This exercise has no questions yet.</p>
    }
    @if (attribution(); as source) {
      <p class="attribution" data-testid="measure-attribution">{{ source }}</p>
    }
    @if (crisis(); as text) {
      <div class="crisis" role="alert" data-testid="crisis-callout">
        <mat-icon aria-hidden="true">support</mat-icon>
        <div>
          <p class="crisis-title">You don’t have to carry this alone</p>
          <p class="crisis-text">{{ text }}</p>
        </div>
      </div>
    }
  `,
  styles: `
    :host {
      display: flex;
      flex-direction: column;
      gap: 28px;
    }
    .notice {
      display: flex;
      gap: 8px;
      padding: 12px 14px;
      border-radius: 12px;
      background: var(--mat-sys-error-container);
      color: var(--mat-sys-on-error-container);
    }
    .notice ul {
      margin: 0;
      padding: 0;
      list-style: none;
    }
    .empty {
      margin: 0;
      color: var(--mat-sys-on-surface-variant);
    }
    .attribution {
      margin: -12px 0 0;
      color: var(--mat-sys-on-surface-variant);
      font: var(--mat-sys-body-small);
      white-space: pre-wrap;
    }
    .crisis {
      display: flex;
      gap: 12px;
      padding: 16px 18px;
      border: 1px solid var(--mat-sys-tertiary);
      border-radius: 16px;
      background: var(--mat-sys-tertiary-container);
      color: var(--mat-sys-on-tertiary-container);
    }
    .crisis mat-icon {
      flex: none;
      color: var(--mat-sys-tertiary);
    }
    .crisis p {
      margin: 0;
    }
    .crisis-title {
      margin-bottom: 4px;
      font: var(--mat-sys-title-small);
    }
    .crisis .crisis-text {
      white-space: pre-wrap;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ExerciseForm {
  readonly fields = input.required<FieldDef[]>();
  readonly answers = input<Answers | null | undefined>({});
  readonly readonly = input(false);
  /** The API's 400 `fields`, by answer path (`feelings`, `agreements.1.category`). */
  readonly serverErrors = input<FieldError[] | null | undefined>([]);
  /** On after a submission attempt: empty required answers are flagged too. */
  readonly complete = input(false);
  /** The clinic's crisis text, shown while an answer is critical; null shows nothing. */
  readonly crisisText = input<string | null>(null);
  /** A measure's source and licence, shown under the questions. */
  readonly attribution = input<string | null | undefined>(null);
  /**
   * The people a `member` question can name (the homework's `members`): its choices, and the
   * names its answers show. Without them (a preview) any choice passes the live check.
   */
  readonly members = input<readonly HomeworkMember[] | null | undefined>([]);
  readonly answersChange = output<Answers>();

  protected readonly idPrefix = `mend-exercise-form-${nextFormId++}`;

  /** The answers being edited: follows `answers`, and each edit until the next one arrives. */
  protected readonly value = linkedSignal<Answers>(() => this.answers() ?? {});
  /** Answers edited since the server's errors arrived; their server error no longer applies. */
  private readonly edited = linkedSignal<FieldError[] | null | undefined, ReadonlySet<string>>({
    source: this.serverErrors,
    computation: () => new Set<string>(),
  });

  private readonly keys = computed(() => new Set(this.fields().map((f) => f.key)));

  protected readonly errors = computed(() => {
    const edited = this.edited();
    const keys = this.keys();
    const server = (this.serverErrors() ?? []).filter(
      (e) => !edited.has(answerPath(e.field, keys)),
    );
    const members = this.members() ?? [];
    const live = answerProblems(this.fields(), this.value(), {
      complete: this.complete(),
      members: members.length ? members.map((m) => m.userId) : undefined,
    });
    return errorsByPath(keys, server, live);
  });

  /** The crisis text, while some answer is critical. */
  protected readonly crisis = computed(() => {
    const text = this.crisisText()?.trim();
    return text && criticalAnswers(this.fields(), this.value()).length > 0 ? text : null;
  });

  /** Server errors that name no question of this form (shown above it). */
  protected readonly unplaced = computed(() => {
    const keys = this.keys();
    return (this.serverErrors() ?? [])
      .filter((e) => !keys.has(answerPath(e.field, keys).split('.')[0]))
      .flatMap((e) => e.reasons);
  });

  protected onEdit(edit: AnswerEdit): void {
    if (this.readonly()) return;
    const next = setAnswer(this.value(), edit.path, edit.value);
    this.value.set(next);
    this.edited.update((paths) => new Set(paths).add(edit.path));
    this.answersChange.emit(next);
  }
}
