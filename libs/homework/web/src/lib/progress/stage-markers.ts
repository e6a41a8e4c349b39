import { STAGE_LABELS, type Stage, type StageChangeView } from '@mend/shared/contracts';
import { movedBack, stageName, stageNumber } from '@mend/caseload/web';

/** A move on the path of repair, as the progress timeline draws and lists it. */
export interface StageMarker {
  id: string;
  /** The local day of the move (`YYYY-MM-DD`), where the chart draws its line. */
  on: string;
  /** When it happened, for the list. */
  at: string;
  /** The stage the case moved to. */
  to: Stage;
  /** The short tag on the chart: "3 Transparency". */
  label: string;
  /** In words: "Take responsibility → 3 · Transparency". */
  text: string;
  back: boolean;
  reason: string;
  by: string;
}

/** Short stage names, so the chart's tags stay small. */
const SHORT: Record<Stage, string> = {
  acknowledge: 'Acknowledge',
  responsibility: 'Responsibility',
  transparency: 'Transparency',
  repair: 'Repair',
  conversations: 'Conversations',
  agreements: 'Agreements',
  reciprocity: 'Reciprocity',
  time: 'Time',
  way_forward: 'Way forward',
};

const pad = (n: number) => String(n).padStart(2, '0');

/** The local calendar day of a timestamp. */
export function localDay(iso: string): string {
  const d = new Date(iso);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

/** The case's moves, oldest first (left to right on the timeline). */
export function stageMarkers(history: readonly StageChangeView[]): StageMarker[] {
  return [...history]
    .sort((a, b) => a.changedAt.localeCompare(b.changedAt) || a.id.localeCompare(b.id))
    .map((h) => ({
      id: h.id,
      on: localDay(h.changedAt),
      at: h.changedAt,
      to: h.to,
      label: `${stageNumber(h.to)} ${SHORT[h.to]}`,
      text: `${stageName(h.from)} → ${STAGE_LABELS[h.to]}`,
      back: movedBack(h),
      reason: h.reason,
      by: h.changedBy.displayName,
    }));
}

/** One sentence for screen readers, beside the chart's own summary. */
export function markersSummary(markers: readonly StageMarker[]): string {
  if (markers.length === 0) return '';
  const moves = markers.map((m) => `on ${m.on} to ${STAGE_LABELS[m.to]}`);
  return `The case moved on the path of repair ${moves.join(', ')}.`;
}

/**
 * Which row each tag goes in, so tags close together on the axis do not cover each other:
 * tags are placed left to right in the first row with room, else the row that ends first.
 * `xs` are the tags' centres in pixels (in time order), `widths` their widths.
 */
export function labelRows(xs: readonly number[], widths: readonly number[], maxRows = 2): number[] {
  const ends: number[] = [];
  return xs.map((x, i) => {
    const left = x - widths[i] / 2;
    let row = ends.findIndex((end) => end + 4 <= left);
    if (row === -1) {
      if (ends.length < maxRows) row = ends.length;
      else row = ends.indexOf(Math.min(...ends));
    }
    ends[row] = x + widths[i] / 2;
    return row;
  });
}
