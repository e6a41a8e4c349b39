import { countsByCounselor } from './homework-counts';

describe('countsByCounselor', () => {
  it('keys each counselor’s homework counts by their id', () => {
    const counts = countsByCounselor({
      counselors: [
        { counselorId: 'maya', displayName: 'Maya', assigned: 12, overdue: 2, unreviewed: 3 },
      ],
    });
    expect(counts.get('maya')).toEqual({ assigned: 12, overdue: 2, unreviewed: 3 });
    expect(counts.get('omar')).toBeUndefined();
  });
});
