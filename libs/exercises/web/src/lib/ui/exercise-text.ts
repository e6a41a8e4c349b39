import {
  AUDIENCE_LABELS,
  STAGE_LABELS,
  type ExerciseSummary,
  type FieldType,
  type Recurrence,
} from '@mend/shared/contracts';

export const RECURRENCE_LABELS: Record<Recurrence, string> = {
  once: 'Once',
  daily: 'Daily',
  weekly: 'Weekly',
};

export const FIELD_TYPE_ICONS: Record<FieldType, string> = {
  short_text: 'short_text',
  long_text: 'notes',
  scale: 'linear_scale',
  single_choice: 'radio_button_checked',
  multiple_choice: 'check_box',
  checklist: 'checklist',
  date: 'event',
  list: 'format_list_bulleted',
};

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
