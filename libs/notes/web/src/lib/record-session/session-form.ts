import {
  SESSION_DURATION,
  type CaseType,
  type CreateSessionRequest,
  type SessionMode,
  type SessionType,
  type SessionView,
} from '@mend/shared/contracts';
import { dayOf, timeOf, toStartsAt } from '../ui/session-text';

export interface SessionFormValue {
  day: Date | null;
  /** "15:00" */
  time: string;
  durationMinutes: number | null;
  type: SessionType;
  mode: SessionMode;
  attendeeIds: string[];
}

/** The durations offered first; any whole number of minutes in range is accepted. */
export const DURATION_CHOICES = [30, 45, 50, 60, 75, 90, 120] as const;

/** A new session: today at the next full hour, 50 minutes, of the case's kind, everyone there. */
export function newSessionValue(
  caseType: CaseType,
  memberIds: string[],
  now = new Date(),
): SessionFormValue {
  const next = new Date(now);
  next.setMinutes(0, 0, 0);
  next.setHours(next.getHours() + 1);
  return {
    day: dayOf(next.toISOString()),
    time: timeOf(next.toISOString()),
    durationMinutes: 50,
    type: caseType,
    mode: 'in_person',
    attendeeIds: [...memberIds],
  };
}

export function sessionValue(session: SessionView): SessionFormValue {
  return {
    day: dayOf(session.startsAt),
    time: timeOf(session.startsAt),
    durationMinutes: session.durationMinutes,
    type: session.type,
    mode: session.mode,
    attendeeIds: session.attendees.map((a) => a.userId),
  };
}

export function toSessionRequest(value: SessionFormValue): CreateSessionRequest {
  if (!value.day) throw new Error('The day is missing.');
  return {
    startsAt: toStartsAt(value.day, value.time),
    durationMinutes: Number(value.durationMinutes),
    type: value.type,
    mode: value.mode,
    attendeeIds: value.attendeeIds,
  };
}

/** Only what changed, for PATCH. */
export function sessionChanges(
  before: SessionView,
  value: SessionFormValue,
): Partial<CreateSessionRequest> {
  const after = toSessionRequest(value);
  const changes: Partial<CreateSessionRequest> = {};
  if (new Date(after.startsAt).getTime() !== new Date(before.startsAt).getTime())
    changes.startsAt = after.startsAt;
  if (after.durationMinutes !== before.durationMinutes)
    changes.durationMinutes = after.durationMinutes;
  if (after.type !== before.type) changes.type = after.type;
  if (after.mode !== before.mode) changes.mode = after.mode;
  const ids = before.attendees.map((a) => a.userId).sort();
  if ([...after.attendeeIds].sort().join() !== ids.join()) changes.attendeeIds = after.attendeeIds;
  return changes;
}

export function durationProblem(minutes: number | null): string | null {
  if (minutes === null || Number.isNaN(minutes)) return 'Enter how long the session lasts.';
  if (!Number.isInteger(minutes)) return 'Use whole minutes.';
  if (minutes < SESSION_DURATION.min || minutes > SESSION_DURATION.max)
    return `Between ${SESSION_DURATION.min} and ${SESSION_DURATION.max} minutes.`;
  return null;
}
