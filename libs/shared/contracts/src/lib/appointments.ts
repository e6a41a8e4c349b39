import type { Person, SessionMode, SessionType } from './notes';

/**
 * Who an appointment is for: `individual` (one member and the counselor; the partner never sees
 * it, not even as "busy") or `joint` (every member; requested only while joint work is open and
 * confirmed only by the counselor).
 */
export const APPOINTMENT_AUDIENCES = ['individual', 'joint'] as const;
export type AppointmentAudience = (typeof APPOINTMENT_AUDIENCES)[number];

/**
 * requested → accepted (a session is recorded) | proposed (another time: the client accepts it
 * or says no) | declined (with a reason); any open or accepted one can be cancelled. Nothing is
 * deleted: every step stays in the appointment's history.
 */
export const APPOINTMENT_STATES = [
  'requested',
  'proposed',
  'accepted',
  'declined',
  'cancelled',
] as const;
export type AppointmentState = (typeof APPOINTMENT_STATES)[number];

/** ISO weekday: 1 = Monday … 7 = Sunday. */
export type Weekday = 1 | 2 | 3 | 4 | 5 | 6 | 7;

/** A weekly window in the counselor's time zone, e.g. Mondays 09:00–12:00. */
export interface AvailabilityRule {
  weekday: Weekday;
  /** "HH:MM", 24-hour, in the availability's time zone. */
  startTime: string;
  endTime: string;
}

/** A date range off (holiday) or an extra window, as instants. */
export interface AvailabilityException {
  id: string;
  kind: 'off' | 'extra';
  startsAt: string;
  endsAt: string;
}

/** Minutes per session type when a client books. */
export type SessionLengths = Record<SessionType, number>;

/** `GET`/`PUT /api/availability` (counselors: their own). */
export interface Availability {
  /** IANA time zone the weekly rules are in, e.g. "America/New_York". */
  timeZone: string;
  rules: AvailabilityRule[];
  lengths: SessionLengths;
  exceptions: AvailabilityException[];
}

export interface SaveAvailabilityRequest {
  timeZone: string;
  rules: AvailabilityRule[];
  lengths: SessionLengths;
}

/** `POST /api/availability/exceptions` */
export interface AddAvailabilityExceptionRequest {
  kind: 'off' | 'extra';
  startsAt: string;
  endsAt: string;
}

/** `GET /api/cases/:caseId/appointment-slots?audience=&from=YYYY-MM-DD&days=` */
export interface AppointmentSlots {
  counselor: Person;
  /** The counselor's time zone (the page shows times in the viewer's own). */
  timeZone: string;
  durationMinutes: number;
  type: SessionType;
  /** Free start times (ISO instants), earliest first. */
  slots: string[];
  /** Whether a joint appointment can be requested now, and why not. */
  jointAllowed: boolean;
  jointReason: string | null;
}

/** `POST /api/cases/:caseId/appointments` (clients) */
export interface RequestAppointmentRequest {
  audience: AppointmentAudience;
  startsAt: string;
  mode: SessionMode;
  /** A few words for the counselor (optional). */
  note?: string;
  /** A fresh id per attempt from the browser: a retry answers the same request. */
  clientKey: string;
}

/** `POST /api/appointments/:id/propose` and `…/reschedule` (counselors) */
export interface AppointmentTimeRequest {
  startsAt: string;
}

/** `POST /api/appointments/:id/decline` and `…/cancel` */
export interface AppointmentReasonRequest {
  reason: string;
}

export type AppointmentAction =
  | 'requested'
  | 'proposed'
  | 'accepted'
  | 'declined'
  | 'cancelled'
  | 'rescheduled';

export interface AppointmentChange {
  action: AppointmentAction;
  at: string;
  by: Person;
  /** The time the step was about (requested, proposed, rescheduled to). */
  startsAt: string | null;
  /** A decline's or a cancellation's reason. */
  reason: string | null;
}

export interface AppointmentView {
  id: string;
  caseId: string;
  caseTitle: string;
  audience: AppointmentAudience;
  /** The member of an individual appointment; null for a joint one. */
  client: Person | null;
  /** Everyone it is for: the counselor, then the member(s). */
  attendees: Person[];
  counselor: Person;
  state: AppointmentState;
  startsAt: string;
  durationMinutes: number;
  type: SessionType;
  mode: SessionMode;
  /** The counselor's proposed other time, while `proposed`. */
  proposedStartsAt: string | null;
  note: string | null;
  requestedBy: Person;
  requestedAt: string;
  /** The session it became (counselors only). */
  sessionId: string | null;
  history: AppointmentChange[];
  can: {
    accept: boolean;
    propose: boolean;
    decline: boolean;
    acceptProposal: boolean;
    cancel: boolean;
    reschedule: boolean;
  };
}

/** `GET /api/appointments?scope=upcoming|waiting|past` */
export type AppointmentScope = 'upcoming' | 'waiting' | 'past';

/** `GET /api/calendar-feed` (counselors): the private feed of their sessions. */
export interface CalendarFeed {
  /** The secret address to subscribe to; null when none is active. Shown once when created. */
  url: string | null;
  createdAt: string | null;
}
