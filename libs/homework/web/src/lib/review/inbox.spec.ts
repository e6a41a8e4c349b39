import type { HomeworkSummary } from '@mend/shared/contracts';
import { inboxGroups } from './inbox';

const hw = (id: string, patch: Partial<HomeworkSummary>): HomeworkSummary => ({
  id,
  caseId: 'c1',
  caseTitle: 'Sam & Alex',
  assignmentId: 'a1',
  title: 'Trust thermometer',
  stage: 'time',
  together: false,
  member: { userId: 'u1', displayName: 'Sam' },
  dueOn: '2026-05-10',
  overdue: false,
  status: 'submitted',
  submittedAt: '2026-05-09T10:00:00Z',
  reviewedAt: null,
  shared: false,
  mine: false,
  paused: false,
  isMeasure: false,
  ...patch,
});

describe('inboxGroups', () => {
  it('shows submitted homework first, then overdue, keeping the server’s order', () => {
    const groups = inboxGroups([
      hw('1', {}),
      hw('2', { overdue: true }),
      hw('3', { status: 'draft', overdue: true }),
      hw('4', { status: 'not_started', overdue: true }),
    ]);
    expect(groups.map((g) => [g.title, g.items.map((i) => i.id)])).toEqual([
      ['Waiting for your feedback', ['1', '2']],
      ['Overdue', ['3', '4']],
    ]);
  });

  it('leaves out empty headings', () => {
    expect(inboxGroups([])).toEqual([]);
  });
});
