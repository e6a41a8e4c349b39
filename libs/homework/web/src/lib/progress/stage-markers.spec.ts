import type { StageChangeView } from '@mend/shared/contracts';
import { labelRows, localDay, markersSummary, stageMarkers } from './stage-markers';

const move = (
  id: string,
  from: StageChangeView['from'],
  to: StageChangeView['to'],
  changedAt: string,
): StageChangeView => ({
  id,
  from,
  to,
  changedAt,
  reason: `Reason ${id}`,
  changedBy: { userId: 'maya', displayName: 'Maya Okafor' },
});

describe('stageMarkers', () => {
  it('puts the moves in time order with short tags and words for the list', () => {
    const markers = stageMarkers([
      move('m2', 'transparency', 'responsibility', '2026-11-12T12:00:00Z'),
      move('m1', 'acknowledge', 'transparency', '2026-11-05T12:00:00Z'),
    ]);
    expect(markers.map((m) => [m.id, m.label, m.text, m.back])).toEqual([
      ['m1', '3 Transparency', 'Acknowledge the hurt → 3 · Transparency', false],
      ['m2', '2 Responsibility', 'Transparency → 2 · Take responsibility', true],
    ]);
    expect(markers[0]).toMatchObject({
      on: localDay('2026-11-05T12:00:00Z'),
      to: 'transparency',
      reason: 'Reason m1',
      by: 'Maya Okafor',
    });
  });

  it('reads a timestamp as the local calendar day', () => {
    const at = new Date(2026, 10, 5, 23, 30).toISOString();
    expect(localDay(at)).toBe('2026-11-05');
  });

  it('sums the moves up for screen readers', () => {
    expect(markersSummary([])).toBe('');
    const [marker] = stageMarkers([move('m1', 'acknowledge', 'repair', '2026-11-05T12:00:00Z')]);
    expect(markersSummary([marker])).toBe(
      `The case moved on the path of repair on ${marker.on} to 4 · Repair, not revenge.`,
    );
  });
});

describe('labelRows', () => {
  it('keeps tags that have room in the first row', () => {
    expect(labelRows([50, 200, 350], [80, 80, 80])).toEqual([0, 0, 0]);
  });

  it('moves a tag that would cover the one before to the next row', () => {
    expect(labelRows([50, 90, 140, 300], [80, 80, 80, 80])).toEqual([0, 1, 0, 0]);
  });

  it('never uses more rows than allowed', () => {
    const rows = labelRows([50, 52, 54, 56], [80, 80, 80, 80], 2);
    expect(Math.max(...rows)).toBe(1);
  });
});
