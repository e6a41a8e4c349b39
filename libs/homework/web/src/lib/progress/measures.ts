import type { MeasureBand, MeasureSeries, Severity } from '@mend/shared/contracts';

/** One measure (PHQ-9, GAD-7…) over time: one line per member, with its severity bands. */
export interface MeasureGroup {
  exerciseId: string;
  title: string;
  /** Lowest scores first. */
  bands: MeasureBand[];
  series: MeasureSeries[];
  /** The axis: from 0 (or the lowest band) to the highest band or score. */
  min: number;
  max: number;
}

/** One reading in the table under a chart. */
export interface MeasureReading {
  homeworkId: string;
  on: string;
  who: string;
  score: number;
  text: string;
  severity: Severity | null;
}

/** "12 · Moderate", or "12" when the score is in no band. */
export function scoreText(score: number, band: MeasureBand | null): string {
  return band ? `${formatScore(score)} · ${band.label}` : formatScore(score);
}

/** "0–4 Minimal". */
export function bandRangeText(band: MeasureBand): string {
  const range =
    band.min === band.max
      ? formatScore(band.min)
      : `${formatScore(band.min)}–${formatScore(band.max)}`;
  return `${range} ${band.label}`;
}

/** Whole scores as they are; a mean's score with at most one decimal. */
export function formatScore(score: number): string {
  return Number.isInteger(score) ? String(score) : score.toFixed(1);
}

/** The band a score falls in (for a reading kept without one). */
export function bandOf(score: number, bands: MeasureBand[]): MeasureBand | null {
  return bands.find((b) => score >= b.min && score <= b.max) ?? null;
}

/** Who a line is: "You" on the client's own page, the member's name for counselors. */
export function readerName(series: Pick<MeasureSeries, 'displayName'>, self: boolean): string {
  return self ? 'You' : series.displayName || 'A member';
}

/**
 * The series by measure, in the order they come, each with one line per member (members
 * without readings are left out) and its bands sorted from the lowest score up.
 */
export function measureGroups(measures: MeasureSeries[]): MeasureGroup[] {
  const groups = new Map<string, MeasureGroup>();
  for (const m of measures) {
    if (!m.points.length) continue;
    let group = groups.get(m.exerciseId);
    if (!group) {
      group = { exerciseId: m.exerciseId, title: m.title, bands: [], series: [], min: 0, max: 0 };
      groups.set(m.exerciseId, group);
    }
    if (m.bands.length) group.bands = [...m.bands].sort((a, b) => a.min - b.min);
    group.series.push({ ...m, points: [...m.points].sort((a, b) => a.on.localeCompare(b.on)) });
  }
  for (const group of groups.values()) {
    const scores = group.series.flatMap((s) => s.points.map((p) => p.score));
    group.min = Math.min(0, ...group.bands.map((b) => b.min), ...scores);
    group.max = Math.max(...group.bands.map((b) => b.max), ...scores, group.min + 1);
  }
  return [...groups.values()];
}

/** Every reading of a measure, oldest first: the chart's text alternative. */
export function measureReadings(group: MeasureGroup, self: boolean): MeasureReading[] {
  return group.series
    .flatMap((s) =>
      s.points.map((p) => {
        const band = p.band ?? bandOf(p.score, group.bands);
        return {
          homeworkId: p.homeworkId,
          on: p.on,
          who: readerName(s, self),
          score: p.score,
          text: scoreText(p.score, band),
          severity: band?.severity ?? null,
        };
      }),
    )
    .sort((a, b) => a.on.localeCompare(b.on) || a.who.localeCompare(b.who));
}

/** "PHQ-9: Sam’s latest 12 · Moderate (Nov 3), down 5 since the reading before." */
export function measureSummary(group: MeasureGroup, self: boolean): string {
  const parts = group.series.map((s) => {
    const last = s.points[s.points.length - 1];
    const before = s.points[s.points.length - 2];
    const text = scoreText(last.score, last.band ?? bandOf(last.score, group.bands));
    const change = before ? last.score - before.score : null;
    const move =
      change === null
        ? ', the first reading'
        : change === 0
          ? ', unchanged'
          : `, ${change > 0 ? 'up' : 'down'} ${formatScore(Math.abs(change))}`;
    const who = self ? 'your latest' : `${readerName(s, false)}’s latest`;
    return `${who} ${text}${move}`;
  });
  const bands = group.bands.length ? ` Bands: ${group.bands.map(bandRangeText).join(', ')}.` : '';
  return `${group.title}: ${parts.join('; ')}.${bands}`;
}
