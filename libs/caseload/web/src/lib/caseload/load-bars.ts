import type { CounselorLoad } from '@mend/shared/contracts';

export interface LoadBar {
  load: CounselorLoad;
  /** Width of the open-cases bar and of its primary part, in % of the largest caseload. */
  openWidth: number;
  primaryWidth: number;
}

/** Bars scaled to the largest caseload, busiest counselor first (then by name). */
export function loadBars(loads: readonly CounselorLoad[]): LoadBar[] {
  const max = Math.max(1, ...loads.map((l) => l.openCases));
  return [...loads]
    .sort(
      (a, b) =>
        b.openCases - a.openCases || a.counselor.displayName.localeCompare(b.counselor.displayName),
    )
    .map((load) => ({
      load,
      openWidth: (load.openCases / max) * 100,
      primaryWidth: (Math.min(load.primaryCases, load.openCases) / max) * 100,
    }));
}
