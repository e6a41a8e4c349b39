import { HttpClient, HttpHeaders } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import {
  BACKGROUND_HEADER,
  JOINT_WORK_CLOSED,
  type AnswerQuoteRequest,
  type ClinicMessagingSettings,
  type MarkReadRequest,
  type MessageCounts,
  type MessageDraft,
  type MessagePage,
  type MessageView,
  type QuoteRequestRequest,
  type QuoteRequestView,
  type ReplyTimes,
  type SendMessageRequest,
  type StartThreadRequest,
  type ThreadOptions,
  type ThreadPage,
  type ThreadView,
  type UnreadMessages,
} from '@mend/shared/contracts';
import { conflictMessage, queryParams } from '@mend/shared/web';
import { firstValueFrom } from 'rxjs';

/** The event stream: `message` events say which conversation has something new, never what. */
export const MESSAGE_EVENTS_URL = '/api/messages/events';

export interface ThreadsQuery {
  /** Counselors: one case's conversations only. */
  caseId?: string;
  /** 1-based. */
  page?: number;
  pageSize?: number;
}

/** The server refused to start or write in a joint conversation while joint work is closed (409). */
export function isJointWorkClosed(error: unknown): boolean {
  return conflictMessage(error, JOINT_WORK_CLOSED) !== null;
}

/** A fresh id for one message or one start of a conversation, kept while it is retried. */
export function newClientKey(): string {
  return crypto.randomUUID();
}

const id = (value: string) => encodeURIComponent(value);

/**
 * Conversations between a case's clients and counselors. The server scopes every answer (404 for
 * a conversation the caller does not read) and refuses joint writes with 409 `joint_work_closed`
 * while the case's joint work is closed. Message text and drafts only travel to and from the
 * server: nothing here keeps them in the browser's storage.
 */
@Injectable({ providedIn: 'root' })
export class MessagesApi {
  private readonly http = inject(HttpClient);

  /** The caller's conversations, the latest message first. */
  threads(query: ThreadsQuery = {}): Promise<ThreadPage> {
    return firstValueFrom(
      this.http.get<ThreadPage>('/api/threads', { params: queryParams(query) }),
    );
  }

  /** What the caller may start in a case (private with whom, joint or why not). */
  threadOptions(caseId: string): Promise<ThreadOptions> {
    return firstValueFrom(this.http.get<ThreadOptions>(`/api/cases/${id(caseId)}/thread-options`));
  }

  /** Starts a conversation with its first message; a retry with the same `clientKey` answers it again. */
  start(caseId: string, request: StartThreadRequest): Promise<ThreadView> {
    return firstValueFrom(this.http.post<ThreadView>(`/api/cases/${id(caseId)}/threads`, request));
  }

  /** The conversation with its newest messages (oldest first), the banner and the caller's draft. */
  thread(threadId: string): Promise<ThreadView> {
    return firstValueFrom(this.http.get<ThreadView>(`/api/threads/${id(threadId)}`));
  }

  /** Messages older than `before` (a message's id), oldest first. */
  messages(threadId: string, before: string, limit?: number): Promise<MessagePage> {
    return firstValueFrom(
      this.http.get<MessagePage>(`/api/threads/${id(threadId)}/messages`, {
        params: queryParams({ before, limit }),
      }),
    );
  }

  /** A retry with the same `clientKey` answers the message already sent. */
  send(threadId: string, request: SendMessageRequest): Promise<MessageView> {
    return firstValueFrom(
      this.http.post<MessageView>(`/api/threads/${id(threadId)}/messages`, request),
    );
  }

  saveDraft(threadId: string, body: string): Promise<MessageDraft> {
    return firstValueFrom(
      this.http.put<MessageDraft>(`/api/threads/${id(threadId)}/draft`, { body }),
    );
  }

  /** Everything up to and including `messageId` has been read. */
  markRead(threadId: string, messageId: string): Promise<void> {
    const request: MarkReadRequest = { messageId };
    return firstValueFrom(this.http.put<void>(`/api/threads/${id(threadId)}/read`, request));
  }

  /** Counselors: into the case's next session note ("since the last session"). */
  pin(messageId: string): Promise<unknown> {
    return firstValueFrom(this.http.post<unknown>(`/api/messages/${id(messageId)}/pin`, {}));
  }

  unpin(messageId: string): Promise<unknown> {
    return firstValueFrom(this.http.delete<unknown>(`/api/messages/${id(messageId)}/pin`));
  }

  /** Counselors: asks a client whether their private message may be quoted in a joint conversation. */
  requestQuote(messageId: string, jointThreadId: string): Promise<QuoteRequestView> {
    const request: QuoteRequestRequest = { jointThreadId };
    return firstValueFrom(
      this.http.post<QuoteRequestView>(`/api/messages/${id(messageId)}/quote-requests`, request),
    );
  }

  /** The message's author only. */
  answerQuote(requestId: string, agree: boolean): Promise<QuoteRequestView> {
    const request: AnswerQuoteRequest = { agree };
    return firstValueFrom(
      this.http.post<QuoteRequestView>(`/api/quote-requests/${id(requestId)}/answer`, request),
    );
  }

  /**
   * How many conversations have something unread, for the navigation's badge. `background`:
   * asked because of an event, not by the person (it does not keep the session alive).
   */
  unread(background = false): Promise<UnreadMessages> {
    return firstValueFrom(
      this.http.get<UnreadMessages>('/api/messages/unread', {
        headers: background ? new HttpHeaders({ [BACKGROUND_HEADER]: '1' }) : undefined,
      }),
    );
  }

  /** Counselors: when they usually answer, shown in every conversation's banner. */
  replyTimes(): Promise<ReplyTimes> {
    return firstValueFrom(this.http.get<ReplyTimes>('/api/messages/reply-times'));
  }

  saveReplyTimes(text: string | null): Promise<ReplyTimes> {
    const request: ReplyTimes = { text };
    return firstValueFrom(this.http.put<ReplyTimes>('/api/messages/reply-times', request));
  }

  /** Admins: which conversations the clinic's clients may start. */
  clinicMessaging(): Promise<ClinicMessagingSettings> {
    return firstValueFrom(this.http.get<ClinicMessagingSettings>('/api/clinic/messaging'));
  }

  saveClinicMessaging(settings: ClinicMessagingSettings): Promise<ClinicMessagingSettings> {
    return firstValueFrom(
      this.http.put<ClinicMessagingSettings>('/api/clinic/messaging', settings),
    );
  }

  /** Admins: per counselor, conversations waiting for an answer for over two days (counts only). */
  messageCounts(): Promise<MessageCounts> {
    return firstValueFrom(this.http.get<MessageCounts>('/api/admin/message-counts'));
  }
}
