import { joinNames } from '@mend/caseload/web';
import { RECURRENCE_LABELS } from '@mend/exercises/web';
import {
  STAGE_LABELS,
  type AssignmentView,
  type HomeworkStatus,
  type HomeworkSummary,
  type MeasureResult,
  type Stage,
} from '@mend/shared/contracts';

const DAY = 24 * 60 * 60 * 1000;

/** The local calendar day of a `YYYY-MM-DD` string. */
export function fromIsoDate(value: string): Date {
  const [year, month, day] = value.slice(0, 10).split('-').map(Number);
  return new Date(year, month - 1, day);
}

/** `YYYY-MM-DD` of a day as the user picked it (local calendar, never shifted by UTC). */
export function toIsoDate(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/** Whole days from `today` to `dueOn` (negative when it is past). */
export function daysUntil(dueOn: string, today: Date): number {
  const start = new Date(today.getFullYear(), today.getMonth(), today.getDate());
  return Math.round((fromIsoDate(dueOn).getTime() - start.getTime()) / DAY);
}

const shortDate = new Intl.DateTimeFormat('en', {
  weekday: 'short',
  day: 'numeric',
  month: 'short',
});

/** "Due today", "Due tomorrow", "Due in 3 days", "Due Mon, May 12", "2 days overdue". */
export function dueText(item: Pick<HomeworkSummary, 'dueOn' | 'overdue'>, today: Date): string {
  const days = daysUntil(item.dueOn, today);
  if (item.overdue || days < 0) {
    const late = Math.max(1, -days);
    return late === 1 ? '1 day overdue' : `${late} days overdue`;
  }
  if (days === 0) return 'Due today';
  if (days === 1) return 'Due tomorrow';
  if (days < 7) return `Due in ${days} days`;
  return `Due ${shortDate.format(fromIsoDate(item.dueOn))}`;
}

/** The colour of a status chip: done work is calm, work in hand stands out a little. */
export type ChipTone = 'ok' | 'pending' | 'off' | '';

export function statusTone(status: HomeworkStatus, overdue: boolean): ChipTone {
  if (status === 'reviewed') return 'ok';
  if (status === 'submitted') return 'pending';
  return overdue ? 'off' : '';
}

/** Who a piece of homework is for, as a counselor reads it in a list. */
export function forWhom(item: Pick<HomeworkSummary, 'together' | 'member'>): string {
  if (item.together) return 'Together';
  return item.member?.displayName ?? '';
}

const longDate = new Intl.DateTimeFormat('en', { day: 'numeric', month: 'short', year: 'numeric' });

export function formatDay(value: string): string {
  return longDate.format(fromIsoDate(value));
}

/** Shown in place of a stage for a scored measure (PHQ-9, GAD-7…). */
export const MEASURE_LABEL = 'Measure';

/** The stage of an exercise or homework, or "Measure" for a scored measure. */
export function stageText(item: { stage: Stage; isMeasure?: boolean; measure?: unknown }): string {
  return item.isMeasure || item.measure ? MEASURE_LABEL : STAGE_LABELS[item.stage];
}

/**
 * "PHQ-9 · 17 (Moderately severe)": a measure's locked score and its band, under the short
 * name of the measure ("PHQ-9 · Patient Health Questionnaire" is "PHQ-9").
 */
export function measureResultText(title: string, result: MeasureResult): string {
  const name = title.split(' · ')[0];
  const score = Number.isInteger(result.score) ? String(result.score) : result.score.toFixed(1);
  return `${name} · ${score}${result.band ? ` (${result.band.label})` : ''}`;
}

/** "Once, due May 12, 2026" or "Weekly from May 12, 2026 until Jun 30, 2026". */
export function scheduleText(
  a: Pick<AssignmentView, 'recurrence' | 'firstDueOn' | 'until'>,
): string {
  if (a.recurrence === 'once') return `Once, due ${formatDay(a.firstDueOn)}`;
  const until = a.until ? ` until ${formatDay(a.until)}` : '';
  return `${RECURRENCE_LABELS[a.recurrence]} from ${formatDay(a.firstDueOn)}${until}`;
}

/** "Sam", "Each member: Sam, Alex", "Together: Sam and Alex". */
export function targetText(a: Pick<AssignmentView, 'target' | 'members'>): string {
  const names = a.members.map((m) => m.displayName);
  if (a.target === 'together') return `Together: ${joinNames(names)}`;
  if (a.target === 'each') return `Each member: ${names.join(', ')}`;
  return joinNames(names);
}
