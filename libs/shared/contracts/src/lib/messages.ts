import type { Person } from './notes';

/**
 * Who reads a conversation, fixed when it starts and shown on every message:
 * - `private`: one client and the case's counselors (never the partner);
 * - `joint`: every member of the case and its counselors (started and written in only while
 *   joint work is open).
 * There is no conversation between partners without the counselor.
 */
export const THREAD_AUDIENCES = ['private', 'joint'] as const;
export type ThreadAudience = (typeof THREAD_AUDIENCES)[number];

/**
 * Which conversations a clinic's clients may start themselves (counselors always may):
 * `none`, only their own private one with the counselor (the default), or joint ones too.
 */
export const CLIENT_THREAD_RULES = ['none', 'private', 'private_and_joint'] as const;
export type ClientThreadRule = (typeof CLIENT_THREAD_RULES)[number];

export const MESSAGE_MAX_LENGTH = 5000;
export const THREAD_SUBJECT_MAX_LENGTH = 120;
export const REPLY_TIMES_MAX_LENGTH = 300;

/** `POST /api/cases/:caseId/threads` */
export interface StartThreadRequest {
  audience: ThreadAudience;
  /** For a private conversation started by a counselor: the member it is with. */
  clientId?: string;
  subject: string;
  /** The first message. */
  body: string;
  /** A fresh id per attempt from the browser: a retried start answers the same conversation. */
  clientKey: string;
}

/** `POST /api/threads/:id/messages` */
export interface SendMessageRequest {
  body: string;
  /** A fresh id per message from the browser: a retried send answers the same message. */
  clientKey: string;
}

/** `PUT /api/threads/:id/draft`: what the caller is typing, kept on the server. */
export interface SaveMessageDraftRequest {
  body: string;
}

export interface MessageDraft {
  body: string;
  savedAt: string;
}

/** `PUT /api/threads/:id/read`: everything up to and including this message has been read. */
export interface MarkReadRequest {
  messageId: string;
}

/** `POST /api/messages/:id/quote-requests` (counselor): quote a private message in a joint one. */
export interface QuoteRequestRequest {
  jointThreadId: string;
}

/** `POST /api/quote-requests/:id/answer` (the message's author only). */
export interface AnswerQuoteRequest {
  agree: boolean;
}

export type QuoteRequestState = 'pending' | 'agreed' | 'declined';

/** A counselor's ask to quote a client's private message in the case's joint conversation. */
export interface QuoteRequestView {
  id: string;
  messageId: string;
  jointThreadId: string;
  jointThreadSubject: string;
  state: QuoteRequestState;
  requestedBy: Person;
  requestedAt: string;
  decidedAt: string | null;
}

/** A message as the caller may see it. */
export interface MessageView {
  id: string;
  threadId: string;
  author: Person;
  authorRole: 'counselor' | 'client';
  body: string;
  sentAt: string;
  mine: boolean;
  /**
   * For counselors only: the clients who have read it, and when. A client never sees anyone's
   * read state (in particular not the partner's): always empty for them.
   */
  readBy: { person: Person; readAt: string }[];
  /** For counselors only: pinned into the case's next session note ("since the last session"). */
  pinned: boolean;
  /** Set when this message quotes a client's private message, with their agreement. */
  quoteOf: { author: Person; sentAt: string } | null;
  /**
   * Asks to quote this message in a joint conversation: seen by the case's counselors and by
   * the message's author, never by anyone else.
   */
  quoteRequests: QuoteRequestView[];
}

export interface ThreadSummary {
  id: string;
  caseId: string;
  caseTitle: string;
  audience: ThreadAudience;
  /** The client of a private conversation; null for a joint one. */
  client: Person | null;
  /** Everyone who reads this conversation (its fixed audience), counselors first. */
  readers: Person[];
  subject: string;
  startedBy: Person;
  startedAt: string;
  lastMessageAt: string;
  lastMessageBy: Person;
  /** Messages from others the caller has not read yet. */
  unread: number;
}

export type ThreadPage = {
  items: ThreadSummary[];
  total: number;
  page: number;
  pageSize: number;
};

/** Shown at the top of every conversation. */
export interface ThreadBanner {
  /** The clinic's crisis text: messages are not for emergencies. */
  crisisText: string;
  /** Each counselor of the case and when they usually answer (null: not stated). */
  replyTimes: { counselor: Person; text: string | null }[];
}

/** `GET /api/threads/:id`: the conversation with its newest messages (oldest first). */
export interface ThreadView extends ThreadSummary {
  messages: MessageView[];
  /** Whether older messages exist: `GET /api/threads/:id/messages?before=<oldest id>`. */
  hasOlder: boolean;
  draft: MessageDraft | null;
  banner: ThreadBanner;
  /** Whether the caller may write now; `reason` says why not (joint work closed, case closed). */
  canPost: boolean;
  reason: string | null;
  /** For counselors of a case with joint conversations: where a private message may be quoted. */
  jointThreads: { id: string; subject: string }[];
}

/** `GET /api/threads/:id/messages?before=…&limit=…` */
export interface MessagePage {
  items: MessageView[];
  hasOlder: boolean;
}

/** `GET /api/messages/unread`: for the navigation's badge. */
export interface UnreadMessages {
  threads: number;
}

/** `GET /api/cases/:caseId/thread-options`: what the caller may start in this case. */
export interface ThreadOptions {
  /** Members a private conversation may be started with (a client: only themselves). */
  privateWith: Person[];
  /** Whether a joint conversation may be started now. */
  joint: boolean;
  /** Why joint is not possible, in words for the caller (null when it is). */
  jointReason: string | null;
}

/** `GET`/`PUT /api/clinic/messaging` (admins): the clinic's rule on client-started threads. */
export interface ClinicMessagingSettings {
  clientThreads: ClientThreadRule;
}

/** `GET`/`PUT /api/messages/reply-times` (counselors): shown in every conversation's banner. */
export interface ReplyTimes {
  text: string | null;
}

/**
 * `GET /api/admin/message-counts` (admins): per counselor, conversations whose latest message
 * is a client's and older than two days. Never a thread, a client or a count per client.
 */
export interface MessageCounts {
  counselors: { counselor: Person; unansweredOverTwoDays: number }[];
}

/**
 * The event stream `GET /api/messages/events` (text/event-stream) sends `message` events with
 * this data: which conversation has something new, never what. The page then fetches it.
 */
export interface MessageEvent {
  threadId: string;
  caseId: string;
}

/** The note's "since the last session" panel: messages a counselor pinned for the session. */
export interface PinnedMessage {
  messageId: string;
  threadId: string;
  audience: ThreadAudience;
  subject: string;
  author: Person;
  body: string;
  sentAt: string;
}
