import type {
  AgreementView,
  AppointmentSlots,
  AppointmentView,
  Availability,
  CalendarFeed,
  CaseDetail,
  MessageView,
  QuoteRequestView,
  ThreadView,
} from '@mend/shared/contracts';
import { randomUUID } from 'node:crypto';
import {
  APPRECIATION_NOTE,
  createClinicRecords,
  hoursFromNow,
  ok,
  today,
} from '../support/clinic-records';
import { registeredRoutes, Route } from '../support/routes';
import { Agent, bootApp, TestApp, TestClinic } from '../support/test-app';

/**
 * Clinic B's users call every route that takes an id, as each role the route allows, with real
 * ids of clinic A: every answer must be 404 (the record does not exist for them), never 200, 403,
 * 409 or 400. A route whose parameter or body this file does not know makes the test fail, so a
 * new route cannot skip the sweep.
 */

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** A real value of clinic A for one route parameter. */
interface Value {
  what: string;
  id: string;
}

/**
 * The parameter of a route, named by the path segment before it and its own name
 * (`/api/cases/:id/members/:userId` → `cases/:id`, `members/:userId`).
 */
function parameterKeys(path: string): string[] {
  const segments = path.split('/');
  return segments.flatMap((s, i) => (s.startsWith(':') ? [`${segments[i - 1]}/${s}`] : []));
}

/** Every combination of the values of a route's parameters. */
function combinations(keys: string[], values: Record<string, Value[]>): Record<string, Value>[] {
  return keys.reduce<Record<string, Value>[]>(
    (partial, key) => partial.flatMap((c) => values[key].map((v) => ({ ...c, [key]: v }))),
    [{}],
  );
}

function urlOf(path: string, chosen: Record<string, Value>): string {
  const segments = path.split('/');
  return segments
    .map((s, i) => (s.startsWith(':') ? chosen[`${segments[i - 1]}/${s}`].id : s))
    .join('/');
}

/** Which clinic-A records a call used, when a parameter has more than one. */
function label(chosen: Record<string, Value>, values: Record<string, Value[]>): string {
  const varied = Object.entries(chosen).filter(([key]) => values[key].length > 1);
  return varied.length === 0 ? '' : ` [${varied.map(([, v]) => v.what).join(', ')}]`;
}

/** Whether the route admits callers of `role`. */
const allowed = (route: Route, role: string) => (route.roles ?? []).includes(role);

describe('clinic isolation: another clinic’s ids answer 404 on every route', () => {
  let t: TestApp;
  let a: TestClinic;
  let b: TestClinic;
  /** Signed-in agents of clinic A (the owner) and clinic B (the intruder), by role. */
  const asA: Record<string, Agent> = {};
  const asB: Record<string, Agent> = {};
  /** Route parameter (`segment/:param`) → real values of clinic A. */
  const values: Record<string, Value[]> = {};
  /** `METHOD path` → a minimal body that passes validation (null: the route takes none). */
  let bodies: Record<string, object | null> = {};
  let idRoutes: Route[] = [];

  beforeAll(async () => {
    t = await bootApp();
    a = await t.createClinic('Clinic A');
    b = await t.createClinic('Clinic B');
    for (const [clinic, agents] of [
      [a, asA],
      [b, asB],
    ] as const) {
      agents['admin'] = await t.signIn(clinic.admin);
      agents['counselor'] = await t.signIn(clinic.counselor);
      agents['client'] = await t.signIn(clinic.client);
    }
    const maya = asA['counselor'];
    const sam = asA['client'];
    const alex = await t.signIn(a.partner);

    // Clinic B's counselor has a caseload of their own.
    ok(
      await asB['admin'].post<CaseDetail>('/api/cases', {
        title: 'B couple',
        type: 'couple',
        startedOn: today(),
        memberIds: [b.client.id, b.partner.id],
        primaryCounselorId: b.counselor.id,
      }),
      201,
      'clinic B opens its case',
    );

    // Clinic A, built through the API as its own people would, and what only this sweep needs:
    // labelled members, a drafted together homework, an agreement signed and then under review.
    const r = await createClinicRecords(a, { admin: asA['admin'], counselor: maya, client: sam });
    for (const [userId, memberLabel] of [
      [a.client.id, 'broke_trust'],
      [a.partner.id, 'was_hurt'],
    ])
      ok(
        await maya.put(`/api/cases/${r.caseId}/members/${userId}/label`, { label: memberLabel }),
        200,
        'clinic A labels a member',
      );
    ok(
      await alex.put(`/api/homework/${r.togetherHomeworkId}/draft`, {
        version: 0,
        answers: { next_step: 'Sunday walk' },
      }),
      200,
      'clinic A partner drafts the together homework',
    );
    const drafted = ok(
      await alex.put<AgreementView>(`/api/agreements/${r.agreement.id}`, {
        items: [{ category: 'check_in_rhythm', text: 'Sunday check-ins.' }],
        reviewOn: null,
        version: r.agreement.version,
      }),
      200,
      'clinic A drafts its agreement',
    );
    for (const member of [sam, alex])
      ok(
        await member.post(`/api/agreements/${r.agreement.id}/sign`, {
          typedName: 'Test client',
          version: drafted.version,
        }),
        200,
        'clinic A signs its agreement',
      );
    const underReview = ok(
      await maya.post<AgreementView>(`/api/agreements/${r.agreement.id}/review`),
      201,
      'clinic A reviews its agreement',
    );

    // Conversations of clinic A: the client's private one, a joint one, and an ask to quote.
    const privateThread = ok(
      await maya.post<ThreadView>(`/api/cases/${r.caseId}/threads`, {
        audience: 'private',
        clientId: a.client.id,
        subject: 'Between sessions',
        body: 'How was the week?',
        clientKey: randomUUID(),
      }),
      201,
      'clinic A starts a private conversation',
    );
    const jointThread = ok(
      await maya.post<ThreadView>(`/api/cases/${r.caseId}/threads`, {
        audience: 'joint',
        subject: 'Both of you',
        body: 'Welcome, both.',
        clientKey: randomUUID(),
      }),
      201,
      'clinic A starts a joint conversation',
    );
    const clientMessage = ok(
      await sam.post<MessageView>(`/api/threads/${privateThread.id}/messages`, {
        body: 'A hard week.',
        clientKey: randomUUID(),
      }),
      201,
      'clinic A’s client answers',
    );
    const quoteRequest = ok(
      await maya.post<QuoteRequestView>(`/api/messages/${clientMessage.id}/quote-requests`, {
        jointThreadId: jointThread.id,
      }),
      201,
      'clinic A asks to quote',
    );

    // Clinic A's appointments: the counselor's availability with an exception, the client's
    // request, and a calendar feed address, revoked.
    const availability = ok(
      await maya.put<Availability>('/api/availability', {
        timeZone: 'UTC',
        rules: [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({
          weekday,
          startTime: '00:00',
          endTime: '23:30',
        })),
        lengths: { individual: 50, couple: 80, family: 80 },
      }),
      200,
      'clinic A sets availability',
    );
    const withException = ok(
      await maya.post<Availability>('/api/availability/exceptions', {
        kind: 'off',
        startsAt: '2099-01-01T00:00:00Z',
        endsAt: '2099-01-02T00:00:00Z',
      }),
      201,
      'clinic A adds time off',
    );
    expect(availability.timeZone).toBe('UTC');
    const free = ok(
      await sam.get<AppointmentSlots>(`/api/cases/${r.caseId}/appointment-slots?days=3`),
      200,
      'clinic A’s client sees free times',
    );
    const appointment = ok(
      await sam.post<AppointmentView>(`/api/cases/${r.caseId}/appointments`, {
        audience: 'individual',
        startsAt: free.slots[0],
        mode: 'in_person',
        clientKey: randomUUID(),
      }),
      201,
      'clinic A’s client asks for an appointment',
    );
    const feed = ok(
      await maya.post<CalendarFeed>('/api/calendar-feed'),
      201,
      'clinic A’s calendar feed',
    );
    await maya.delete('/api/calendar-feed');

    // A passkey of clinic A's client (set up directly: the browser ceremony is the journey's).
    const passkey = randomUUID();
    await t.dataSource.query(
      `INSERT INTO second_factors (id, clinic_id, user_id, method, name, credential_id, public_key, confirmed_at)
       VALUES ($1, $2, $3, 'passkey', 'Phone', $4, '\\x00', now())`,
      [passkey, a.id, a.client.id, `cred-${passkey}`],
    );

    // The parameters this sweep knows how to fill. A route with any other one fails the test.
    Object.assign(values, {
      'notifications/:id': [{ what: 'client’s notification', id: r.notificationId }],
      'counselors/:id': [{ what: 'counselor', id: a.counselor.id }],
      'users/:id': [
        { what: 'invited user', id: r.invitedId },
        { what: 'active client', id: a.client.id },
      ],
      'cases/:id': [{ what: 'case', id: r.caseId }],
      'cases/:caseId': [{ what: 'case', id: r.caseId }],
      'members/:userId': [{ what: 'member', id: a.client.id }],
      'exercises/:id': [
        { what: 'own exercise', id: r.exerciseId },
        { what: 'built-in exercise', id: r.thermometerId },
      ],
      'versions/:version': [{ what: 'version 1', id: '1' }],
      'assignments/:id': [
        { what: 'each-member assignment', id: r.eachAssignmentId },
        { what: 'together assignment', id: r.togetherAssignmentId },
      ],
      'homework/:id': [
        { what: 'submitted homework', id: r.submittedHomeworkId },
        { what: 'together homework', id: r.togetherHomeworkId },
      ],
      'feedback/:feedbackId': [{ what: 'feedback', id: r.feedbackId }],
      'sessions/:id': [{ what: 'session', id: r.sessionId }],
      'notes/:id': [{ what: 'signed note', id: r.signedNoteId }],
      'addenda/:addendumId': [{ what: 'draft addendum', id: r.addendumId }],
      'agreements/:id': [
        { what: 'signed agreement', id: r.agreement.id },
        { what: 'agreement under review', id: underReview.id },
      ],
      'safety-checks/:id': [
        { what: 'sent check-in', id: r.sentCheckId },
        { what: 'open check-in', id: r.openCheckId },
      ],
      'safety-checks/:checkId': [
        { what: 'sent check-in', id: r.sentCheckId },
        { what: 'open check-in', id: r.openCheckId },
      ],
      'alerts/:id': [{ what: 'open alert', id: r.alertId }],
      'passkeys/:id': [{ what: 'client’s passkey', id: passkey }],
      'threads/:id': [
        { what: 'private conversation', id: privateThread.id },
        { what: 'joint conversation', id: jointThread.id },
      ],
      'messages/:id': [{ what: 'client’s private message', id: clientMessage.id }],
      'quote-requests/:id': [{ what: 'ask to quote', id: quoteRequest.id }],
      'appointments/:id': [{ what: 'client’s appointment', id: appointment.id }],
      'exceptions/:id': [{ what: 'time off', id: withException.exceptions[0].id }],
      'calendar/:file': [
        { what: 'revoked calendar feed', id: (feed.url as string).split('/').pop() as string },
      ],
    } satisfies Record<string, Value[]>);

    // A minimal valid body per write route, so validation passes and the access check answers.
    bodies = {
      'PATCH /api/users/:id': { displayName: 'Renamed by clinic B' },
      'PATCH /api/users/:id/status': { status: 'disabled' },
      'POST /api/users/:id/invitation': null,
      'POST /api/users/:id/link': null,
      'POST /api/users/:id/password-reset': null,
      'POST /api/users/:id/mfa/reset': null,
      'DELETE /api/auth/mfa/passkeys/:id': null,
      'POST /api/notifications/:id/open': null,
      'POST /api/counselors/:id/disable': {},
      'PATCH /api/cases/:id': { version: 1, title: 'Renamed by clinic B' },
      'POST /api/cases/:id/members': { userId: r.invitedId },
      'DELETE /api/cases/:id/members/:userId': null,
      'PUT /api/cases/:id/members/:userId/label': { label: 'both_unclear' },
      'PUT /api/cases/:id/counselors': {
        primaryCounselorId: null,
        coCounselorIds: [],
        reason: 'clinic B takes over',
      },
      'POST /api/cases/:id/close': { outcome: 'ended' },
      'POST /api/cases/:id/reopen': null,
      'PUT /api/cases/:id/stage': { stage: 'acknowledge', reason: 'clinic B moves it' },
      'POST /api/cases/:caseId/assignments': {
        exerciseId: r.thermometerId,
        target: 'each',
        dueOn: today(),
        recurrence: 'once',
      },
      'POST /api/cases/:caseId/sessions': {
        startsAt: hoursFromNow(1),
        durationMinutes: 50,
        type: 'couple',
        mode: 'telehealth',
        attendeeIds: [a.client.id],
      },
      'PUT /api/exercises/:id': { ...APPRECIATION_NOTE, version: 1 },
      'POST /api/exercises/:id/copy': null,
      'POST /api/exercises/:id/archive': null,
      'POST /api/exercises/:id/restore': null,
      'POST /api/assignments/:id/stop': null,
      'DELETE /api/assignments/:id': null,
      'PUT /api/homework/:id/draft': { version: 0, answers: {} },
      'POST /api/homework/:id/submit': { version: 0, answers: {} },
      'POST /api/homework/:id/feedback': { body: 'x' },
      'POST /api/homework/:id/feedback/:feedbackId/reply': { body: 'x' },
      'POST /api/homework/:id/review': null,
      'POST /api/homework/:id/reopen': { reason: 'clinic B reopens it' },
      'POST /api/homework/:id/share': null,
      'POST /api/homework/:id/unshare': null,
      'PATCH /api/sessions/:id': { durationMinutes: 60 },
      'POST /api/sessions/:id/note': { format: 'soap' },
      'PUT /api/notes/:id': { format: 'soap', sections: {}, version: 1 },
      'POST /api/notes/:id/sign': { version: 1 },
      'POST /api/notes/:id/addenda': { text: 'x' },
      'PUT /api/notes/:id/addenda/:addendumId': { text: 'x', version: 1 },
      'POST /api/notes/:id/addenda/:addendumId/sign': { version: 1 },
      'POST /api/cases/:caseId/agreements': null,
      'PUT /api/agreements/:id': { items: [], reviewOn: null, version: 0 },
      'POST /api/agreements/:id/sign': { typedName: 'Test client', version: 0 },
      'POST /api/agreements/:id/review': null,
      'POST /api/cases/:caseId/threads': {
        audience: 'private',
        clientId: a.client.id,
        subject: 'Hello',
        body: 'Hello',
        clientKey: randomUUID(),
      },
      'POST /api/threads/:id/messages': { body: 'Hello', clientKey: randomUUID() },
      'PUT /api/threads/:id/draft': { body: 'Hello' },
      'PUT /api/threads/:id/read': { messageId: clientMessage.id },
      'POST /api/messages/:id/pin': null,
      'DELETE /api/messages/:id/pin': null,
      'POST /api/messages/:id/quote-requests': { jointThreadId: jointThread.id },
      'POST /api/quote-requests/:id/answer': { agree: false },
      'DELETE /api/availability/exceptions/:id': null,
      'POST /api/cases/:caseId/appointments': {
        audience: 'individual',
        startsAt: free.slots[1],
        mode: 'in_person',
        clientKey: randomUUID(),
      },
      'POST /api/appointments/:id/accept': null,
      'POST /api/appointments/:id/propose': { startsAt: free.slots[2] },
      'POST /api/appointments/:id/accept-proposal': null,
      'POST /api/appointments/:id/decline': { reason: 'clinic B declines' },
      'POST /api/appointments/:id/cancel': { reason: 'clinic B cancels' },
      'POST /api/appointments/:id/reschedule': { startsAt: free.slots[2] },
      'PUT /api/safety-checks/:id/draft': { version: 0, answers: {} },
      'POST /api/safety-checks/:id/submit': { version: 0, answers: {} },
      'POST /api/cases/:caseId/safety-checks': { clientId: a.client.id },
      'POST /api/cases/:caseId/safety-interviews': {
        clientId: a.client.id,
        heldOn: today(),
        mode: 'in_person',
        outcome: 'not_cleared',
      },
      'POST /api/cases/:caseId/joint-work/close': { reason: 'clinic B closes it' },
      'PUT /api/cases/:caseId/safety-settings': { recheckWeeks: 4 },
      'PUT /api/cases/:caseId/progress-settings': { gapThreshold: 4 },
      'POST /api/alerts/:id/acknowledge': { followUp: 'clinic B acknowledges' },
    };

    // Reads first, so they see clinic A as it was built even if a write wrongly went through.
    idRoutes = registeredRoutes(t)
      .filter((r) => r.path.includes('/:'))
      .sort((x, y) => Number(x.method !== 'GET') - Number(y.method !== 'GET'));
  });

  afterAll(() => t.close());

  const call = (agent: Agent, method: string, url: string, body: object | null | undefined) =>
    agent.request(method as Method, url, body ? { body } : {});

  it('knows a clinic-A value for every route parameter and a valid body for every write', () => {
    expect(idRoutes.length).toBeGreaterThanOrEqual(40);
    const problems: string[] = [];
    for (const route of idRoutes) {
      for (const key of parameterKeys(route.path).filter((k) => !(k in values)))
        problems.push(
          `${route.method} ${route.path}: the sweep has no clinic-A value for the parameter "${key}"; add a real id of clinic A for it to \`values\` (known: ${Object.keys(values).join(', ')})`,
        );
      if (route.method !== 'GET' && !(`${route.method} ${route.path}` in bodies))
        problems.push(
          `${route.method} ${route.path}: the sweep has no body for this write; add a minimal valid one (null if it takes none) to \`bodies\``,
        );
      if (!route.isPublic && !(route.roles ?? []).some((role) => role in asB))
        problems.push(`${route.method} ${route.path}: allows no role this test can call as`);
    }
    expect(problems).toEqual([]);
  });

  it('the ids are real: clinic A’s own people get an answer other than 404 on every GET', async () => {
    const failures: string[] = [];
    let calls = 0;
    for (const route of idRoutes.filter((r) => r.method === 'GET')) {
      const keys = parameterKeys(route.path);
      if (keys.some((k) => !(k in values))) continue; // reported by the first test
      // The case's own counselor where allowed, else the admin, else a member of the case.
      const role = ['counselor', 'admin', 'client'].find((r) => allowed(route, r));
      if (!role) continue;
      for (const chosen of combinations(keys, values)) {
        const reply = await asA[role].get(urlOf(route.path, chosen));
        calls++;
        if (reply.status === 404)
          failures.push(`GET ${route.path}${label(chosen, values)} as clinic A ${role} → 404`);
      }
    }
    expect(calls).toBeGreaterThanOrEqual(15);
    expect(failures).toEqual([]);
  });

  it('clinic B gets 404 from every route that takes an id, as every role the route allows', async () => {
    const anonymous = t.agent();
    const failures: string[] = [];
    let calls = 0;
    for (const route of idRoutes) {
      const keys = parameterKeys(route.path);
      const unknown = keys.filter((k) => !(k in values));
      const key = `${route.method} ${route.path}`;
      if (unknown.length > 0) {
        failures.push(`${key}: not swept, no clinic-A value for ${unknown.join(', ')}`);
        continue;
      }
      if (route.method !== 'GET' && !(key in bodies)) {
        failures.push(`${key}: not swept, no minimal valid body`);
        continue;
      }
      const body = route.method === 'GET' ? undefined : bodies[key];
      const roles = route.isPublic ? Object.keys(asB) : (route.roles ?? []);
      for (const chosen of combinations(keys, values)) {
        const url = urlOf(route.path, chosen);
        const which = label(chosen, values);
        // The URL reaches the route (not the 404 of an unknown path): anonymous callers get 401.
        if (!route.isPublic) {
          const reply = await call(anonymous, route.method, url, body);
          if (reply.status !== 401)
            failures.push(`${key}${which} anonymous → ${reply.status} (expected 401)`);
        }
        for (const role of roles) {
          const agent = asB[role];
          if (!agent) {
            failures.push(`${key}: no clinic-B user for the role "${role}"`);
            continue;
          }
          const reply = await call(agent, route.method, url, body);
          calls++;
          if (reply.status !== 404)
            failures.push(
              `${key}${which} as ${role} → ${reply.status} ${reply.text.slice(0, 120)}`,
            );
        }
      }
    }
    expect(calls).toBeGreaterThanOrEqual(idRoutes.length);
    expect(failures).toEqual([]);
  });
});
