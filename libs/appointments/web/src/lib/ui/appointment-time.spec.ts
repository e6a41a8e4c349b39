import {
  addDays,
  dayKey,
  groupSlotsByDay,
  instantToZoned,
  spanLabel,
  whenLabel,
  zoneLabel,
  zonedToInstant,
} from './appointment-time';

const NY = 'America/New_York';
const NOW = new Date('2027-03-01T12:00:00Z');

describe('appointment times', () => {
  it('names the zone beside every time', () => {
    expect(zoneLabel(NY)).toBe('New York time');
    expect(zoneLabel('America/Argentina/Buenos_Aires')).toBe('Buenos Aires time');
    expect(zoneLabel('UTC')).toBe('UTC');
    expect(whenLabel('2027-03-15T13:00:00Z', NY, NOW)).toBe('Mon 15 Mar, 9:00 AM (New York time)');
    expect(whenLabel('2027-03-15T13:00:00Z', 'Europe/London', NOW)).toBe(
      'Mon 15 Mar, 1:00 PM (London time)',
    );
    // Another year's date says its year; midnight and noon read as people say them.
    expect(whenLabel('2028-01-03T05:00:00Z', NY, NOW)).toBe(
      'Mon 3 Jan 2028, 12:00 AM (New York time)',
    );
    expect(spanLabel('2027-03-15T16:00:00Z', 50, NY, NOW)).toBe(
      'Mon 15 Mar, 12:00 PM – 12:50 PM (New York time)',
    );
  });

  it('groups free times by their day in the zone, across the spring daylight-saving change', () => {
    // New York moves from EST (UTC−5) to EDT (UTC−4) at 2:00 AM on Sunday 14 March 2027.
    const slots = [
      '2027-03-15T13:00:00Z', // Mon 9:00 AM EDT
      '2027-03-13T14:00:00Z', // Sat 9:00 AM EST
      '2027-03-14T04:30:00Z', // Sat 11:30 PM EST: still Saturday there, Sunday in UTC
      '2027-03-14T06:30:00Z', // Sun 1:30 AM EST
      '2027-03-14T07:30:00Z', // Sun 3:30 AM EDT (2:30 never happens)
      '2027-03-14T13:00:00Z', // Sun 9:00 AM EDT
      '2027-03-15T03:30:00Z', // Sun 11:30 PM EDT: still Sunday there
    ];
    expect(groupSlotsByDay(slots, NY, NOW)).toEqual([
      {
        day: '2027-03-13',
        label: 'Sat 13 Mar',
        slots: [
          { startsAt: '2027-03-13T14:00:00Z', time: '9:00 AM' },
          { startsAt: '2027-03-14T04:30:00Z', time: '11:30 PM' },
        ],
      },
      {
        day: '2027-03-14',
        label: 'Sun 14 Mar',
        slots: [
          { startsAt: '2027-03-14T06:30:00Z', time: '1:30 AM' },
          { startsAt: '2027-03-14T07:30:00Z', time: '3:30 AM' },
          { startsAt: '2027-03-14T13:00:00Z', time: '9:00 AM' },
          { startsAt: '2027-03-15T03:30:00Z', time: '11:30 PM' },
        ],
      },
      {
        day: '2027-03-15',
        label: 'Mon 15 Mar',
        slots: [{ startsAt: '2027-03-15T13:00:00Z', time: '9:00 AM' }],
      },
    ]);
    // The same times seen from London fall on other days.
    expect(groupSlotsByDay(slots, 'Europe/London', NOW).map((d) => d.day)).toEqual([
      '2027-03-13',
      '2027-03-14',
      '2027-03-15',
    ]);
    expect(groupSlotsByDay(['2027-03-15T03:30:00Z'], 'Europe/London', NOW)[0].label).toBe(
      'Mon 15 Mar',
    );
    expect(groupSlotsByDay([], NY, NOW)).toEqual([]);
  });

  it('reads and writes wall-clock times in a zone, daylight saving included', () => {
    expect(zonedToInstant('2027-03-13T09:00', NY)).toBe('2027-03-13T14:00:00.000Z');
    expect(zonedToInstant('2027-03-15T09:00', NY)).toBe('2027-03-15T13:00:00.000Z');
    expect(zonedToInstant('2027-03-14T01:30', NY)).toBe('2027-03-14T06:30:00.000Z');
    expect(zonedToInstant('2027-03-14T03:30', NY)).toBe('2027-03-14T07:30:00.000Z');
    // Autumn: 1:30 AM happens twice; the first (EDT) is taken.
    expect(zonedToInstant('2027-11-07T01:30', NY)).toBe('2027-11-07T05:30:00.000Z');
    expect(instantToZoned('2027-03-14T07:30:00Z', NY)).toBe('2027-03-14T03:30');
    expect(instantToZoned('2027-03-14T07:30:00Z', 'UTC')).toBe('2027-03-14T07:30');
    expect(dayKey('2027-03-14T04:30:00Z', NY)).toBe('2027-03-13');
  });

  it('moves a day on across months and years', () => {
    expect(addDays('2027-03-01', 14)).toBe('2027-03-15');
    expect(addDays('2027-12-25', 14)).toBe('2028-01-08');
    expect(addDays('2027-03-15', -14)).toBe('2027-03-01');
  });
});
