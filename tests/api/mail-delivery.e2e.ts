import { randomUUID } from 'node:crypto';
import { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import type { CaseDetail, DeliveryFailures, NotificationItem, Page } from '@mend/shared/contracts';
import { MAIL_QUEUE, Outbox, Reminders } from '@mend/notifications/api';
import { Clock, JOB_BATCH, JobQueue } from '@mend/shared/server';
import { Mailbox } from '../support/mailbox';
import { Agent, bootApp, TestApp, TestClinic } from '../support/test-app';

/** A weekday afternoon: no quiet hours hold anything. */
const DAYTIME = new Date('2027-01-13T14:00:00Z');
const STARTED = Date.now();

async function until(what: string, check: () => Promise<boolean>, timeoutMs = 15_000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/**
 * The outbox across processes: what is written survives a restart before it is sent, two API
 * processes on one database send each mail once, and a mail that keeps failing is counted.
 */
describe('mail delivery across restarts and processes', () => {
  const mailbox = new Mailbox();
  let smtpUrl: string;
  let clinic: TestClinic;
  let caseId: string;
  const apps: TestApp[] = [];
  let stopRefusing = async () => undefined as void;

  async function boot(env: Record<string, string> = {}): Promise<TestApp> {
    const app = await bootApp({ SMTP_URL: smtpUrl, ...env });
    // One clock for every process of the file, running on from DAYTIME.
    jest
      .spyOn(app.app.get(Clock), 'now')
      .mockImplementation(() => new Date(DAYTIME.getTime() + (Date.now() - STARTED)));
    apps.push(app);
    return app;
  }
  const queued = async (t: TestApp) =>
    Number(
      (
        await t.dataSource.query(
          `SELECT (SELECT count(*) FROM mail_deliveries WHERE state = 'queued' AND clinic_id = $1)
                + (SELECT count(*) FROM notifications WHERE mail_state = 'pending' AND clinic_id = $1)
                  AS n`,
          [clinic.id],
        )
      )[0].n,
    );

  beforeAll(async () => {
    smtpUrl = await mailbox.start();
    const setup = await boot({ RUN_JOBS: 'false' });
    clinic = await setup.createClinic();
    const admin = await setup.signIn(clinic.admin);
    const opened = await admin.post<CaseDetail>('/api/cases', {
      title: 'Restart case',
      type: 'couple',
      startedOn: '2026-11-01',
      memberIds: [clinic.client.id, clinic.partner.id],
      primaryCounselorId: clinic.counselor.id,
    });
    caseId = opened.body.id;
    await setup.close();
  });

  afterAll(async () => {
    for (const app of apps) await app.close().catch(() => undefined);
    await mailbox.stop();
    await stopRefusing();
  });

  /** Clinic A's counselor gives one individual homework to the client: one mail to the client. */
  async function assignVia(t: TestApp, counselor: Agent, dueOn: string) {
    const library = await counselor.get<{ items: { id: string; title: string }[] }>(
      '/api/exercises?pageSize=100',
    );
    const exerciseId = library.body.items.find((e) => e.title === 'Trust thermometer')?.id;
    const reply = await counselor.post(`/api/cases/${caseId}/assignments`, {
      exerciseId,
      target: 'member',
      memberId: clinic.client.id,
      dueOn,
      recurrence: 'once',
      confirmLaterStage: true,
    });
    expect(reply.status).toBe(201);
    return t;
  }

  it('a restart between the change and the delivery loses nothing', async () => {
    // A process that serves requests but works no jobs stands for one that dies at once.
    const first = await boot({ RUN_JOBS: 'false' });
    const maya = await first.signIn(clinic.counselor);
    await assignVia(first, maya, '2027-01-20');
    await first.close();
    expect(mailbox.to(clinic.client.email)).toHaveLength(0);
    const second = await boot();
    expect(await queued(second)).toBeGreaterThan(0);
    // The next sweep (the cron line, or here the test's call) finds it and sends it once.
    await second.app.get(Outbox).sweep();
    const mail = await mailbox.receive(clinic.client.email);
    expect(mail.headers['subject']).toBe('Something new in Mend');
    await until('the outbox to empty', async () => (await queued(second)) === 0);
    await second.close();
  });

  it('two API processes on one database send each mail exactly once', async () => {
    const one = await boot();
    const two = await boot();
    const viaOne = await one.signIn(clinic.counselor);
    const viaTwo = await two.signIn(clinic.counselor);
    const before = mailbox.to(clinic.client.email).length;
    const events = 6;
    await Promise.all(
      Array.from({ length: events }, (_, i) =>
        assignVia(i % 2 ? two : one, i % 2 ? viaTwo : viaOne, `2027-01-${21 + i}`),
      ),
    );
    // Both processes sweep at once, repeatedly: each delivery still goes out once.
    await Promise.all([
      one.app.get(Outbox).sweep(),
      two.app.get(Outbox).sweep(),
      one.app.get(Outbox).sweep(),
      two.app.get(Outbox).sweep(),
    ]);
    await until('the outbox to empty', async () => {
      await Promise.all([one.app.get(Outbox).sweep(), two.app.get(Outbox).sweep()]);
      return (await queued(one)) === 0;
    });
    const sent = await one.dataSource.query(
      `SELECT count(*)::int AS n, count(DISTINCT id)::int AS distinct_ids FROM mail_deliveries
        WHERE user_id = $1 AND state = 'sent' AND purpose = 'notice'`,
      [clinic.client.id],
    );
    // The six notices of one kind may be batched into fewer mails, never duplicated.
    const received = mailbox.to(clinic.client.email).length - before;
    expect(received).toBe(sent[0].n - 1);
    expect(received).toBeGreaterThanOrEqual(1);
    expect(received).toBeLessThanOrEqual(events);
    const notices = await one.dataSource.query(
      `SELECT count(*)::int AS n FROM notifications WHERE user_id = $1 AND mail_state = 'mailed'`,
      [clinic.client.id],
    );
    expect(notices[0].n).toBe(events + 1);
    await one.close();
    await two.close();
  });

  it('a pile of mail is worked a batch per poll, not one job per poll', async () => {
    // A long poll: one job per poll would take 2 × JOB_BATCH polls (over three minutes); in
    // batches it takes two polls after the one that first sees them.
    const t = await boot({ JOB_POLL_SECONDS: '5' });
    const ids = Array.from({ length: 2 * JOB_BATCH }, () => randomUUID());
    // Deliveries that no longer exist: each job finds nothing to send and completes. Queued in
    // one transaction, so no poll sees only some of them.
    await t.dataSource.transaction(async (tx) => {
      for (const id of ids)
        await t.app.get(JobQueue).send(MAIL_QUEUE, { deliveryId: id }, { id, tx });
    });
    const completed = async () =>
      Number(
        (
          await t.dataSource.query(
            `SELECT count(*) AS n FROM pgboss.job WHERE id = ANY($1::uuid[]) AND state = 'completed'`,
            [ids],
          )
        )[0].n,
      );
    await until('the batch to be worked', async () => (await completed()) === ids.length, 25_000);
    await t.close();
  });

  it('a job a poll takes while the process stops is worked and marked done before the database closes', async () => {
    const observer = await boot({ RUN_JOBS: 'false' });
    const t = await boot();
    const id = randomUUID();
    // The job table stays locked from the job's queuing until after stop begins, so the
    // workers' next polls are under way, waiting on it (on the embedded database, on its one
    // connection), when the process stops; the job is theirs once the lock goes.
    const holder = t.dataSource.createQueryRunner();
    await holder.connect();
    await holder.startTransaction();
    await holder.query('LOCK TABLE pgboss.job IN EXCLUSIVE MODE');
    await t.app.get(JobQueue).send(MAIL_QUEUE, { deliveryId: id }, { id, tx: holder.manager });
    await new Promise((resolve) => setTimeout(resolve, 1_500)); // past the next poll (0.5 s)
    const closed = t.close();
    await new Promise((resolve) => setTimeout(resolve, 300));
    await holder.commitTransaction();
    await holder.release();
    await closed;
    // Worked and completed on pools still open: not left active, its failure unhandled.
    const [job] = await observer.dataSource.query(`SELECT state FROM pgboss.job WHERE id = $1`, [
      id,
    ]);
    expect(job.state).toBe('completed');
    await observer.close();
  });

  it('a sweep a stopped process left running does not hold the next mail back', async () => {
    const t = await boot();
    // What a process leaves when it stops between taking the sweep's job and finishing it: a
    // job still marked active, of the queue's own policy, that no one will ever complete.
    await t.dataSource.query(
      `INSERT INTO pgboss.job (id, name, state, policy, started_on, data)
       SELECT gen_random_uuid(), name, 'active', policy, now(), '{}'::jsonb
         FROM pgboss.queue WHERE name = 'mend.outbox'`,
    );
    const maya = await t.signIn(clinic.counselor);
    const before = mailbox.to(clinic.client.email).length;
    // No call to sweep: the nudge after the change's commit must reach a worker by itself.
    await assignVia(t, maya, '2027-01-19');
    await until(
      'the notice to arrive',
      async () => mailbox.to(clinic.client.email).length > before,
    );
    await t.dataSource.query(
      `DELETE FROM pgboss.job WHERE name = 'mend.outbox' AND state = 'active' AND data = '{}'::jsonb`,
    );
    await t.close();
  });

  it('a mail the server keeps refusing is retried, then counted for the admin with its reason', async () => {
    // An SMTP server that refuses every recipient.
    const refusing = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS', 'AUTH'],
      logger: false,
      onRcptTo: (_address, _session, done) =>
        done(Object.assign(new Error('No such mailbox'), { responseCode: 550 })),
    });
    await new Promise<void>((resolve) => refusing.listen(0, '127.0.0.1', () => resolve()));
    stopRefusing = () => new Promise<void>((resolve) => refusing.close(() => resolve()));
    const port = (refusing.server.address() as AddressInfo).port;
    // No workers: the test plays the queue's attempts itself, without its minutes of backoff.
    const t = await boot({ SMTP_URL: `smtp://127.0.0.1:${port}`, RUN_JOBS: 'false' });
    const maya = await t.signIn(clinic.counselor);
    await assignVia(t, maya, '2027-01-28');
    const outbox = t.app.get(Outbox);
    await outbox.sweep();
    const [delivery] = await t.dataSource.query(
      `SELECT id FROM mail_deliveries WHERE state = 'queued' AND clinic_id = $1
        ORDER BY created_at DESC LIMIT 1`,
      [clinic.id],
    );
    await expect(
      outbox.deliver(delivery.id, { retryCount: 0, lastAttempt: false }),
    ).rejects.toThrow('refused by the mail server');
    const [midway] = await t.dataSource.query(
      `SELECT state, attempts, reason FROM mail_deliveries WHERE id = $1`,
      [delivery.id],
    );
    expect(midway).toEqual({ state: 'queued', attempts: 1, reason: 'refused by the mail server' });
    await outbox.deliver(delivery.id, { retryCount: 4, lastAttempt: true });
    const [last] = await t.dataSource.query(
      `SELECT state, attempts, link_enc FROM mail_deliveries WHERE id = $1`,
      [delivery.id],
    );
    expect(last).toEqual({ state: 'failed', attempts: 2, link_enc: null });

    const admin = await t.signIn(clinic.admin);
    const counts = await admin.get<DeliveryFailures>('/api/notifications/deliveries');
    expect(counts.body.failures).toContainEqual({ reason: 'refused by the mail server', count: 1 });
    // The admins also hear of it, in the app, once a day (failures of the day before now).
    jest.spyOn(t.app.get(Clock), 'now').mockReturnValue(new Date());
    await t.app.get(Reminders).run();
    await t.app.get(Reminders).run();
    const bell = await admin.get<Page<NotificationItem>>('/api/notifications');
    const failed = bell.body.items.filter((n) => n.kind === 'mail_failed');
    expect(failed).toHaveLength(1);
    expect(failed[0].text).toBe('1 mail could not be delivered in the last day.');
    await t.close();
  });

  it('members hear of a session the day before; counselors of notes unsigned for 3 days, weekly', async () => {
    const t = await boot({ RUN_JOBS: 'false' });
    const maya = await t.signIn(clinic.counselor);
    const session = await maya.post<{ id: string }>(`/api/cases/${caseId}/sessions`, {
      startsAt: new Date(DAYTIME.getTime() + 20 * 3_600_000).toISOString(),
      durationMinutes: 50,
      type: 'couple',
      mode: 'telehealth',
      attendeeIds: [clinic.client.id, clinic.partner.id],
    });
    expect(session.status).toBe(201);
    const note = await maya.post(`/api/sessions/${session.body.id}/note`, { format: 'soap' });
    expect(note.status).toBe(201);
    await t.dataSource.query(`UPDATE notes SET created_at = $1 WHERE session_id = $2`, [
      new Date(DAYTIME.getTime() - 4 * 86_400_000),
      session.body.id,
    ]);
    const reminders = t.app.get(Reminders);
    await reminders.run();
    await reminders.run();
    const kinds = async (userId: string) =>
      (
        await t.dataSource.query(
          `SELECT kind FROM notifications WHERE user_id = $1 AND kind IN ('session_upcoming', 'notes_unsigned')`,
          [userId],
        )
      ).map((r: { kind: string }) => r.kind);
    expect(await kinds(clinic.client.id)).toEqual(['session_upcoming']);
    expect(await kinds(clinic.partner.id)).toEqual(['session_upcoming']);
    expect(await kinds(clinic.counselor.id)).toEqual(['notes_unsigned']);
    const sam = await t.signIn(clinic.client);
    const upcoming = (await sam.get<Page<NotificationItem>>('/api/notifications')).body.items.find(
      (n) => n.kind === 'session_upcoming',
    );
    if (!upcoming) throw new Error('no session notification');
    expect(upcoming.text).toBe('You have a session on Thursday 14 January at 10:00.');
    await t.close();
  });
});
