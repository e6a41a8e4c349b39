import type {
  MessageView,
  Person,
  ThreadOptions,
  ThreadSummary,
  ThreadView,
} from '@mend/shared/contracts';

export const SAM: Person = { userId: 'sam', displayName: 'Sam Rivera' };
export const ALEX: Person = { userId: 'alex', displayName: 'Alex Rivera' };
export const DANA: Person = { userId: 'dana', displayName: 'Dana Okafor' };

export function message(changes: Partial<MessageView> = {}): MessageView {
  return {
    id: 'm1',
    threadId: 't1',
    author: SAM,
    authorRole: 'client',
    body: 'I tried the walk.\nIt helped.',
    sentAt: '2026-11-30T10:32:00Z',
    mine: false,
    readBy: [],
    pinned: false,
    quoteOf: null,
    quoteRequests: [],
    ...changes,
  };
}

export function summary(changes: Partial<ThreadSummary> = {}): ThreadSummary {
  return {
    id: 't1',
    caseId: 'c1',
    caseTitle: 'Sam & Alex',
    audience: 'private',
    client: SAM,
    readers: [DANA, SAM],
    subject: 'Before Thursday',
    startedBy: DANA,
    startedAt: '2026-11-29T09:00:00Z',
    lastMessageAt: '2026-11-30T10:32:00Z',
    lastMessageBy: SAM,
    unread: 0,
    ...changes,
  };
}

export function thread(changes: Partial<ThreadView> = {}): ThreadView {
  return {
    ...summary(),
    messages: [
      message({ id: 'm1', author: DANA, authorRole: 'counselor', body: 'How was the week?' }),
      message({ id: 'm2' }),
    ],
    hasOlder: false,
    draft: null,
    banner: {
      crisisText: 'In an emergency call 911.',
      replyTimes: [{ counselor: DANA, text: 'Weekdays, within a day' }],
    },
    canPost: true,
    reason: null,
    jointThreads: [],
    ...changes,
  };
}

export function options(changes: Partial<ThreadOptions> = {}): ThreadOptions {
  return { privateWith: [SAM, ALEX], joint: true, jointReason: null, ...changes };
}
