/**
 * Local time in a person's time zone, for quiet hours, the daily digest and "due tomorrow".
 * Built on Intl only, so daylight-saving changes come from the platform's time-zone data.
 */

export const FALLBACK_TIME_ZONE = 'UTC';

export function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** "HH:MM" as minutes after midnight. */
export function minutesOf(clock: string): number {
  const [h, m] = clock.split(':').map(Number);
  return h * 60 + m;
}

interface LocalParts {
  /** YYYY-MM-DD */
  date: string;
  /** Minutes after local midnight. */
  minutes: number;
}

/** The local calendar date and time of day of an instant in a zone. */
export function localParts(instant: Date, zone: string): LocalParts {
  const parts = dateFormat('en-CA', {
    timeZone: zone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(instant);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '00';
  return {
    date: `${get('year')}-${get('month')}-${get('day')}`,
    minutes: Number(get('hour')) * 60 + Number(get('minute')),
  };
}

/**
 * A date formatter for a locale and options, made once and kept. Each formatter holds native
 * ICU memory until it is collected, and a reminder run formats thousands of dates: a new
 * formatter each took the 10× API's RSS up by about 85 MB. The options in use (time zones
 * included) are a bounded set; options ICU refuses throw and are not kept.
 */
export function dateFormat(
  locale: string,
  options: Intl.DateTimeFormatOptions,
): Intl.DateTimeFormat {
  const key = `${locale} ${JSON.stringify(options)}`;
  let format = formats.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(locale, options);
    formats.set(key, format);
  }
  return format;
}
const formats = new Map<string, Intl.DateTimeFormat>();

/** The zone's offset from UTC at an instant, in minutes (east positive). */
function offsetMinutes(instant: Date, zone: string): number {
  const { date, minutes } = localParts(instant, zone);
  const asUtc = Date.parse(`${date}T00:00:00Z`) + minutes * 60_000;
  return Math.round((asUtc - Math.floor(instant.getTime() / 60_000) * 60_000) / 60_000);
}

/**
 * The instant a local wall-clock time happens on a local date. A time skipped by a
 * daylight-saving jump (02:30 on the spring-forward night) resolves to the moment after the
 * jump; a time that happens twice (the autumn night) to its first occurrence.
 */
export function instantAt(date: string, minutes: number, zone: string): Date {
  const wall = Date.parse(`${date}T00:00:00Z`) + minutes * 60_000;
  // The offsets a day either side cover any change that night.
  const candidates = [wall - 86_400_000, wall + 86_400_000].map(
    (probe) => wall - offsetMinutes(new Date(probe), zone) * 60_000,
  );
  const real = candidates.filter((c) => {
    const local = localParts(new Date(c), zone);
    return local.date === date && local.minutes === minutes;
  });
  return new Date(real.length > 0 ? Math.min(...real) : Math.max(...candidates));
}

/** A calendar date moved by whole days. */
export function addDays(date: string, days: number): string {
  const next = new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000);
  return next.toISOString().slice(0, 10);
}

/** Whether a local time of day falls in the quiet window (which may cross midnight). */
export function inQuietHours(minutes: number, quietStart: string, quietEnd: string): boolean {
  const start = minutesOf(quietStart);
  const end = minutesOf(quietEnd);
  if (start === end) return false;
  return start < end ? minutes >= start && minutes < end : minutes >= start || minutes < end;
}

/** The next instant, at or after `from`, when the local clock shows `clock`. */
export function nextLocal(from: Date, clock: string, zone: string): Date {
  const { date } = localParts(from, zone);
  const today = instantAt(date, minutesOf(clock), zone);
  return today.getTime() >= from.getTime()
    ? today
    : instantAt(addDays(date, 1), minutesOf(clock), zone);
}

/** When a mail may go: now, or the end of the quiet hours it falls in. */
export function mailableAt(now: Date, zone: string, quietStart: string, quietEnd: string): Date {
  const { minutes } = localParts(now, zone);
  return inQuietHours(minutes, quietStart, quietEnd) ? nextLocal(now, quietEnd, zone) : now;
}
