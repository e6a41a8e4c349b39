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

/**
 * A new session: started at the last quarter hour (now or just before, never later: a session is
 * mostly recorded once held, and its note is signed once it is over), 50 minutes, of the case's
 * kind, everyone there.
 */
export function newSessionValue(
  caseType: CaseType,
  memberIds: string[],
  now = new Date(),
): SessionFormValue {
  const start = new Date(now);
  start.setMinutes(start.getMinutes() - (start.getMinutes() % 15), 0, 0);
  return {
    day: dayOf(start.toISOString()),
    time: timeOf(start.toISOString()),
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

/**
 * Whether the start entered is later than now: an upcoming session, which may be recorded ahead
 * but whose note is signed only once it is over. False while the day or time is incomplete.
 */
export function startsInFuture(
  value: Pick<SessionFormValue, 'day' | 'time'>,
  now = new Date(),
): boolean {
  if (!value.day || !/^\d{1,2}:\d{2}/.test(value.time)) return false;
  const start = new Date(toStartsAt(value.day, value.time));
  return !Number.isNaN(start.getTime()) && start > now;
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
