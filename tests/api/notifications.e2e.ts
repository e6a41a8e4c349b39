import type {
  AssignmentView,
  CaseDetail,
  DeliveryFailures,
  ExercisePage,
  MySafetyCheck,
  NotificationItem,
  NotificationPreferences,
  Page,
  SafetyCheckSummary,
  UnreadCount,
  UnsubscribeResult,
} from '@mend/shared/contracts';
import { Notifier, Outbox, Reminders } from '@mend/notifications/api';
import { Clock, SystemDb } from '@mend/shared/server';
import { Mailbox, ReceivedMail } from '../support/mailbox';
import { Agent, bootApp, runClockFrom, TestApp, TestClinic, TestUser } from '../support/test-app';

/** Words no mail may carry: names, titles, clinical words (partners may read each other's mail). */
const CLINICAL =
  /trust|homework|feedback|exercise|thermometer|letter|counsel|session|note|safety|alert|partner|affair/i;
const SAM = 'Sam Quillby';
const ALEX = 'Alex Marrow';
const MAYA = 'Maya Okafor';
/** Every question of the accountability letter answered (submitting needs them all). */
const LETTER = {
  what_i_did: 'I lied about the trip.',
  impact: 'You stopped believing me.',
  not_excusing: 'Being tired.',
  doing_differently: 'Tell you first.',
};

/** A weekday afternoon in every test time zone's daytime: nothing is held by quiet hours. */
const DAYTIME = new Date('2027-01-13T14:00:00Z');

describe('notifications and content-free mail', () => {
  let t: TestApp;
  let clinic: TestClinic;
  let admin: Agent;
  let maya: Agent;
  let sam: Agent;
  let alex: Agent;
  let caseId: string;
  let outbox: Outbox;
  let setClock: (to: Date) => void;
  const now = () => t.app.get(Clock).now();
  const exercise: Record<string, string> = {};
  const mailbox = new Mailbox();

  beforeAll(async () => {
    const smtpUrl = await mailbox.start();
    t = await bootApp({ SMTP_URL: smtpUrl });
    outbox = t.app.get(Outbox);
    setClock = runClockFrom(t, DAYTIME);
    clinic = await t.createClinic();
    await t.dataSource.query(`UPDATE users SET display_name = $2 WHERE id = $1`, [
      clinic.client.id,
      SAM,
    ]);
    await t.dataSource.query(`UPDATE users SET display_name = $2 WHERE id = $1`, [
      clinic.partner.id,
      ALEX,
    ]);
    await t.dataSource.query(`UPDATE users SET display_name = $2 WHERE id = $1`, [
      clinic.counselor.id,
      MAYA,
    ]);
    admin = await t.signIn(clinic.admin);
    maya = await t.signIn(clinic.counselor);
    sam = await t.signIn(clinic.client);
    alex = await t.signIn(clinic.partner);
    const opened = await admin.post<CaseDetail>('/api/cases', {
      title: 'Quillby & Marrow',
      type: 'couple',
      startedOn: '2026-11-01',
      memberIds: [clinic.client.id, clinic.partner.id],
      primaryCounselorId: clinic.counselor.id,
    });
    caseId = opened.body.id;
    for (const member of [clinic.client, clinic.partner]) {
      await maya.post(`/api/cases/${caseId}/safety-interviews`, {
        clientId: member.id,
        heldOn: '2026-11-02',
        mode: 'in_person',
        outcome: 'cleared',
      });
    }
    const library = await maya.get<ExercisePage>('/api/exercises?pageSize=100');
    for (const item of library.body.items) exercise[item.title] = item.id;
    await drain();
  });

  afterAll(async () => {
    await t.close();
    await mailbox.stop();
  });

  /**
   * Runs the outbox until nothing due is left: every notification whose time has come is a
   * delivery, and every delivery is sent (the pg-boss workers of the app do the sending). Only
   * this file's clinic counts: other suites leave mail of their own in the shared database.
   */
  async function drain(): Promise<void> {
    for (let round = 0; round < 200; round++) {
      await outbox.sweep();
      const [{ waiting }] = await t.dataSource.query(
        `SELECT (SELECT count(*) FROM mail_deliveries WHERE state = 'queued' AND clinic_id = $2)
              + (SELECT count(*) FROM notifications
                  WHERE mail_state = 'pending' AND mail_after <= $1 AND clinic_id = $2) AS waiting`,
        [now(), clinic.id],
      );
      if (Number(waiting) === 0) return;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error('the outbox did not drain');
  }

  /** Mail counts per person since `before` (a snapshot of `counts()`). */
  const people = () => ({
    sam: clinic.client.email,
    alex: clinic.partner.email,
    maya: clinic.counselor.email,
    admin: clinic.admin.email,
  });
  const counts = () =>
    Object.fromEntries(
      Object.entries(people()).map(([who, email]) => [who, mailbox.to(email).length]),
    ) as Record<keyof ReturnType<typeof people>, number>;
  async function mailsFrom(action: () => Promise<unknown>): Promise<Record<string, number>> {
    const before = counts();
    await action();
    await drain();
    const after = counts();
    return Object.fromEntries(
      Object.entries(after).map(([who, n]) => [who, n - before[who as keyof typeof before]]),
    );
  }
  const newest = (user: TestUser): ReceivedMail => {
    const all = mailbox.to(user.email);
    return all[all.length - 1];
  };
  const inbox = async (agent: Agent) =>
    (await agent.get<Page<NotificationItem>>('/api/notifications')).body.items;
  const setPreferences = (agent: Agent, prefs: Partial<NotificationPreferences>) =>
    agent.put<NotificationPreferences>('/api/notifications/preferences', {
      timeZone: 'UTC',
      quietStart: '21:00',
      quietEnd: '08:00',
      mailOff: [],
      submittedMail: 'hourly',
      ...prefs,
    });
  const assign = (body: Record<string, unknown>) =>
    maya.post<AssignmentView>(`/api/cases/${caseId}/assignments`, {
      confirmLaterStage: true,
      recurrence: 'once',
      ...body,
    });
  function expectContentFree(mail: ReceivedMail): void {
    const body = mail.text
      .split(/\r?\n\r?\n/)
      .slice(1)
      .join('\n');
    const subject = /^Subject: (.*)$/m.exec(mail.text)?.[1] ?? '';
    expect(subject).toBe('Something new in Mend');
    for (const words of [SAM, ALEX, MAYA, 'Quillby', clinic.name]) {
      expect(mail.text).not.toContain(words);
    }
    expect(body).not.toMatch(CLINICAL);
    expect(mail.text).toMatch(/http:\/\/mend\.test\/notifications\/[0-9a-f-]{36}/);
    expect(mail.headers['list-unsubscribe']).toMatch(
      /^<http:\/\/mend\.test\/api\/notifications\/unsubscribe\/one-click\?token=[^>]+>$/,
    );
    expect(mail.headers['list-unsubscribe-post']).toBe('List-Unsubscribe=One-Click');
  }

  let letterId: string;

  describe('what is sent, to whom', () => {
    it('new homework: one neutral mail to its member, none to the partner or the counselor', async () => {
      const sent = await mailsFrom(() =>
        assign({
          exerciseId: exercise['Accountability letter'],
          target: 'member',
          memberId: clinic.client.id,
          dueOn: '2027-01-20',
        }),
      );
      expect(sent).toEqual({ sam: 1, alex: 0, maya: 0, admin: 0 });
      expectContentFree(newest(clinic.client));
      // The details are in the app, for Sam only.
      const [notice] = await inbox(sam);
      expect(notice).toMatchObject({ kind: 'homework_assigned', readAt: null });
      expect(notice.text).toBe(
        `${MAYA} assigned “Accountability letter”, due Wednesday 20 January.`,
      );
      letterId = notice.link.replace('/homework/', '');
      const letter = await sam.get<{ title: string }>(`/api/homework/${letterId}`);
      expect(letter.body.title).toBe('Accountability letter');
      expect(newest(clinic.client).text).toContain(`http://mend.test/notifications/${notice.id}`);
      expect(await inbox(alex)).toEqual([]);
    });

    it('handing in: the counselor hears once; the client and partner do not', async () => {
      const sent = await mailsFrom(async () => {
        const reply = await sam.post(`/api/homework/${letterId}/submit`, {
          version: 0,
          answers: LETTER,
        });
        expect(reply.status).toBe(200);
      });
      expect(sent).toEqual({ sam: 0, alex: 0, maya: 1, admin: 0 });
      expectContentFree(newest(clinic.counselor));
      const [notice] = await inbox(maya);
      expect(notice).toMatchObject({ kind: 'homework_submitted', link: `/review/${letterId}` });
      expect(notice.text).toBe(`${SAM} handed in “Accountability letter”.`);
    });

    it('feedback, a request to revise and a shared response each reach their reader once', async () => {
      expect(
        await mailsFrom(() =>
          maya.post(`/api/homework/${letterId}/feedback`, { body: 'Thank you.' }),
        ),
      ).toEqual({ sam: 1, alex: 0, maya: 0, admin: 0 });
      expect((await inbox(sam))[0]).toMatchObject({ kind: 'feedback_given' });
      expect(
        await mailsFrom(() =>
          maya.post(`/api/homework/${letterId}/reopen`, { reason: 'Say more about the trip.' }),
        ),
      ).toEqual({ sam: 1, alex: 0, maya: 0, admin: 0 });
      expect((await inbox(sam))[0]).toMatchObject({ kind: 'revision_requested' });
      // Handed in again within the hour: the counselor's hourly limit holds that mail back.
      expect(
        await mailsFrom(() =>
          sam.post(`/api/homework/${letterId}/submit`, {
            version: 1,
            answers: { ...LETTER, what_i_did: 'I lied about the trip, twice.' },
          }),
        ),
      ).toEqual({ sam: 0, alex: 0, maya: 0, admin: 0 });
      expect(await mailsFrom(() => maya.post(`/api/homework/${letterId}/share`))).toEqual({
        sam: 0,
        alex: 1,
        maya: 0,
        admin: 0,
      });
      const [shared] = await inbox(alex);
      expect(shared).toMatchObject({ kind: 'response_shared', link: `/homework/${letterId}` });
      expect(shared.text).toBe(
        `${MAYA} shared ${SAM}’s response to “Accountability letter” with you.`,
      );
      expectContentFree(newest(clinic.partner));
    });

    it('homework handed in is mailed at most hourly: the held notice goes an hour after the last', async () => {
      const [row] = await t.dataSource.query(
        `SELECT mail_after FROM notifications WHERE user_id = $1 AND kind = 'homework_submitted' AND mail_state = 'pending'`,
        [clinic.counselor.id],
      );
      // An hour after the last mail (sent a moment after DAYTIME, the clock runs on).
      expect(row.mail_after.getTime() - DAYTIME.getTime() - 3_600_000).toBeGreaterThanOrEqual(0);
      expect(row.mail_after.getTime() - DAYTIME.getTime() - 3_600_000).toBeLessThan(60_000);
      setClock(new Date(DAYTIME.getTime() + 3_660_000));
      const sent = await mailsFrom(async () => undefined);
      expect(sent).toEqual({ sam: 0, alex: 0, maya: 1, admin: 0 });
    });

    it('a counselor who chose a daily digest hears of homework handed in once, the next morning', async () => {
      expect((await setPreferences(maya, { submittedMail: 'daily' })).status).toBe(200);
      const notify = (text: string) =>
        t.app
          .get(SystemDb)
          .run('test', (tx) =>
            t.app
              .get(Notifier)
              .notify(tx, clinic.id, [
                { userId: clinic.counselor.id, kind: 'homework_submitted', link: '/review', text },
              ]),
          );
      const sent = await mailsFrom(async () => {
        await notify('First of the day.');
        await notify('Second of the day.');
      });
      expect(sent.maya).toBe(0);
      const held = await t.dataSource.query(
        `SELECT DISTINCT mail_after FROM notifications
          WHERE user_id = $1 AND kind = 'homework_submitted' AND mail_state = 'pending'`,
        [clinic.counselor.id],
      );
      // The end of the quiet hours (08:00 in UTC, Maya's zone) after they arrived.
      expect(held.map((r: { mail_after: Date }) => r.mail_after.toISOString())).toEqual([
        '2027-01-14T08:00:00.000Z',
      ]);
      setClock(new Date('2027-01-14T08:00:00Z'));
      expect((await mailsFrom(async () => undefined)).maya).toBe(1);
      setClock(new Date('2027-01-14T14:00:00Z')); // time only moves forward
      await setPreferences(maya, { submittedMail: 'hourly' });
    });

    it('a measure asks its member to fill it in; a critical answer alerts the counselor at once', async () => {
      expect(
        await mailsFrom(() =>
          assign({
            exerciseId: exercise['PHQ-9 · Patient Health Questionnaire'],
            target: 'member',
            memberId: clinic.partner.id,
            dueOn: '2027-01-21',
          }),
        ),
      ).toEqual({ sam: 0, alex: 1, maya: 0, admin: 0 });
      expect((await inbox(alex))[0]).toMatchObject({ kind: 'measure_due' });
      // Alex's check-in says mail is not safe: a critical answer, and no more mail for Alex.
      const checks = await alex.get<SafetyCheckSummary[]>('/api/my/safety-checks');
      const open = checks.body.find((c) => c.caseId === caseId && c.submittedAt === null);
      if (!open) throw new Error('Alex has no open check-in');
      const sent = await mailsFrom(() =>
        alex.post<MySafetyCheck>(`/api/safety-checks/${open.id}/submit`, {
          version: 0,
          answers: {
            afraid_of_partner: 'no',
            hurt_or_threatened: 'no',
            controlled: 'no',
            sexual_pressure: 'no',
            safe_together_at_home: 'safe',
            safe_to_get_messages: 'not_safe',
            thoughts_of_self_harm: 'no',
          },
        }),
      );
      expect(sent).toEqual({ sam: 0, alex: 0, maya: 1, admin: 0 });
      const [alert] = await inbox(maya);
      expect(alert).toMatchObject({ kind: 'safety_alert', link: `/cases/${caseId}` });
      expectContentFree(newest(clinic.counselor));
    });

    it('a member who said mail is not safe still sees notices in the app, but gets no mail', async () => {
      const sent = await mailsFrom(() =>
        assign({
          exerciseId: exercise['Trust thermometer'],
          target: 'each',
          dueOn: '2027-01-22',
        }),
      );
      expect(sent).toEqual({ sam: 1, alex: 0, maya: 0, admin: 0 });
      expect((await inbox(alex))[0]).toMatchObject({ kind: 'homework_assigned' });
      const [row] = await t.dataSource.query(
        `SELECT mail_state FROM notifications WHERE user_id = $1 ORDER BY created_at DESC LIMIT 1`,
        [clinic.partner.id],
      );
      expect(row.mail_state).toBe('none');
    });
  });

  describe('the bell', () => {
    it('counts unread notifications, opens one (marking it read) and only the recipient can', async () => {
      const before = await sam.get<UnreadCount>('/api/notifications/unread-count');
      expect(before.body.unread).toBeGreaterThan(0);
      const [first] = await inbox(sam);
      expect((await alex.post(`/api/notifications/${first.id}/open`)).status).toBe(404);
      expect((await maya.post(`/api/notifications/${first.id}/open`)).status).toBe(404);
      const opened = await sam.post<NotificationItem>(`/api/notifications/${first.id}/open`);
      expect(opened.status).toBe(200);
      expect(opened.body.readAt).not.toBeNull();
      const after = await sam.get<UnreadCount>('/api/notifications/unread-count');
      expect(after.body.unread).toBe(before.body.unread - 1);
      expect((await sam.post<UnreadCount>('/api/notifications/read-all')).body.unread).toBe(0);
      expect((await sam.get<UnreadCount>('/api/notifications/unread-count')).body.unread).toBe(0);
    });

    it('stores the in-app wording encrypted', async () => {
      const rows = await t.dataSource.query(
        `SELECT text_enc FROM notifications WHERE user_id = $1`,
        [clinic.client.id],
      );
      expect(rows.length).toBeGreaterThan(0);
      for (const row of rows) expect(row.text_enc).not.toContain('Accountability');
    });

    it('lists are paginated and only the caller’s own', async () => {
      const page = await sam.get<Page<NotificationItem>>('/api/notifications?pageSize=1');
      expect(page.body.items).toHaveLength(1);
      expect(page.body.total).toBeGreaterThan(1);
      expect((await t.agent().get('/api/notifications')).status).toBe(401);
    });
  });

  describe('preferences, quiet hours and time zones', () => {
    it('are validated field by field', async () => {
      const bad = await sam.put<{ fields: { field: string }[] }>('/api/notifications/preferences', {
        timeZone: 'Mars/Olympus',
        quietStart: '25:00',
        quietEnd: '08:00',
        mailOff: ['homework_submitted'],
        submittedMail: 'weekly',
      });
      expect(bad.status).toBe(400);
      expect(bad.body.fields.map((f) => f.field).sort()).toEqual(['quietStart', 'submittedMail']);
      const zone = await setPreferences(sam, { timeZone: 'Mars/Olympus' });
      expect(zone.status).toBe(400);
      const otherRole = await setPreferences(sam, { mailOff: ['homework_submitted'] });
      expect(otherRole.status).toBe(400);
    });

    it('a mail in quiet hours waits for their end, in local time across a daylight-saving change', async () => {
      // New York springs forward on Sunday 14 March 2027: the quiet hours end at 08:00 EDT.
      expect((await setPreferences(sam, { timeZone: 'America/New_York' })).status).toBe(200);
      setClock(new Date('2027-03-14T04:00:00Z')); // Saturday 23:00 EST
      const held = await mailsFrom(() =>
        maya.post(`/api/homework/${letterId}/feedback`, { body: 'One more thought.' }),
      );
      expect(held.sam).toBe(0);
      const [row] = await t.dataSource.query(
        `SELECT mail_after FROM notifications WHERE user_id = $1 AND kind = 'feedback_given' AND mail_state = 'pending'`,
        [clinic.client.id],
      );
      expect(row.mail_after.toISOString()).toBe('2027-03-14T12:00:00.000Z');
      setClock(new Date('2027-03-14T11:59:00Z')); // 07:59 EDT
      expect((await mailsFrom(async () => undefined)).sam).toBe(0);
      setClock(new Date('2027-03-14T12:00:00Z')); // 08:00 EDT
      expect((await mailsFrom(async () => undefined)).sam).toBe(1);
      setClock(new Date('2027-03-15T14:00:00Z')); // time only moves forward
      await setPreferences(sam, { timeZone: 'UTC' });
    });

    it('due tomorrow and overdue (once) follow each member’s own calendar', async () => {
      // No quiet hours, so only the calendar decides.
      await setPreferences(sam, { timeZone: 'UTC', quietStart: '00:00', quietEnd: '00:00' });
      await setPreferences(alex, {
        timeZone: 'Pacific/Auckland',
        quietStart: '00:00',
        quietEnd: '00:00',
      });
      await mailsFrom(() =>
        assign({ exerciseId: exercise['Honest check-in'], target: 'each', dueOn: '2027-04-10' }),
      );
      const reminders = t.app.get(Reminders);
      const kindsOf = async (user: TestUser) =>
        (
          await t.dataSource.query(
            `SELECT kind FROM notifications WHERE user_id = $1 AND kind IN ('homework_due', 'homework_overdue') ORDER BY created_at`,
            [user.id],
          )
        ).map((r: { kind: string }) => r.kind);
      // 8 April 12:00 UTC is 9 April 00:00 in Auckland: due tomorrow for Alex only.
      setClock(new Date('2027-04-08T12:00:00Z'));
      await reminders.run();
      expect(await kindsOf(clinic.partner)).toEqual(['homework_due']);
      expect(await kindsOf(clinic.client)).toEqual([]);
      // 9 April 12:00 UTC: tomorrow for Sam; Alex was told already.
      setClock(new Date('2027-04-09T12:00:00Z'));
      const tomorrow = await mailsFrom(async () => {
        await reminders.run();
        await reminders.run();
      });
      expect(tomorrow).toMatchObject({ sam: 1, alex: 0 });
      expect(await kindsOf(clinic.client)).toEqual(['homework_due']);
      expect(await kindsOf(clinic.partner)).toEqual(['homework_due']);
      // 11 April: overdue for both, once however often the sweep runs.
      setClock(new Date('2027-04-11T12:00:00Z'));
      const sent = await mailsFrom(async () => {
        await reminders.run();
        await reminders.run();
      });
      expect(await kindsOf(clinic.client)).toEqual(['homework_due', 'homework_overdue']);
      expect(await kindsOf(clinic.partner)).toEqual(['homework_due', 'homework_overdue']);
      expect(sent.alex).toBe(0); // no mail about Mend is safe for Alex
      expect(sent.sam).toBe(1);
      setClock(new Date('2027-04-12T14:00:00Z')); // time only moves forward
    });
  });

  describe('unsubscribing without signing in', () => {
    it('the mail’s link turns that kind of mail off; the bell still shows it', async () => {
      const mail = newest(clinic.client);
      const token = /\/unsubscribe#token=([A-Za-z0-9._-]+)/.exec(mail.text)?.[1];
      if (!token) throw new Error('no unsubscribe link in the mail');
      const anonymous = t.agent();
      const done = await anonymous.post<UnsubscribeResult>('/api/notifications/unsubscribe', {
        token,
      });
      expect(done.status).toBe(200);
      const kind = done.body.kind;
      expect(
        (await sam.get<NotificationPreferences>('/api/notifications/preferences')).body.mailOff,
      ).toContain(kind);
      // Again changes nothing; a changed token is refused.
      expect((await anonymous.post('/api/notifications/unsubscribe', { token })).status).toBe(200);
      const forged = token.replace(/^./, (c) => (c === 'A' ? 'B' : 'A'));
      expect(
        (await anonymous.post('/api/notifications/unsubscribe', { token: forged })).status,
      ).toBe(404);
      expect((await anonymous.post('/api/notifications/unsubscribe', { token: '' })).status).toBe(
        400,
      );
    });

    it('the one-click POST of a mail program needs no cookie and no CSRF header', async () => {
      const mail = newest(clinic.counselor);
      const url = /^<http:\/\/mend\.test([^>]+)>$/.exec(mail.headers['list-unsubscribe'])?.[1];
      if (!url) throw new Error('no List-Unsubscribe header');
      const reply = await t.agent().request('POST', url, {
        csrf: false,
        raw: 'List-Unsubscribe=One-Click',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
      });
      expect(reply.status).toBe(200);
      const off = (await maya.get<NotificationPreferences>('/api/notifications/preferences')).body
        .mailOff;
      expect(off.length).toBe(1);
    });
  });

  describe('the admin', () => {
    it('sees mail that failed as counts with a reason and no content; only admins do', async () => {
      const reply = await admin.get<DeliveryFailures>('/api/notifications/deliveries');
      expect(reply.status).toBe(200);
      expect(reply.body).toMatchObject({ mailConfigured: true, waiting: 0 });
      expect(JSON.stringify(reply.body)).not.toMatch(/@|Quillby|Accountability/);
      for (const agent of [maya, sam]) {
        expect((await agent.get('/api/notifications/deliveries')).status).toBe(403);
      }
    });

    it('sets a discreet sender name, which the mails then come from', async () => {
      const bad = await admin.put('/api/clinic/mail-settings', { senderName: 'Evil" <x@y>' });
      expect(bad.status).toBe(400);
      expect((await maya.put('/api/clinic/mail-settings', { senderName: 'HC' })).status).toBe(403);
      const set = await admin.put('/api/clinic/mail-settings', { senderName: 'HQ Portal' });
      expect(set.status).toBe(200);
      await mailsFrom(() =>
        assign({
          exerciseId: exercise['Trust thermometer'],
          target: 'member',
          memberId: clinic.client.id,
          dueOn: '2027-04-25',
        }),
      );
      expect(newest(clinic.client).headers['from']).toBe('HQ Portal <no-reply@mend.local>');
    });

    it('hears once of an invitation not accepted after 7 days', async () => {
      const invited = await t.createUser(clinic.id, 'counselor', {
        status: 'invited',
        name: 'Rue Slow',
      });
      await t.dataSource.query(`UPDATE users SET created_at = $2 WHERE id = $1`, [
        invited.id,
        new Date(now().getTime() - 8 * 86_400_000),
      ]);
      const sent = await mailsFrom(async () => {
        await t.app.get(Reminders).run();
        await t.app.get(Reminders).run();
      });
      expect(sent.admin).toBe(1);
      const mine = (await inbox(admin)).filter((n) => n.kind === 'invitation_unaccepted');
      expect(mine).toHaveLength(1);
      expect(mine[0].text).toBe(
        'Rue Slow (counselor) has not accepted their invitation after 7 days.',
      );
    });
  });
});
