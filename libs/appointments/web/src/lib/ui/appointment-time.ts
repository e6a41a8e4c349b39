/**
 * Times of appointments as people read them: always in a named time zone (the viewer's browser's,
 * or on the counselor's availability page the availability's), e.g.
 * "Mon 15 Mar, 9:00 AM (New York time)". Pure functions over Intl, so they can be tested in any
 * zone, across daylight-saving changes.
 */

/** The browser's IANA time zone, e.g. "America/New_York". */
export function browserTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}

/** "New York time", "London time", "UTC": how a zone is named beside a time. */
export function zoneLabel(timeZone: string): string {
  if (/^(Etc\/)?(UTC|GMT|UCT|Zulu|Universal)$/i.test(timeZone)) return 'UTC';
  const city = timeZone.split('/').pop() ?? timeZone;
  return `${city.replace(/_/g, ' ')} time`;
}

/** "America/New_York" → "New York (America)": a zone in a list to choose from. */
export function zoneOptionLabel(timeZone: string): string {
  const parts = timeZone.split('/');
  if (parts.length < 2) return timeZone;
  const city = parts.slice(1).join(' / ').replace(/_/g, ' ');
  return `${city} (${parts[0]})`;
}

/** The zones a person may choose from, with the given ones (e.g. a saved one) included. */
export function timeZones(...include: string[]): string[] {
  const intl = Intl as { supportedValuesOf?: (key: 'timeZone') => string[] };
  const known = intl.supportedValuesOf?.('timeZone') ?? [];
  return [...new Set([...known, ...include.filter(Boolean)])].sort();
}

interface ZonedParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  weekday: number; // 1 = Monday … 7 = Sunday
}

const partFormats = new Map<string, Intl.DateTimeFormat>();
const WEEKDAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** The wall-clock reading of an instant in a zone. */
export function zonedParts(instant: Date | string, timeZone: string): ZonedParts {
  let format = partFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      weekday: 'short',
      hourCycle: 'h23',
    });
    partFormats.set(timeZone, format);
  }
  const parts: Record<string, string> = {};
  for (const part of format.formatToParts(new Date(instant))) parts[part.type] = part.value;
  return {
    year: Number(parts['year']),
    month: Number(parts['month']),
    day: Number(parts['day']),
    hour: Number(parts['hour']) % 24,
    minute: Number(parts['minute']),
    weekday: WEEKDAYS.indexOf(parts['weekday'] ?? '') + 1,
  };
}

const pad = (n: number) => String(n).padStart(2, '0');

/** The day an instant falls on in a zone, "YYYY-MM-DD". */
export function dayKey(instant: Date | string, timeZone: string): string {
  const p = zonedParts(instant, timeZone);
  return `${p.year}-${pad(p.month)}-${pad(p.day)}`;
}

/** "YYYY-MM-DD" plus (or minus) whole days. */
export function addDays(day: string, days: number): string {
  const [y, m, d] = day.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

/** "Mon 15 Mar" (with the year when it is not the current one in that zone). */
export function dayLabel(instant: Date | string, timeZone: string, now = new Date()): string {
  const p = zonedParts(instant, timeZone);
  const year = p.year !== zonedParts(now, timeZone).year ? ` ${p.year}` : '';
  return `${WEEKDAYS[p.weekday - 1]} ${p.day} ${MONTHS[p.month - 1]}${year}`;
}

/** "9:00 AM" in the zone. */
export function timeLabel(instant: Date | string, timeZone: string): string {
  const p = zonedParts(instant, timeZone);
  const hour = p.hour % 12 || 12;
  return `${hour}:${pad(p.minute)} ${p.hour < 12 ? 'AM' : 'PM'}`;
}

/** "Mon 15 Mar, 9:00 AM (New York time)". */
export function whenLabel(instant: Date | string, timeZone: string, now = new Date()): string {
  return `${dayLabel(instant, timeZone, now)}, ${timeLabel(instant, timeZone)} (${zoneLabel(timeZone)})`;
}

/** "Mon 15 Mar, 9:00 AM – 9:50 AM (New York time)". */
export function spanLabel(
  instant: Date | string,
  minutes: number,
  timeZone: string,
  now = new Date(),
): string {
  const end = new Date(new Date(instant).getTime() + minutes * 60_000);
  return `${dayLabel(instant, timeZone, now)}, ${timeLabel(instant, timeZone)} – ${timeLabel(end, timeZone)} (${zoneLabel(timeZone)})`;
}

export interface SlotDay {
  /** "YYYY-MM-DD" in the zone. */
  day: string;
  /** "Mon 15 Mar" */
  label: string;
  slots: { startsAt: string; time: string }[];
}

/**
 * Free start times grouped by the day they fall on in `timeZone`, in order. A day follows the
 * zone's own clock, so across a daylight-saving change each time stays on its local day.
 */
export function groupSlotsByDay(
  slots: readonly string[],
  timeZone: string,
  now = new Date(),
): SlotDay[] {
  const days: SlotDay[] = [];
  const sorted = [...slots].sort((a, b) => new Date(a).getTime() - new Date(b).getTime());
  for (const startsAt of sorted) {
    const day = dayKey(startsAt, timeZone);
    let group = days[days.length - 1];
    if (group?.day !== day) {
      group = { day, label: dayLabel(startsAt, timeZone, now), slots: [] };
      days.push(group);
    }
    group.slots.push({ startsAt, time: timeLabel(startsAt, timeZone) });
  }
  return days;
}

/**
 * The instant a wall-clock reading ("YYYY-MM-DDTHH:MM") names in a zone, as ISO. A reading the
 * zone skips (a spring-forward gap) moves on by the gap, as a clock would.
 */
export function zonedToInstant(local: string, timeZone: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})/.exec(local);
  if (!match) throw new Error(`Not a date and time: ${local}`);
  const [y, m, d, h, min] = match.slice(1).map(Number);
  const wanted = Date.UTC(y, m - 1, d, h, min);
  const offsetAt = (t: number) => {
    const p = zonedParts(new Date(t), timeZone);
    return Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute) - t;
  };
  let instant = wanted - offsetAt(wanted);
  instant = wanted - offsetAt(instant);
  return new Date(instant).toISOString();
}

/** An instant's wall-clock reading in a zone, "YYYY-MM-DDTHH:MM" (a datetime-local value). */
export function instantToZoned(instant: Date | string, timeZone: string): string {
  const p = zonedParts(instant, timeZone);
  return `${p.year}-${pad(p.month)}-${pad(p.day)}T${pad(p.hour)}:${pad(p.minute)}`;
}
