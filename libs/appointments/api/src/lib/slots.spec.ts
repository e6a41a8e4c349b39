import { freeSlots, weeklyWindows } from './slots';

const MONDAY_MORNINGS = [{ weekday: 1 as const, startTime: '09:00', endTime: '12:00' }];

describe('availability across a daylight-saving change', () => {
  it('keeps "Mondays 9:00 in New York" at 9:00 local on both sides of the change', () => {
    // The United States move their clocks on Sunday 14 March 2027.
    const windows = weeklyWindows(MONDAY_MORNINGS, 'America/New_York', '2027-03-08', 8);
    expect(windows.map((w) => w.start.toISOString())).toEqual([
      '2027-03-08T14:00:00.000Z', // EST, UTC−5
      '2027-03-15T13:00:00.000Z', // EDT, UTC−4
    ]);
  });

  it('offers half-hourly starts that fit, outside what is booked, off or too soon', () => {
    const slots = freeSlots({
      rules: MONDAY_MORNINGS,
      timeZone: 'America/New_York',
      from: '2027-03-15',
      days: 1,
      durationMinutes: 50,
      extra: [],
      off: [],
      busy: [{ start: new Date('2027-03-15T14:00:00Z'), end: new Date('2027-03-15T14:50:00Z') }],
      notBefore: new Date('2027-03-15T13:15:00Z'),
    });
    expect(slots.map((s) => s.toISOString())).toEqual([
      // 9:00 is too soon; 9:30, 10:00 and 10:30 overlap the booked 10:00–10:50; 11:30 would
      // end after noon.
      '2027-03-15T15:00:00.000Z',
    ]);
  });

  it('adds extra windows and removes time off', () => {
    const slots = freeSlots({
      rules: MONDAY_MORNINGS,
      timeZone: 'Europe/London',
      from: '2027-03-15',
      days: 2,
      durationMinutes: 60,
      extra: [{ start: new Date('2027-03-16T17:00:00Z'), end: new Date('2027-03-16T18:00:00Z') }],
      off: [{ start: new Date('2027-03-15T00:00:00Z'), end: new Date('2027-03-16T00:00:00Z') }],
      busy: [],
      notBefore: new Date('2027-03-01T00:00:00Z'),
    });
    expect(slots.map((s) => s.toISOString())).toEqual(['2027-03-16T17:00:00.000Z']);
  });
});
