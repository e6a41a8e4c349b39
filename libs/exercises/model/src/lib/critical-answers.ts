import type { AnswerValue, Answers, FieldDef } from '@mend/shared/contracts';

/** A critical answer as the counselor's alert and the crisis callout name it. */
export interface CriticalAnswer {
  key: string;
  /** The question. */
  label: string;
  /** What was picked, in words: the option's label (labels joined by ", "), or the number. */
  answer: string;
}

function chosenValues(value: AnswerValue | undefined): string[] {
  const values = Array.isArray(value)
    ? value
    : value && typeof value === 'object'
      ? (value as { values?: unknown }).values
      : [];
  return Array.isArray(values) ? values.filter((v): v is string => typeof v === 'string') : [];
}

function compare(when: 'at_most' | 'at_least', n: number, limit: number | undefined): boolean {
  if (typeof limit !== 'number' || !Number.isFinite(limit)) return false;
  return when === 'at_most' ? n <= limit : n >= limit;
}

/**
 * The top-level questions whose answer matches their `critical` rule. `at_most` / `at_least`
 * compare a scale's number, or the score of a single choice's chosen option; `is_one_of` matches
 * a single choice's value or any chosen value of a multiple choice or checklist. Unanswered
 * questions never match.
 */
export function criticalAnswers(fields: FieldDef[], answers: Answers): CriticalAnswer[] {
  const found: CriticalAnswer[] = [];
  for (const field of fields) {
    const rule = field.critical;
    if (!rule) continue;
    const value = answers?.[field.key];
    const hit = (answer: string) => found.push({ key: field.key, label: field.label, answer });
    switch (field.type) {
      case 'scale':
        if (
          typeof value === 'number' &&
          Number.isFinite(value) &&
          rule.when !== 'is_one_of' &&
          compare(rule.when, value, rule.value)
        ) {
          hit(String(value));
        }
        break;
      case 'single_choice': {
        const option =
          typeof value === 'string' ? field.options?.find((o) => o.value === value) : undefined;
        if (!option) break;
        const matches =
          rule.when === 'is_one_of'
            ? (rule.values ?? []).includes(option.value)
            : typeof option.score === 'number' && compare(rule.when, option.score, rule.value);
        if (matches) hit(option.label);
        break;
      }
      case 'multiple_choice':
      case 'checklist': {
        if (rule.when !== 'is_one_of') break;
        const chosen = new Set(chosenValues(value));
        const critical = new Set(rule.values ?? []);
        const picked = (field.options ?? []).filter(
          (o) => chosen.has(o.value) && critical.has(o.value),
        );
        if (picked.length) hit(picked.map((o) => o.label).join(', '));
        break;
      }
    }
  }
  return found;
}
