import type { SessionView } from '@mend/shared/contracts';
import {
  durationProblem,
  newSessionValue,
  sessionChanges,
  sessionValue,
  startsInFuture,
  toSessionRequest,
} from './session-form';

const session: SessionView = {
  id: 's1',
  caseId: 'c1',
  caseTitle: 'Kai & Lee',
  startsAt: new Date(2026, 4, 12, 15, 0).toISOString(),
  durationMinutes: 50,
  type: 'couple',
  mode: 'in_person',
  attendees: [
    { userId: 'k', displayName: 'Kai' },
    { userId: 'l', displayName: 'Lee' },
  ],
  counselor: { userId: 'm', displayName: 'Maya' },
  note: null,
};

describe('session form', () => {
  it('starts a new session at the last quarter hour (never later than now), of the case’s kind, with everyone', () => {
    const value = newSessionValue('family', ['a', 'b'], new Date(2026, 4, 12, 14, 20));
    expect(value).toEqual({
      day: new Date(2026, 4, 12),
      time: '14:15',
      durationMinutes: 50,
      type: 'family',
      mode: 'in_person',
      attendeeIds: ['a', 'b'],
    });
    expect(newSessionValue('couple', [], new Date(2026, 4, 12, 14, 0)).time).toBe('14:00');
    expect(newSessionValue('couple', [], new Date(2026, 4, 12, 14, 59, 59)).time).toBe('14:45');
    // Just after midnight: today, not tomorrow.
    const night = newSessionValue('couple', [], new Date(2026, 4, 12, 0, 7));
    expect([night.day, night.time]).toEqual([new Date(2026, 4, 12), '00:00']);
    for (const minute of [0, 1, 14, 15, 29, 44, 46, 59]) {
      const now = new Date(2026, 4, 12, 23, minute, 30);
      expect(startsInFuture(newSessionValue('couple', [], now), now)).toBe(false);
    }
  });

  it('tells an upcoming start from a past or current one', () => {
    const now = new Date(2026, 4, 12, 14, 20);
    const at = (day: Date | null, time: string) => startsInFuture({ day, time }, now);
    expect(at(new Date(2026, 4, 12), '14:30')).toBe(true);
    expect(at(new Date(2026, 4, 13), '09:00')).toBe(true);
    expect(at(new Date(2026, 4, 12), '14:20')).toBe(false);
    expect(at(new Date(2026, 4, 12), '09:00')).toBe(false);
    expect(at(new Date(2026, 4, 11), '18:00')).toBe(false);
    // Not yet complete: nothing to say.
    expect(at(null, '14:30')).toBe(false);
    expect(at(new Date(2026, 4, 13), '')).toBe(false);
  });

  it('sends the start as an instant with the rest as entered', () => {
    const request = toSessionRequest(sessionValue(session));
    expect(request).toEqual({
      startsAt: session.startsAt,
      durationMinutes: 50,
      type: 'couple',
      mode: 'in_person',
      attendeeIds: ['k', 'l'],
    });
  });

  it('sends only what changed', () => {
    const value = { ...sessionValue(session), time: '16:00', attendeeIds: ['l', 'k'] };
    expect(sessionChanges(session, value)).toEqual({
      startsAt: new Date(2026, 4, 12, 16, 0).toISOString(),
    });
    expect(sessionChanges(session, { ...sessionValue(session), attendeeIds: ['k'] })).toEqual({
      attendeeIds: ['k'],
    });
  });

  it('checks the duration', () => {
    expect(durationProblem(50)).toBeNull();
    expect(durationProblem(10)).toBe('Between 15 and 240 minutes.');
    expect(durationProblem(null)).toBe('Enter how long the session lasts.');
    expect(durationProblem(50.5)).toBe('Use whole minutes.');
  });
});
