import type { CounselorLoad } from '@mend/shared/contracts';
import { loadBars } from './load-bars';

const load = (name: string, openCases: number, primaryCases: number): CounselorLoad => ({
  counselor: { id: name, displayName: name, status: 'active' },
  openCases,
  primaryCases,
});

describe('loadBars', () => {
  it('scales bars to the busiest counselor and lists them busiest first', () => {
    const bars = loadBars([load('Omar', 2, 1), load('Maya', 4, 4), load('Ana', 2, 0)]);
    expect(bars.map((b) => b.load.counselor.displayName)).toEqual(['Maya', 'Ana', 'Omar']);
    expect(bars.map((b) => [b.openWidth, b.primaryWidth])).toEqual([
      [100, 100],
      [50, 0],
      [50, 25],
    ]);
  });

  it('draws empty bars when nobody has a case', () => {
    expect(loadBars([load('Maya', 0, 0)])[0]).toMatchObject({ openWidth: 0, primaryWidth: 0 });
    expect(loadBars([])).toEqual([]);
  });
});
