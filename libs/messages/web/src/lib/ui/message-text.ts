import type {
  ClientThreadRule,
  MessageView,
  Person,
  QuoteRequestView,
  ThreadAudience,
  ThreadSummary,
} from '@mend/shared/contracts';
import { savedTime } from '@mend/shared/web';

export const AUDIENCE_LABELS: Record<ThreadAudience, string> = {
  private: 'Private',
  joint: 'Joint',
};

/** The admin's choice of which conversations clients may start, in plain words. */
export const CLIENT_THREAD_RULE_LABELS: Record<ClientThreadRule, string> = {
  none: 'Clients cannot start conversations',
  private: 'Clients may start a private conversation with their counselor (recommended)',
  private_and_joint:
    '…and joint conversations with everyone in their case while joint work is open',
};

/** "Alex", "Alex and Sam", "Alex, Sam and Dana". */
export function joinNames(names: readonly string[]): string {
  if (names.length <= 1) return names[0] ?? '';
  return `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}

/** A person's first name: chips stay short, and a family often shares its last name. */
export function firstName(person: Person): string {
  return person.displayName.trim().split(/\s+/)[0] || person.displayName;
}

/**
 * Who reads a conversation, as its chip says it: "Private · you and Dana (counselor)",
 * "Private · Alex and you", "Joint · you, Sam and Dana". From the conversation's fixed readers
 * (counselors first): in a private one everyone but its client is a counselor.
 */
export function audienceText(
  thread: Pick<ThreadSummary, 'audience' | 'client' | 'readers'>,
  meId: string | undefined,
): string {
  const name = (p: Person) => (p.userId === meId ? 'you' : firstName(p));
  if (thread.audience === 'private' && thread.client) {
    const client = thread.client;
    const counselors = thread.readers.filter((p) => p.userId !== client.userId);
    const others = counselors.filter((p) => p.userId !== meId);
    const parts = [name(client), ...(others.length < counselors.length ? ['you'] : [])];
    const role = others.length === 1 ? ' (counselor)' : others.length ? ' (counselors)' : '';
    return `${AUDIENCE_LABELS.private} · ${joinNames([...parts, ...others.map(firstName)])}${role}`;
  }
  const mine = thread.readers.filter((p) => p.userId === meId);
  const others = thread.readers.filter((p) => p.userId !== meId);
  return `${AUDIENCE_LABELS[thread.audience]} · ${joinNames([
    ...mine.map(() => 'you'),
    ...others.map(firstName),
  ])}`;
}

/** When a message was sent: "10:32" today, "Nov 28, 10:32" another day. */
export function messageTime(iso: string, now = new Date()): string {
  return savedTime(iso, now);
}

const fullDate = new Intl.DateTimeFormat('en-US', { dateStyle: 'full', timeStyle: 'short' });
const shortDate = new Intl.DateTimeFormat('en-US', { month: 'short', day: 'numeric' });

/** The full date and time, for a time's tooltip and its `datetime`'s reader. */
export function fullTime(iso: string): string {
  return fullDate.format(new Date(iso));
}

/** Counselors: "Read by Alex · 10:32". */
export function readByText(read: MessageView['readBy'][number], now = new Date()): string {
  return `Read by ${firstName(read.person)} · ${messageTime(read.readAt, now)}`;
}

/** "Quoted with Alex Rivera’s agreement, from Nov 28". */
export function quoteText(quote: NonNullable<MessageView['quoteOf']>): string {
  return `Quoted with ${quote.author.displayName}’s agreement, from ${shortDate.format(
    new Date(quote.sentAt),
  )}`;
}

/** Where a counselor's ask to quote stands, for the counselors (and the author, once answered). */
export function quoteStateText(request: QuoteRequestView, author: Person): string {
  const where = `“${request.jointThreadSubject}”`;
  switch (request.state) {
    case 'pending':
      return `Asked to quote in ${where} · waiting for ${firstName(author)}’s answer`;
    case 'agreed':
      return `${firstName(author)} agreed to quote it in ${where}`;
    case 'declined':
      return `${firstName(author)} kept it private`;
  }
}

/** "2 unread" for a conversation's row. */
export function unreadText(unread: number): string {
  return `${unread} unread`;
}
