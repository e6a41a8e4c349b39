import { FormArray, FormControl, FormGroup, Validators } from '@angular/forms';
import { SUMMARY_MAX } from '@mend/exercises/model';
import type {
  Audience,
  CriticalRule,
  ExerciseContent,
  FieldDef,
  FieldOption,
  FieldType,
  MeasureScoring,
  Recurrence,
  SaveExerciseRequest,
  Severity,
  Stage,
} from '@mend/shared/contracts';

/** The builder's working copy of an exercise: the request, plus how keys are made. */
export interface OptionDraft {
  label: string;
  value: string;
  /** The value follows the label (until the counselor edits it, or once it was saved). */
  auto: boolean;
  /** Single choice: what choosing it adds to a score (optional). */
  score: number | null;
  /** Choosing it is a critical answer (when the question's rule is `is_one_of`). */
  critical: boolean;
}

/** `none`: no critical answer. The choices of `is_one_of` are the options marked critical. */
export type CriticalWhen = 'none' | CriticalRule['when'];

export interface CriticalDraft {
  when: CriticalWhen;
  /** at_most / at_least: the number compared with. */
  value: number | null;
}

export interface FieldDraft {
  key: string;
  /** The key follows the label: a question not saved yet. Saved keys never change. */
  auto: boolean;
  type: FieldType;
  label: string;
  help: string;
  required: boolean;
  maxLength: number | null;
  minLabel: string;
  maxLabel: string;
  options: OptionDraft[];
  allowOther: boolean;
  itemFields: FieldDraft[];
  maxItems: number | null;
  /** Top-level scales and choices: which answer alerts the counselors. */
  critical: CriticalDraft;
  /** Measures: the question counts toward the score (a scale or a scored single choice). */
  scored: boolean;
  /** Measures: the question counts in reverse. */
  reversed: boolean;
}

export interface BandDraft {
  min: number | null;
  max: number | null;
  label: string;
  severity: Severity;
}

/** A measure's scoring; which questions count is on each question (`scored`, `reversed`). */
export interface MeasureDraft {
  method: MeasureScoring['method'];
  bands: BandDraft[];
  attribution: string;
  validated: boolean;
}

export interface ExerciseDraft {
  title: string;
  /** One line for the library's cards; empty: the cards show the instructions' first sentence. */
  summary: string;
  stage: Stage;
  audience: Audience;
  recurrence: Recurrence;
  instructions: string;
  fields: FieldDraft[];
  /** A scored measure: `measure` is sent; otherwise `measure: null`. */
  isMeasure: boolean;
  measure: MeasureDraft;
}

export const TITLE_MAX = 120;
export const INSTRUCTIONS_MAX = 4000;
/** Room left in a 40-character key for a `_2` suffix. */
const SLUG_MAX = 32;
/** What the rules accept as a key or a choice's stored value. */
const KEY = /^[a-z][a-z0-9_]{0,39}$/;
/** Keys the API refuses (see the exercise model's rules). */
const RESERVED_KEYS = ['constructor'];
export const CHOICE_TYPES: ReadonlySet<FieldType> = new Set([
  'single_choice',
  'multiple_choice',
  'checklist',
]);
/** The types a score can count (a single choice once each of its choices has a score). */
export const SCORED_TYPES: ReadonlySet<FieldType> = new Set(['scale', 'single_choice']);

/** The kinds of critical rule each type can have (besides none). */
export function criticalKinds(type: FieldType): CriticalRule['when'][] {
  switch (type) {
    case 'scale':
      return ['at_most', 'at_least'];
    case 'single_choice':
      return ['is_one_of', 'at_most', 'at_least'];
    case 'multiple_choice':
    case 'checklist':
      return ['is_one_of'];
    default:
      return [];
  }
}

/**
 * A key or option value from a label: lower-case letters, digits and `_`, starting with a letter,
 * at most 32 characters (cut between words). `fallback` stands in for labels with no letters.
 */
export function slugify(label: string, fallback: string): string {
  let slug = label
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/['’]/g, '')
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '');
  if (!slug) return fallback;
  if (/^[0-9]/.test(slug)) slug = `${fallback}_${slug}`;
  if (slug.length > SLUG_MAX) {
    const cut = slug.slice(0, SLUG_MAX + 1);
    const boundary = cut.lastIndexOf('_');
    slug = (boundary >= 12 ? cut.slice(0, boundary) : cut.slice(0, SLUG_MAX)).replace(/_+$/, '');
  }
  return slug;
}

/** `slugify`, made unique among `taken` with `_2`, `_3`… */
export function uniqueSlug(label: string, taken: Iterable<string>, fallback: string): string {
  const used = new Set([...taken, ...RESERVED_KEYS]);
  const base = slugify(label, fallback);
  if (!used.has(base)) return base;
  let n = 2;
  while (used.has(`${base}_${n}`)) n++;
  return `${base}_${n}`;
}

export function newOption(label = ''): OptionDraft {
  return { label, value: '', auto: true, score: null, critical: false };
}

export function newBand(): BandDraft {
  return { min: null, max: null, label: '', severity: 'none' };
}

export function newMeasure(): MeasureDraft {
  return { method: 'sum', bands: [newBand()], attribution: '', validated: false };
}

/** A new question of `type`, with the parts its type needs to start from. */
export function newField(type: FieldType, taken: Iterable<string> = []): FieldDraft {
  const draft: FieldDraft = {
    key: uniqueSlug('', taken, 'question'),
    auto: true,
    type,
    label: '',
    help: '',
    required: true,
    maxLength: null,
    minLabel: '',
    maxLabel: '',
    options: [],
    allowOther: false,
    itemFields: [],
    maxItems: null,
    critical: { when: 'none', value: null },
    scored: false,
    reversed: false,
  };
  return withTypeDefaults(draft);
}

/** Choices need options and a list needs an item question: adds empty ones when missing. */
export function withTypeDefaults(draft: FieldDraft): FieldDraft {
  if (CHOICE_TYPES.has(draft.type) && draft.options.length === 0) {
    const count = draft.type === 'checklist' ? 1 : 2;
    return { ...draft, options: Array.from({ length: count }, () => newOption()) };
  }
  if (draft.type === 'list' && draft.itemFields.length === 0) {
    return { ...draft, itemFields: [newField('short_text')] };
  }
  return draft;
}

export function draftFromField(field: FieldDef, measure?: MeasureScoring | null): FieldDraft {
  const critical = field.critical;
  const criticalValues = critical?.when === 'is_one_of' ? (critical.values ?? []) : [];
  return {
    key: field.key,
    auto: false,
    type: field.type,
    label: field.label,
    help: field.help ?? '',
    required: field.required,
    maxLength: field.maxLength ?? null,
    minLabel: field.minLabel ?? '',
    maxLabel: field.maxLabel ?? '',
    options: (field.options ?? []).map((o) => ({
      label: o.label,
      value: o.value,
      auto: false,
      score: typeof o.score === 'number' ? o.score : null,
      critical: criticalValues.includes(o.value),
    })),
    allowOther: field.allowOther ?? false,
    itemFields: (field.itemFields ?? []).map((f) => draftFromField(f)),
    maxItems: field.maxItems ?? null,
    critical: {
      when: critical?.when ?? 'none',
      value: critical && critical.when !== 'is_one_of' ? (critical.value ?? null) : null,
    },
    scored: measure?.items.includes(field.key) ?? false,
    reversed: measure?.reversed?.includes(field.key) ?? false,
  };
}

export function draftFromContent(content: ExerciseContent): ExerciseDraft {
  const measure = content.measure ?? null;
  return {
    title: content.title,
    summary: content.summary ?? '',
    stage: content.stage,
    audience: content.audience,
    recurrence: content.recurrence,
    instructions: content.instructions,
    fields: content.fields.map((f) => draftFromField(f, measure)),
    isMeasure: measure !== null,
    measure: measure
      ? {
          method: measure.method,
          bands: measure.bands.map((b) => ({ ...b })),
          attribution: measure.attribution ?? '',
          validated: measure.validated,
        }
      : newMeasure(),
  };
}

export function emptyDraft(): ExerciseDraft {
  return {
    title: '',
    summary: '',
    stage: 'acknowledge',
    audience: 'each_member',
    recurrence: 'once',
    instructions: '',
    fields: [newField('long_text')],
    isMeasure: false,
    measure: newMeasure(),
  };
}

/**
 * The field as the API takes it: only the settings its type uses, text trimmed. A list's item
 * questions (`nested`) have no critical answer.
 */
export function toFieldDef(draft: FieldDraft, nested = false): FieldDef {
  const values = optionValues(draft.options);
  const field: FieldDef = {
    key: draft.key,
    type: draft.type,
    label: draft.label.trim(),
    required: draft.required,
  };
  const help = draft.help.trim();
  if (help) field.help = help;
  switch (draft.type) {
    case 'short_text':
    case 'long_text':
      if (draft.maxLength !== null) field.maxLength = draft.maxLength;
      break;
    case 'scale': {
      const minLabel = draft.minLabel.trim();
      const maxLabel = draft.maxLabel.trim();
      if (minLabel) field.minLabel = minLabel;
      if (maxLabel) field.maxLabel = maxLabel;
      break;
    }
    case 'single_choice':
    case 'multiple_choice':
    case 'checklist':
      field.options = draft.options.map((o, i) => {
        const option: FieldOption = { value: values[i], label: o.label.trim() };
        if (draft.type === 'single_choice' && o.score !== null) option.score = o.score;
        return option;
      });
      if (draft.type === 'multiple_choice' && draft.allowOther) field.allowOther = true;
      break;
    case 'list':
      field.itemFields = draft.itemFields.map((item) => toFieldDef(item, true));
      if (draft.maxItems !== null) field.maxItems = draft.maxItems;
      break;
  }
  const critical = nested ? null : toCriticalRule(draft, values);
  if (critical) field.critical = critical;
  return field;
}

/**
 * The stored value of each choice. Counselors never see these: a value follows the wording
 * (`syncOptionValue`) and a saved one is kept; one that is missing, malformed or taken twice is
 * made from the wording here, so a save never fails on something the counselor cannot see.
 */
export function optionValues(options: OptionDraft[]): string[] {
  const used: string[] = [];
  for (const option of options) {
    const value = option.value.trim();
    used.push(
      KEY.test(value) && !used.includes(value) && !RESERVED_KEYS.includes(value)
        ? value
        : uniqueSlug(option.label, [...used, ...options.map((o) => o.value.trim())], 'choice'),
    );
  }
  return used;
}

/** The question's critical rule, when it has one its type can hold. */
function toCriticalRule(draft: FieldDraft, values: string[]): CriticalRule | null {
  const { when, value } = draft.critical;
  if (when === 'none' || !criticalKinds(draft.type).includes(when)) return null;
  if (when === 'is_one_of') {
    return { when, values: values.filter((_, i) => draft.options[i].critical) };
  }
  return value === null ? { when } : { when, value };
}

/** The measure as the API takes it: the questions that count, in the order of the form. */
export function toMeasure(draft: ExerciseDraft): MeasureScoring {
  const counted = draft.fields.filter((f) => f.scored && SCORED_TYPES.has(f.type));
  const reversed = counted.filter((f) => f.reversed).map((f) => f.key);
  const measure: MeasureScoring = {
    method: draft.measure.method,
    items: counted.map((f) => f.key),
    // An empty number goes as null (NaN in JSON), which the rules report.
    bands: draft.measure.bands.map((b) => ({
      min: b.min ?? Number.NaN,
      max: b.max ?? Number.NaN,
      label: b.label.trim(),
      severity: b.severity,
    })),
    validated: draft.measure.validated,
  };
  if (reversed.length) measure.reversed = reversed;
  const attribution = draft.measure.attribution.trim();
  if (attribution) measure.attribution = attribution;
  return measure;
}

/** The save request; `version` (the one that was read) for an edit. */
export function toSaveRequest(draft: ExerciseDraft, version?: number): SaveExerciseRequest {
  return {
    ...(version !== undefined ? { version } : {}),
    title: draft.title.trim(),
    summary: draft.summary.trim() || null,
    stage: draft.stage,
    audience: draft.audience,
    recurrence: draft.recurrence,
    instructions: draft.instructions.trim(),
    fields: draft.fields.map((field) => toFieldDef(field)),
    measure: draft.isMeasure ? toMeasure(draft) : null,
  };
}

// ---- The reactive form the builder edits (its controls are named like the request, so the
// API's error paths such as `fields.2.options` find their control). ----

export type OptionGroup = FormGroup<{
  label: FormControl<string>;
  value: FormControl<string>;
  auto: FormControl<boolean>;
  score: FormControl<number | null>;
  critical: FormControl<boolean>;
}>;

export type CriticalGroup = FormGroup<{
  when: FormControl<CriticalWhen>;
  value: FormControl<number | null>;
}>;

export type BandGroup = FormGroup<{
  min: FormControl<number | null>;
  max: FormControl<number | null>;
  label: FormControl<string>;
  severity: FormControl<Severity>;
}>;

export type MeasureGroup = FormGroup<{
  method: FormControl<MeasureScoring['method']>;
  bands: FormArray<BandGroup>;
  attribution: FormControl<string>;
  validated: FormControl<boolean>;
}>;

export type FieldGroup = FormGroup<{
  key: FormControl<string>;
  auto: FormControl<boolean>;
  type: FormControl<FieldType>;
  label: FormControl<string>;
  help: FormControl<string>;
  required: FormControl<boolean>;
  maxLength: FormControl<number | null>;
  minLabel: FormControl<string>;
  maxLabel: FormControl<string>;
  options: FormArray<OptionGroup>;
  allowOther: FormControl<boolean>;
  itemFields: FormArray<FieldGroup>;
  maxItems: FormControl<number | null>;
  critical: CriticalGroup;
  scored: FormControl<boolean>;
  reversed: FormControl<boolean>;
}>;

export type ExerciseFormGroup = FormGroup<{
  title: FormControl<string>;
  summary: FormControl<string>;
  stage: FormControl<Stage>;
  audience: FormControl<Audience>;
  recurrence: FormControl<Recurrence>;
  instructions: FormControl<string>;
  fields: FormArray<FieldGroup>;
  isMeasure: FormControl<boolean>;
  measure: MeasureGroup;
}>;

const text = (value: string) => new FormControl(value, { nonNullable: true });
const flag = (value: boolean) => new FormControl(value, { nonNullable: true });
const number = (value: number | null) => new FormControl<number | null>(value);

export function optionGroup(draft: OptionDraft): OptionGroup {
  return new FormGroup({
    label: text(draft.label),
    value: text(draft.value),
    auto: flag(draft.auto),
    score: number(draft.score),
    critical: flag(draft.critical),
  });
}

export function bandGroup(draft: BandDraft): BandGroup {
  return new FormGroup({
    min: number(draft.min),
    max: number(draft.max),
    label: text(draft.label),
    severity: new FormControl<Severity>(draft.severity, { nonNullable: true }),
  });
}

export function measureGroup(draft: MeasureDraft): MeasureGroup {
  return new FormGroup({
    method: new FormControl<MeasureScoring['method']>(draft.method, { nonNullable: true }),
    bands: new FormArray(draft.bands.map(bandGroup)),
    attribution: text(draft.attribution),
    validated: flag(draft.validated),
  });
}

export function fieldGroup(draft: FieldDraft): FieldGroup {
  return new FormGroup({
    key: text(draft.key),
    auto: new FormControl(draft.auto, { nonNullable: true }),
    type: new FormControl(draft.type, { nonNullable: true }),
    label: text(draft.label),
    help: text(draft.help),
    required: new FormControl(draft.required, { nonNullable: true }),
    maxLength: new FormControl<number | null>(draft.maxLength),
    minLabel: text(draft.minLabel),
    maxLabel: text(draft.maxLabel),
    options: new FormArray(draft.options.map(optionGroup)),
    allowOther: new FormControl(draft.allowOther, { nonNullable: true }),
    itemFields: new FormArray(draft.itemFields.map(fieldGroup)),
    maxItems: new FormControl<number | null>(draft.maxItems),
    critical: new FormGroup({
      when: new FormControl<CriticalWhen>(draft.critical.when, { nonNullable: true }),
      value: number(draft.critical.value),
    }),
    scored: flag(draft.scored),
    reversed: flag(draft.reversed),
  });
}

export function exerciseForm(): ExerciseFormGroup {
  return new FormGroup({
    title: new FormControl('', {
      nonNullable: true,
      validators: [Validators.required, Validators.maxLength(TITLE_MAX)],
    }),
    summary: new FormControl('', {
      nonNullable: true,
      validators: [Validators.maxLength(SUMMARY_MAX)],
    }),
    stage: new FormControl<Stage>('acknowledge', { nonNullable: true }),
    audience: new FormControl<Audience>('each_member', { nonNullable: true }),
    recurrence: new FormControl<Recurrence>('once', { nonNullable: true }),
    instructions: new FormControl('', {
      nonNullable: true,
      validators: [Validators.required, Validators.maxLength(INSTRUCTIONS_MAX)],
    }),
    fields: new FormArray<FieldGroup>([]),
    isMeasure: flag(false),
    measure: measureGroup(newMeasure()),
  });
}

/** Puts `draft` into `form` (keeping the form object, so subscriptions stay) and marks it clean. */
export function setDraft(form: ExerciseFormGroup, draft: ExerciseDraft): void {
  form.controls.fields.clear({ emitEvent: false });
  for (const field of draft.fields) {
    form.controls.fields.push(fieldGroup(field), { emitEvent: false });
  }
  const bands = form.controls.measure.controls.bands;
  bands.clear({ emitEvent: false });
  for (const band of draft.measure.bands) bands.push(bandGroup(band), { emitEvent: false });
  form.reset({
    title: draft.title,
    summary: draft.summary,
    stage: draft.stage,
    audience: draft.audience,
    recurrence: draft.recurrence,
    instructions: draft.instructions,
    fields: draft.fields,
    isMeasure: draft.isMeasure,
    measure: draft.measure,
  });
  form.markAsPristine();
  form.markAsUntouched();
}

/** After the question's label changed: a key that follows the label follows it, unique. */
export function syncKey(group: FieldGroup, siblings: FormArray<FieldGroup>): void {
  if (!group.controls.auto.value) return;
  const taken = siblings.controls.filter((g) => g !== group).map((g) => g.controls.key.value);
  group.controls.key.setValue(uniqueSlug(group.controls.label.value, taken, 'question'));
}

/** After a choice's label changed: a value that follows the label follows it, unique. */
export function syncOptionValue(option: OptionGroup, options: FormArray<OptionGroup>): void {
  if (!option.controls.auto.value) return;
  const taken = options.controls.filter((o) => o !== option).map((o) => o.controls.value.value);
  option.controls.value.setValue(uniqueSlug(option.controls.label.value, taken, 'choice'));
}
