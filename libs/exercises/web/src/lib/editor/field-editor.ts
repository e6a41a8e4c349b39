import {
  afterNextRender,
  ChangeDetectionStrategy,
  Component,
  computed,
  inject,
  Injector,
  input,
} from '@angular/core';
import { ReactiveFormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatCheckboxModule } from '@angular/material/checkbox';
import type { ErrorStateMatcher } from '@angular/material/core';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import { MatTooltipModule } from '@angular/material/tooltip';
import {
  FIELD_TYPE_LABELS,
  FIELD_TYPES,
  type CriticalRule,
  type FieldType,
} from '@mend/shared/contracts';
import { FIELD_LIMITS } from '@mend/exercises/model';
import { FIELD_TYPE_HINTS, FIELD_TYPE_ICONS } from '../ui/exercise-text';
import {
  CHOICE_TYPES,
  criticalKinds,
  fieldGroup,
  newField,
  newOption,
  optionGroup,
  syncKey,
  syncOptionValue,
  withTypeDefaults,
  type FieldDraft,
  type FieldGroup,
  type OptionGroup,
} from './exercise-draft';

/** The settings of a field that have their own input (and so their own place for an error). */
const PLACED = [
  'label',
  'help',
  'maxLength',
  'minLabel',
  'maxLabel',
  'options',
  'itemFields',
  'maxItems',
  'critical',
];

const CRITICAL_LABELS: Record<'scale' | 'choice', Partial<Record<CriticalRule['when'], string>>> = {
  scale: { at_most: 'A number of at most…', at_least: 'A number of at least…' },
  choice: {
    is_one_of: 'Any of the choices I tick',
    at_most: 'A score of at most…',
    at_least: 'A score of at least…',
  },
};

/**
 * One question in the form builder: its type, wording, whether it is required and the settings
 * of its type. A list's item questions are `FieldEditor`s too (lists cannot nest). Keys and
 * choice values are made from the wording and never shown: counselors read and write only
 * people's words.
 */
@Component({
  selector: 'mend-field-editor',
  imports: [
    ReactiveFormsModule,
    MatButtonModule,
    MatCheckboxModule,
    MatFormFieldModule,
    MatIconModule,
    MatInputModule,
    MatSelectModule,
    MatTooltipModule,
  ],
  templateUrl: './field-editor.html',
  styleUrl: './field-editor.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class FieldEditor {
  readonly group = input.required<FieldGroup>();
  /** The array the question sits in (the exercise's fields, or a list's item fields). */
  readonly siblings = input.required<FormArrayOfFields>();
  readonly index = input.required<number>();
  /** The request path of this question: `fields.2` or `fields.2.itemFields.0`. */
  readonly path = input.required<string>();
  readonly nested = input(false);
  /** Problems by request path (live rules and the server's answer). */
  readonly problems = input<ReadonlyMap<string, string[]>>(new Map());
  /** After a save attempt every problem shows, not only those of edited settings. */
  readonly showAll = input(false);
  /** The exercise is a scored measure: single choices offer a score per choice. */
  readonly scoring = input(false);
  /** The exercise is done by the members together (where a `member` question belongs). */
  readonly together = input(false);

  protected readonly typeLabels = FIELD_TYPE_LABELS;
  protected readonly typeIcons = FIELD_TYPE_ICONS;
  protected readonly typeHints = FIELD_TYPE_HINTS;
  protected readonly limits = FIELD_LIMITS;
  protected readonly types = computed(() =>
    FIELD_TYPES.filter((t) => !this.nested() || t !== 'list'),
  );
  protected readonly count = computed(() => this.siblings().length);
  protected readonly number = computed(() => this.index() + 1);

  private readonly injector = inject(Injector);
  private readonly matchers = new Map<string, ErrorStateMatcher>();

  protected get type(): FieldType {
    return this.group().controls.type.value;
  }

  protected isChoice(type: FieldType): boolean {
    return CHOICE_TYPES.has(type);
  }

  /** The critical rules this question can have; none inside a list's items. */
  protected criticalKinds(type: FieldType): CriticalRule['when'][] {
    return this.nested() ? [] : criticalKinds(type);
  }

  protected criticalLabel(type: FieldType, when: CriticalRule['when']): string {
    return CRITICAL_LABELS[type === 'scale' ? 'scale' : 'choice'][when] ?? when;
  }

  /** A single choice shows a score per choice in a measure, for a score rule, or once scored. */
  protected showScores(): boolean {
    const g = this.group();
    if (g.controls.type.value !== 'single_choice') return false;
    const when = g.controls.critical.controls.when.value;
    return (
      this.scoring() ||
      when === 'at_most' ||
      when === 'at_least' ||
      g.controls.options.controls.some((o) => o.controls.score.value !== null)
    );
  }

  /** The reasons to show beside setting `name` (`label`, `options`, …). */
  protected messages(name: string): string[] {
    const control = this.group().get(name);
    const server = control?.getError('server') as string | undefined;
    const reasons = [...(this.problems().get(`${this.path()}.${name}`) ?? [])];
    if (server && !reasons.includes(server)) reasons.push(server);
    return server || this.showAll() || control?.dirty ? reasons : [];
  }

  /** Problems of this question that have no input of their own (its key, its type). */
  protected otherMessages(): string[] {
    const prefix = `${this.path()}.`;
    const live = [...this.problems()]
      .filter(([path]) => {
        const rest = path.startsWith(prefix) ? path.slice(prefix.length) : '.';
        return !rest.includes('.') && !PLACED.includes(rest);
      })
      .flatMap(([, reasons]) => reasons);
    const server = ['key', 'type', 'required']
      .map((name) => this.group().get(name)?.getError('server') as string | undefined)
      .filter((reason): reason is string => !!reason);
    const shown = this.showAll() || this.group().dirty ? live : [];
    return [...new Set([...shown, ...server])];
  }

  /** Outlines the input of `name` in the error colour while it has a shown problem. */
  protected matcher(name: string): ErrorStateMatcher {
    let matcher = this.matchers.get(name);
    if (!matcher) {
      matcher = { isErrorState: () => this.messages(name).length > 0 };
      this.matchers.set(name, matcher);
    }
    return matcher;
  }

  protected labelChanged(): void {
    syncKey(this.group(), this.siblings());
  }

  protected typeChanged(type: FieldType): void {
    const group = this.group();
    const draft = withTypeDefaults({ ...(group.getRawValue() as FieldDraft), type });
    const options = group.controls.options;
    if (options.length === 0) {
      for (const option of draft.options) options.push(optionGroup(option));
    }
    const items = group.controls.itemFields;
    if (items.length === 0) for (const field of draft.itemFields) items.push(fieldGroup(field));
    const when = group.controls.critical.controls.when;
    if (when.value !== 'none' && !criticalKinds(type).includes(when.value)) {
      when.setValue('none');
    }
  }

  protected addOption(): void {
    this.group().controls.options.push(optionGroup(newOption()));
    this.group().controls.options.markAsDirty();
  }

  protected removeOption(index: number): void {
    this.group().controls.options.removeAt(index);
    this.group().controls.options.markAsDirty();
  }

  protected optionLabelChanged(option: OptionGroup): void {
    syncOptionValue(option, this.group().controls.options);
  }

  protected addItemField(): void {
    const items = this.group().controls.itemFields;
    const taken = items.controls.map((g) => g.controls.key.value);
    items.push(fieldGroup(newField('short_text', taken)));
    items.markAsDirty();
  }

  /** Moves the question up (-1) or down (1), keeping the focus on the button pressed. */
  protected move(delta: number, event: Event): void {
    const siblings = this.siblings();
    const from = this.index();
    const to = from + delta;
    if (to < 0 || to >= siblings.length) return;
    const group = siblings.at(from);
    siblings.removeAt(from, { emitEvent: false });
    siblings.insert(to, group);
    siblings.markAsDirty();
    const button = event.currentTarget as HTMLButtonElement | null;
    afterNextRender(
      () => {
        const target = button?.disabled
          ? button.parentElement?.querySelector<HTMLButtonElement>('.move:not([disabled])')
          : button;
        target?.focus();
      },
      { injector: this.injector },
    );
  }

  protected remove(): void {
    const siblings = this.siblings();
    siblings.removeAt(this.index());
    siblings.markAsDirty();
  }
}

type FormArrayOfFields = FieldGroup['controls']['itemFields'];
