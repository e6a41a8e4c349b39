import { randomUUID } from 'node:crypto';
import ICAL from 'ical.js';
import { NotesNotices } from '@mend/notes/api';
import { Outbox } from '@mend/notifications/api';
import { JOINT_WORK_CLOSED } from '@mend/shared/contracts';
import type {
  ApiErrorBody,
  AppointmentSlots,
  AppointmentView,
  Availability,
  CalendarFeed,
  SessionView,
} from '@mend/shared/contracts';
import { clearForJointWork, coupleCast, CoupleCast } from '../support/couple-cast';
import { calendarPart, Mailbox } from '../support/mailbox';
import { Agent, bootApp, runClockFrom, TestApp, TestUser } from '../support/test-app';

const MONDAY_MORNINGS = [{ weekday: 1, startTime: '09:00', endTime: '12:00' }];
const LENGTHS = { individual: 50, couple: 80, family: 80 };

/** The events of an iCalendar file, as a calendar app reads them. */
function eventsOf(ics: string) {
  const calendar = new ICAL.Component(ICAL.parse(ics));
  return {
    method: calendar.getFirstPropertyValue('method'),
    events: calendar.getAllSubcomponents('vevent').map((v) => {
      const event = new ICAL.Event(v);
      return {
        uid: event.uid,
        summary: event.summary,
        location: event.location,
        start: event.startDate.toJSDate().toISOString(),
        end: event.endDate.toJSDate().toISOString(),
        sequence: event.sequence,
      };
    }),
  };
}

describe('appointments keep each partner’s individual times their own', () => {
  const mailbox = new Mailbox();
  let t: TestApp;
  let samUser: TestUser;
  let alexUser: TestUser;
  let admin: Agent;
  let maya: Agent;
  let priya: Agent;
  let sam: Agent;
  let alex: Agent;
  let neighbour: Agent;
  let stranger: Agent;
  let strangerClient: Agent;
  let caseId: string;
  let cast: CoupleCast;
  let samsId: string;
  let jointId: string;

  const ask = (agent: Agent, body: Record<string, unknown>, key = randomUUID()) =>
    agent.post<AppointmentView>(`/api/cases/${caseId}/appointments`, {
      audience: 'individual',
      mode: 'in_person',
      clientKey: key,
      ...body,
    });
  const slots = (agent: Agent, query: string) =>
    agent.get<AppointmentSlots>(`/api/cases/${caseId}/appointment-slots?${query}`);

  beforeAll(async () => {
    const smtpUrl = await mailbox.start();
    t = await bootApp({ SMTP_URL: smtpUrl });
    // A week before the United States move their clocks (Sunday 14 March 2027).
    runClockFrom(t, new Date('2027-03-07T12:00:00Z'));
    cast = await coupleCast(t);
    ({ samUser, alexUser, admin, maya, priya, sam, alex } = cast);
    ({ neighbour, stranger, strangerClient, caseId } = cast);
    // Sam reads times in London, which changes its clocks only on 28 March.
    await sam.put('/api/notifications/preferences', {
      timeZone: 'Europe/London',
      quietStart: '23:00',
      quietEnd: '06:00',
      mailOff: [],
      submittedMail: 'hourly',
    });
  });

  afterAll(async () => {
    await t.close();
    await mailbox.stop();
  });

  it('the counselor sets weekly availability in their own time zone; nobody else can', async () => {
    const bad = await maya.put<ApiErrorBody>('/api/availability', {
      timeZone: 'Mars/Olympus',
      rules: [{ weekday: 8, startTime: '9am', endTime: '12:00' }],
      lengths: LENGTHS,
    });
    expect(bad.status).toBe(400);
    expect(bad.body.fields?.map((f) => f.field).sort()).toEqual([
      'rules.0.startTime',
      'rules.0.weekday',
    ]);
    expect(
      (
        await maya.put<ApiErrorBody>('/api/availability', {
          timeZone: 'Mars/Olympus',
          rules: MONDAY_MORNINGS,
          lengths: LENGTHS,
        })
      ).body.fields?.[0].field,
    ).toBe('timeZone');
    const saved = await maya.put<Availability>('/api/availability', {
      timeZone: 'America/New_York',
      rules: MONDAY_MORNINGS,
      lengths: LENGTHS,
    });
    expect(saved.status).toBe(200);
    expect(saved.body).toMatchObject({ timeZone: 'America/New_York', rules: MONDAY_MORNINGS });
    for (const agent of [sam, admin])
      expect((await agent.put('/api/availability', saved.body)).status).toBe(403);
    expect((await sam.get('/api/availability')).status).toBe(403);
  });

  it('free times stay at 9:00 New York time across the daylight-saving change', async () => {
    const free = await slots(sam, 'audience=individual&from=2027-03-08&days=8');
    expect(free.status).toBe(200);
    expect(free.body).toMatchObject({ timeZone: 'America/New_York', durationMinutes: 50 });
    const firstOfDay = new Map<string, string>();
    for (const s of free.body.slots)
      if (!firstOfDay.has(s.slice(0, 10))) firstOfDay.set(s.slice(0, 10), s);
    expect([...firstOfDay.values()]).toEqual([
      '2027-03-08T14:00:00.000Z', // 9:00 EST
      '2027-03-15T13:00:00.000Z', // 9:00 EDT
    ]);
    for (const [agent, status] of [
      [neighbour, 404],
      [priya, 404],
      [stranger, 404],
      [strangerClient, 404],
      [admin, 403],
    ] as const)
      expect((await slots(agent, 'audience=individual')).status).toBe(status);
  });

  it('a client in London asks for 13:00 their time, which is 9:00 in New York; an hour earlier is refused', async () => {
    const key = randomUUID();
    const first = await ask(
      sam,
      { startsAt: '2027-03-15T13:00:00+00:00', note: 'Before work' },
      key,
    );
    expect(first.status).toBe(201);
    samsId = first.body.id;
    expect(first.body).toMatchObject({
      state: 'requested',
      audience: 'individual',
      client: { userId: samUser.id },
      startsAt: '2027-03-15T13:00:00.000Z',
      durationMinutes: 50,
      type: 'individual',
      note: 'Before work',
      sessionId: null,
    });
    const again = await ask(sam, { startsAt: '2027-03-15T13:00:00+00:00' }, key);
    expect([again.status, again.body.id]).toEqual([200, samsId]);
    // 13:00 UTC on 8 March is 8:00 in New York, before the window.
    expect((await ask(sam, { startsAt: '2027-03-08T13:00:00Z' })).status).toBe(409);
    // The taken time is no longer offered, to anyone.
    const later = await slots(alex, 'audience=individual&from=2027-03-15&days=1');
    expect(later.body.slots).not.toContain('2027-03-15T13:00:00.000Z');
    expect(JSON.stringify(later.body)).not.toContain(samUser.id);
  });

  it('the partner, other counselors, other cases and other clinics cannot find an individual appointment', async () => {
    for (const [agent, status] of [
      [alex, 404],
      [priya, 404],
      [neighbour, 404],
      [stranger, 404],
      [strangerClient, 404],
      [admin, 403],
    ] as const) {
      expect((await agent.get(`/api/appointments/${samsId}`)).status).toBe(status);
      expect((await agent.post(`/api/appointments/${samsId}/cancel`, { reason: '' })).status).toBe(
        status,
      );
    }
    for (const scope of ['upcoming', 'waiting', 'past']) {
      const list = await alex.get<AppointmentView[]>(`/api/appointments?scope=${scope}`);
      expect(list.body.map((a) => a.id)).not.toContain(samsId);
    }
    expect((await sam.post(`/api/appointments/${samsId}/accept`)).status).toBe(403);
    expect((await priya.post(`/api/appointments/${samsId}/accept`)).status).toBe(404);
  });

  it('a joint appointment needs joint work open; any member asks, only the counselor confirms', async () => {
    const closed = await ask(alex, { audience: 'joint', startsAt: '2027-03-08T14:00:00Z' });
    expect(closed.status).toBe(409);
    expect((closed.body as unknown as ApiErrorBody).code).toBe(JOINT_WORK_CLOSED);
    expect((await slots(alex, 'audience=joint')).body).toMatchObject({
      jointAllowed: false,
      slots: [],
    });
    for (const member of [samUser, alexUser]) await clearForJointWork(cast, member.id);
    const joint = await ask(alex, { audience: 'joint', startsAt: '2027-03-08T14:00:00Z' });
    expect(joint.status).toBe(201);
    jointId = joint.body.id;
    expect(joint.body).toMatchObject({ type: 'couple', durationMinutes: 80, client: null });
    const samsWaiting = await sam.get<AppointmentView[]>('/api/appointments?scope=waiting');
    expect(samsWaiting.body.map((a) => a.id).sort()).toEqual([samsId, jointId].sort());
    expect((await sam.post(`/api/appointments/${jointId}/accept`)).status).toBe(403);
    const waiting = await maya.get<AppointmentView[]>('/api/appointments?scope=waiting');
    expect(waiting.body.map((a) => a.id)).toEqual([jointId, samsId]);
  });

  it('accepting makes an upcoming session and mails the client a calendar file with a neutral title', async () => {
    const accepted = await maya.post<AppointmentView>(`/api/appointments/${samsId}/accept`);
    expect(accepted.status).toBe(200);
    expect(accepted.body.state).toBe('accepted');
    const session = await maya.get<SessionView>(`/api/sessions/${accepted.body.sessionId}`);
    expect(session.body).toMatchObject({
      startsAt: '2027-03-15T13:00:00.000Z',
      durationMinutes: 50,
      type: 'individual',
    });
    expect(session.body.attendees.map((a) => a.userId)).toEqual([samUser.id]);
    expect((await maya.post(`/api/appointments/${samsId}/accept`)).status).toBe(200);

    const upcoming = await sam.get<AppointmentView[]>('/api/appointments?scope=upcoming');
    expect(upcoming.body.map((a) => a.id)).toEqual([samsId]);
    expect(upcoming.body[0].sessionId).toBeNull();
    expect((await alex.get<AppointmentView[]>('/api/appointments?scope=upcoming')).body).toEqual(
      [],
    );

    // Sam's mails so far: Alex's joint request, then this confirmation with its calendar file.
    // Each sweep takes the oldest batch of the whole database (other suites leave mail of their
    // own, due by this file's clock), so sweep as the schedule does until it is sent.
    let mail = mailbox.to(samUser.email).find((m) => calendarPart(m) !== null);
    for (let i = 0; !mail && i < 150; i++) {
      await t.app.get(Outbox).sweep();
      await new Promise((r) => setTimeout(r, 200));
      mail = mailbox.to(samUser.email).find((m) => calendarPart(m) !== null);
    }
    if (!mail) throw new Error('no mail with a calendar file reached Sam');
    const calendar = eventsOf(calendarPart(mail) ?? '');
    expect(calendar.method).toBe('REQUEST');
    expect(calendar.events).toEqual([
      expect.objectContaining({
        uid: `session-${accepted.body.sessionId}@mend`,
        summary: 'Appointment',
        location: 'Mend',
        start: '2027-03-15T13:00:00.000Z',
        end: '2027-03-15T13:50:00.000Z',
      }),
    ]);
    expect(mailbox.to(alexUser.email).some((m) => calendarPart(m) !== null)).toBe(false);
  });

  it('the day before, only the member an individual session is for is reminded', async () => {
    await t.app.get(NotesNotices).upcomingSessions(new Date('2027-03-14T14:00:00Z'));
    const reminded: { user_id: string; calendar: unknown }[] = await t.dataSource.query(
      `SELECT user_id, calendar FROM notifications WHERE kind = 'session_upcoming' AND user_id = ANY($1::uuid[])`,
      [[samUser.id, alexUser.id]],
    );
    expect(reminded.map((r) => r.user_id)).toEqual([samUser.id]);
    expect(reminded[0].calendar).toMatchObject({ startsAt: '2027-03-15T13:00:00.000Z' });
  });

  it('the counselor proposes another time; a member accepts it and the session follows', async () => {
    expect(
      (
        await maya.post(`/api/appointments/${jointId}/propose`, {
          startsAt: '2027-03-01T10:00:00Z',
        })
      ).status,
    ).toBe(400);
    // Never on another of her sessions (Sam's, 13:00 that day)…
    const clash = await maya.post(`/api/appointments/${jointId}/propose`, {
      startsAt: '2027-03-15T13:30:00Z',
    });
    expect(clash.status).toBe(409);
    expect(clash.body).toMatchObject({ message: expect.stringContaining('another session') });
    // …while half an hour later than the request itself is fine.
    const nudged = await maya.post<AppointmentView>(`/api/appointments/${jointId}/propose`, {
      startsAt: '2027-03-08T14:30:00Z',
    });
    expect(nudged.body.proposedStartsAt).toBe('2027-03-08T14:30:00.000Z');
    const proposed = await maya.post<AppointmentView>(`/api/appointments/${jointId}/propose`, {
      startsAt: '2027-03-22T14:00:00Z',
    });
    expect(proposed.body).toMatchObject({
      state: 'proposed',
      proposedStartsAt: '2027-03-22T14:00:00.000Z',
    });
    expect(proposed.body.can.acceptProposal).toBe(false);
    const asSam = await sam.get<AppointmentView>(`/api/appointments/${jointId}`);
    expect(asSam.body.can).toMatchObject({ acceptProposal: true, decline: true, accept: false });
    const stored = async () =>
      (
        await t.dataSource.query(
          `SELECT a.state, a.session_id,
                  (SELECT count(*)::int FROM appointment_changes c WHERE c.appointment_id = a.id) AS changes
             FROM appointments a WHERE a.id = $1`,
          [jointId],
        )
      )[0] as { state: string; session_id: string | null; changes: number };
    // The acceptance and the counselor's session land together or not at all: with the
    // session's insert made to fail, nothing of the acceptance stays.
    const before = await stored();
    await t.dataSource.query(
      `ALTER TABLE sessions ADD CONSTRAINT test_no_session CHECK (starts_at <> '2027-03-22T14:00:00Z') NOT VALID`,
    );
    try {
      const failed = await sam.post(`/api/appointments/${jointId}/accept-proposal`);
      expect(failed.status).toBeGreaterThanOrEqual(400);
    } finally {
      await t.dataSource.query(`ALTER TABLE sessions DROP CONSTRAINT test_no_session`);
    }
    expect(await stored()).toEqual(before);
    const accepted = await sam.post<AppointmentView>(
      `/api/appointments/${jointId}/accept-proposal`,
    );
    expect(accepted.body).toMatchObject({
      state: 'accepted',
      startsAt: '2027-03-22T14:00:00.000Z',
    });
    // Recorded by the member's own request, before any read of the counselor's.
    const after = await stored();
    expect(after.session_id).toBeTruthy();
    const [recorded]: { actor_id: string }[] = await t.dataSource.query(
      `SELECT actor_id FROM audit_events WHERE action = 'session.recorded' AND entity_id = $1`,
      [after.session_id],
    );
    expect(recorded.actor_id).toBe(cast.clinic.counselor.id);
    const mine = await maya.get<AppointmentView>(`/api/appointments/${jointId}`);
    expect(mine.body.sessionId).toBe(after.session_id);
    const session = await maya.get<SessionView>(`/api/sessions/${mine.body.sessionId}`);
    expect(session.body.attendees.map((a) => a.userId).sort()).toEqual(
      [samUser.id, alexUser.id].sort(),
    );
    expect(mine.body.history.map((h) => h.action)).toEqual([
      'requested',
      'proposed',
      'proposed',
      'accepted',
    ]);
  });

  it('moving and cancelling keep the history; a cancelled session leaves the calendar', async () => {
    const onTheJointOne = await maya.post(`/api/appointments/${samsId}/reschedule`, {
      startsAt: '2027-03-22T14:30:00Z',
    });
    expect(onTheJointOne.status).toBe(409);
    const moved = await maya.post<AppointmentView>(`/api/appointments/${samsId}/reschedule`, {
      startsAt: '2027-03-29T13:00:00Z',
    });
    expect(moved.body.startsAt).toBe('2027-03-29T13:00:00.000Z');
    const sessionId = moved.body.sessionId as string;
    expect((await maya.get<SessionView>(`/api/sessions/${sessionId}`)).body.startsAt).toBe(
      '2027-03-29T13:00:00.000Z',
    );
    // Calling it off and removing its session land together: with the removal made to fail,
    // the appointment stays as it was.
    await t.dataSource.query(
      `CREATE FUNCTION test_keep_sessions() RETURNS trigger LANGUAGE plpgsql AS $$
         BEGIN RAISE EXCEPTION 'kept for the test'; END $$;
       CREATE TRIGGER test_keep_sessions BEFORE DELETE ON sessions
         FOR EACH ROW EXECUTE FUNCTION test_keep_sessions()`,
    );
    try {
      const failed = await sam.post(`/api/appointments/${samsId}/cancel`, { reason: 'Work trip' });
      expect(failed.status).toBeGreaterThanOrEqual(400);
    } finally {
      await t.dataSource.query(
        `DROP TRIGGER test_keep_sessions ON sessions; DROP FUNCTION test_keep_sessions()`,
      );
    }
    const kept = await maya.get<AppointmentView>(`/api/appointments/${samsId}`);
    expect(kept.body.state).toBe('accepted');
    expect(kept.body.history.map((h) => h.action)).toEqual([
      'requested',
      'accepted',
      'rescheduled',
    ]);
    const cancelled = await sam.post<AppointmentView>(`/api/appointments/${samsId}/cancel`, {
      reason: 'Work trip',
    });
    expect(cancelled.body.state).toBe('cancelled');
    expect(cancelled.body.history.map((h) => [h.action, h.reason])).toEqual([
      ['requested', null],
      ['accepted', null],
      ['rescheduled', null],
      ['cancelled', 'Work trip'],
    ]);
    expect((await maya.get(`/api/sessions/${sessionId}`)).status).toBe(404);
    expect(
      (await sam.get<AppointmentView[]>('/api/appointments?scope=past')).body.map((a) => a.id),
    ).toContain(samsId);
  });

  it('the counselor declines with a reason the client reads', async () => {
    const asked = await ask(sam, { startsAt: '2027-03-15T14:00:00Z' });
    expect(asked.status).toBe(201);
    expect(
      (await maya.post(`/api/appointments/${asked.body.id}/decline`, { reason: '' })).status,
    ).toBe(400);
    const declined = await maya.post<AppointmentView>(
      `/api/appointments/${asked.body.id}/decline`,
      {
        reason: 'I am away that week; please pick another.',
      },
    );
    expect(declined.body.state).toBe('declined');
    const read = await sam.get<AppointmentView>(`/api/appointments/${asked.body.id}`);
    expect(read.body.history.at(-1)).toMatchObject({
      action: 'declined',
      reason: 'I am away that week; please pick another.',
    });
    const rows: { note_enc: string | null }[] = await t.dataSource.query(
      `SELECT reason_enc AS note_enc FROM appointment_changes WHERE appointment_id = $1 AND action = 'declined'`,
      [asked.body.id],
    );
    expect(rows[0].note_enc).not.toContain('away');
  });

  it('each counselor has a private, revocable calendar feed with neutral titles', async () => {
    expect((await sam.post('/api/calendar-feed')).status).toBe(403);
    const feed = await maya.post<CalendarFeed>('/api/calendar-feed');
    expect(feed.status).toBe(201);
    const path = new URL(feed.body.url as string).pathname;
    const anyone = t.agent();
    const file = await anyone.get<string>(path);
    expect(file.status).toBe(200);
    expect(file.headers['content-type']).toContain('text/calendar');
    const calendar = eventsOf(file.text);
    expect(calendar.events.map((e) => e.start)).toContain('2027-03-22T14:00:00.000Z');
    expect(calendar.events.every((e) => e.summary === 'Appointment' && e.location === 'Mend')).toBe(
      true,
    );
    expect(file.text).not.toMatch(/Sam|Alex|couple/);
    expect((await maya.get<CalendarFeed>('/api/calendar-feed')).body).toMatchObject({ url: null });
    await maya.delete('/api/calendar-feed');
    expect((await anyone.get(path)).status).toBe(404);
    expect((await anyone.get('/api/calendar/not-a-token.ics')).status).toBe(404);
  });
});
