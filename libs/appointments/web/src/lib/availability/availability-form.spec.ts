import {
  draftChanged,
  draftOf,
  lengthProblem,
  nextRule,
  ruleLabel,
  ruleProblems,
  toSaveRequest,
} from './availability-form';

const saved = {
  timeZone: 'America/New_York',
  rules: [
    { weekday: 3 as const, startTime: '13:00', endTime: '17:00' },
    { weekday: 1 as const, startTime: '09:00', endTime: '12:00' },
  ],
  lengths: { couple: 50, individual: 50, family: 60 },
  exceptions: [],
};

describe('availability form', () => {
  it('starts from what was saved, Monday first; a first visit in the browser’s zone', () => {
    const draft = draftOf(saved, 'Europe/London');
    expect(draft.timeZone).toBe('America/New_York');
    expect(draft.rules.map(ruleLabel)).toEqual(['Monday 09:00–12:00', 'Wednesday 13:00–17:00']);
    expect(draftChanged(draft, saved)).toBe(false);

    const fresh = draftOf({ ...saved, timeZone: 'UTC', rules: [] }, 'Europe/London');
    expect(fresh.timeZone).toBe('Europe/London');
    expect(draftChanged(fresh, { ...saved, timeZone: 'UTC', rules: [] })).toBe(true);
  });

  it('adds the next day at the last row’s hours, Sunday back to Monday', () => {
    expect(nextRule([])).toEqual({ weekday: 1, startTime: '09:00', endTime: '12:00' });
    expect(nextRule(saved.rules)).toEqual({ weekday: 2, startTime: '09:00', endTime: '12:00' });
    expect(nextRule([{ weekday: 7, startTime: '10:00', endTime: '11:00' }]).weekday).toBe(1);
  });

  it('finds an end before its start and windows that overlap on one day', () => {
    const problems = ruleProblems([
      { weekday: 1, startTime: '09:00', endTime: '12:00' },
      { weekday: 1, startTime: '11:00', endTime: '13:00' },
      { weekday: 2, startTime: '15:00', endTime: '14:00' },
      { weekday: 1, startTime: '12:00', endTime: '13:00' },
      { weekday: 4, startTime: '', endTime: '13:00' },
    ]);
    expect([...problems.entries()]).toEqual([
      [2, 'The end comes after the start.'],
      [4, 'Enter both times.'],
      [0, 'Overlaps Monday 11:00–13:00.'],
      [1, 'Overlaps Monday 09:00–12:00.'],
      [3, 'Overlaps Monday 11:00–13:00.'],
    ]);
    expect(ruleProblems(saved.rules).size).toBe(0);
  });

  it('keeps session lengths between a quarter of an hour and four hours', () => {
    expect(lengthProblem(50)).toBeNull();
    expect(lengthProblem(10)).toBe('Between 15 and 240.');
    expect(lengthProblem(Number.NaN)).toBe('Enter the minutes.');
    expect(lengthProblem(50.5)).toBe('Use whole minutes.');
  });

  it('saves the zone, the windows in order and the lengths', () => {
    expect(toSaveRequest(draftOf(saved, 'UTC'))).toEqual({
      timeZone: 'America/New_York',
      rules: [saved.rules[1], saved.rules[0]],
      lengths: saved.lengths,
    });
  });
});
