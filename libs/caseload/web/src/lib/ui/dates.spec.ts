import { fromIsoDate, isValidDate, toIsoDate } from './dates';

describe('dates', () => {
  it('writes the picked local day, whatever the time zone', () => {
    expect(toIsoDate(new Date(2026, 0, 5, 23, 30))).toBe('2026-01-05');
    expect(toIsoDate(new Date(2026, 10, 30, 0, 5))).toBe('2026-11-30');
  });

  it('reads YYYY-MM-DD as that local day', () => {
    const day = fromIsoDate('2026-03-09');
    expect([day.getFullYear(), day.getMonth(), day.getDate()]).toEqual([2026, 2, 9]);
    expect(toIsoDate(fromIsoDate('2025-12-31'))).toBe('2025-12-31');
  });

  it('tells a real date from an invalid one', () => {
    expect(isValidDate(new Date(2026, 1, 1))).toBe(true);
    expect(isValidDate(new Date('nope'))).toBe(false);
    expect(isValidDate('2026-01-01')).toBe(false);
  });
});
