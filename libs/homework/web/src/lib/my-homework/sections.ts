import type { HomeworkPage, HomeworkSummary } from '@mend/shared/contracts';
import type { MyHomeworkView } from '../data-access/homework-api';

export interface HomeworkSection {
  view: MyHomeworkView;
  title: string;
  hint: string;
  icon: string;
  /** `homework-due`, `homework-overdue`, … */
  testId: string;
  items: HomeworkSummary[];
  /** How many the server has in all (more may be loaded). */
  total: number;
  empty: string;
  loaded: boolean;
}

const SECTIONS: Record<MyHomeworkView, Omit<HomeworkSection, 'items' | 'total' | 'loaded'>> = {
  due: {
    view: 'due',
    title: 'Due soon',
    hint: 'What to work on next, soonest first',
    icon: 'event_upcoming',
    testId: 'homework-due',
    empty: 'Nothing is due right now. New exercises from your counselor appear here.',
  },
  overdue: {
    view: 'overdue',
    title: 'Overdue',
    hint: 'Past the due date — it is not too late to finish them',
    icon: 'schedule',
    testId: 'homework-overdue',
    empty: 'Nothing is overdue.',
  },
  done: {
    view: 'done',
    title: 'Done',
    hint: 'What you submitted, with your counselor’s feedback',
    icon: 'task_alt',
    testId: 'homework-done',
    empty: 'Homework you submit is kept here.',
  },
  shared: {
    view: 'shared',
    title: 'Shared with you',
    hint: 'Responses of the other members that your counselor chose to share with you',
    icon: 'visibility',
    testId: 'homework-shared',
    empty: '',
  },
};

export const VIEWS: MyHomeworkView[] = ['due', 'overdue', 'done', 'shared'];

function byDue(a: HomeworkSummary, b: HomeworkSummary): number {
  return a.dueOn.localeCompare(b.dueOn) || a.title.localeCompare(b.title);
}

function byDoneLatest(a: HomeworkSummary, b: HomeworkSummary): number {
  const at = (h: HomeworkSummary) => h.reviewedAt ?? h.submittedAt ?? h.dueOn;
  return at(b).localeCompare(at(a));
}

/**
 * The client's homework in its sections: due soon (soonest first), overdue (oldest first), done
 * (latest first) and, only when there is something, shared with you. An item is shown once: an
 * overdue item the server also listed as due stays in "Overdue", a submitted one in "Done".
 */
export function homeworkSections(
  pages: Partial<Record<MyHomeworkView, HomeworkPage | null>>,
): HomeworkSection[] {
  const seen = new Set<string>();
  const take = (view: MyHomeworkView, keep: (h: HomeworkSummary) => boolean) => {
    const items = (pages[view]?.items ?? []).filter((h) => keep(h) && !seen.has(h.id));
    items.forEach((h) => seen.add(h.id));
    return items;
  };
  const isDone = (h: HomeworkSummary) => h.status === 'submitted' || h.status === 'reviewed';
  const done = take('done', () => true).sort(byDoneLatest);
  const overdue = take('overdue', (h) => !isDone(h)).sort(byDue);
  const due = take('due', (h) => !isDone(h) && !h.overdue).sort(byDue);
  const shared = take('shared', () => true).sort(byDoneLatest);
  const items: Record<MyHomeworkView, HomeworkSummary[]> = { due, overdue, done, shared };
  return VIEWS.map((view) => ({
    ...SECTIONS[view],
    items: items[view],
    total: Math.max(pages[view]?.total ?? 0, items[view].length),
    loaded: !!pages[view],
  })).filter((s) => s.view !== 'shared' || s.items.length > 0);
}
