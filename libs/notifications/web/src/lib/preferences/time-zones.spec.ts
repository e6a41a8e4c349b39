import { filterZones, timeZones, zoneLabel, zoneOffset } from './time-zones';

describe('time zones', () => {
  it('lists every zone the browser knows, with UTC and the saved one', () => {
    const zones = timeZones('Etc/Old_Alias');
    expect(zones).toContain('Europe/Berlin');
    expect(zones).toContain('UTC');
    expect(zones).toContain('Etc/Old_Alias');
    expect(zones).toEqual([...zones].sort((a, b) => a.localeCompare(b)));
  });

  it('finds zones by the words typed, in any order, without underscores', () => {
    const zones = ['America/New_York', 'America/Chicago', 'Europe/Berlin'];
    expect(filterZones(zones, 'york new')).toEqual(['America/New_York']);
    expect(filterZones(zones, 'america')).toEqual(['America/New_York', 'America/Chicago']);
    expect(filterZones(zones, 'New_York')).toEqual(['America/New_York']);
    expect(filterZones(zones, '  ')).toEqual(zones);
    expect(zoneLabel('America/New_York')).toBe('America/New York');
  });

  it('says the offset from UTC', () => {
    expect(zoneOffset('Asia/Kolkata')).toBe('GMT+5:30');
    expect(zoneOffset('Not/A_Zone')).toBe('');
  });
});
