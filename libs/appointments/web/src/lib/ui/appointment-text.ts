import {
  SESSION_MODE_LABELS,
  type AppointmentChange,
  type AppointmentState,
  type AppointmentView,
  type Person,
} from '@mend/shared/contracts';
import { whenLabel } from './appointment-time';

/** "Kai", "Kai and Lee", "Kai, Lee and Sam". */
export function joinNames(names: readonly string[]): string {
  if (names.length <= 1) return names[0] ?? '';
  return `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}

/** Everyone the appointment is for but the counselor. */
export function members(appointment: Pick<AppointmentView, 'attendees' | 'counselor'>): Person[] {
  return appointment.attendees.filter((p) => p.userId !== appointment.counselor.userId);
}

/** The time it is about now: the proposed one while the counselor suggests another. */
export function currentStart(
  appointment: Pick<AppointmentView, 'state' | 'startsAt' | 'proposedStartsAt'>,
): string {
  return appointment.state === 'proposed' && appointment.proposedStartsAt
    ? appointment.proposedStartsAt
    : appointment.startsAt;
}

/** "In person · 50 min". */
export function kindLine(appointment: Pick<AppointmentView, 'mode' | 'durationMinutes'>): string {
  return `${SESSION_MODE_LABELS[appointment.mode]} · ${appointment.durationMinutes} min`;
}

/**
 * A client's words for what the appointment is: "Just you and Maya Okafor" or "Together with
 * Maya Okafor" (a joint one names no partner: the counselor's name is enough).
 */
export function clientTitle(appointment: Pick<AppointmentView, 'audience' | 'counselor'>): string {
  return appointment.audience === 'joint'
    ? `Together with ${appointment.counselor.displayName}`
    : `Just you and ${appointment.counselor.displayName}`;
}

/** A counselor's words: the member(s) it is for, "Kai Moreno" or "Kai and Lee Moreno (joint)". */
export function counselorTitle(
  appointment: Pick<AppointmentView, 'audience' | 'attendees' | 'counselor'>,
): string {
  const names = joinNames(members(appointment).map((p) => p.displayName));
  return appointment.audience === 'joint' ? `${names} · together` : names;
}

export interface StateText {
  text: string;
  tone: 'ok' | 'pending' | 'off' | 'plain';
}

/** The state in a chip, as the viewer reads it. */
export function stateText(
  state: AppointmentState,
  viewer: 'client' | 'counselor',
  counselorName = 'your counselor',
): StateText {
  switch (state) {
    case 'requested':
      return viewer === 'client'
        ? { text: `Waiting for ${counselorName.split(' ')[0]}`, tone: 'pending' }
        : { text: 'Requested', tone: 'pending' };
    case 'proposed':
      return viewer === 'client'
        ? { text: 'New time suggested', tone: 'pending' }
        : { text: 'Waiting for the client', tone: 'plain' };
    case 'accepted':
      return { text: 'Confirmed', tone: 'ok' };
    case 'declined':
      return { text: 'Not taken', tone: 'off' };
    case 'cancelled':
      return { text: 'Cancelled', tone: 'off' };
  }
}

/**
 * One step of the history in plain words, "You asked for Mon 15 Mar, 9:00 AM (New York time)",
 * "Maya Okafor suggested …", "Kai Moreno cancelled: A work trip".
 */
export function historyLine(
  change: AppointmentChange,
  meId: string | undefined,
  timeZone: string,
  now = new Date(),
): string {
  const who = change.by.userId === meId ? 'You' : change.by.displayName;
  const when = change.startsAt ? whenLabel(change.startsAt, timeZone, now) : null;
  const reason = change.reason?.trim() ? `: “${change.reason.trim()}”` : '';
  switch (change.action) {
    case 'requested':
      return when ? `${who} asked for ${when}` : `${who} asked for an appointment`;
    case 'proposed':
      return when ? `${who} suggested ${when} instead` : `${who} suggested another time`;
    case 'accepted':
      return when ? `${who} confirmed ${when}` : `${who} confirmed the appointment`;
    case 'declined':
      return `${who} said no to this time${reason}`;
    case 'cancelled':
      return `${who} cancelled${reason}`;
    case 'rescheduled':
      return when ? `${who} moved it to ${when}` : `${who} moved it`;
  }
}
