import type {
  Answers,
  FieldDef,
  FieldError,
  MeasureBand,
  MeasureResult,
  MeasureScoring,
} from '@mend/shared/contracts';
import { SEVERITIES } from '@mend/shared/contracts';
import { FIELD_LIMITS } from './field-rules';
import { isScore, optionScoreRange, problem } from './rule-helpers';

/** Limits of a measure's scoring; the same on the server and in the form builder. */
export const MEASURE_LIMITS = {
  bands: 20,
  bandLabel: 100,
  attribution: 1000,
} as const;

const METHODS = new Set(['sum', 'mean']);

/** Whether a question can count toward a score: a scale, or a single choice scored throughout. */
export function isScorable(field: FieldDef): boolean {
  return (
    field.type === 'scale' ||
    (field.type === 'single_choice' && optionScoreRange(field.options) !== null)
  );
}

/** The item's points, reversed when asked; null when it is not answered (or not scorable). */
function itemValue(field: FieldDef, answers: Answers, reversed: boolean): number | null {
  const answer = answers?.[field.key];
  let value: number | null = null;
  let range: { min: number; max: number } | null = null;
  if (field.type === 'scale') {
    if (isScore(answer)) value = answer;
    range = { min: FIELD_LIMITS.scaleMin, max: FIELD_LIMITS.scaleMax };
  } else if (field.type === 'single_choice') {
    const option = field.options?.find((o) => o.value === answer);
    if (option && isScore(option.score)) value = option.score;
    range = optionScoreRange(field.options?.filter((o) => isScore(o.score)));
  }
  if (value === null) return null;
  return reversed && range ? range.max + range.min - value : value;
}

const round2 = (n: number) => Math.round(n * 100) / 100;

/**
 * The score of a measure's answers: the sum, or the mean (to 2 decimals), of its answered items
 * (a single choice counts its option's score, a scale its number; a reversed item counts as
 * highest + lowest − value of its own range). The band is the one whose [min, max] holds the
 * score; null when none does, or when no item is answered. `answered` counts answered items.
 */
export function scoreMeasure(
  content: { fields: FieldDef[]; measure: MeasureScoring },
  answers: Answers,
): MeasureResult & { answered: number } {
  const { measure } = content;
  const reversed = new Set(measure.reversed ?? []);
  const values: number[] = [];
  for (const key of measure.items) {
    const field = content.fields.find((f) => f.key === key);
    const value = field ? itemValue(field, answers, reversed.has(key)) : null;
    if (value !== null) values.push(value);
  }
  const sum = values.reduce((total, v) => total + v, 0);
  const score = round2(measure.method === 'mean' ? (values.length ? sum / values.length : 0) : sum);
  const band = values.length
    ? (measure.bands.find((b) => score >= b.min && score <= b.max) ?? null)
    : null;
  return { score, band: band ? { ...band } : null, answered: values.length };
}

/**
 * What is wrong with a measure's scoring, by path (`measure.items`, `measure.bands.1.max`),
 * checked against the form's top-level `fields`; empty when it is sound (or there is none).
 */
export function measureProblems(measure: unknown, fields: FieldDef[]): FieldError[] {
  const errors: FieldError[] = [];
  if (measure === null || measure === undefined) return errors;
  if (typeof measure !== 'object' || Array.isArray(measure)) {
    problem(errors, 'measure', 'Describe how the measure is scored.');
    return errors;
  }
  const m = measure as Partial<Record<keyof MeasureScoring, unknown>>;
  if (!METHODS.has(m.method as string)) {
    problem(errors, 'measure.method', 'Choose whether answers are added up or averaged.');
  }

  const byKey = new Map((Array.isArray(fields) ? fields : []).map((f) => [f.key, f]));
  const items = m.items;
  if (!Array.isArray(items) || items.length === 0) {
    problem(errors, 'measure.items', 'Choose the questions that count toward the score.');
  } else if (items.some((k) => typeof k !== 'string' || !byKey.has(k))) {
    problem(errors, 'measure.items', 'Scored questions must be questions of this form.');
  } else {
    if (new Set(items).size !== items.length)
      problem(errors, 'measure.items', 'Count each question once.');
    for (const key of items as string[]) {
      const field = byKey.get(key) as FieldDef;
      if (!isScorable(field)) {
        problem(
          errors,
          'measure.items',
          field.type === 'single_choice'
            ? `Give every choice of “${field.label}” a score.`
            : `“${field.label}” cannot be scored: only scales and single choices count.`,
        );
      }
    }
  }
  if (m.reversed !== undefined) {
    const counted = new Set(Array.isArray(items) ? items : []);
    if (!Array.isArray(m.reversed) || m.reversed.some((k) => !counted.has(k))) {
      problem(errors, 'measure.reversed', 'Only questions that count can be scored in reverse.');
    }
  }

  const bands = m.bands;
  if (!Array.isArray(bands) || bands.length === 0) {
    problem(errors, 'measure.bands', 'Add at least one band of scores.');
  } else if (bands.length > MEASURE_LIMITS.bands) {
    problem(errors, 'measure.bands', `Use at most ${MEASURE_LIMITS.bands} bands.`);
  } else {
    const sound: { index: number; min: number; max: number }[] = [];
    bands.forEach((raw: unknown, index) => {
      const at = `measure.bands.${index}`;
      const band = (raw && typeof raw === 'object' ? raw : {}) as Partial<MeasureBand>;
      const minOk = isScore(band.min);
      const maxOk = isScore(band.max);
      if (!minOk) problem(errors, `${at}.min`, 'Give the lowest score of this band.');
      if (!maxOk) problem(errors, `${at}.max`, 'Give the highest score of this band.');
      if (minOk && maxOk) {
        const min = band.min as number;
        const max = band.max as number;
        if (min > max) {
          problem(errors, `${at}.max`, 'The highest score cannot be below the lowest.');
        } else {
          const other = sound.find((b) => min <= b.max && b.min <= max);
          if (other) problem(errors, `${at}.min`, `This band overlaps band ${other.index + 1}.`);
          sound.push({ index, min, max });
        }
      }
      if (typeof band.label !== 'string' || band.label.trim() === '')
        problem(errors, `${at}.label`, 'Name the band, e.g. “Mild”.');
      else if (band.label.length > MEASURE_LIMITS.bandLabel)
        problem(
          errors,
          `${at}.label`,
          `Keep the name under ${MEASURE_LIMITS.bandLabel} characters.`,
        );
      if (!SEVERITIES.includes(band.severity as never))
        problem(errors, `${at}.severity`, 'Choose a severity.');
    });
  }

  if (
    m.attribution !== undefined &&
    m.attribution !== null &&
    (typeof m.attribution !== 'string' || m.attribution.length > MEASURE_LIMITS.attribution)
  ) {
    problem(
      errors,
      'measure.attribution',
      `Keep the attribution under ${MEASURE_LIMITS.attribution} characters.`,
    );
  }
  if (typeof m.validated !== 'boolean')
    problem(errors, 'measure.validated', 'Say whether this is a validated scale.');
  return errors;
}

/** Keeps only the known properties of a (sound) measure, text trimmed. */
export function normalizeMeasure(measure: MeasureScoring): MeasureScoring {
  const normalized: MeasureScoring = {
    method: measure.method,
    items: [...measure.items],
    bands: measure.bands.map((b) => ({
      min: b.min,
      max: b.max,
      label: b.label.trim(),
      severity: b.severity,
    })),
    validated: measure.validated,
  };
  if (measure.reversed?.length) normalized.reversed = [...measure.reversed];
  const attribution = measure.attribution?.trim();
  if (attribution) normalized.attribution = attribution;
  return normalized;
}
