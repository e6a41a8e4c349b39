import type { TrendSeries } from '@mend/shared/contracts';

/** One 0–10 question over time: one series per member. */
export interface TrendGroup {
  key: string;
  fieldLabel: string;
  exerciseTitle: string;
  series: TrendSeries[];
}

/** Between the members at one day: the lowest and highest answer so far, and the gap. */
export interface GapPoint {
  on: string;
  low: number;
  high: number;
  gap: number;
}

export interface LatestValue {
  userId: string;
  displayName: string;
  value: number;
  on: string;
  /** Change from the answer before; null for a first answer. */
  change: number | null;
}

const day = (on: string) => on.slice(0, 10);

/** Points in day order, one per day (the last answer of a day counts). */
function byDay(series: TrendSeries): { on: string; value: number }[] {
  const days = new Map<string, number>();
  for (const p of [...series.points].sort((a, b) => a.on.localeCompare(b.on)))
    days.set(day(p.on), p.value);
  return [...days.entries()].map(([on, value]) => ({ on, value }));
}

/**
 * The series by question (exercise and field), in the order they first appear, each with one
 * series per member; members without answers are left out.
 */
export function trendGroups(series: TrendSeries[]): TrendGroup[] {
  const groups = new Map<string, TrendGroup>();
  for (const s of series) {
    if (!s.points.length) continue;
    const key = `${s.exerciseTitle}\u0000${s.fieldKey}`;
    const group = groups.get(key) ?? {
      key,
      fieldLabel: s.fieldLabel,
      exerciseTitle: s.exerciseTitle,
      series: [],
    };
    const same = group.series.find((m) => m.userId === s.userId);
    if (same) same.points = [...same.points, ...s.points];
    else group.series.push({ ...s, points: [...s.points] });
    groups.set(key, group);
  }
  return [...groups.values()];
}

/** Every day any member answered, in order. */
export function trendDays(series: TrendSeries[]): string[] {
  return [...new Set(series.flatMap((s) => s.points.map((p) => day(p.on))))].sort();
}

/**
 * The gap between the members over time. Members answer on different days, so each member's
 * latest answer so far stands for them; a day counts once at least two members have answered.
 */
export function gapSeries(series: TrendSeries[]): GapPoint[] {
  if (series.length < 2) return [];
  const points = series.map(byDay);
  const index = points.map(() => 0);
  const current: (number | null)[] = points.map(() => null);
  const gaps: GapPoint[] = [];
  for (const on of trendDays(series)) {
    points.forEach((list, i) => {
      while (index[i] < list.length && list[index[i]].on <= on) {
        current[i] = list[index[i]].value;
        index[i] += 1;
      }
    });
    const known = current.filter((v): v is number => v !== null);
    if (known.length < 2) continue;
    const low = Math.min(...known);
    const high = Math.max(...known);
    gaps.push({ on, low, high, gap: high - low });
  }
  return gaps;
}

/** One day of a question's table: each member's answer that day (in the series' order), if any. */
export interface TrendReading {
  on: string;
  values: (number | null)[];
}

/**
 * Every answer of one question as rows of a table, the text alternative of its chart: one row
 * per day anyone answered, oldest first, one column per member (their last answer of the day).
 */
export function trendReadings(series: TrendSeries[]): TrendReading[] {
  const answers = series.map((s) => new Map(byDay(s).map((p) => [p.on, p.value])));
  return trendDays(series).map((on) => ({
    on,
    values: answers.map((byOn) => byOn.get(on) ?? null),
  }));
}

/** Each member's latest answer and how it moved since the one before. */
export function latestValues(series: TrendSeries[]): LatestValue[] {
  return series
    .map((s) => {
      const points = byDay(s);
      const last = points[points.length - 1];
      const before = points[points.length - 2];
      return last
        ? {
            userId: s.userId,
            displayName: s.displayName,
            value: last.value,
            on: last.on,
            change: before ? last.value - before.value : null,
          }
        : null;
    })
    .filter((v): v is LatestValue => v !== null);
}

/** A sentence for screen readers and the text under the chart. */
export function trendSummary(group: TrendGroup): string {
  const latest = latestValues(group.series);
  const parts = latest.map((l) => {
    const move =
      l.change === null
        ? ''
        : l.change === 0
          ? ', unchanged'
          : l.change > 0
            ? `, up ${l.change}`
            : `, down ${-l.change}`;
    return `${l.displayName} ${l.value} of 10${move}`;
  });
  const gaps = gapSeries(group.series);
  const gap = gaps[gaps.length - 1];
  const gapText = gap ? ` The gap between them is ${gap.gap}.` : '';
  return `${group.fieldLabel}, latest: ${parts.join('; ')}.${gapText}`;
}

/** Milliseconds of a `YYYY-MM-DD` day at local noon (a stable point for the x axis). */
export function dayValue(on: string): number {
  const [y, m, d] = day(on).split('-').map(Number);
  return new Date(y, m - 1, d, 12).getTime();
}
