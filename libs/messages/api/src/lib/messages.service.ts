import { randomUUID } from 'node:crypto';
import {
  ConflictException,
  ForbiddenException,
  Injectable,
  NotFoundException,
} from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { AuditService } from '@mend/audit/api';
import { ClinicSettings, People } from '@mend/auth/api';
import type { Caller } from '@mend/auth/api';
import { audienceRule, CaseAccess, refuseAdmins } from '@mend/caseload/api';
import type { CaseRef } from '@mend/caseload/api';
import { Notifier } from '@mend/notifications/api';
import { JOINT_WORK_WAITING, JointWork } from '@mend/safety/api';
import type {
  ClientThreadRule,
  MessageDraft,
  MessagePage,
  MessageView,
  Person,
  PinnedMessage,
  QuoteRequestView,
  ThreadAudience,
  ThreadOptions,
  ThreadPage,
  ThreadSummary,
  ThreadView,
  UnreadMessages,
} from '@mend/shared/contracts';
import {
  ClinicDb,
  encryptionContext,
  FieldEncryptionService,
  fieldError,
  LiveEvents,
} from '@mend/shared/server';
import { ListThreadsQueryDto, MessagePageQueryDto, StartThreadDto } from './messages.dto';

const NO_THREAD = 'No such conversation.';
const NO_MESSAGE = 'No such message.';
const CASE_CLOSED = 'This case is closed: its conversations can be read, not added to.';
const JOINT_CLOSED_FOR_COUNSELOR =
  'Joint work is not open for this case yet, so the joint conversation is paused: each member needs an individual safety conversation that clears them. The case’s Safety tab shows who is missing.';
const NEWEST = 50;

/** A conversation as the caller reaches it, with its case. */
interface ThreadRow {
  id: string;
  case_id: string;
  case_title: string;
  case_status: string;
  case_type: string;
  audience: ThreadAudience;
  client_id: string | null;
  subject_enc: string;
  started_by_id: string;
  started_at: Date;
  last_message_at: Date;
  last_author_id: string;
  unread: number;
  total?: number;
}

interface MessageRow {
  id: string;
  thread_id: string;
  author_id: string;
  author_role: 'counselor' | 'client';
  body_enc: string;
  sent_at: Date;
  quote_sent_at: Date | null;
  pinned_at: Date | null;
}

interface QuoteRow {
  id: string;
  message_id: string;
  joint_thread_id: string;
  joint_subject_enc: string;
  state: QuoteRequestView['state'];
  requested_by_id: string;
  requested_at: Date;
  decided_at: Date | null;
  author_id: string;
  case_id: string;
}

const THREAD_SELECT = `SELECT t.id, t.case_id, t.audience, t.client_id, t.subject_enc, t.started_by_id, t.started_at, t.last_message_at, t.last_author_id,
       (SELECT count(*)::int FROM messages m
         WHERE m.thread_id = t.id AND m.author_id <> $1
           AND m.sent_at > coalesce(r.read_up_to, '-infinity')) AS unread
  FROM message_threads t
  LEFT JOIN message_reads r ON r.thread_id = t.id AND r.user_id = $1`;

const MESSAGE_SELECT = `SELECT m.id, m.thread_id, m.author_id, m.author_role, m.body_enc, m.sent_at,
       m.quote_sent_at, m.pinned_at
  FROM messages m`;

/** Threads with their cases' title, status and type; threads of other cases are dropped. */
function withCases(
  rows: ThreadRow[],
  cases: Pick<CaseRef, 'id' | 'title' | 'status' | 'type'>[],
): ThreadRow[] {
  const byId = new Map(cases.map((c) => [c.id, c]));
  return rows.flatMap((r) => {
    const c = byId.get(r.case_id);
    return c ? [{ ...r, case_title: c.title, case_status: c.status, case_type: c.type }] : [];
  });
}

/**
 * Secure messaging between a case's counselors and its members. A conversation's audience is
 * fixed when it starts (private: one client and the counselors; joint: everyone, only while
 * joint work is open); messages are encrypted, never edited, and their reads and writes are
 * audited. Admins see none of it: only a count per counselor of conversations waiting.
 */
@Injectable()
export class MessagesService {
  constructor(
    private readonly db: ClinicDb,
    private readonly caseAccess: CaseAccess,
    private readonly jointWork: JointWork,
    private readonly people: People,
    private readonly clinicSettings: ClinicSettings,
    private readonly encryption: FieldEncryptionService,
    private readonly audit: AuditService,
    private readonly notifier: Notifier,
    private readonly live: LiveEvents,
  ) {}

  /** The caller's conversations, the most recently active first. */
  async list(caller: Caller, query: ListThreadsQueryDto): Promise<ThreadPage> {
    refuseAdmins(caller.role, 'Conversations');
    return this.db.run(caller, async (tx) => {
      const cases = query.caseId
        ? [await this.caseAccess.require(caller, query.caseId, 'see')]
        : await this.caseAccess.cases(caller);
      const params: unknown[] = [caller.id, cases.map((c) => c.id)];
      const where = [`t.case_id = ANY($2::uuid[])`, audienceRule(caller.role, 't', '$1')];
      params.push(query.pageSize, (query.page - 1) * query.pageSize);
      const found: ThreadRow[] = await tx.query(
        `${THREAD_SELECT.replace('SELECT t.id', 'SELECT count(*) OVER ()::int AS total, t.id')}
          WHERE ${where.join(' AND ')}
          ORDER BY t.last_message_at DESC, t.id DESC
          LIMIT $${params.length - 1} OFFSET $${params.length}`,
        params,
      );
      const rows = withCases(found, cases);
      let total = rows[0]?.total ?? 0;
      if (rows.length === 0 && query.page > 1) {
        const [count]: { total: number }[] = await tx.query(
          `SELECT count(*)::int AS total FROM message_threads t WHERE ${where.join(' AND ')}`,
          params.slice(0, params.length - 2),
        );
        total = count.total;
      }
      return {
        items: await this.summaries(tx, caller, rows),
        total,
        page: query.page,
        pageSize: query.pageSize,
      };
    });
  }

  /** What the caller may start in a case: private with whom, and whether joint now. */
  async options(caller: Caller, caseId: string): Promise<ThreadOptions> {
    refuseAdmins(caller.role, 'Conversations');
    return this.db.run(caller, async () => {
      const kase = await this.caseAccess.require(caller, caseId, 'see');
      const members = await this.caseAccess.memberIds(caller, caseId);
      const person = await this.people.lookup(caller, members);
      const rule =
        caller.role === 'client' ? await this.clinicSettings.clientThreads(caller) : null;
      const open = kase.status === 'open';
      const privateWith =
        !open || rule === 'none'
          ? []
          : (caller.role === 'client' ? [caller.id] : members)
              .map((id) => person(id))
              .filter((p): p is Person => p !== null)
              .sort((a, b) => a.displayName.localeCompare(b.displayName));
      const jointReason = await this.jointRefusal(caller, kase, rule);
      return { privateWith, joint: jointReason === null, jointReason };
    });
  }

  /**
   * Starts a conversation with its first message. A retry with the same `clientKey` answers the
   * conversation it started (`created: false`).
   */
  async start(
    caller: Caller,
    caseId: string,
    input: StartThreadDto,
  ): Promise<{ view: ThreadView; created: boolean }> {
    refuseAdmins(caller.role, 'Conversations');
    return this.db.run(caller, async (tx) => {
      const kase = await this.caseAccess.require(caller, caseId, 'see');
      const [again]: { id: string }[] = await tx.query(
        `SELECT id FROM message_threads WHERE clinic_id = $1 AND started_by_id = $2 AND start_key = $3`,
        [caller.clinicId, caller.id, input.clientKey],
      );
      if (again) return { view: await this.view(tx, caller, again.id, false), created: false };
      if (kase.status !== 'open') throw new ConflictException(CASE_CLOSED);
      const rule =
        caller.role === 'client' ? await this.clinicSettings.clientThreads(caller) : null;
      let clientId: string | null = null;
      if (input.audience === 'private') {
        if (rule === 'none')
          throw new ForbiddenException(
            'In your clinic, your counselor starts conversations. You can reply in any conversation they start with you.',
          );
        clientId = caller.role === 'client' ? caller.id : (input.clientId ?? null);
        if (caller.role === 'client' && input.clientId && input.clientId !== caller.id)
          throw fieldError('clientId', 'You can start a private conversation for yourself only.');
        const members = await this.caseAccess.memberIds(caller, caseId);
        if (!clientId || !members.includes(clientId))
          throw fieldError('clientId', 'Choose the member of this case the conversation is with.');
      } else {
        const refusal = await this.jointRefusal(caller, kase, rule);
        if (refusal !== null) {
          if (kase.type === 'individual') throw fieldError('audience', refusal);
          if (caller.role === 'client' && rule !== 'private_and_joint')
            throw new ForbiddenException(refusal);
          await this.jointWork.require(caller, caseId);
          throw new ConflictException(refusal);
        }
      }
      const id = randomUUID();
      const now: Date = (await tx.query(`SELECT clock_timestamp() AS now`))[0].now;
      await tx.query(
        `INSERT INTO message_threads (id, clinic_id, case_id, audience, client_id, subject_enc, started_by_id,
                start_key, started_at, last_message_at, last_author_id, last_author_role)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $9, $7, $10)`,
        [
          id,
          caller.clinicId,
          caseId,
          input.audience,
          clientId,
          this.encryption.encrypt(
            input.subject,
            encryptionContext('message_threads', 'subject_enc', id),
          ),
          caller.id,
          input.clientKey,
          now,
          caller.role,
        ],
      );
      await this.audit.record(tx, caller, {
        action: 'conversation.started',
        entityType: 'message_thread',
        entityId: id,
        details: { caseId, audience: input.audience },
      });
      await this.write(tx, caller, await this.thread(tx, caller, id), input.body, {
        clientKey: input.clientKey,
      });
      return { view: await this.view(tx, caller, id, false), created: true };
    });
  }

  /** The conversation with its newest messages; reading it is audited. */
  async read(caller: Caller, id: string): Promise<ThreadView> {
    refuseAdmins(caller.role, 'Conversations');
    return this.db.run(caller, (tx) => this.view(tx, caller, id, true));
  }

  /** Older messages of a conversation, before `query.before`. */
  async older(caller: Caller, id: string, query: MessagePageQueryDto): Promise<MessagePage> {
    refuseAdmins(caller.role, 'Conversations');
    return this.db.run(caller, async (tx) => {
      const thread = await this.thread(tx, caller, id);
      const params: unknown[] = [id, query.limit + 1];
      let before = '';
      if (query.before) {
        const [anchor]: { sent_at: Date }[] = await tx.query(
          `SELECT sent_at FROM messages WHERE id = $1 AND thread_id = $2`,
          [query.before, id],
        );
        if (!anchor) throw fieldError('before', 'before must be a message of this conversation.');
        params.push(anchor.sent_at, query.before);
        before = `AND (m.sent_at, m.id) < ($3, $4)`;
      }
      const rows: MessageRow[] = await tx.query(
        `${MESSAGE_SELECT} WHERE m.thread_id = $1 ${before} ORDER BY m.sent_at DESC, m.id DESC LIMIT $2`,
        params,
      );
      await this.recordRead(tx, caller, thread);
      return {
        items: await this.messageViews(tx, caller, thread, rows.slice(0, query.limit).reverse()),
        hasOlder: rows.length > query.limit,
      };
    });
  }

  /** Sends a message; a retry with the same `clientKey` answers the message it sent. */
  async send(
    caller: Caller,
    id: string,
    input: { body: string; clientKey: string },
  ): Promise<{ message: MessageView; created: boolean }> {
    refuseAdmins(caller.role, 'Conversations');
    return this.db.run(caller, async (tx) => {
      const thread = await this.thread(tx, caller, id);
      const [again]: MessageRow[] = await tx.query(
        `${MESSAGE_SELECT} WHERE m.clinic_id = $1 AND m.thread_id = $2 AND m.author_id = $3 AND m.client_key = $4`,
        [caller.clinicId, id, caller.id, input.clientKey],
      );
      if (again)
        return {
          message: (await this.messageViews(tx, caller, thread, [again]))[0],
          created: false,
        };
      await this.requireWritable(caller, thread);
      const messageId = await this.write(tx, caller, thread, input.body, {
        clientKey: input.clientKey,
      });
      return { message: await this.one(tx, caller, thread, messageId), created: true };
    });
  }

  /** Keeps what the caller is typing; an empty text removes the draft. */
  async saveDraft(caller: Caller, id: string, body: string): Promise<MessageDraft> {
    refuseAdmins(caller.role, 'Conversations');
    return this.db.run(caller, async (tx) => {
      await this.thread(tx, caller, id);
      if (body.trim() === '') {
        await tx.query(`DELETE FROM message_drafts WHERE thread_id = $1 AND user_id = $2`, [
          id,
          caller.id,
        ]);
        return { body: '', savedAt: new Date().toISOString() };
      }
      const [existing]: { id: string }[] = await tx.query(
        `SELECT id FROM message_drafts WHERE thread_id = $1 AND user_id = $2`,
        [id, caller.id],
      );
      const draftId = existing?.id ?? randomUUID();
      const bodyEnc = this.encryption.encrypt(
        body,
        encryptionContext('message_drafts', 'body_enc', draftId),
      );
      const [saved]: { saved_at: Date }[] = existing
        ? await tx.query(
            `UPDATE message_drafts SET body_enc = $2, saved_at = clock_timestamp() WHERE id = $1 RETURNING saved_at`,
            [draftId, bodyEnc],
          )
        : await tx.query(
            `INSERT INTO message_drafts (id, clinic_id, thread_id, user_id, body_enc, saved_at)
             VALUES ($1, $2, $3, $4, $5, clock_timestamp()) RETURNING saved_at`,
            [draftId, caller.clinicId, id, caller.id, bodyEnc],
          );
      return { body, savedAt: new Date(saved.saved_at).toISOString() };
    });
  }

  /** Everything up to `messageId` has been read by the caller (never moves back). */
  async markRead(caller: Caller, id: string, messageId: string): Promise<void> {
    refuseAdmins(caller.role, 'Conversations');
    await this.db.run(caller, async (tx) => {
      const thread = await this.thread(tx, caller, id);
      const [message]: { sent_at: Date }[] = await tx.query(
        `SELECT sent_at FROM messages WHERE id = $1 AND thread_id = $2`,
        [messageId, id],
      );
      if (!message) throw new NotFoundException(NO_MESSAGE);
      await this.moveCursor(tx, caller, thread.id, thread.case_id, message.sent_at);
      // Only counselors hear of reads: a partner must not learn when the other reads.
      await this.live.publish(tx, {
        topic: 'read',
        clinicId: caller.clinicId,
        caseId: thread.case_id,
        threadId: id,
      });
    });
  }

  /** Pins a message into the case's next session note (or unpins it): counselors only. */
  async pin(caller: Caller, messageId: string, pinned: boolean): Promise<MessageView> {
    if (caller.role !== 'counselor')
      throw new ForbiddenException('Counselors pin messages for their session notes.');
    return this.db.run(caller, async (tx) => {
      const { thread } = await this.messageInReach(tx, caller, messageId);
      await tx.query(
        `UPDATE messages SET pinned_at = CASE WHEN $2 THEN coalesce(pinned_at, now()) END,
                pinned_by_id = CASE WHEN $2 THEN coalesce(pinned_by_id, $3::uuid) END
          WHERE id = $1`,
        [messageId, pinned, caller.id],
      );
      await this.audit.record(tx, caller, {
        action: pinned ? 'message.pinned' : 'message.unpinned',
        entityType: 'message_thread',
        entityId: thread.id,
        details: { caseId: thread.case_id, messageId },
      });
      return this.one(tx, caller, thread, messageId);
    });
  }

  /**
   * A counselor asks a client to let one of their private messages be quoted in the case's
   * joint conversation. Nothing reaches the joint conversation until the client agrees.
   */
  async requestQuote(
    caller: Caller,
    messageId: string,
    jointThreadId: string,
  ): Promise<{ view: QuoteRequestView; created: boolean }> {
    if (caller.role !== 'counselor')
      throw new ForbiddenException('Counselors ask to quote a message.');
    return this.db.run(caller, async (tx) => {
      const { thread, message } = await this.messageInReach(tx, caller, messageId);
      if (thread.audience !== 'private' || message.author_id !== thread.client_id)
        throw new ConflictException(
          'Only a client’s own message in their private conversation can be quoted, with their agreement.',
        );
      const [joint]: { id: string }[] = await tx.query(
        `SELECT id FROM message_threads WHERE id = $1 AND case_id = $2 AND audience = 'joint'`,
        [jointThreadId, thread.case_id],
      );
      if (!joint) throw fieldError('jointThreadId', 'Choose a joint conversation of this case.');
      await this.jointWork.require(caller, thread.case_id);
      const inserted: { id: string }[] = await tx.query(
        `INSERT INTO message_quote_requests (clinic_id, case_id, message_id, author_id, joint_thread_id, requested_by_id)
         VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT DO NOTHING RETURNING id`,
        [caller.clinicId, thread.case_id, messageId, message.author_id, jointThreadId, caller.id],
      );
      const created = inserted.length === 1;
      if (created) {
        await this.audit.record(tx, caller, {
          action: 'message.quote_requested',
          entityType: 'message_thread',
          entityId: thread.id,
          details: { caseId: thread.case_id, messageId, jointThreadId },
        });
        const me = await this.people.lookup(caller, [caller.id]);
        await this.notifier.notify(tx, caller.clinicId, [
          {
            userId: message.author_id,
            kind: 'message_received',
            link: `/messages/${thread.id}`,
            text: `${me(caller.id)?.displayName ?? 'Your counselor'} asks to quote one of your private messages in the joint conversation. Nothing is shared unless you agree.`,
          },
        ]);
        await this.announce(tx, caller, thread.case_id, thread.id);
      }
      const [request] = await this.quoteRows(
        tx,
        caller,
        `q.message_id = $1 AND q.joint_thread_id = $2`,
        [messageId, jointThreadId],
      );
      return { view: (await this.quoteViews(tx, caller, [request]))[0], created };
    });
  }

  /**
   * The message's author answers an ask to quote it. Agreeing posts the message, as theirs and
   * marked as a quote, in the joint conversation (once, whatever the retries).
   */
  async answerQuote(caller: Caller, requestId: string, agree: boolean): Promise<QuoteRequestView> {
    if (caller.role !== 'client')
      throw new ForbiddenException('Only the message’s author answers an ask to quote it.');
    return this.db.run(caller, async (tx) => {
      const [request] = await this.quoteRows(tx, caller, `q.id = $1`, [requestId]);
      if (!request || request.author_id !== caller.id)
        throw new NotFoundException('No such request.');
      const wanted = agree ? 'agreed' : 'declined';
      if (request.state !== 'pending') {
        if (request.state === wanted) return (await this.quoteViews(tx, caller, [request]))[0];
        throw new ConflictException(
          `You already ${request.state === 'agreed' ? 'agreed' : 'said no'} to this.`,
        );
      }
      if (agree) {
        const joint = await this.thread(tx, caller, request.joint_thread_id);
        await this.requireWritable(caller, joint);
        const [source]: MessageRow[] = await tx.query(`${MESSAGE_SELECT} WHERE m.id = $1`, [
          request.message_id,
        ]);
        if (!source) throw new NotFoundException(NO_MESSAGE);
        await this.write(tx, caller, joint, this.body(source), {
          clientKey: request.id,
          quoteOf: source,
        });
      }
      await tx.query(
        `UPDATE message_quote_requests SET state = $2, decided_at = now() WHERE id = $1 AND state = 'pending'`,
        [requestId, wanted],
      );
      const [privateThread]: { thread_id: string }[] = await tx.query(
        `SELECT thread_id FROM messages WHERE id = $1`,
        [request.message_id],
      );
      await this.audit.record(tx, caller, {
        action: agree ? 'message.quote_agreed' : 'message.quote_declined',
        entityType: 'message_thread',
        entityId: privateThread?.thread_id ?? request.joint_thread_id,
        details: { caseId: request.case_id, messageId: request.message_id },
      });
      if (privateThread) await this.announce(tx, caller, request.case_id, privateThread.thread_id);
      const [answered] = await this.quoteRows(tx, caller, `q.id = $1`, [requestId]);
      return (await this.quoteViews(tx, caller, [answered]))[0];
    });
  }

  /** How many conversations have something the caller has not read. */
  async unread(caller: Caller): Promise<UnreadMessages> {
    refuseAdmins(caller.role, 'Conversations');
    return this.db.run(caller, async (tx) => {
      const cases = await this.caseAccess.cases(caller);
      const [{ threads }]: { threads: number }[] = await tx.query(
        `SELECT count(*)::int AS threads
           FROM message_threads t
           LEFT JOIN message_reads r ON r.thread_id = t.id AND r.user_id = $1
          WHERE t.case_id = ANY($2::uuid[]) AND ${audienceRule(caller.role, 't', '$1')} AND t.last_author_id <> $1
            AND t.last_message_at > coalesce(r.read_up_to, '-infinity')`,
        [caller.id, cases.map((c) => c.id)],
      );
      return { threads };
    });
  }

  /** Whether the caller may read a conversation: for the live event stream. */
  async mayRead(caller: Caller, threadId: string): Promise<boolean> {
    return this.db.run(caller, async (tx) => {
      const [row]: { case_id: string }[] = await tx.query(
        `SELECT t.case_id FROM message_threads t WHERE t.id = $2 AND ${audienceRule(caller.role, 't', '$1')}`,
        [caller.id, threadId],
      );
      return !!row && (await this.caseAccess.reaches(caller, row.case_id, 'see'));
    });
  }

  /**
   * For the session note's panel: messages of the case its counselors pinned, sent between the
   * previous session and the end of this one. Called inside the note's own transaction.
   */
  async pinnedBetween(
    caller: Caller,
    caseId: string,
    since: Date | null,
    until: Date,
  ): Promise<PinnedMessage[]> {
    if (caller.role !== 'counselor') return [];
    return this.db.run(caller, async (tx) => {
      const rows: (MessageRow & { audience: ThreadAudience; subject_enc: string })[] =
        await tx.query(
          `SELECT m.id, m.thread_id, m.author_id, m.body_enc, m.sent_at, t.audience, t.subject_enc
             FROM messages m JOIN message_threads t ON t.id = m.thread_id
            WHERE m.case_id = $1 AND m.pinned_at IS NOT NULL
              AND m.sent_at > coalesce($2::timestamptz, '-infinity') AND m.sent_at <= $3
            ORDER BY m.sent_at, m.id`,
          [caseId, since, until],
        );
      const person = await this.people.lookup(
        caller,
        rows.map((r) => r.author_id),
      );
      return rows.map((r) => ({
        messageId: r.id,
        threadId: r.thread_id,
        audience: r.audience,
        subject: this.subject({ id: r.thread_id, subject_enc: r.subject_enc }),
        author: person(r.author_id) ?? { userId: r.author_id, displayName: '' },
        body: this.body(r),
        sentAt: new Date(r.sent_at).toISOString(),
      }));
    });
  }

  // --- building blocks ---------------------------------------------------------------------

  /** Why the caller may not start a joint conversation in this case now (null: they may). */
  private async jointRefusal(
    caller: Caller,
    kase: { id: string; type: string; status: string },
    rule: ClientThreadRule | null,
  ): Promise<string | null> {
    if (kase.type === 'individual') return 'An individual case has private conversations only.';
    if (kase.status !== 'open') return CASE_CLOSED;
    if (caller.role === 'client' && rule !== 'private_and_joint')
      return 'Your counselor starts joint conversations.';
    if (!(await this.jointWork.isOpen(caller, kase.id)))
      return caller.role === 'counselor' ? JOINT_CLOSED_FOR_COUNSELOR : JOINT_WORK_WAITING;
    return null;
  }

  /** 409 when the caller may not write in the conversation now (closed case, joint gate). */
  private async requireWritable(caller: Caller, thread: ThreadRow): Promise<void> {
    const reason = await this.postRefusal(caller, thread);
    if (reason === null) return;
    if (thread.case_status !== 'open') throw new ConflictException(reason);
    await this.jointWork.require(caller, thread.case_id);
  }

  private async postRefusal(caller: Caller, thread: ThreadRow): Promise<string | null> {
    if (thread.case_status !== 'open') return CASE_CLOSED;
    if (thread.audience === 'joint' && !(await this.jointWork.isOpen(caller, thread.case_id)))
      return caller.role === 'counselor' ? JOINT_CLOSED_FOR_COUNSELOR : JOINT_WORK_WAITING;
    return null;
  }

  /** The conversation if the caller may read it; 404 otherwise, whether it exists or not. */
  private async thread(tx: EntityManager, caller: Caller, id: string): Promise<ThreadRow> {
    const [row]: ThreadRow[] = await tx.query(
      `${THREAD_SELECT} WHERE t.id = $2 AND ${audienceRule(caller.role, 't', '$1')}`,
      [caller.id, id],
    );
    const kase = row && (await this.caseAccess.reachable(caller, row.case_id, 'see'));
    if (!row || !kase) throw new NotFoundException(NO_THREAD);
    return withCases([row], [kase])[0];
  }

  /** A message and its conversation, if the caller may read them; 404 otherwise. */
  private async messageInReach(
    tx: EntityManager,
    caller: Caller,
    messageId: string,
  ): Promise<{ thread: ThreadRow; message: MessageRow }> {
    const [message]: MessageRow[] = await tx.query(`${MESSAGE_SELECT} WHERE m.id = $1`, [
      messageId,
    ]);
    if (!message) throw new NotFoundException(NO_MESSAGE);
    const thread = await this.thread(tx, caller, message.thread_id).catch(() => null);
    if (!thread) throw new NotFoundException(NO_MESSAGE);
    return { thread, message };
  }

  /**
   * Writes a message and everything that goes with it in the same transaction: the
   * conversation's last activity, the author's read position, the author's draft cleared,
   * the audit event, content-free notifications to the other readers and the live event.
   */
  private async write(
    tx: EntityManager,
    caller: Caller,
    thread: ThreadRow,
    body: string,
    options: { clientKey: string; quoteOf?: MessageRow },
  ): Promise<string> {
    const id = randomUUID();
    const caseId = thread.case_id;
    const [row]: { sent_at: Date }[] = await tx.query(
      `INSERT INTO messages (id, clinic_id, case_id, thread_id, author_id, author_role, body_enc, client_key, sent_at, quote_of_id, quote_sent_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, clock_timestamp(), $9, $10) RETURNING sent_at`,
      [
        id,
        caller.clinicId,
        caseId,
        thread.id,
        caller.id,
        caller.role,
        this.encryption.encrypt(body, encryptionContext('messages', 'body_enc', id)),
        options.clientKey,
        options.quoteOf?.id ?? null,
        options.quoteOf?.sent_at ?? null,
      ],
    );
    await tx.query(
      `UPDATE message_threads SET last_message_at = $2, last_author_id = $3, last_author_role = $4
        WHERE id = $1 AND last_message_at <= $2`,
      [thread.id, row.sent_at, caller.id, caller.role],
    );
    await this.moveCursor(tx, caller, thread.id, caseId, row.sent_at);
    await tx.query(`DELETE FROM message_drafts WHERE thread_id = $1 AND user_id = $2`, [
      thread.id,
      caller.id,
    ]);
    await this.audit.record(tx, caller, {
      action: 'message.sent',
      entityType: 'message_thread',
      entityId: thread.id,
      details: { caseId, messageId: id, quote: !!options.quoteOf },
    });
    const readers = await this.readerIds(caller, thread);
    const me = await this.people.lookup(caller, [caller.id]);
    const subject = this.subject(thread);
    const hour = new Date(row.sent_at).toISOString().slice(0, 13);
    await this.notifier.notify(
      tx,
      caller.clinicId,
      readers
        .filter((r) => r.userId !== caller.id)
        .map((r) => ({
          userId: r.userId,
          kind: 'message_received' as const,
          link: `/messages/${thread.id}`,
          text: `${me(caller.id)?.displayName ?? 'Someone'} wrote in “${subject}”.`,
          // One notice per conversation and hour, however many messages arrive.
          dedupeKey: `message:${thread.id}:${hour}`,
        })),
    );
    await this.announce(tx, caller, caseId, thread.id);
    return id;
  }

  private announce(tx: EntityManager, caller: Caller, caseId: string, threadId: string) {
    return this.live.publish(tx, { topic: 'message', clinicId: caller.clinicId, caseId, threadId });
  }

  private async moveCursor(
    tx: EntityManager,
    caller: Caller,
    threadId: string,
    caseId: string,
    upTo: Date,
  ): Promise<void> {
    await tx.query(
      `INSERT INTO message_reads (thread_id, user_id, clinic_id, case_id, read_up_to)
       VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (thread_id, user_id)
       DO UPDATE SET read_up_to = greatest(message_reads.read_up_to, EXCLUDED.read_up_to)`,
      [threadId, caller.id, caller.clinicId, caseId, upTo],
    );
  }

  /** Everyone who reads a conversation: the case's counselors, then its client or members. */
  private async readerIds(
    caller: Caller,
    thread: ThreadRow,
  ): Promise<{ userId: string; role: 'counselor' | 'client' }[]> {
    const of = (await this.caseAccess.peopleOf(caller, [thread.case_id])).get(thread.case_id);
    const clients =
      thread.audience === 'private' ? [thread.client_id as string] : (of?.members ?? []);
    return [
      ...(of?.counselors ?? []).map((userId) => ({ userId, role: 'counselor' as const })),
      ...clients.map((userId) => ({ userId, role: 'client' as const })),
    ];
  }

  private subject(thread: { id: string; subject_enc: string }): string {
    return this.encryption.decrypt(
      thread.subject_enc,
      encryptionContext('message_threads', 'subject_enc', thread.id),
    );
  }

  private body(message: { id: string; body_enc: string }): string {
    return this.encryption.decrypt(
      message.body_enc,
      encryptionContext('messages', 'body_enc', message.id),
    );
  }

  private async summaries(
    tx: EntityManager,
    caller: Caller,
    rows: ThreadRow[],
    // The cases' counselors and members, when the caller has them already.
    given?: Map<string, { counselors: string[]; members: string[] }>,
  ): Promise<ThreadSummary[]> {
    if (rows.length === 0) return [];
    const people =
      given ??
      (await this.caseAccess.peopleOf(
        caller,
        rows.map((r) => r.case_id),
      ));
    const person = await this.people.lookup(caller, [
      ...[...people.values()].flatMap((p) => [...p.counselors, ...p.members]),
      ...rows.flatMap((r) => [r.started_by_id, r.last_author_id, r.client_id]),
    ]);
    const known = (id: string): Person => person(id) ?? { userId: id, displayName: '' };
    return rows.map((r) => {
      const ofCase = people.get(r.case_id);
      const counselors = ofCase?.counselors ?? [];
      const clients = r.audience === 'private' ? [r.client_id as string] : (ofCase?.members ?? []);
      const byName = (a: Person, b: Person) => a.displayName.localeCompare(b.displayName);
      return {
        id: r.id,
        caseId: r.case_id,
        caseTitle: r.case_title,
        audience: r.audience,
        client: r.client_id ? known(r.client_id) : null,
        readers: [...counselors.map(known).sort(byName), ...clients.map(known).sort(byName)],
        subject: this.subject(r),
        startedBy: known(r.started_by_id),
        startedAt: new Date(r.started_at).toISOString(),
        lastMessageAt: new Date(r.last_message_at).toISOString(),
        lastMessageBy: known(r.last_author_id),
        unread: r.unread,
      };
    });
  }

  private async view(
    tx: EntityManager,
    caller: Caller,
    id: string,
    audited: boolean,
  ): Promise<ThreadView> {
    const thread = await this.thread(tx, caller, id);
    const ofCounselors = await this.caseAccess.peopleOf(caller, [thread.case_id]);
    const [summary] = await this.summaries(tx, caller, [thread], ofCounselors);
    const rows: MessageRow[] = await tx.query(
      `${MESSAGE_SELECT} WHERE m.thread_id = $1 ORDER BY m.sent_at DESC, m.id DESC LIMIT $2`,
      [id, NEWEST + 1],
    );
    const [draft]: { id: string; body_enc: string; saved_at: Date }[] = await tx.query(
      `SELECT id, body_enc, saved_at FROM message_drafts WHERE thread_id = $1 AND user_id = $2`,
      [id, caller.id],
    );
    const counselors = summary.readers.filter((r) =>
      (ofCounselors.get(thread.case_id)?.counselors ?? []).includes(r.userId),
    );
    const replyTimes = await this.people.replyTimes(
      caller,
      counselors.map((c) => c.userId),
    );
    const joint: { id: string; subject_enc: string }[] =
      caller.role === 'counselor'
        ? await tx.query(
            `SELECT id, subject_enc FROM message_threads WHERE case_id = $1 AND audience = 'joint'
              ORDER BY last_message_at DESC`,
            [thread.case_id],
          )
        : [];
    const reason = await this.postRefusal(caller, thread);
    if (audited) await this.recordRead(tx, caller, thread);
    return {
      ...summary,
      messages: await this.messageViews(tx, caller, thread, rows.slice(0, NEWEST).reverse()),
      hasOlder: rows.length > NEWEST,
      draft: draft
        ? {
            body: this.encryption.decrypt(
              draft.body_enc,
              encryptionContext('message_drafts', 'body_enc', draft.id),
            ),
            savedAt: new Date(draft.saved_at).toISOString(),
          }
        : null,
      banner: {
        crisisText: (await this.clinicSettings.crisisText(caller)).text,
        replyTimes: counselors.map((counselor) => ({
          counselor,
          text: replyTimes.get(counselor.userId) ?? null,
        })),
      },
      canPost: reason === null,
      reason,
      jointThreads: joint.map((j) => ({ id: j.id, subject: this.subject(j) })),
    };
  }

  private recordRead(tx: EntityManager, caller: Caller, thread: ThreadRow): Promise<void> {
    return this.audit.record(tx, caller, {
      action: 'conversation.read',
      entityType: 'message_thread',
      entityId: thread.id,
      details: { caseId: thread.case_id },
    });
  }

  private async one(
    tx: EntityManager,
    caller: Caller,
    thread: ThreadRow,
    messageId: string,
  ): Promise<MessageView> {
    const rows: MessageRow[] = await tx.query(`${MESSAGE_SELECT} WHERE m.id = $1`, [messageId]);
    return (await this.messageViews(tx, caller, thread, rows))[0];
  }

  private async messageViews(
    tx: EntityManager,
    caller: Caller,
    thread: ThreadRow,
    rows: MessageRow[],
  ): Promise<MessageView[]> {
    if (rows.length === 0) return [];
    const counselor = caller.role === 'counselor';
    const ids = rows.map((r) => r.id);
    // Read positions of the conversation's clients: for counselors only.
    const members = counselor ? await this.caseAccess.memberIds(caller, thread.case_id) : [];
    const reads: { user_id: string; read_up_to: Date }[] = counselor
      ? await tx.query(
          `SELECT user_id, read_up_to FROM message_reads WHERE thread_id = $1 AND user_id = ANY($2::uuid[])`,
          [thread.id, members],
        )
      : [];
    const quotes = await this.quoteRows(tx, caller, `q.message_id = ANY($1::uuid[])`, [ids]);
    const quoteViews = await this.quoteViews(tx, caller, quotes);
    const person = await this.people.lookup(caller, [
      ...rows.map((r) => r.author_id),
      ...reads.map((r) => r.user_id),
    ]);
    const known = (id: string): Person => person(id) ?? { userId: id, displayName: '' };
    return rows.map((r) => {
      const sent = new Date(r.sent_at);
      return {
        id: r.id,
        threadId: r.thread_id,
        author: known(r.author_id),
        authorRole: r.author_role,
        body: this.body(r),
        sentAt: sent.toISOString(),
        mine: r.author_id === caller.id,
        readBy: reads
          .filter((read) => read.user_id !== r.author_id && new Date(read.read_up_to) >= sent)
          .map((read) => ({
            person: known(read.user_id),
            readAt: new Date(read.read_up_to).toISOString(),
          })),
        pinned: counselor && r.pinned_at !== null,
        quoteOf: r.quote_sent_at
          ? { author: known(r.author_id), sentAt: new Date(r.quote_sent_at).toISOString() }
          : null,
        quoteRequests: quoteViews.filter((q) => q.messageId === r.id),
      };
    });
  }

  /** Asks to quote, as the caller may see them: the case's counselors and the author only. */
  private quoteRows(
    tx: EntityManager,
    caller: Caller,
    where: string,
    params: unknown[],
  ): Promise<QuoteRow[]> {
    return tx.query(
      `SELECT q.id, q.message_id, q.joint_thread_id, j.subject_enc AS joint_subject_enc, q.state,
              q.requested_by_id, q.requested_at, q.decided_at, q.author_id, q.case_id
         FROM message_quote_requests q JOIN message_threads j ON j.id = q.joint_thread_id
        WHERE ${where} AND (q.author_id = $${params.length + 1} OR $${params.length + 2})
        ORDER BY q.requested_at`,
      // Counselors come here only for messages of a case they were found to counsel.
      [...params, caller.id, caller.role === 'counselor'],
    );
  }

  private async quoteViews(
    tx: EntityManager,
    caller: Caller,
    rows: QuoteRow[],
  ): Promise<QuoteRequestView[]> {
    if (rows.length === 0) return [];
    const person = await this.people.lookup(
      caller,
      rows.map((r) => r.requested_by_id),
    );
    return rows.map((r) => ({
      id: r.id,
      messageId: r.message_id,
      jointThreadId: r.joint_thread_id,
      jointThreadSubject: this.subject({ id: r.joint_thread_id, subject_enc: r.joint_subject_enc }),
      state: r.state,
      requestedBy: person(r.requested_by_id) ?? { userId: r.requested_by_id, displayName: '' },
      requestedAt: new Date(r.requested_at).toISOString(),
      decidedAt: r.decided_at ? new Date(r.decided_at).toISOString() : null,
    }));
  }
}
