import { randomUUID } from 'node:crypto';
import { EventEmitter } from 'node:events';
import { request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import { JOINT_WORK_CLOSED } from '@mend/shared/contracts';
import type { FastifyReply } from 'fastify';
import type { Caller } from '@mend/auth/api';
import { LiveEvents } from '@mend/shared/server';
import { MessagesController } from '../../libs/messages/api/src/lib/messages.controller';
import type {
  ApiErrorBody,
  HomeworkSince,
  MessageCounts,
  MessageDraft,
  MessageView,
  NoteView,
  NotificationItem,
  Page,
  QuoteRequestView,
  SessionView,
  ThreadOptions,
  ThreadPage,
  ThreadView,
  UnreadMessages,
} from '@mend/shared/contracts';
import { hoursFromNow, ok } from '../support/clinic-records';
import { clearForJointWork, coupleCast, CoupleCast } from '../support/couple-cast';
import {
  Agent,
  bootApp,
  onEmbeddedDatabase,
  TestApp,
  TestClinic,
  TestUser,
} from '../support/test-app';

const SECRET = 'MESSAGE-MARKER-i-still-talk-to-jamie';

/** An open stream of the live events, as a browser's EventSource holds it. */
function listen(app: TestApp, agent: Agent): Promise<{ events: string[]; close(): void }> {
  const port = (app.app.getHttpServer().address() as AddressInfo).port;
  return new Promise((resolve, reject) => {
    const events: string[] = [];
    const req = httpRequest(
      {
        host: '127.0.0.1',
        port,
        path: '/api/messages/events',
        headers: { cookie: `mend_session=${agent.cookie}`, accept: 'text/event-stream' },
      },
      (res) => {
        if (res.statusCode !== 200) return reject(new Error(`events answered ${res.statusCode}`));
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => {
          for (const block of chunk.split('\n\n')) {
            const data = /^data: (.*)$/m.exec(block);
            if (/^event: message$/m.test(block) && data) events.push(data[1]);
          }
        });
        resolve({ events, close: () => req.destroy() });
      },
    );
    req.on('error', () => undefined);
    req.end();
  });
}

/** Serves `app` on a loopback port, once. */
async function serve(app: TestApp): Promise<void> {
  if (!app.app.getHttpServer().listening) await app.app.listen(0, '127.0.0.1');
}

async function until(check: () => boolean, ms = 5000): Promise<boolean> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (check()) return true;
    await new Promise((r) => setTimeout(r, 50));
  }
  return check();
}

describe('conversations keep each partner’s words with their audience', () => {
  let t: TestApp;
  let clinic: TestClinic;
  let other: TestClinic;
  let samUser: TestUser;
  let alexUser: TestUser;
  let admin: Agent;
  let maya: Agent; // the case's counselor
  let priya: Agent; // a counselor of the same clinic, not on the case
  let sam: Agent;
  let alex: Agent;
  let neighbour: Agent; // a client of another case of the clinic
  let stranger: Agent; // the counselor of another clinic
  let strangerClient: Agent; // a client of another clinic
  let caseId: string;
  let cast: CoupleCast;
  let samThread: ThreadView;
  let jointThread: ThreadView;

  const start = (agent: Agent, body: Record<string, unknown>, key = randomUUID()) =>
    agent.post<ThreadView>(`/api/cases/${caseId}/threads`, {
      subject: 'Between sessions',
      body: 'Hello',
      clientKey: key,
      ...body,
    });
  const send = (agent: Agent, threadId: string, body: string, key = randomUUID()) =>
    agent.post<MessageView>(`/api/threads/${threadId}/messages`, { body, clientKey: key });

  beforeAll(async () => {
    t = await bootApp();
    cast = await coupleCast(t);
    ({ clinic, other, samUser, alexUser, admin, maya, priya, sam, alex } = cast);
    ({ neighbour, stranger, strangerClient, caseId } = cast);
  });

  afterAll(() => t.close());

  it('a joint conversation cannot start while joint work is closed; a private one can, once per attempt', async () => {
    const joint = await start(maya, { audience: 'joint' });
    expect(joint.status).toBe(409);
    expect((joint.body as unknown as ApiErrorBody).code).toBe(JOINT_WORK_CLOSED);
    const options = await maya.get<ThreadOptions>(`/api/cases/${caseId}/thread-options`);
    expect(options.body).toMatchObject({ joint: false });
    expect(options.body.privateWith.map((p) => p.displayName)).toEqual([
      'Alex Morgan',
      'Sam Rivera',
    ]);

    const key = randomUUID();
    const first = await start(
      maya,
      { audience: 'private', clientId: samUser.id, body: SECRET },
      key,
    );
    expect(first.status).toBe(201);
    samThread = first.body;
    expect(samThread).toMatchObject({
      audience: 'private',
      client: { userId: samUser.id, displayName: 'Sam Rivera' },
      canPost: true,
    });
    expect(samThread.readers.map((r) => r.userId)).toEqual([clinic.counselor.id, samUser.id]);
    expect(samThread.messages.map((m) => m.body)).toEqual([SECRET]);
    const again = await start(maya, { audience: 'private', clientId: samUser.id }, key);
    expect(again.status).toBe(200);
    expect(again.body.id).toBe(samThread.id);
  });

  it('bad input answers 400 with each field', async () => {
    const bad = await maya.post<ApiErrorBody>(`/api/cases/${caseId}/threads`, {
      audience: 'everyone',
      subject: '',
      body: '',
      clientKey: 'x',
    });
    expect(bad.status).toBe(400);
    expect(bad.body.fields?.map((f) => f.field).sort()).toEqual([
      'audience',
      'body',
      'clientKey',
      'subject',
    ]);
    const notMember = await start(maya, { audience: 'private', clientId: clinic.client.id });
    expect(notMember.status).toBe(400);
    expect((notMember.body as unknown as ApiErrorBody).fields?.[0].field).toBe('clientId');
  });

  it('the partner, other counselors, other cases and other clinics cannot find a private conversation; admins are refused', async () => {
    const id = samThread.id;
    for (const [agent, status] of [
      [alex, 404],
      [priya, 404],
      [neighbour, 404],
      [stranger, 404],
      [strangerClient, 404],
      [admin, 403],
    ] as const) {
      expect([agent === admin, (await agent.get(`/api/threads/${id}`)).status]).toEqual([
        agent === admin,
        status,
      ]);
      expect((await agent.get(`/api/threads/${id}/messages`)).status).toBe(status);
      expect((await send(agent, id, 'hi')).status).toBe(status);
      expect((await agent.put(`/api/threads/${id}/draft`, { body: 'x' })).status).toBe(status);
      expect(
        (await agent.put(`/api/threads/${id}/read`, { messageId: samThread.messages[0].id }))
          .status,
      ).toBe(status);
      const list = await agent.get<ThreadPage>('/api/threads');
      if (status === 404) expect(list.body.items.map((i) => i.id)).not.toContain(id);
    }
    // Its message cannot be pinned or quoted from outside either.
    const messageId = samThread.messages[0].id;
    expect((await priya.post(`/api/messages/${messageId}/pin`)).status).toBe(404);
    expect((await stranger.post(`/api/messages/${messageId}/pin`)).status).toBe(404);
    expect((await alex.post(`/api/messages/${messageId}/pin`)).status).toBe(403);
    expect((await admin.get('/api/messages/unread')).status).toBe(403);
  });

  it('the client reads and answers; the counselor sees that they read it; the client sees no one’s read state', async () => {
    const read = await sam.get<ThreadView>(`/api/threads/${samThread.id}`);
    expect(read.status).toBe(200);
    expect(read.body.unread).toBe(1);
    expect(read.body.banner.crisisText).toContain('emergency');
    expect(read.body.banner.replyTimes.map((r) => r.counselor.userId)).toEqual([
      clinic.counselor.id,
    ]);
    expect((await sam.get<UnreadMessages>('/api/messages/unread')).body.threads).toBe(1);
    expect(
      (await sam.put(`/api/threads/${samThread.id}/read`, { messageId: read.body.messages[0].id }))
        .status,
    ).toBe(204);
    expect((await sam.get<UnreadMessages>('/api/messages/unread')).body.threads).toBe(0);

    const reply = await send(sam, samThread.id, 'Thank you. I will write more tonight.');
    expect(reply.status).toBe(201);
    expect(reply.body).toMatchObject({ authorRole: 'client', mine: true, readBy: [] });

    const asCounselor = await maya.get<ThreadView>(`/api/threads/${samThread.id}`);
    expect(asCounselor.body.messages[0].readBy.map((r) => r.person.userId)).toEqual([samUser.id]);
    expect(asCounselor.body.unread).toBe(1);
    const asClient = await sam.get<ThreadView>(`/api/threads/${samThread.id}`);
    expect(asClient.body.messages.every((m) => m.readBy.length === 0)).toBe(true);

    // The counselor hears of it by a notification whose text stays in the app.
    const bell = await maya.get<Page<NotificationItem>>('/api/notifications');
    expect(bell.body.items.some((n) => n.kind === 'message_received')).toBe(true);
  });

  it('a draft is kept for its writer only and cleared by sending; a retried send answers the same message', async () => {
    const saved = await sam.put<MessageDraft>(`/api/threads/${samThread.id}/draft`, {
      body: 'half a thought',
    });
    expect(saved.status).toBe(200);
    expect((await sam.get<ThreadView>(`/api/threads/${samThread.id}`)).body.draft?.body).toBe(
      'half a thought',
    );
    expect((await maya.get<ThreadView>(`/api/threads/${samThread.id}`)).body.draft).toBeNull();
    const key = randomUUID();
    const first = await send(sam, samThread.id, 'the whole thought', key);
    const retry = await send(sam, samThread.id, 'the whole thought', key);
    expect([first.status, retry.status]).toEqual([201, 200]);
    expect(retry.body.id).toBe(first.body.id);
    expect((await sam.get<ThreadView>(`/api/threads/${samThread.id}`)).body.draft).toBeNull();
  });

  it('messages, subjects and drafts are encrypted at rest, and reads and writes are audited', async () => {
    const rows: { body_enc: string }[] = await t.dataSource.query(
      `SELECT body_enc FROM messages WHERE thread_id = $1`,
      [samThread.id],
    );
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.some((r) => r.body_enc.includes('MESSAGE-MARKER'))).toBe(false);
    const trail = await t.auditTrail(samThread.id);
    expect(trail.map((e) => e.action)).toEqual(
      expect.arrayContaining(['conversation.started', 'message.sent', 'conversation.read']),
    );
  });

  it('once joint work is open, the counselor starts a joint conversation every member reads', async () => {
    await clearForJointWork(cast, samUser.id);
    await clearForJointWork(cast, alexUser.id);
    const started = await start(maya, { audience: 'joint', subject: 'Both of you' });
    expect(started.status).toBe(201);
    jointThread = started.body;
    expect(jointThread.readers.map((r) => r.userId).sort()).toEqual(
      [clinic.counselor.id, samUser.id, alexUser.id].sort(),
    );
    for (const member of [sam, alex]) {
      const list = await member.get<ThreadPage>('/api/threads');
      expect(list.body.items.map((i) => i.id)).toContain(jointThread.id);
    }
    const alexList = await alex.get<ThreadPage>('/api/threads');
    expect(alexList.body.items.map((i) => i.id)).toEqual([jointThread.id]);
    expect((await send(alex, jointThread.id, 'I am here too.')).status).toBe(201);
    for (const agent of [neighbour, priya, stranger, strangerClient])
      expect((await agent.get(`/api/threads/${jointThread.id}`)).status).toBe(404);
  });

  it('a private message reaches the joint conversation only when its author agrees to the quote', async () => {
    const source = samThread.messages.find((m) => m.authorRole === 'counselor');
    const samsOwn = (await sam.get<ThreadView>(`/api/threads/${samThread.id}`)).body.messages.find(
      (m) => m.mine,
    );
    expect(source && samsOwn).toBeTruthy();
    // Only a client's own message can be quoted, and only by a counselor of the case.
    expect(
      (
        await maya.post(`/api/messages/${source?.id}/quote-requests`, {
          jointThreadId: jointThread.id,
        })
      ).status,
    ).toBe(409);
    expect(
      (
        await sam.post(`/api/messages/${samsOwn?.id}/quote-requests`, {
          jointThreadId: jointThread.id,
        })
      ).status,
    ).toBe(403);
    const asked = await maya.post<QuoteRequestView>(`/api/messages/${samsOwn?.id}/quote-requests`, {
      jointThreadId: jointThread.id,
    });
    expect(asked.status).toBe(201);
    expect(asked.body.state).toBe('pending');
    // Nothing reached the joint conversation; the partner cannot see or answer the ask.
    const before = await alex.get<ThreadView>(`/api/threads/${jointThread.id}`);
    expect(before.body.messages.map((m) => m.body)).not.toContain(samsOwn?.body);
    expect(
      (await alex.post(`/api/quote-requests/${asked.body.id}/answer`, { agree: true })).status,
    ).toBe(404);
    expect(
      (await maya.post(`/api/quote-requests/${asked.body.id}/answer`, { agree: true })).status,
    ).toBe(403);
    // The author sees the ask on their message, and agrees (twice: the retry is harmless).
    const mine = await sam.get<ThreadView>(`/api/threads/${samThread.id}`);
    expect(mine.body.messages.find((m) => m.id === samsOwn?.id)?.quoteRequests).toHaveLength(1);
    const agreed = await sam.post<QuoteRequestView>(`/api/quote-requests/${asked.body.id}/answer`, {
      agree: true,
    });
    expect(agreed.body.state).toBe('agreed');
    expect(
      (await sam.post(`/api/quote-requests/${asked.body.id}/answer`, { agree: true })).status,
    ).toBe(200);
    expect(
      (await sam.post(`/api/quote-requests/${asked.body.id}/answer`, { agree: false })).status,
    ).toBe(409);
    const after = await alex.get<ThreadView>(`/api/threads/${jointThread.id}`);
    const quoted = after.body.messages.filter((m) => m.body === samsOwn?.body);
    expect(quoted).toHaveLength(1);
    expect(quoted[0]).toMatchObject({ author: { userId: samUser.id }, readBy: [] });
    expect(quoted[0].quoteOf?.sentAt).toBe(samsOwn?.sentAt);
    // The partner still cannot open the private conversation it came from.
    expect((await alex.get(`/api/threads/${samThread.id}`)).status).toBe(404);
  });

  it('the counselor pins a message into the session note’s panel; clients cannot pin', async () => {
    const message = samThread.messages[0];
    expect((await sam.post(`/api/messages/${message.id}/pin`)).status).toBe(403);
    const pinned = await maya.post<MessageView>(`/api/messages/${message.id}/pin`);
    expect(pinned.status).toBe(200);
    expect(pinned.body.pinned).toBe(true);
    expect(
      (await sam.get<ThreadView>(`/api/threads/${samThread.id}`)).body.messages[0].pinned,
    ).toBe(false);
    const session = ok(
      await maya.post<SessionView>(`/api/cases/${caseId}/sessions`, {
        startsAt: hoursFromNow(1),
        durationMinutes: 50,
        type: 'couple',
        mode: 'in_person',
        attendeeIds: [samUser.id, alexUser.id],
      }),
      201,
      'record a session',
    );
    const note = ok(
      await maya.post<NoteView>(`/api/sessions/${session.id}/note`, { format: 'soap' }),
      201,
      'start its note',
    );
    const panel = await maya.get<HomeworkSince>(`/api/notes/${note.id}/homework-since`);
    expect(panel.body.pinned.map((p) => [p.messageId, p.body, p.audience])).toEqual([
      [message.id, SECRET, 'private'],
    ]);
    const unpinned = await maya.delete<MessageView>(`/api/messages/${message.id}/pin`);
    expect(unpinned.body.pinned).toBe(false);
  });

  it('clients start only what the clinic allows; admins set the rule and see counts per counselor only', async () => {
    const own = await start(sam, { audience: 'private' });
    expect(own.status).toBe(201);
    expect(own.body.client?.userId).toBe(samUser.id);
    expect((await start(sam, { audience: 'private', clientId: alexUser.id })).status).toBe(400);
    expect((await start(sam, { audience: 'joint' })).status).toBe(403);
    expect((await alex.get(`/api/threads/${own.body.id}`)).status).toBe(404);

    expect((await maya.put('/api/clinic/messaging', { clientThreads: 'none' })).status).toBe(403);
    expect((await admin.put('/api/clinic/messaging', { clientThreads: 'all' })).status).toBe(400);
    const none = await admin.put('/api/clinic/messaging', { clientThreads: 'none' });
    expect(none.body).toEqual({ clientThreads: 'none' });
    expect((await start(sam, { audience: 'private' })).status).toBe(403);
    await admin.put('/api/clinic/messaging', { clientThreads: 'private_and_joint' });
    expect((await start(alex, { audience: 'joint', subject: 'From Alex' })).status).toBe(201);
    await admin.put('/api/clinic/messaging', { clientThreads: 'private' });

    // A client's last word waiting over two days counts for the counselor, without names.
    await t.dataSource.query(
      `UPDATE message_threads SET last_message_at = now() - interval '3 days' WHERE id = $1`,
      [own.body.id],
    );
    const counts = await admin.get<MessageCounts>('/api/admin/message-counts');
    expect(counts.status).toBe(200);
    const mine = counts.body.counselors.find((c) => c.counselor.userId === clinic.counselor.id);
    expect(mine?.unansweredOverTwoDays).toBe(1);
    expect(JSON.stringify(counts.body)).not.toContain(samUser.id);
    for (const agent of [maya, sam])
      expect((await agent.get('/api/admin/message-counts')).status).toBe(403);
    expect((await stranger.get<MessageCounts>('/api/admin/message-counts')).status).toBe(403);
    const otherAdmin = await t.signIn(other.admin);
    const theirs = await otherAdmin.get<MessageCounts>('/api/admin/message-counts');
    expect(theirs.body.counselors.every((c) => c.unansweredOverTwoDays === 0)).toBe(true);
    expect((await otherAdmin.get(`/api/threads/${own.body.id}`)).status).toBe(403);
  });

  it('counselors state their reply times, shown in every conversation’s banner', async () => {
    expect((await sam.put('/api/messages/reply-times', { text: 'x' })).status).toBe(403);
    const set = await maya.put('/api/messages/reply-times', {
      text: 'Weekdays within one working day',
    });
    expect(set.status).toBe(200);
    const view = await sam.get<ThreadView>(`/api/threads/${samThread.id}`);
    expect(view.body.banner.replyTimes[0].text).toBe('Weekdays within one working day');
  });

  it('a live event stream stops listening when the browser leaves', async () => {
    await serve(t);
    const live = t.app.get(LiveEvents);
    const before = live.subscribers;
    const stream = await listen(t, sam);
    expect(live.subscribers).toBe(before + 1);
    stream.close();
    expect(await until(() => live.subscribers === before)).toBe(true);
  });

  it('a browser that left while its stream was being authorised leaves no listener behind', () => {
    const live = t.app.get(LiveEvents);
    const before = live.subscribers;
    // The response of a connection that closed before the handler ran: its 'close' has passed.
    const gone = Object.assign(new EventEmitter(), {
      destroyed: true,
      writableEnded: false,
      writeHead: () => undefined,
      write: () => false,
      end: () => undefined,
    });
    const reply = { hijack: () => undefined, raw: gone } as unknown as FastifyReply;
    const caller: Caller = { ...samUser, sessionId: randomUUID() };
    t.app.get(MessagesController).events(caller, reply);
    expect(live.subscribers).toBe(before);
  });

  // Instances meet through PostgreSQL's NOTIFY; on the embedded database (one process, no
  // LISTEN) there is no second instance to reach.
  (onEmbeddedDatabase() ? it.skip : it)(
    'a message event reaches a client connected to another API instance, never the partner',
    async () => {
      const second = await bootApp();
      try {
        await serve(t);
        await serve(second);
        const samOnSecond = await listen(second, sam);
        const alexOnSecond = await listen(second, alex);
        const strangerOnSecond = await listen(second, strangerClient);
        const mayaOnSecond = await listen(second, maya);
        try {
          // Sent through the first instance, into Sam's private conversation.
          expect((await send(maya, samThread.id, 'Are you free on Thursday?')).status).toBe(201);
          expect(await until(() => samOnSecond.events.length > 0)).toBe(true);
          expect(JSON.parse(samOnSecond.events[0])).toEqual({
            threadId: samThread.id,
            caseId,
          });
          // Into the joint one: both partners hear of it.
          expect((await send(maya, jointThread.id, 'See you both Thursday.')).status).toBe(201);
          expect(await until(() => alexOnSecond.events.length > 0)).toBe(true);
          expect(alexOnSecond.events.map((e) => JSON.parse(e).threadId)).toEqual([jointThread.id]);
          expect(strangerOnSecond.events).toEqual([]);
          // The counselor hears of a client's message, and of the reads of their own.
          expect((await send(sam, samThread.id, 'Thursday works.')).status).toBe(201);
          expect(
            await until(() =>
              mayaOnSecond.events.some((e) => JSON.parse(e).threadId === samThread.id),
            ),
          ).toBe(true);
        } finally {
          samOnSecond.close();
          alexOnSecond.close();
          strangerOnSecond.close();
          mayaOnSecond.close();
        }
      } finally {
        await second.close();
      }
    },
  );

  // Needs a second connection to hold the lock while the stream checks (not on the embedded
  // database's one).
  (onEmbeddedDatabase() ? it.skip : it)(
    'events that come while the stream is still checking an earlier one all reach the page, in order',
    async () => {
      await serve(t);
      const live = t.app.get(LiveEvents);
      const stream = await listen(t, maya);
      const announce = (threadId: string) =>
        t.dataSource.transaction((tx) =>
          live.publish(tx, { topic: 'message', clinicId: clinic.id, caseId, threadId }),
        );
      // What a partner's agreement to a quote announces at once: the joint conversation and
      // the private one. The conversations stay locked, so the check of the first event is
      // still under way, in its transaction, when the second comes.
      const holder = t.dataSource.createQueryRunner();
      await holder.connect();
      await holder.startTransaction();
      try {
        await holder.query('LOCK TABLE message_threads IN ACCESS EXCLUSIVE MODE');
        await announce(jointThread.id);
        await new Promise((resolve) => setTimeout(resolve, 300));
        await announce(samThread.id);
        await new Promise((resolve) => setTimeout(resolve, 300));
      } finally {
        await holder.commitTransaction();
        await holder.release();
      }
      try {
        expect(await until(() => stream.events.length >= 2)).toBe(true);
        expect(stream.events.map((e) => JSON.parse(e).threadId)).toEqual([
          jointThread.id,
          samThread.id,
        ]);
      } finally {
        stream.close();
      }
    },
  );
});
