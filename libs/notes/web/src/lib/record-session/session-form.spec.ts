import type { SessionView } from '@mend/shared/contracts';
import {
  durationProblem,
  newSessionValue,
  sessionChanges,
  sessionValue,
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
  it('starts a new session at the next full hour, of the case’s kind, with everyone', () => {
    const value = newSessionValue('family', ['a', 'b'], new Date(2026, 4, 12, 14, 20));
    expect(value).toEqual({
      day: new Date(2026, 4, 12),
      time: '15:00',
      durationMinutes: 50,
      type: 'family',
      mode: 'in_person',
      attendeeIds: ['a', 'b'],
    });
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
