import {
  AUDIENCE_LABELS,
  STAGE_LABELS,
  type ExerciseSummary,
  type FieldType,
  type HomeworkMember,
  type Recurrence,
  type Severity,
} from '@mend/shared/contracts';

export const RECURRENCE_LABELS: Record<Recurrence, string> = {
  once: 'Once',
  daily: 'Daily',
  weekly: 'Weekly',
  fortnightly: 'Every 2 weeks',
};

export const SEVERITY_LABELS: Record<Severity, string> = {
  none: 'None',
  mild: 'Mild',
  moderate: 'Moderate',
  moderately_severe: 'Moderately severe',
  severe: 'Severe',
};

/** What the library and views show in place of a stage for a scored measure. */
export const MEASURE_LABEL = 'Measure';

/** Whether an exercise is a scored measure (the summary's flag, or the detail's scoring). */
export function isMeasure(exercise: { isMeasure?: boolean; measure?: unknown }): boolean {
  return !!exercise.isMeasure || !!exercise.measure;
}

/** Shown in previews where a client would see the clinic's crisis text. */
export const PREVIEW_CRISIS_TEXT =
  'Here the client sees your clinic’s crisis information as soon as they pick a critical answer, and the counselors on the case are alerted when it is submitted.';

export const FIELD_TYPE_ICONS: Record<FieldType, string> = {
  short_text: 'short_text',
  long_text: 'notes',
  scale: 'linear_scale',
  single_choice: 'radio_button_checked',
  multiple_choice: 'check_box',
  checklist: 'checklist',
  date: 'event',
  list: 'format_list_bulleted',
  member: 'group',
};

/** A word beside a type in the builder's menus, where the type fits only some exercises. */
export const FIELD_TYPE_HINTS: Partial<Record<FieldType, string>> = {
  member: 'for exercises done together',
};

/** Stand-ins for a case's members, where a preview shows a `member` question. */
export const PREVIEW_MEMBERS: HomeworkMember[] = [
  { userId: 'preview-first', displayName: 'First member' },
  { userId: 'preview-second', displayName: 'Second member' },
];

/** "Built-in", "By you", "By Maya Okafor". */
export function authorText(exercise: ExerciseSummary, myId: string | undefined): string {
  if (exercise.builtIn || !exercise.owner) return 'Built-in';
  return exercise.owner.id === myId ? 'By you' : `By ${exercise.owner.displayName}`;
}

/** "For each member · weekly". */
export function audienceText(exercise: Pick<ExerciseSummary, 'audience' | 'recurrence'>): string {
  const audience = AUDIENCE_LABELS[exercise.audience];
  const who = audience.charAt(0).toLowerCase() + audience.slice(1);
  return `For ${who} · ${RECURRENCE_LABELS[exercise.recurrence].toLowerCase()}`;
}

export { AUDIENCE_LABELS, STAGE_LABELS };
