import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, input, output } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatCheckboxModule } from '@angular/material/checkbox';
import type { ErrorStateMatcher } from '@angular/material/core';
import { MatDatepickerModule } from '@angular/material/datepicker';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatRadioModule } from '@angular/material/radio';
import type { AnswerValue, Answers, FieldDef, HomeworkMember } from '@mend/shared/contracts';
import { FIELD_LIMITS } from '@mend/exercises/model';
import {
  choiceAnswer,
  fromIsoDate,
  listAnswer,
  scaleAnswer,
  stringList,
  textAnswer,
  toggleValue,
  toIsoDate,
} from './answers';
import { provideLocalDateAdapter } from './local-date-adapter';

/** One edit inside the form: the answer at `path` is now `value`. */
export interface AnswerEdit {
  path: string;
  value: AnswerValue;
}

const STEPS = Array.from(
  { length: FIELD_LIMITS.scaleMax - FIELD_LIMITS.scaleMin + 1 },
  (_, i) => FIELD_LIMITS.scaleMin + i,
);

/**
 * One question of an exercise form, with its help and its error, editable or read-only.
 * A list renders its items with one `ExerciseField` per sub-field. Part of `ExerciseForm`.
 */
@Component({
  selector: 'mend-exercise-field',
  imports: [
    DatePipe,
    MatButtonModule,
    MatCheckboxModule,
    MatDatepickerModule,
    MatFormFieldModule,
    MatIconModule,
    MatInputModule,
    MatRadioModule,
  ],
  providers: [provideLocalDateAdapter()],
  templateUrl: './exercise-field.html',
  styleUrl: './exercise-field.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ExerciseField {
  readonly field = input.required<FieldDef>();
  readonly value = input<AnswerValue | undefined>(undefined);
  /** The answer's path: `feelings`, or inside a list `agreements.1.category`. */
  readonly path = input.required<string>();
  /** Unique per form on the page; every element id starts with it. */
  readonly idPrefix = input.required<string>();
  readonly readonly = input(false);
  /** Every error of the form, by path; the field shows its own and passes the rest on. */
  readonly errors = input<ReadonlyMap<string, string[]>>(new Map());
  /** The people a `member` question can name (former members only to show an answer). */
  readonly members = input<readonly HomeworkMember[]>([]);
  readonly edit = output<AnswerEdit>();

  protected readonly steps = STEPS;

  protected readonly controlId = computed(
    () => `${this.idPrefix()}-${this.path().replace(/\./g, '-')}`,
  );
  protected readonly labelId = computed(() => `${this.controlId()}-label`);
  protected readonly helpId = computed(() => `${this.controlId()}-help`);
  protected readonly errorId = computed(() => `${this.controlId()}-error`);
  protected readonly reasons = computed(() => this.errors().get(this.path()) ?? []);
  protected readonly describedBy = computed(
    () =>
      [this.field().help ? this.helpId() : '', this.reasons().length ? this.errorId() : '']
        .filter(Boolean)
        .join(' ') || null,
  );
  /** Outlines Material inputs in the error colour while the field has an error. */
  protected readonly errorState: ErrorStateMatcher = {
    isErrorState: () => this.reasons().length > 0,
  };

  protected readonly text = computed(() => textAnswer(this.value()));
  protected readonly textLimit = computed(() => {
    const field = this.field();
    return (
      field.maxLength ??
      (field.type === 'short_text' ? FIELD_LIMITS.shortText : FIELD_LIMITS.longText)
    );
  });
  /** The count shows once the answer is a fair way towards its limit. */
  protected readonly showCount = computed(
    () => !!this.field().maxLength || this.text().length > this.textLimit() * 0.8,
  );
  protected readonly scale = computed(() => scaleAnswer(this.value()));
  protected readonly single = computed(() => textAnswer(this.value()) || null);
  protected readonly choice = computed(() => choiceAnswer(this.value()));
  protected readonly ticked = computed(() => stringList(this.value()));
  protected readonly date = computed(() => fromIsoDate(this.value()));
  protected readonly items = computed(() => listAnswer(this.value()));
  protected readonly maxItems = computed(() => this.field().maxItems ?? FIELD_LIMITS.maxItems);
  protected readonly optionValues = computed(() =>
    (this.field().options ?? []).map((o) => o.value),
  );
  protected readonly selectedLabels = computed(() => {
    const field = this.field();
    const chosen =
      field.type === 'single_choice'
        ? [this.single()]
        : field.type === 'checklist'
          ? this.ticked()
          : this.choice().values;
    return (field.options ?? []).filter((o) => chosen.includes(o.value)).map((o) => o.label);
  });
  /** The choices of a `member` question: the members, and a former one the answer names. */
  protected readonly memberOptions = computed(() =>
    this.members().filter((m) => !m.former || m.userId === this.single()),
  );
  /** A `member` answer by name; text that names nobody (written before it was a choice) as is. */
  protected readonly memberName = computed(() => {
    const value = this.single();
    return this.members().find((m) => m.userId === value)?.displayName ?? value ?? '';
  });
  /** A `member` answer that is none of the people (older free text), shown beside the choices. */
  protected readonly unknownMember = computed(() => {
    const value = this.single();
    return value && this.members().length && !this.members().some((m) => m.userId === value)
      ? value
      : null;
  });
  protected readonly empty = computed(() => {
    const value = this.value();
    if (value === undefined || value === null) return true;
    if (typeof value === 'string') return value.trim() === '';
    if (Array.isArray(value)) return value.length === 0;
    if (typeof value === 'object') return !choiceAnswer(value).values.length && !value.other;
    return false;
  });

  protected stepLabel(n: number): string {
    const field = this.field();
    if (n === FIELD_LIMITS.scaleMin && field.minLabel) return `${n}, ${field.minLabel}`;
    if (n === FIELD_LIMITS.scaleMax && field.maxLabel) return `${n}, ${field.maxLabel}`;
    return String(n);
  }

  protected childPath(index: number, field: FieldDef): string {
    return `${this.path()}.${index}.${field.key}`;
  }

  protected set(value: AnswerValue): void {
    this.edit.emit({ path: this.path(), value });
  }

  protected setText(event: Event): void {
    this.set((event.target as HTMLInputElement | HTMLTextAreaElement).value);
  }

  protected setDate(date: Date | null): void {
    this.set(date ? toIsoDate(date) : null);
  }

  protected tickChoice(value: string, checked: boolean): void {
    const { values, other } = this.choice();
    const next = toggleValue(values, value, checked, this.optionValues());
    this.set(other ? { values: next, other } : { values: next });
  }

  protected setOther(event: Event): void {
    const other = (event.target as HTMLTextAreaElement).value;
    const { values } = this.choice();
    this.set(other ? { values, other } : { values });
  }

  protected tick(value: string, checked: boolean): void {
    this.set(toggleValue(this.ticked(), value, checked, this.optionValues()));
  }

  protected addItem(): void {
    this.set([...this.items(), {}]);
  }

  protected removeItem(index: number): void {
    this.set(this.items().filter((_, i) => i !== index));
  }

  protected itemAnswer(item: Answers, field: FieldDef): AnswerValue | undefined {
    return item[field.key];
  }
}
