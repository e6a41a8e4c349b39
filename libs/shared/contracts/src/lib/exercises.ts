import type { Page } from './pagination';

/** The path of repair (DOMAIN.md): stages are guidance, not a strict sequence. */
export const STAGES = [
  'acknowledge',
  'responsibility',
  'transparency',
  'repair',
  'conversations',
  'agreements',
  'reciprocity',
  'time',
  'way_forward',
] as const;
export type Stage = (typeof STAGES)[number];

export const STAGE_LABELS: Record<Stage, string> = {
  acknowledge: '1 · Acknowledge the hurt',
  responsibility: '2 · Take responsibility',
  transparency: '3 · Transparency',
  repair: '4 · Repair, not revenge',
  conversations: '5 · Honest, hard conversations',
  agreements: '6 · Clear agreements',
  reciprocity: '7 · Reciprocity and reliability',
  time: '8 · Time and patience',
  way_forward: '9 · Deciding the way forward',
};

/** What each stage is about, in plain words, for the people on the path. */
export const STAGE_ABOUT: Record<Stage, string> = {
  acknowledge:
    'Naming what happened and letting the hurt be heard, without rushing to fix or explain it away.',
  responsibility:
    'The person who broke trust owns their choices plainly, without blame or excuses.',
  transparency:
    'Openness that is offered rather than demanded, so facts stop being a source of fear.',
  repair:
    'Finding ways to feel safe again that do not depend on checking up on or punishing each other.',
  conversations:
    'Talking about the hard things, such as needs, grievances and what safety looks like now, at a pace you can both hold.',
  agreements:
    'Writing down clear agreements for going forward, and a rhythm for checking how they are kept.',
  reciprocity: 'Small promises kept week after week, and care given freely in both directions.',
  time: 'Letting trust grow back through time, without pressure, while noticing what helps.',
  way_forward: 'Deciding, honestly and with care, how you each want to go on, together or apart.',
};

/** Who an exercise is written for. */
export const AUDIENCES = ['broke_trust', 'was_hurt', 'each_member', 'together'] as const;
export type Audience = (typeof AUDIENCES)[number];

export const AUDIENCE_LABELS: Record<Audience, string> = {
  broke_trust: 'The person who broke trust',
  was_hurt: 'The person who was hurt',
  each_member: 'Each member',
  together: 'The members together',
};

export const RECURRENCES = ['once', 'daily', 'weekly', 'fortnightly'] as const;
export type Recurrence = (typeof RECURRENCES)[number];

export const FIELD_TYPES = [
  'short_text',
  'long_text',
  'scale',
  'single_choice',
  'multiple_choice',
  'checklist',
  'date',
  'list',
  'member',
] as const;
export type FieldType = (typeof FIELD_TYPES)[number];

export const FIELD_TYPE_LABELS: Record<FieldType, string> = {
  short_text: 'Short text',
  long_text: 'Long text',
  scale: 'Scale 0–10',
  single_choice: 'Single choice',
  multiple_choice: 'Multiple choice',
  checklist: 'Checklist',
  date: 'Date',
  list: 'List of items',
  member: 'Member of the case',
};

export interface FieldOption {
  value: string;
  label: string;
  /** Measures: what choosing this option adds to the score. */
  score?: number;
}

/**
 * Marks an answer as critical: when it is submitted the case's counselors are alerted, and the
 * person sees the clinic's crisis text as soon as they pick it. `at_most` / `at_least` compare a
 * scale's value or a scored option's score with `value`; `is_one_of` names option values.
 */
export interface CriticalRule {
  when: 'at_most' | 'at_least' | 'is_one_of';
  value?: number;
  values?: string[];
}

export const SEVERITIES = ['none', 'mild', 'moderate', 'moderately_severe', 'severe'] as const;
export type Severity = (typeof SEVERITIES)[number];

/** A range of scores and what it means, e.g. PHQ-9 10–14 "Moderate". */
export interface MeasureBand {
  min: number;
  max: number;
  label: string;
  severity: Severity;
}

/** How a measure is scored: which fields count, reversed items, sum or mean, severity bands. */
export interface MeasureScoring {
  method: 'sum' | 'mean';
  /** Keys of the scored fields: single choices with scored options, or scales. */
  items: string[];
  /** Items scored in reverse (highest option counts as the lowest). */
  reversed?: string[];
  bands: MeasureBand[];
  /** Shown with the measure: its source and licence. */
  attribution?: string;
  /** false for Mend's own checks, which are not validated scales. */
  validated: boolean;
}

/** A locked result: the score and its band, computed once on submit. */
export interface MeasureResult {
  score: number;
  band: MeasureBand | null;
}

/** One question of an exercise's form. */
export interface FieldDef {
  /** Stable within a version; answers are keyed by it. Lower-case letters, digits, `_`. */
  key: string;
  /** `member`: the answer is the user id of one of the case's members, shown by name. */
  type: FieldType;
  label: string;
  help?: string;
  required: boolean;
  /** short_text / long_text */
  maxLength?: number;
  /** scale: words for the two ends */
  minLabel?: string;
  maxLabel?: string;
  /** single_choice / multiple_choice / checklist */
  options?: FieldOption[];
  /** multiple_choice: an "other" answer in the person's own words */
  allowOther?: boolean;
  /** list: the sub-fields of each item (no lists inside lists) */
  itemFields?: FieldDef[];
  maxItems?: number;
  /** An answer that alerts the case's counselors (see CriticalRule). */
  critical?: CriticalRule;
}

/** Answers keyed by field key. Lists hold one answer object per item. */
export type AnswerValue =
  | string
  | number
  | string[]
  | { values: string[]; other?: string }
  | Answers[]
  | null;
export interface Answers {
  [key: string]: AnswerValue;
}

export interface ExerciseContent {
  title: string;
  /**
   * One plain sentence on what the exercise asks, for the library's cards. Optional: without it
   * the cards show the first sentence of the instructions.
   */
  summary?: string | null;
  stage: Stage;
  audience: Audience;
  recurrence: Recurrence;
  instructions: string;
  fields: FieldDef[];
  /** Present when this is a scored measure (PHQ-9, GAD-7, a clinic's licensed scale). */
  measure?: MeasureScoring | null;
}

export type ExerciseStatus = 'active' | 'archived';

export interface ExerciseSummary {
  id: string;
  title: string;
  stage: Stage;
  audience: Audience;
  recurrence: Recurrence;
  builtIn: boolean;
  /** The card's one line on what the exercise asks: its summary, else its instructions' first sentence. */
  summaryLine: string;
  /** A scored measure rather than an exercise. */
  isMeasure: boolean;
  status: ExerciseStatus;
  version: number;
  owner: { id: string; displayName: string } | null;
  basedOn: { id: string; title: string } | null;
}

export interface ExerciseDetail extends ExerciseSummary, ExerciseContent {
  /** true when the caller may edit or archive it (its author, never a built-in). */
  editable: boolean;
}

export type ExercisePage = Page<ExerciseSummary>;

export interface SaveExerciseRequest extends ExerciseContent {
  /** For an edit: the version that was read (a newer one answers 409). */
  version?: number;
}
