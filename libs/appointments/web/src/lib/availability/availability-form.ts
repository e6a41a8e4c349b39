import {
  SESSION_DURATION,
  type Availability,
  type AvailabilityRule,
  type SaveAvailabilityRequest,
  type SessionLengths,
  type Weekday,
} from '@mend/shared/contracts';

export const WEEKDAY_NAMES: Record<Weekday, string> = {
  1: 'Monday',
  2: 'Tuesday',
  3: 'Wednesday',
  4: 'Thursday',
  5: 'Friday',
  6: 'Saturday',
  7: 'Sunday',
};
export const WEEKDAYS = [1, 2, 3, 4, 5, 6, 7] as const satisfies readonly Weekday[];

/** "Monday 09:00–12:00". */
export function ruleLabel(rule: AvailabilityRule): string {
  return `${WEEKDAY_NAMES[rule.weekday]} ${rule.startTime}–${rule.endTime}`;
}

/** Monday first, then by start. */
export function sortRules(rules: readonly AvailabilityRule[]): AvailabilityRule[] {
  return [...rules].sort((a, b) => a.weekday - b.weekday || a.startTime.localeCompare(b.startTime));
}

/**
 * The window a new row starts with: the day after the last one (Monday first), at the hours of
 * the last one, or Monday 09:00–12:00.
 */
export function nextRule(rules: readonly AvailabilityRule[]): AvailabilityRule {
  const last = rules[rules.length - 1];
  if (!last) return { weekday: 1, startTime: '09:00', endTime: '12:00' };
  const weekday = ((last.weekday % 7) + 1) as Weekday;
  return { weekday, startTime: last.startTime, endTime: last.endTime };
}

const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;

/**
 * What is wrong with each row, by index (an empty map when all is well): an end before its
 * start, or a window overlapping another on the same day.
 */
export function ruleProblems(rules: readonly AvailabilityRule[]): Map<number, string> {
  const problems = new Map<number, string>();
  rules.forEach((rule, i) => {
    if (!TIME.test(rule.startTime) || !TIME.test(rule.endTime)) {
      problems.set(i, 'Enter both times.');
    } else if (rule.endTime <= rule.startTime) {
      problems.set(i, 'The end comes after the start.');
    }
  });
  const unclear = new Set(problems.keys());
  rules.forEach((rule, i) => {
    if (unclear.has(i)) return;
    const other = rules.findIndex(
      (o, j) =>
        j !== i &&
        !unclear.has(j) &&
        o.weekday === rule.weekday &&
        o.startTime < rule.endTime &&
        rule.startTime < o.endTime,
    );
    if (other >= 0) problems.set(i, `Overlaps ${ruleLabel(rules[other])}.`);
  });
  return problems;
}

export function lengthProblem(minutes: number | null): string | null {
  if (minutes === null || !Number.isFinite(minutes)) return 'Enter the minutes.';
  if (!Number.isInteger(minutes)) return 'Use whole minutes.';
  if (minutes < SESSION_DURATION.min || minutes > SESSION_DURATION.max)
    return `Between ${SESSION_DURATION.min} and ${SESSION_DURATION.max}.`;
  return null;
}

export interface AvailabilityDraft {
  timeZone: string;
  rules: AvailabilityRule[];
  lengths: SessionLengths;
}

/**
 * The form's start: what was saved, sorted; a counselor who never set any times starts in their
 * browser's zone.
 */
export function draftOf(saved: Availability, browserZone: string): AvailabilityDraft {
  const fresh = !saved.rules.length && !saved.exceptions.length;
  return {
    timeZone: fresh ? browserZone : saved.timeZone,
    rules: sortRules(saved.rules),
    lengths: { ...saved.lengths },
  };
}

export function toSaveRequest(draft: AvailabilityDraft): SaveAvailabilityRequest {
  return {
    timeZone: draft.timeZone,
    rules: sortRules(draft.rules).map(({ weekday, startTime, endTime }) => ({
      weekday,
      startTime,
      endTime,
    })),
    lengths: { ...draft.lengths },
  };
}

/** Whether the draft differs from what was saved. */
export function draftChanged(draft: AvailabilityDraft, saved: Availability): boolean {
  return (
    JSON.stringify(toSaveRequest(draft)) !==
    JSON.stringify(
      toSaveRequest({ timeZone: saved.timeZone, rules: saved.rules, lengths: saved.lengths }),
    )
  );
}
