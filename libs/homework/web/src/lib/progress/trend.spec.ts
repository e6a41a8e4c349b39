import type { TrendSeries } from '@mend/shared/contracts';
import { gapSeries, latestValues, trendGroups, trendReadings, trendSummary } from './trend';

const series = (
  userId: string,
  displayName: string,
  points: [string, number][],
  fieldKey = 'trust',
): TrendSeries => ({
  userId,
  displayName,
  fieldKey,
  fieldLabel: fieldKey === 'trust' ? 'How much I trust my partner' : 'How safe I feel',
  exerciseTitle: 'Trust thermometer',
  points: points.map(([on, value], i) => ({ homeworkId: `${userId}-${i}`, on, value })),
});

describe('trendGroups', () => {
  it('draws one chart per question with one line per member, leaving out empty series', () => {
    const groups = trendGroups([
      series('sam', 'Sam', [['2026-05-01', 4]]),
      series('sam', 'Sam', [['2026-05-01', 6]], 'safety'),
      series('alex', 'Alex', [['2026-05-02', 7]]),
      series('alex', 'Alex', [], 'safety'),
    ]);
    expect(groups.map((g) => [g.fieldLabel, g.series.map((s) => s.displayName)])).toEqual([
      ['How much I trust my partner', ['Sam', 'Alex']],
      ['How safe I feel', ['Sam']],
    ]);
  });
});

describe('gapSeries', () => {
  it('is empty for one member', () => {
    expect(gapSeries([series('sam', 'Sam', [['2026-05-01', 4]])])).toEqual([]);
  });

  it('compares each member’s latest answer so far, from the day both have answered', () => {
    const gaps = gapSeries([
      series('sam', 'Sam', [
        ['2026-05-01', 3],
        ['2026-05-08', 5],
        ['2026-05-15', 6],
      ]),
      series('alex', 'Alex', [
        ['2026-05-03', 8],
        ['2026-05-15', 7],
      ]),
    ]);
    expect(gaps).toEqual([
      { on: '2026-05-03', low: 3, high: 8, gap: 5 },
      { on: '2026-05-08', low: 5, high: 8, gap: 3 },
      { on: '2026-05-15', low: 6, high: 7, gap: 1 },
    ]);
  });

  it('reads timestamps as days and points in any order', () => {
    const gaps = gapSeries([
      series('sam', 'Sam', [
        ['2026-05-08T09:00:00Z', 5],
        ['2026-05-01T09:00:00Z', 2],
      ]),
      series('alex', 'Alex', [['2026-05-01T20:00:00Z', 2]]),
    ]);
    expect(gaps.map((g) => [g.on, g.gap])).toEqual([
      ['2026-05-01', 0],
      ['2026-05-08', 3],
    ]);
  });
});

describe('latestValues and trendSummary', () => {
  it('tells each member’s latest answer, its change and the gap', () => {
    const group = trendGroups([
      series('sam', 'Sam', [
        ['2026-05-01', 3],
        ['2026-05-08', 5],
      ]),
      series('alex', 'Alex', [['2026-05-08', 8]]),
    ])[0];
    expect(latestValues(group.series)).toEqual([
      { userId: 'sam', displayName: 'Sam', value: 5, on: '2026-05-08', change: 2 },
      { userId: 'alex', displayName: 'Alex', value: 8, on: '2026-05-08', change: null },
    ]);
    expect(trendSummary(group)).toBe(
      'How much I trust my partner, latest: Sam 5 of 10, up 2; Alex 8 of 10. The gap between them is 3.',
    );
  });
});

describe('trendReadings', () => {
  it('gives a row per day anyone answered, a column per member, the last answer of a day', () => {
    const readings = trendReadings([
      series('sam', 'Sam', [
        ['2026-05-01T09:00:00Z', 3],
        ['2026-05-08T08:00:00Z', 4],
        ['2026-05-08T20:00:00Z', 5],
      ]),
      series('alex', 'Alex', [['2026-05-03', 8]]),
    ]);
    expect(readings).toEqual([
      { on: '2026-05-01', values: [3, null] },
      { on: '2026-05-03', values: [null, 8] },
      { on: '2026-05-08', values: [5, null] },
    ]);
  });
});
