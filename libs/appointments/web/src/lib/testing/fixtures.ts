import type { AppointmentSlots, AppointmentView } from '@mend/shared/contracts';

export const MAYA = { userId: 'maya', displayName: 'Maya Okafor' };
export const KAI = { userId: 'kai', displayName: 'Kai Moreno' };
export const LEE = { userId: 'lee', displayName: 'Lee Moreno' };

const none = {
  accept: false,
  propose: false,
  decline: false,
  acceptProposal: false,
  cancel: false,
  reschedule: false,
};

/** An individual request of Kai's to Maya, for Monday 15 March 2027 at 9:00 in New York. */
export function appointment(overrides: Partial<AppointmentView> = {}): AppointmentView {
  return {
    id: 'a1',
    caseId: 'c1',
    caseTitle: 'Kai & Lee Moreno',
    audience: 'individual',
    client: KAI,
    attendees: [MAYA, KAI],
    counselor: MAYA,
    state: 'requested',
    startsAt: '2027-03-15T13:00:00.000Z',
    durationMinutes: 50,
    type: 'individual',
    mode: 'in_person',
    proposedStartsAt: null,
    note: null,
    requestedBy: KAI,
    requestedAt: '2027-03-01T15:00:00.000Z',
    sessionId: null,
    history: [
      {
        action: 'requested',
        at: '2027-03-01T15:00:00.000Z',
        by: KAI,
        startsAt: '2027-03-15T13:00:00.000Z',
        reason: null,
      },
    ],
    ...overrides,
    can: { ...none, ...overrides.can },
  };
}

export function slots(overrides: Partial<AppointmentSlots> = {}): AppointmentSlots {
  return {
    counselor: MAYA,
    timeZone: 'America/New_York',
    durationMinutes: 50,
    type: 'individual',
    slots: ['2027-03-15T13:00:00.000Z', '2027-03-15T14:00:00.000Z', '2027-03-16T13:00:00.000Z'],
    jointAllowed: false,
    jointReason: 'Sessions together open once your counselor has met each of you.',
    ...overrides,
  };
}
