import { addDays, toHomeworkSummary } from './homework-queries';

describe('addDays', () => {
  it('moves across months and years in UTC', () => {
    expect(addDays('2026-11-28', 7)).toBe('2026-12-05');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
  });
});

describe('toHomeworkSummary', () => {
  const row = {
    id: 'h1',
    case_id: 'c1',
    assignment_id: 'a1',
    exercise_version_id: 'v1',
    user_id: null as string | null,
    due_on: '2026-11-27',
    overdue: false,
    status: 'draft' as const,
    submitted_at: null,
    reviewed_at: null,
    shared_at: null,
  };

  const names = {
    caseTitles: new Map([['c1', 'Sam & Alex']]),
    versions: new Map([
      [
        'v1',
        {
          id: 'v1',
          clinicId: 'k1',
          exerciseId: 'e1',
          version: 1,
          title: 'Trust thermometer',
          stage: 'time' as const,
          audience: 'each_member' as const,
          recurrence: 'weekly' as const,
          instructions: '',
          fields: [],
        },
      ],
    ]),
    person: (id: string | null) => (id === 'sam' ? { userId: 'sam', displayName: 'Sam' } : null),
  };

  it('takes the case title and the exercise title from the other domains’ ports', () => {
    expect(toHomeworkSummary(row, names, 'someone')).toMatchObject({
      caseTitle: 'Sam & Alex',
      title: 'Trust thermometer',
      stage: 'time',
    });
  });

  it('marks together homework as the viewer’s own, without a member', () => {
    expect(toHomeworkSummary(row, names, 'someone')).toMatchObject({
      together: true,
      member: null,
      mine: true,
      shared: false,
    });
  });

  it('marks another member’s response as not the viewer’s', () => {
    const summary = toHomeworkSummary(
      { ...row, user_id: 'sam', shared_at: new Date() },
      names,
      'alex',
    );
    expect(summary).toMatchObject({
      together: false,
      member: { userId: 'sam', displayName: 'Sam' },
      mine: false,
      shared: true,
    });
  });
});
