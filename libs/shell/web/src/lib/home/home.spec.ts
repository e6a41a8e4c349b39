import type { SessionView } from '@mend/shared/contracts';
import { greeting, unsignedCount } from './home';

describe('greeting', () => {
  it('fits the time of day', () => {
    expect(greeting(8)).toBe('Good morning');
    expect(greeting(14)).toBe('Good afternoon');
    expect(greeting(21)).toBe('Good evening');
    expect(greeting(2)).toBe('Good evening');
  });
});

describe('unsignedCount', () => {
  const session = (note: SessionView['note']): SessionView => ({
    id: 's',
    caseId: 'c',
    caseTitle: 'Case',
    startsAt: '2026-05-10T10:00:00Z',
    durationMinutes: 50,
    type: 'couple',
    mode: 'in_person',
    attendees: [],
    counselor: { userId: 'm', displayName: 'Maya' },
    note,
  });

  it('counts recent sessions without a signed note', () => {
    const items = [
      session(null),
      session({ id: 'n1', format: 'soap', status: 'draft', signedAt: null }),
      session({ id: 'n2', format: 'dap', status: 'signed', signedAt: '2026-05-10T12:00:00Z' }),
    ];
    expect(unsignedCount({ items, total: 3, page: 1, pageSize: 20 })).toBe(2);
  });
});
