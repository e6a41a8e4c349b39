import { countsRows } from './counts';

describe('countsRows', () => {
  it('lists counselors needing a look first, then by name', () => {
    const row = (displayName: string, overdueAlerts: number, waitingChecks: number) => ({
      counselorId: displayName,
      displayName,
      overdueAlerts,
      waitingChecks,
    });
    expect(
      countsRows({
        counselors: [row('Omar', 0, 0), row('Maya', 0, 2), row('Ana', 1, 0), row('Ben', 0, 0)],
      }).map((r) => r.displayName),
    ).toEqual(['Ana', 'Maya', 'Ben', 'Omar']);
    expect(countsRows(null)).toEqual([]);
  });
});
