import type { SafetyCounts } from '@mend/shared/contracts';

export type SafetyCountsRow = SafetyCounts['counselors'][number];

/** The counselors to show: the ones needing a look first (overdue alerts, then waiting check-ins), then by name. */
export function countsRows(counts: SafetyCounts | null): SafetyCountsRow[] {
  return [...(counts?.counselors ?? [])].sort(
    (a, b) =>
      b.overdueAlerts - a.overdueAlerts ||
      b.waitingChecks - a.waitingChecks ||
      a.displayName.localeCompare(b.displayName),
  );
}
