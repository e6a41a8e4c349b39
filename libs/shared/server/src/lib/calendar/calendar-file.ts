import ical, { ICalCalendarMethod, ICalEventStatus } from 'ical-generator';

/** One appointment as a calendar shows it: a neutral title and place, never a name or reason. */
export interface CalendarEntry {
  /** Stable for the appointment, so a later file updates or cancels the same calendar entry. */
  uid: string;
  /** Grows with every change; a calendar keeps the entry with the highest. */
  sequence: number;
  /** Instants (ISO strings once stored as JSON). */
  startsAt: Date | string;
  endsAt: Date | string;
  cancelled?: boolean;
}

/** What every entry says: someone glancing at a phone's calendar learns nothing more. */
export const CALENDAR_TITLE = 'Appointment';
export const CALENDAR_LOCATION = 'Mend';

/**
 * An iCalendar file (RFC 5545) of the entries: `REQUEST` for a confirmation, a change or a
 * reminder, `CANCEL` when the appointment is off, `PUBLISH` for a subscribed feed. Times are
 * instants (UTC), so they mean the same in every time zone and across daylight-saving changes.
 */
export function calendarFile(
  method: 'REQUEST' | 'CANCEL' | 'PUBLISH',
  entries: CalendarEntry[],
): string {
  const calendar = ical({ name: CALENDAR_LOCATION, prodId: { company: 'Mend', product: 'Mend' } });
  calendar.method(ICalCalendarMethod[method]);
  for (const entry of entries) {
    calendar.createEvent({
      id: entry.uid,
      sequence: entry.sequence,
      start: new Date(entry.startsAt),
      end: new Date(entry.endsAt),
      summary: CALENDAR_TITLE,
      location: CALENDAR_LOCATION,
      status: entry.cancelled ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
    });
  }
  return calendar.toString();
}

/** A sequence that only grows: minutes since 2020 of the last change. */
export function calendarSequence(changedAt: Date): number {
  return Math.max(0, Math.floor((changedAt.getTime() - Date.UTC(2020, 0, 1)) / 60_000));
}
