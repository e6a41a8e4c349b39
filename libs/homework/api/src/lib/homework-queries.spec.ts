import { addDays, canonical, toHomeworkSummary } from './homework-queries';

describe('addDays', () => {
  it('moves across months and years in UTC', () => {
    expect(addDays('2026-11-28', 7)).toBe('2026-12-05');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
  });
});

describe('canonical', () => {
  it('gives the same text for the same answers in any key order', () => {
    expect(canonical({ b: [1, { y: 2, x: 1 }], a: 'x' })).toBe(
      canonical({ a: 'x', b: [1, { x: 1, y: 2 }] }),
    );
    expect(canonical({ a: 'x' })).not.toBe(canonical({ a: 'y' }));
  });
});

describe('toHomeworkSummary', () => {
  const row = {
    id: 'h1',
    case_id: 'c1',
    case_title: 'Sam & Alex',
    assignment_id: 'a1',
    title: 'Trust thermometer',
    stage: 'time' as const,
    user_id: null,
    member_name: null,
    due_on: '2026-11-27',
    overdue: false,
    status: 'draft' as const,
    submitted_at: null,
    reviewed_at: null,
    shared_at: null,
  };

  it('marks together homework as the viewer’s own, without a member', () => {
    expect(toHomeworkSummary(row, 'someone')).toMatchObject({
      together: true,
      member: null,
      mine: true,
      shared: false,
    });
  });

  it('marks another member’s response as not the viewer’s', () => {
    const summary = toHomeworkSummary(
      { ...row, user_id: 'sam', member_name: 'Sam', shared_at: new Date() },
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
