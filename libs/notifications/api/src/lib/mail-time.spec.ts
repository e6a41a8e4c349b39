import { addDays, inQuietHours, instantAt, localParts, mailableAt, nextLocal } from './mail-time';

describe('mail time', () => {
  it('reads the local date and time in a zone', () => {
    expect(localParts(new Date('2026-07-01T22:30:00Z'), 'Europe/Berlin')).toEqual({
      date: '2026-07-02',
      minutes: 30,
    });
    expect(localParts(new Date('2026-01-15T03:00:00Z'), 'America/New_York')).toEqual({
      date: '2026-01-14',
      minutes: 22 * 60,
    });
  });

  it('finds the instant of a local time on both sides of a daylight-saving change', () => {
    // New York moves from EST (-5) to EDT (-4) on 8 March 2026 at 02:00.
    expect(instantAt('2026-03-07', 8 * 60, 'America/New_York').toISOString()).toBe(
      '2026-03-07T13:00:00.000Z',
    );
    expect(instantAt('2026-03-08', 8 * 60, 'America/New_York').toISOString()).toBe(
      '2026-03-08T12:00:00.000Z',
    );
    // Berlin leaves summer time on 25 October 2026 at 03:00.
    expect(instantAt('2026-10-24', 8 * 60, 'Europe/Berlin').toISOString()).toBe(
      '2026-10-24T06:00:00.000Z',
    );
    expect(instantAt('2026-10-25', 8 * 60, 'Europe/Berlin').toISOString()).toBe(
      '2026-10-25T07:00:00.000Z',
    );
  });

  it('resolves a skipped time to after the jump and a repeated one to its first occurrence', () => {
    expect(instantAt('2026-03-08', 2 * 60 + 30, 'America/New_York').toISOString()).toBe(
      '2026-03-08T07:30:00.000Z',
    );
    expect(instantAt('2026-11-01', 60 + 30, 'America/New_York').toISOString()).toBe(
      '2026-11-01T05:30:00.000Z',
    );
  });

  it('knows quiet hours that cross midnight and ones that do not', () => {
    expect(inQuietHours(22 * 60, '21:00', '08:00')).toBe(true);
    expect(inQuietHours(7 * 60 + 59, '21:00', '08:00')).toBe(true);
    expect(inQuietHours(8 * 60, '21:00', '08:00')).toBe(false);
    expect(inQuietHours(13 * 60, '12:00', '14:00')).toBe(true);
    expect(inQuietHours(15 * 60, '12:00', '14:00')).toBe(false);
    expect(inQuietHours(3 * 60, '08:00', '08:00')).toBe(false);
  });

  it('holds a mail in quiet hours until they end, in local time across a clock change', () => {
    const zone = 'America/New_York';
    // 23:00 on Saturday 7 March (EST): the quiet hours end at 08:00 EDT on Sunday.
    const late = new Date('2026-03-08T04:00:00Z');
    expect(mailableAt(late, zone, '21:00', '08:00').toISOString()).toBe('2026-03-08T12:00:00.000Z');
    const noon = new Date('2026-03-09T16:00:00Z');
    expect(mailableAt(noon, zone, '21:00', '08:00')).toBe(noon);
  });

  it('finds the next local clock time and moves dates', () => {
    const from = new Date('2026-06-10T10:00:00Z');
    expect(nextLocal(from, '08:00', 'Europe/Berlin').toISOString()).toBe(
      '2026-06-11T06:00:00.000Z',
    );
    expect(addDays('2026-02-28', 1)).toBe('2026-03-01');
  });
});
