import type { HomeworkSummary } from '@mend/shared/contracts';

export interface InboxGroup {
  key: 'review' | 'overdue' | 'other';
  title: string;
  items: HomeworkSummary[];
}

/**
 * The inbox page's items under two headings, keeping the server's order (submitted and not yet
 * reviewed first, then overdue): what waits for feedback, and what the client has not done.
 */
export function inboxGroups(items: HomeworkSummary[]): InboxGroup[] {
  const review = items.filter((h) => h.status === 'submitted');
  const overdue = items.filter((h) => h.status !== 'submitted' && h.overdue);
  const other = items.filter((h) => h.status !== 'submitted' && !h.overdue);
  return [
    { key: 'review' as const, title: 'Waiting for your feedback', items: review },
    { key: 'overdue' as const, title: 'Overdue', items: overdue },
    { key: 'other' as const, title: 'Other', items: other },
  ].filter((g) => g.items.length > 0);
}
