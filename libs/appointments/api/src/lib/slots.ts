import { DateTime } from 'luxon';
import type { AvailabilityRule } from '@mend/shared/contracts';

export interface Interval {
  start: Date;
  end: Date;
}

/** Slots start on the half hour within a window. */
const STEP_MINUTES = 30;

const overlaps = (a: Interval, b: Interval) => a.start < b.end && b.start < a.end;

/**
 * The weekly windows of `rules` on the `days` days from `from` (a date in `timeZone`), as
 * instants. Each day's wall-clock times are read in the zone on that day, so "Mondays 9:00" is
 * 9:00 on both sides of a daylight-saving change (an instant an hour apart in UTC).
 */
export function weeklyWindows(
  rules: AvailabilityRule[],
  timeZone: string,
  from: string,
  days: number,
): Interval[] {
  const first = DateTime.fromISO(from, { zone: timeZone }).startOf('day');
  const windows: Interval[] = [];
  for (let d = 0; d < days; d++) {
    const day = first.plus({ days: d });
    for (const rule of rules.filter((r) => r.weekday === day.weekday)) {
      const [sh, sm] = rule.startTime.split(':').map(Number);
      const [eh, em] = rule.endTime.split(':').map(Number);
      const start = day.set({ hour: sh, minute: sm });
      const end = day.set({ hour: eh, minute: em });
      if (end > start) windows.push({ start: start.toJSDate(), end: end.toJSDate() });
    }
  }
  return windows;
}

/**
 * Free start times for a session of `durationMinutes`: within the weekly windows and extra
 * windows, outside time off and anything already booked, and not before `notBefore`.
 */
export function freeSlots(options: {
  rules: AvailabilityRule[];
  timeZone: string;
  from: string;
  days: number;
  durationMinutes: number;
  extra: Interval[];
  off: Interval[];
  busy: Interval[];
  notBefore: Date;
}): Date[] {
  const windows = [
    ...weeklyWindows(options.rules, options.timeZone, options.from, options.days),
    ...options.extra,
  ];
  const blocked = [...options.off, ...options.busy];
  const found = new Map<number, Date>();
  for (const window of windows) {
    for (
      let t = window.start.getTime();
      t + options.durationMinutes * 60_000 <= window.end.getTime();
      t += STEP_MINUTES * 60_000
    ) {
      const slot = { start: new Date(t), end: new Date(t + options.durationMinutes * 60_000) };
      if (slot.start < options.notBefore) continue;
      if (blocked.some((b) => overlaps(slot, b))) continue;
      found.set(t, slot.start);
    }
  }
  return [...found.values()].sort((a, b) => a.getTime() - b.getTime());
}

/** Whether `zone` is a time zone this runtime knows. */
export function knownTimeZone(zone: string): boolean {
  return DateTime.now().setZone(zone).isValid;
}
