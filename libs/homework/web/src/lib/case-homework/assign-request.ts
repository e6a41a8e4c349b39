import type {
  AssignExerciseRequest,
  AssignmentTarget,
  Audience,
  CaseMemberView,
  Recurrence,
} from '@mend/shared/contracts';
import { formatDay, toIsoDate } from '../ui/homework-text';

const DAY = 24 * 60 * 60 * 1000;

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
  return Math.floor(days / (recurrence === 'daily' ? 1 : 7)) + 1;
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
  const every = value.recurrence === 'daily' ? 'daily' : 'weekly';
  return `Creates ${count} pieces of homework${each}, due ${every} from ${due} until ${formatDay(toIsoDate(value.until))}. You can stop it at any time.`;
}

export function addDays(date: Date, days: number): Date {
  return new Date(date.getFullYear(), date.getMonth(), date.getDate() + days);
}
