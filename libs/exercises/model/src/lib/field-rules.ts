import type {
  AnswerValue,
  Answers,
  CriticalRule,
  FieldDef,
  FieldError,
  FieldOption,
} from '@mend/shared/contracts';
import { FIELD_TYPES } from '@mend/shared/contracts';
import { isScore, optionScoreRange, problem } from './rule-helpers';

/** Limits of an exercise form; the same on the server and in the form builder. */
export const FIELD_LIMITS = {
  fields: 40,
  itemFields: 10,
  options: 30,
  label: 200,
  help: 500,
  shortText: 300,
  longText: 20_000,
  maxItems: 50,
  scaleMin: 0,
  scaleMax: 10,
} as const;

const KEY = /^[a-z][a-z0-9_]{0,39}$/;
/** Answers are keyed by field key, and the API refuses this key in any JSON it is sent. */
const RESERVED_KEYS = new Set(['constructor']);
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const CHOICES = new Set(['single_choice', 'multiple_choice', 'checklist']);
const CRITICAL_WHEN = new Set(['at_most', 'at_least', 'is_one_of']);

/** What is wrong with a form definition, by path (`fields.2.options`); empty when it is sound. */
export function fieldDefinitionProblems(
  fields: unknown,
  path = 'fields',
  nested = false,
): FieldError[] {
  const errors: FieldError[] = [];
  if (!Array.isArray(fields) || fields.length === 0) {
    problem(
      errors,
      path,
      nested ? 'A list needs at least one item field.' : 'Add at least one field.',
    );
    return errors;
  }
  const max = nested ? FIELD_LIMITS.itemFields : FIELD_LIMITS.fields;
  if (fields.length > max) problem(errors, path, `Use at most ${max} fields.`);
  const keys = new Set<string>();
  fields.forEach((raw: unknown, index) => {
    const at = `${path}.${index}`;
    const field = (raw ?? {}) as Partial<FieldDef>;
    if (typeof field.key !== 'string' || !KEY.test(field.key)) {
      problem(
        errors,
        `${at}.key`,
        'Use lower-case letters, digits and _ (starting with a letter).',
      );
    } else if (RESERVED_KEYS.has(field.key)) {
      problem(errors, `${at}.key`, `"${field.key}" is reserved; choose another key.`);
    } else if (keys.has(field.key)) {
      problem(errors, `${at}.key`, 'Each field needs its own key.');
    } else {
      keys.add(field.key);
    }
    if (!FIELD_TYPES.includes(field.type as never))
      problem(errors, `${at}.type`, 'Choose a field type.');
    if (typeof field.label !== 'string' || field.label.trim() === '')
      problem(errors, `${at}.label`, 'Write the question.');
    else if (field.label.length > FIELD_LIMITS.label)
      problem(errors, `${at}.label`, `Keep the question under ${FIELD_LIMITS.label} characters.`);
    if (
      field.help !== undefined &&
      (typeof field.help !== 'string' || field.help.length > FIELD_LIMITS.help)
    ) {
      problem(errors, `${at}.help`, `Keep the help under ${FIELD_LIMITS.help} characters.`);
    }
    if (typeof field.required !== 'boolean')
      problem(errors, `${at}.required`, 'Say whether the field is required.');
    if (field.type === 'short_text' || field.type === 'long_text') {
      const limit = field.type === 'short_text' ? FIELD_LIMITS.shortText : FIELD_LIMITS.longText;
      if (
        field.maxLength !== undefined &&
        (!Number.isInteger(field.maxLength) || field.maxLength < 1 || field.maxLength > limit)
      ) {
        problem(errors, `${at}.maxLength`, `The length limit must be between 1 and ${limit}.`);
      }
    }
    if (CHOICES.has(field.type as string)) {
      const options = field.options;
      if (!Array.isArray(options) || options.length < (field.type === 'checklist' ? 1 : 2)) {
        problem(
          errors,
          `${at}.options`,
          field.type === 'checklist' ? 'Add at least one item.' : 'Add at least two choices.',
        );
      } else if (options.length > FIELD_LIMITS.options) {
        problem(errors, `${at}.options`, `Use at most ${FIELD_LIMITS.options} choices.`);
      } else {
        const values = options.map((o) => o?.value);
        if (options.some((o) => typeof o?.label !== 'string' || o.label.trim() === '')) {
          problem(
            errors,
            `${at}.options`,
            field.type === 'checklist' ? 'Write each item.' : 'Write each choice.',
          );
        } else if (options.some((o) => typeof o.value !== 'string' || !KEY.test(o.value))) {
          // The form builder makes values from the wording; only other API clients get this.
          problem(
            errors,
            `${at}.options`,
            'Each choice needs a value of lower-case letters, digits and _.',
          );
        } else if (new Set(values).size !== values.length) {
          problem(errors, `${at}.options`, 'Each choice needs its own value.');
        }
        if (options.some((o) => o?.score !== undefined && !isScore(o.score))) {
          problem(errors, `${at}.options`, 'Each score must be a number.');
        }
      }
    }
    if (field.critical !== undefined) {
      for (const reason of criticalRuleProblems(field, nested)) {
        problem(errors, `${at}.critical`, reason);
      }
    }
    if (field.type === 'list') {
      if (nested) problem(errors, `${at}.type`, 'A list cannot hold another list.');
      else errors.push(...fieldDefinitionProblems(field.itemFields, `${at}.itemFields`, true));
      if (
        field.maxItems !== undefined &&
        (!Number.isInteger(field.maxItems) ||
          field.maxItems < 1 ||
          field.maxItems > FIELD_LIMITS.maxItems)
      ) {
        problem(
          errors,
          `${at}.maxItems`,
          `The number of items must be between 1 and ${FIELD_LIMITS.maxItems}.`,
        );
      }
    }
  });
  return errors;
}

/**
 * What is wrong with a field's critical rule: scales compare a number from 0 to 10, single
 * choices compare their options' scores or name options, multiple choices and checklists name
 * options. Only top-level questions can have one.
 */
function criticalRuleProblems(field: Partial<FieldDef>, nested: boolean): string[] {
  const rule = field.critical as Partial<CriticalRule> | null;
  if (nested) return ['Only top-level questions can have a critical answer.'];
  if (!rule || typeof rule !== 'object' || !CRITICAL_WHEN.has(rule.when as string)) {
    return ['Choose when an answer is critical: at most, at least, or one of the choices.'];
  }
  const compares = rule.when === 'at_most' || rule.when === 'at_least';
  switch (field.type) {
    case 'scale':
      if (!compares) return ['A scale’s critical answer is at most or at least a number.'];
      if (
        !Number.isInteger(rule.value) ||
        (rule.value as number) < FIELD_LIMITS.scaleMin ||
        (rule.value as number) > FIELD_LIMITS.scaleMax
      ) {
        return [`Give a whole number from ${FIELD_LIMITS.scaleMin} to ${FIELD_LIMITS.scaleMax}.`];
      }
      return [];
    case 'single_choice':
      if (compares) {
        const range = optionScoreRange(field.options);
        if (!range) return ['Give every choice a score to compare with a number.'];
        if (!isScore(rule.value) || rule.value < range.min || rule.value > range.max) {
          return [`Give a score from ${range.min} to ${range.max}.`];
        }
        return [];
      }
      return chosenOptionProblems(field, rule);
    case 'multiple_choice':
    case 'checklist':
      if (compares) return ['Name the choices that are critical.'];
      return chosenOptionProblems(field, rule);
    default:
      return ['Only scales and choices can have a critical answer.'];
  }
}

function chosenOptionProblems(field: Partial<FieldDef>, rule: Partial<CriticalRule>): string[] {
  const values = rule.values;
  if (!Array.isArray(values) || values.length === 0) return ['Tick at least one critical choice.'];
  const known = new Set((field.options ?? []).map((o) => o?.value));
  if (values.some((v) => typeof v !== 'string' || !known.has(v))) {
    return ['Critical answers must be choices of this question.'];
  }
  if (new Set(values).size !== values.length) return ['Name each critical choice once.'];
  return [];
}

function isEmpty(value: AnswerValue | undefined): boolean {
  if (value === undefined || value === null) return true;
  if (typeof value === 'string') return value.trim() === '';
  if (Array.isArray(value)) return value.length === 0;
  if (typeof value === 'object') {
    // Only a choice's own shape can be empty; any other object is an answer of the wrong kind.
    const { values, other } = value as { values?: unknown; other?: unknown };
    const noOther = other === undefined || (typeof other === 'string' && other.trim() === '');
    return Array.isArray(values) && values.length === 0 && noOther;
  }
  return false;
}

/** How a response is checked: as a submission (`complete`) or a draft, and who it can name. */
export interface AnswerCheck {
  /** A submission: required answers must be given. */
  complete: boolean;
  /**
   * The user ids a `member` question may name (the case's members). Absent: any text passes
   * the shape check (a preview without a case).
   */
  members?: readonly string[];
}

/**
 * What is wrong with a response, by field path (`promises.1.kept`), checked against the
 * version's field definitions. A draft may leave required fields empty; a submission may not.
 */
export function answerProblems(
  fields: FieldDef[],
  answers: unknown,
  options: AnswerCheck,
  path = '',
): FieldError[] {
  const errors: FieldError[] = [];
  const given = (
    answers && typeof answers === 'object' && !Array.isArray(answers) ? answers : {}
  ) as Answers;
  const known = new Set(fields.map((f) => f.key));
  for (const key of Object.keys(given)) {
    if (!known.has(key))
      problem(errors, `${path}${key}`, 'This question is not part of the exercise.');
  }
  for (const field of fields) {
    const at = `${path}${field.key}`;
    const value = given[field.key];
    if (isEmpty(value)) {
      if (field.required && options.complete) problem(errors, at, 'Please answer this question.');
      continue;
    }
    switch (field.type) {
      case 'short_text':
      case 'long_text': {
        const limit =
          field.maxLength ??
          (field.type === 'short_text' ? FIELD_LIMITS.shortText : FIELD_LIMITS.longText);
        if (typeof value !== 'string') problem(errors, at, 'Write your answer as text.');
        else if ([...value].length > limit)
          problem(errors, at, `Keep this under ${limit} characters.`);
        break;
      }
      case 'scale':
        if (
          typeof value !== 'number' ||
          !Number.isInteger(value) ||
          value < FIELD_LIMITS.scaleMin ||
          value > FIELD_LIMITS.scaleMax
        ) {
          problem(errors, at, 'Choose a number from 0 to 10.');
        }
        break;
      case 'date':
        if (
          typeof value !== 'string' ||
          !DATE.test(value) ||
          Number.isNaN(Date.parse(`${value}T00:00:00Z`))
        ) {
          problem(errors, at, 'Enter a date.');
        }
        break;
      case 'single_choice':
        if (typeof value !== 'string' || !field.options?.some((o) => o.value === value))
          problem(errors, at, 'Choose one of the options.');
        break;
      case 'checklist':
        if (
          !Array.isArray(value) ||
          value.some((v) => typeof v !== 'string' || !field.options?.some((o) => o.value === v))
        ) {
          problem(errors, at, 'Tick items from the list.');
        }
        break;
      case 'multiple_choice': {
        const choice = value as { values?: unknown; other?: unknown };
        const values = Array.isArray(value) ? value : choice.values;
        if (
          !Array.isArray(values) ||
          values.some((v) => typeof v !== 'string' || !field.options?.some((o) => o.value === v))
        ) {
          problem(errors, at, 'Choose from the options.');
        } else if (!Array.isArray(value) && choice.other !== undefined) {
          if (!field.allowOther) problem(errors, at, 'This question has no "other" answer.');
          else if (
            typeof choice.other !== 'string' ||
            choice.other.length > FIELD_LIMITS.shortText
          ) {
            problem(errors, at, `Keep "other" under ${FIELD_LIMITS.shortText} characters.`);
          }
        }
        break;
      }
      case 'member':
        if (typeof value !== 'string') problem(errors, at, 'Choose a person.');
        else if (options.members && !options.members.includes(value))
          problem(errors, at, 'Choose one of the people in this case.');
        break;
      case 'list': {
        if (!Array.isArray(value)) {
          problem(errors, at, 'Add items to the list.');
          break;
        }
        const limit = field.maxItems ?? FIELD_LIMITS.maxItems;
        if (value.length > limit) problem(errors, at, `Add at most ${limit} items.`);
        value.forEach((item, index) => {
          if (item === null || typeof item !== 'object' || Array.isArray(item))
            problem(errors, `${at}.${index}`, 'Each item of the list is a set of answers.');
          else
            errors.push(
              ...answerProblems(field.itemFields ?? [], item, options, `${at}.${index}.`),
            );
        });
        break;
      }
    }
  }
  return errors;
}

/** Whether the form asks for a member of the case anywhere (inside lists too). */
export function hasMemberField(fields: FieldDef[]): boolean {
  return fields.some(
    (f) => f.type === 'member' || (f.type === 'list' && hasMemberField(f.itemFields ?? [])),
  );
}

/** The people a response's `member` answers name (inside lists too), each once, in order. */
export function memberAnswerIds(fields: FieldDef[], answers: unknown): string[] {
  const found = new Set<string>();
  const visit = (defs: FieldDef[], given: unknown) => {
    if (!given || typeof given !== 'object' || Array.isArray(given)) return;
    for (const field of defs) {
      const value = (given as Answers)[field.key];
      if (field.type === 'member' && typeof value === 'string' && value.trim()) found.add(value);
      if (field.type === 'list' && Array.isArray(value))
        for (const item of value) visit(field.itemFields ?? [], item);
    }
  };
  visit(fields, answers);
  return [...found];
}

/** The 0–10 answers of a response, for progress charts (trust thermometer first). */
export function scaleAnswers(
  fields: FieldDef[],
  answers: Answers,
): { key: string; label: string; value: number }[] {
  return fields
    .filter((f) => f.type === 'scale' && typeof answers[f.key] === 'number')
    .map((f) => ({ key: f.key, label: f.label, value: answers[f.key] as number }));
}

/** Keeps only the known properties of each field (the API stores what it understands). */
export function normalizeFields(fields: FieldDef[]): FieldDef[] {
  return fields.map((f) => {
    const field: FieldDef = {
      key: f.key,
      type: f.type,
      label: f.label.trim(),
      required: f.required,
    };
    if (f.help?.trim()) field.help = f.help.trim();
    if (f.maxLength !== undefined) field.maxLength = f.maxLength;
    if (f.type === 'scale') {
      if (f.minLabel?.trim()) field.minLabel = f.minLabel.trim();
      if (f.maxLabel?.trim()) field.maxLabel = f.maxLabel.trim();
    }
    if (f.options)
      field.options = f.options.map((o) => {
        const option: FieldOption = { value: o.value, label: o.label.trim() };
        if (isScore(o.score)) option.score = o.score;
        return option;
      });
    if (f.type === 'multiple_choice' && f.allowOther) field.allowOther = true;
    if (f.type === 'list') {
      field.itemFields = normalizeFields(f.itemFields ?? []);
      if (f.maxItems !== undefined) field.maxItems = f.maxItems;
    }
    if (f.critical) field.critical = normalizeCritical(f.critical);
    return field;
  });
}

/** Only the properties the rule's kind uses. */
function normalizeCritical(rule: CriticalRule): CriticalRule {
  return rule.when === 'is_one_of'
    ? { when: rule.when, values: [...(rule.values ?? [])] }
    : { when: rule.when, value: rule.value };
}
