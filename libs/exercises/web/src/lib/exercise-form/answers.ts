import type { AnswerValue, Answers, FieldError } from '@mend/shared/contracts';

/** A multiple-choice answer in its stored shape (`{ values, other? }`). */
export interface ChoiceAnswer {
  values: string[];
  other?: string;
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * A copy of `answers` with `value` at `path`: `feelings`, or inside a list item
 * `agreements.1.category` (the list's items are created as needed).
 */
export function setAnswer(answers: Answers, path: string, value: AnswerValue): Answers {
  const [head, index, ...rest] = path.split('.');
  if (index === undefined) return { ...answers, [head]: value };
  const current = answers[head];
  const items: Answers[] = Array.isArray(current) ? [...(current as Answers[])] : [];
  const at = Number(index);
  for (let i = items.length; i < at; i++) items.push({});
  const item = items[at];
  const base = item && typeof item === 'object' && !Array.isArray(item) ? item : {};
  items[at] = rest.length ? setAnswer(base, rest.join('.'), value) : (value as Answers);
  return { ...answers, [head]: items };
}

export function textAnswer(value: AnswerValue | undefined): string {
  return typeof value === 'string' ? value : '';
}

export function scaleAnswer(value: AnswerValue | undefined): number | null {
  return typeof value === 'number' ? value : null;
}

export function stringList(value: AnswerValue | undefined): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

/** Reads a multiple-choice answer; a plain array (an older shape) counts as its values. */
export function choiceAnswer(value: AnswerValue | undefined): ChoiceAnswer {
  if (Array.isArray(value)) return { values: stringList(value) };
  if (value && typeof value === 'object' && Array.isArray(value.values)) {
    const values = value.values.filter((v): v is string => typeof v === 'string');
    return typeof value.other === 'string' ? { values, other: value.other } : { values };
  }
  return { values: [] };
}

export function listAnswer(value: AnswerValue | undefined): Answers[] {
  return Array.isArray(value)
    ? value.map((item) =>
        item && typeof item === 'object' && !Array.isArray(item) ? (item as Answers) : {},
      )
    : [];
}

/** Ticks or unticks `value`, keeping the order of the options. */
export function toggleValue(
  selected: string[],
  value: string,
  checked: boolean,
  order: string[],
): string[] {
  const next = new Set(selected);
  if (checked) next.add(value);
  else next.delete(value);
  return order.filter((v) => next.has(v));
}

/** `YYYY-MM-DD` of a calendar day picked in the person's own time zone. */
export function toIsoDate(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/** The calendar day of a `YYYY-MM-DD` answer, at local midnight; null when it is not one. */
export function fromIsoDate(value: AnswerValue | undefined): Date | null {
  const match = typeof value === 'string' ? ISO_DATE.exec(value) : null;
  if (!match) return null;
  const date = new Date(Number(match[1]), Number(match[2]) - 1, Number(match[3]));
  return Number.isNaN(date.getTime()) ? null : date;
}

/**
 * A server error's path relative to the answers. Servers give it relative to the request
 * (`answers.feelings`) or to the answers (`feelings`). A question may itself be keyed `answers`
 * (the safety conversation's list), so the prefix goes only when a question of the form
 * (`keys`) follows it: `answers.answers.0.who` and `answers.0.who` both mean its first item.
 */
export function answerPath(field: string, keys: ReadonlySet<string>): string {
  if (!field.startsWith('answers.')) return field;
  const rest = field.slice('answers.'.length);
  return keys.has(rest.split('.')[0]) ? rest : field;
}

/**
 * Reasons by answer path: the server's (see `answerPath`) and the live check's (already
 * relative to the answers).
 */
export function errorsByPath(
  keys: ReadonlySet<string>,
  server: FieldError[],
  live: FieldError[] = [],
): Map<string, string[]> {
  const map = new Map<string, string[]>();
  for (const [group, relative] of [
    [server, false],
    [live, true],
  ] as const) {
    for (const error of group) {
      const path = relative ? error.field : answerPath(error.field, keys);
      const reasons = map.get(path) ?? [];
      for (const reason of error.reasons) if (!reasons.includes(reason)) reasons.push(reason);
      map.set(path, reasons);
    }
  }
  return map;
}
