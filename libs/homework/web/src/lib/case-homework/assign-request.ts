import {
  STAGE_LABELS,
  STAGES,
  type AssignExerciseRequest,
  type AssignmentTarget,
  type Audience,
  type CaseMemberView,
  type ExerciseSummary,
  type Recurrence,
} from '@mend/shared/contracts';
import { formatDay, MEASURE_LABEL, toIsoDate } from '../ui/homework-text';

const DAY = 24 * 60 * 60 * 1000;

/** Days between two due dates of a repeating assignment. */
export const STEP_DAYS: Record<Recurrence, number> = {
  once: 0,
  daily: 1,
  weekly: 7,
  fortnightly: 14,
};

/** How often, in the summary's words. */
const EVERY: Record<Recurrence, string> = {
  once: 'once',
  daily: 'daily',
  weekly: 'weekly',
  fortnightly: 'every 2 weeks',
};

/** How long a measure repeats by default: about three months of readings every two weeks. */
export const MEASURE_RUN_DAYS = 84;

export interface AssignFormValue {
  exerciseId: string;
  target: AssignmentTarget;
  memberId: string | null;
  dueOn: Date | null;
  recurrence: Recurrence;
  until: Date | null;
  instructions: string;
}

/** The request for the dialog's values: `memberId` only for one member, `until` only repeating. */
export function toAssignRequest(value: AssignFormValue): AssignExerciseRequest {
  const request: AssignExerciseRequest = {
    exerciseId: value.exerciseId,
    target: value.target,
    dueOn: value.dueOn ? toIsoDate(value.dueOn) : '',
    recurrence: value.recurrence,
  };
  if (value.target === 'member' && value.memberId) request.memberId = value.memberId;
  if (value.recurrence !== 'once' && value.until) request.until = toIsoDate(value.until);
  const instructions = value.instructions.trim();
  if (instructions) request.instructions = instructions;
  return request;
}

/** Who an exercise is usually assigned to, from the audience it is written for. */
export function defaultTarget(
  audience: Audience,
  members: CaseMemberView[],
): {
  target: AssignmentTarget;
  memberId: string | null;
} {
  if (audience === 'together') return { target: 'together', memberId: null };
  if (audience === 'each_member')
    return { target: members.length > 1 ? 'each' : 'member', memberId: members[0]?.userId ?? null };
  // Written for one side of the breach: the member the counselor labelled so, if any.
  const labelled = members.find((m) => m.label === audience);
  return { target: 'member', memberId: labelled?.userId ?? null };
}

/** How many due dates a schedule makes (0 when it is incomplete or backwards). */
export function occurrences(
  dueOn: Date | null,
  recurrence: Recurrence,
  until: Date | null,
): number {
  if (!dueOn) return 0;
  if (recurrence === 'once') return 1;
  if (!until) return 0;
  const days = Math.round((until.getTime() - dueOn.getTime()) / DAY);
  if (days < 0) return 0;
  return Math.floor(days / STEP_DAYS[recurrence]) + 1;
}

/** A plain sentence of what assigning will create. */
export function assignSummary(
  value: Pick<AssignFormValue, 'target' | 'dueOn' | 'recurrence' | 'until'>,
  memberCount: number,
): string {
  const count = occurrences(value.dueOn, value.recurrence, value.until);
  if (!count || !value.dueOn) return '';
  const each =
    value.target === 'each'
      ? ` for each of the ${memberCount} members`
      : value.target === 'together'
        ? ' the members share'
        : '';
  const due = formatDay(toIsoDate(value.dueOn));
  if (value.recurrence === 'once' || !value.until)
    return `Creates one piece of homework${each}, due ${due}.`;
  const every = EVERY[value.recurrence];
  return `Creates ${count} pieces of homework${each}, due ${every} from ${due} until ${formatDay(toIsoDate(value.until))}. You can stop it at any time.`;
}

/** The last due date suggested when a schedule starts repeating. */
export function defaultUntil(dueOn: Date, recurrence: Recurrence, measure = false): Date | null {
  if (recurrence === 'once') return null;
  if (measure) return addDays(dueOn, MEASURE_RUN_DAYS);
  return addDays(dueOn, { daily: 13, weekly: 28, fortnightly: 56 }[recurrence]);
}

/**
 * What choosing an exercise sets: who it is for, how often, and for a measure (taken every
 * two weeks for about three months) the last due date.
 */
export function exerciseDefaults(
  exercise: Pick<ExerciseSummary, 'audience' | 'recurrence' | 'isMeasure'>,
  members: CaseMemberView[],
  dueOn: Date | null,
): {
  target: AssignmentTarget;
  memberId: string | null;
  recurrence: Recurrence;
  until?: Date | null;
} {
  const who = defaultTarget(exercise.audience, members);
  if (!exercise.isMeasure) return { ...who, recurrence: exercise.recurrence };
  return {
    ...who,
    recurrence: 'fortnightly',
    until: defaultUntil(dueOn ?? addDays(new Date(), 0), 'fortnightly', true),
  };
}

/** The library for the exercise select: by stage along the path, the measures last. */
export function exerciseGroups(
  list: ExerciseSummary[],
): { key: string; label: string; items: ExerciseSummary[] }[] {
  const groups = STAGES.map((stage) => ({
    key: stage as string,
    label: STAGE_LABELS[stage],
    items: list.filter((e) => !e.isMeasure && e.stage === stage),
  }));
  groups.push({ key: 'measures', label: 'Measures', items: list.filter((e) => e.isMeasure) });
  return groups.filter((g) => g.items.length > 0);
}

/** Stage, or "Measure", of the chosen exercise. */
export function exerciseStageText(e: Pick<ExerciseSummary, 'stage' | 'isMeasure'>): string {
  return e.isMeasure ? MEASURE_LABEL : STAGE_LABELS[e.stage];
}

export function addDays(date: Date, days: number): Date {
  return new Date(date.getFullYear(), date.getMonth(), date.getDate() + days);
}
