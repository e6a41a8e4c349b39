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

/** Who an exercise is written for. */
export const AUDIENCES = ['broke_trust', 'was_hurt', 'each_member', 'together'] as const;
export type Audience = (typeof AUDIENCES)[number];

export const AUDIENCE_LABELS: Record<Audience, string> = {
  broke_trust: 'The person who broke trust',
  was_hurt: 'The person who was hurt',
  each_member: 'Each member',
  together: 'The members together',
};

export const RECURRENCES = ['once', 'daily', 'weekly'] as const;
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
};

export interface FieldOption {
  value: string;
  label: string;
}

/** One question of an exercise's form. */
export interface FieldDef {
  /** Stable within a version; answers are keyed by it. Lower-case letters, digits, `_`. */
  key: string;
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
  stage: Stage;
  audience: Audience;
  recurrence: Recurrence;
  instructions: string;
  fields: FieldDef[];
}

export type ExerciseStatus = 'active' | 'archived';

export interface ExerciseSummary {
  id: string;
  title: string;
  stage: Stage;
  audience: Audience;
  recurrence: Recurrence;
  builtIn: boolean;
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
