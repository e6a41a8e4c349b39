import type { HomeworkPage, HomeworkSummary } from '@mend/shared/contracts';
import { homeworkSections } from './sections';

let next = 0;
function hw(patch: Partial<HomeworkSummary>): HomeworkSummary {
  next += 1;
  return {
    id: `h${next}`,
    caseId: 'c1',
    caseTitle: 'Sam & Alex',
    assignmentId: 'a1',
    title: `Homework ${next}`,
    stage: 'time',
    together: false,
    member: { userId: 'u1', displayName: 'Sam' },
    dueOn: '2026-05-10',
    overdue: false,
    status: 'not_started',
    submittedAt: null,
    reviewedAt: null,
    shared: false,
    mine: true,
    paused: false,
    isMeasure: false,
    ...patch,
  };
}
const page = (items: HomeworkSummary[], total = items.length): HomeworkPage => ({
  items,
  total,
  page: 1,
  pageSize: 20,
});

describe('homeworkSections', () => {
  it('puts due, overdue and done homework in their own sections, in that order', () => {
    const sections = homeworkSections({
      due: page([hw({ title: 'Trust thermometer' })]),
      overdue: page([hw({ title: 'Honest check-in', overdue: true })]),
      done: page([
        hw({ title: 'Naming the hurt', status: 'submitted', submittedAt: '2026-05-01' }),
      ]),
      shared: page([]),
    });
    expect(sections.map((s) => [s.testId, s.items.map((i) => i.title)])).toEqual([
      ['homework-due', ['Trust thermometer']],
      ['homework-overdue', ['Honest check-in']],
      ['homework-done', ['Naming the hurt']],
    ]);
  });

  it('shows "Shared with you" only when a counselor shared something', () => {
    const shared = hw({ mine: false, status: 'reviewed', shared: true });
    expect(homeworkSections({ shared: page([]) }).some((s) => s.view === 'shared')).toBe(false);
    const sections = homeworkSections({ shared: page([shared]) });
    expect(sections.find((s) => s.view === 'shared')?.items).toEqual([shared]);
  });

  it('sorts due homework soonest first and done homework latest first', () => {
    const sections = homeworkSections({
      due: page([hw({ dueOn: '2026-05-20', title: 'b' }), hw({ dueOn: '2026-05-12', title: 'a' })]),
      done: page([
        hw({ status: 'submitted', submittedAt: '2026-05-01T10:00:00Z', title: 'older' }),
        hw({ status: 'reviewed', reviewedAt: '2026-05-09T10:00:00Z', title: 'newer' }),
      ]),
    });
    expect(sections[0].items.map((i) => i.title)).toEqual(['a', 'b']);
    expect(sections[2].items.map((i) => i.title)).toEqual(['newer', 'older']);
  });

  it('lists an item once, even when two lists carry it', () => {
    const late = hw({ overdue: true });
    const submitted = hw({ status: 'submitted', submittedAt: '2026-05-02' });
    const sections = homeworkSections({
      due: page([late, submitted]),
      overdue: page([late]),
      done: page([submitted]),
    });
    expect(sections.map((s) => s.items.map((i) => i.id))).toEqual([[], [late.id], [submitted.id]]);
  });

  it('keeps the server’s total for "show more", and marks lists not yet loaded', () => {
    const sections = homeworkSections({ done: page([hw({ status: 'reviewed' })], 42) });
    expect(sections[2].total).toBe(42);
    expect(sections[0].loaded).toBe(false);
    expect(sections[2].loaded).toBe(true);
  });
});
