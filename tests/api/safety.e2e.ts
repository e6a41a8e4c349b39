import type {
  AlertView,
  AssignmentView,
  CaseDetail,
  CaseSafetyView,
  CrisisText,
  DraftSaved,
  ExercisePage,
  HomeworkDetail,
  HomeworkPage,
  MyJointWork,
  MySafetyCheck,
  SafetyCheckSummary,
  SafetyCheckView,
  SafetyCounts,
} from '@mend/shared/contracts';
import { JOINT_WORK_CLOSED } from '@mend/shared/contracts';
import { DEFAULT_CRISIS_TEXT } from '@mend/auth/api';
import { JOINT_WORK_WAITING } from '@mend/safety/api';
import { ClinicDb } from '@mend/shared/server';
import { SAFETY_CHECK } from '@mend/exercises/model';
import { Agent, bootApp, TestApp, TestClinic, TestUser } from '../support/test-app';

const today = () => new Date().toISOString().slice(0, 10);
const inDays = (n: number) => new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10);

/** Text that must never be stored in clear, nor reach anyone but the case's counselors. */
const MARKER = 'MARKER-safety';
/** Names of the members, which an admin's counts must never carry. */
const SAM = 'Sam Quillfeather';
const ALEX = 'Alex Brambleton';
const CASE_TITLE = 'Quillfeather & Brambleton';

/** Every risk question answered without a concern. */
const SAFE = {
  afraid_of_partner: 'no',
  hurt_or_threatened: 'no',
  controlled: 'no',
  sexual_pressure: 'no',
  safe_together_at_home: 'safe',
  safe_to_get_messages: 'safe',
  thoughts_of_self_harm: 'no',
};
const REQUIRED = SAFETY_CHECK.fields.filter((f) => f.required).map((f) => f.key);

interface ErrorBody {
  message: string;
  code?: string;
  fields?: { field: string; reasons: string[] }[];
}

describe('safety: check-ins, conversations, the joint-work gate and alerts', () => {
  let t: TestApp;
  let clinic: TestClinic;
  let other: TestClinic;
  let samUser: TestUser;
  let alexUser: TestUser;
  let ruiUser: TestUser; // a client of another case of the clinic
  let offCaseUser: TestUser; // a counselor of the clinic, not on the case
  let admin: Agent;
  let maya: Agent; // the case's counselor
  let sam: Agent;
  let alex: Agent;
  let rui: Agent;
  let offCase: Agent;
  let foreign: Record<'admin' | 'counselor' | 'client', Agent>;
  let caseId: string;
  let otherCaseId: string; // rui and lee, counseled by offCase
  const exercise: Record<string, string> = {};

  const openCase = async (
    title: string,
    type: 'couple' | 'family' | 'individual',
    memberIds: string[],
    primaryCounselorId: string,
  ) => {
    const reply = await admin.post<CaseDetail>('/api/cases', {
      title,
      type,
      startedOn: today(),
      memberIds,
      primaryCounselorId,
    });
    expect(reply.status).toBe(201);
    return reply.body.id;
  };

  beforeAll(async () => {
    t = await bootApp();
    clinic = await t.createClinic();
    other = await t.createClinic();
    samUser = await t.createUser(clinic.id, 'client', { name: SAM });
    alexUser = await t.createUser(clinic.id, 'client', { name: ALEX });
    ruiUser = await t.createUser(clinic.id, 'client', { name: 'Rui Other' });
    const leeUser = await t.createUser(clinic.id, 'client', { name: 'Lee Other' });
    offCaseUser = await t.createUser(clinic.id, 'counselor', { name: 'Omar Offcase' });
    admin = await t.signIn(clinic.admin);
    maya = await t.signIn(clinic.counselor);
    sam = await t.signIn(samUser);
    alex = await t.signIn(alexUser);
    rui = await t.signIn(ruiUser);
    offCase = await t.signIn(offCaseUser);
    foreign = {
      admin: await t.signIn(other.admin),
      counselor: await t.signIn(other.counselor),
      client: await t.signIn(other.client),
    };
    caseId = await openCase(CASE_TITLE, 'couple', [samUser.id, alexUser.id], clinic.counselor.id);
    otherCaseId = await openCase('Rui & Lee', 'couple', [ruiUser.id, leeUser.id], offCaseUser.id);
    // The other clinic has a case of its own.
    const foreignAdmin = foreign.admin;
    const foreignCase = await foreignAdmin.post<CaseDetail>('/api/cases', {
      title: 'Other couple',
      type: 'couple',
      startedOn: today(),
      memberIds: [other.client.id, other.partner.id],
      primaryCounselorId: other.counselor.id,
    });
    expect(foreignCase.status).toBe(201);
    const library = await maya.get<ExercisePage>('/api/exercises?pageSize=100');
    for (const item of library.body.items) exercise[item.title] = item.id;
  });

  afterAll(() => t.close());

  const myChecks = (agent: Agent) => agent.get<SafetyCheckSummary[]>('/api/my/safety-checks');
  const openCheckOf = async (agent: Agent, inCase = caseId) => {
    const list = await myChecks(agent);
    expect(list.status).toBe(200);
    const open = list.body.filter((c) => c.caseId === inCase && c.submittedAt === null);
    expect(open).toHaveLength(1);
    return open[0].id;
  };
  const saveDraft = (agent: Agent, id: string, body: unknown) =>
    agent.request<DraftSaved>('PUT', `/api/safety-checks/${id}/draft`, { body });
  const submit = (agent: Agent, id: string, body: unknown) =>
    agent.post<MySafetyCheck>(`/api/safety-checks/${id}/submit`, body);
  const safetyOf = (agent: Agent, id = caseId) =>
    agent.get<CaseSafetyView>(`/api/cases/${id}/safety`);
  const interview = (agent: Agent, body: Record<string, unknown>, id = caseId) =>
    agent.post<CaseSafetyView>(`/api/cases/${id}/safety-interviews`, {
      heldOn: today(),
      mode: 'in_person',
      outcome: 'cleared',
      ...body,
    });
  const alertsOf = (agent: Agent, query = '') => agent.get<AlertView[]>(`/api/alerts${query}`);
  const rawAlerts = (sourceId: string): Promise<Record<string, string | null>[]> =>
    t.dataSource.query(`SELECT * FROM safety_alerts WHERE source_id = $1`, [sourceId]);

  let samCheck: string;
  let alexCheck: string;

  describe('check-ins', () => {
    it('a new couple case gives each member one open check-in, created on their own first read', async () => {
      const [{ n }] = await t.dataSource.query(
        `SELECT count(*)::int AS n FROM safety_checks WHERE case_id = $1`,
        [caseId],
      );
      expect(n).toBe(0);
      samCheck = await openCheckOf(sam);
      expect(await openCheckOf(sam)).toBe(samCheck); // reading again creates no second one
      alexCheck = await openCheckOf(alex);
      expect(alexCheck).not.toBe(samCheck);
      const samList = (await myChecks(sam)).body;
      expect(samList).toEqual([
        {
          id: samCheck,
          caseId,
          caseTitle: CASE_TITLE,
          requestedAt: expect.any(String),
          submittedAt: null,
        },
      ]);
      expect(samList.map((c) => c.id)).not.toContain(alexCheck);
      expect((await myChecks(alex)).body.map((c) => c.id)).toEqual([alexCheck]);
      const rows: { client_id: string }[] = await t.dataSource.query(
        `SELECT client_id FROM safety_checks WHERE case_id = $1 ORDER BY client_id`,
        [caseId],
      );
      expect(rows.map((r) => r.client_id)).toEqual([samUser.id, alexUser.id].sort());
    });

    it('or on the counselor’s first look at the case’s safety, the same one the member then finds', async () => {
      const view = await safetyOf(offCase, otherCaseId);
      expect(view.status).toBe(200);
      expect(view.body.members).toHaveLength(2);
      for (const member of view.body.members)
        expect(member.latestCheck).toMatchObject({ submittedAt: null, critical: false });
      const ruis = view.body.members.find((m) => m.userId === ruiUser.id)?.latestCheck?.id;
      expect(await openCheckOf(rui, otherCaseId)).toBe(ruis);
      expect(
        (await safetyOf(offCase, otherCaseId)).body.members.map((m) => m.latestCheck?.id),
      ).toEqual(view.body.members.map((m) => m.latestCheck?.id));
    });

    it('the member reads their check-in with its questions and the crisis text', async () => {
      const own = await sam.get<MySafetyCheck>(`/api/safety-checks/${samCheck}`);
      expect(own.status).toBe(200);
      expect(own.body).toMatchObject({
        id: samCheck,
        caseId,
        caseTitle: CASE_TITLE,
        title: SAFETY_CHECK.title,
        answers: {},
        version: 0,
        savedAt: null,
        submittedAt: null,
        crisisText: DEFAULT_CRISIS_TEXT,
      });
      expect(own.body.fields.map((f) => f.key)).toEqual(SAFETY_CHECK.fields.map((f) => f.key));
    });

    it('nobody else reaches a member’s check-in through the client routes', async () => {
      for (const agent of [alex, rui, foreign.client]) {
        expect((await agent.get(`/api/safety-checks/${samCheck}`)).status).toBe(404);
        expect((await saveDraft(agent, samCheck, { version: 0, answers: {} })).status).toBe(404);
        expect((await submit(agent, samCheck, { version: 0, answers: SAFE })).status).toBe(404);
        expect((await myChecks(agent)).body.map((c) => c.id)).not.toContain(samCheck);
      }
      for (const agent of [admin, maya, offCase, foreign.admin]) {
        expect((await myChecks(agent)).status).toBe(403);
        expect((await agent.get(`/api/safety-checks/${samCheck}`)).status).toBe(403);
        expect((await saveDraft(agent, samCheck, { version: 0, answers: {} })).status).toBe(403);
        expect((await submit(agent, samCheck, { version: 0, answers: SAFE })).status).toBe(403);
      }
      // Below the services: the partner's unscoped query finds no row of Sam's.
      const db = t.app.get(ClinicDb);
      const [{ n }] = await db.run(alexUser, (tx) =>
        tx.query(`SELECT count(*)::int AS n FROM safety_checks WHERE client_id <> $1`, [
          alexUser.id,
        ]),
      );
      expect(n).toBe(0);
    });

    it('autosaves with the version read: a stale save is a conflict, a retried one is not', async () => {
      const first = await saveDraft(sam, samCheck, {
        version: 0,
        answers: { afraid_of_partner: 'no', anything_else: MARKER },
      });
      expect(first.status).toBe(200);
      expect(first.body).toMatchObject({
        version: 1,
        status: 'draft',
        savedAt: expect.any(String),
      });
      const retry = await saveDraft(sam, samCheck, {
        version: 0,
        answers: { afraid_of_partner: 'no', anything_else: MARKER },
      });
      expect(retry.status).toBe(200);
      expect(retry.body.version).toBe(1);
      const stale = await saveDraft(sam, samCheck, {
        version: 0,
        answers: { afraid_of_partner: 'sometimes' },
      });
      expect(stale.status).toBe(409);
      const unknown = await saveDraft(sam, samCheck, { version: 1, answers: { mood: 'x' } });
      expect(unknown.status).toBe(400);
      expect((unknown.body as unknown as ErrorBody).fields).toEqual([
        { field: 'answers.mood', reasons: ['This question is not part of the exercise.'] },
      ]);
      const badChoice = await saveDraft(sam, samCheck, {
        version: 1,
        answers: { afraid_of_partner: 'maybe' },
      });
      expect(badChoice.status).toBe(400);
      expect((badChoice.body as unknown as ErrorBody).fields?.map((f) => f.field)).toEqual([
        'answers.afraid_of_partner',
      ]);
      expect((await saveDraft(sam, samCheck, { version: -1, answers: {} })).status).toBe(400);
      const read = await sam.get<MySafetyCheck>(`/api/safety-checks/${samCheck}`);
      expect(read.body).toMatchObject({
        version: 1,
        answers: { afraid_of_partner: 'no', anything_else: MARKER },
        savedAt: expect.any(String),
      });
      const [{ answers_enc }] = await t.dataSource.query(
        `SELECT answers_enc FROM safety_checks WHERE id = $1`,
        [samCheck],
      );
      expect(answers_enc).not.toContain('MARKER');
    });

    it('sending needs every required answer, named by its path; a sent check-in is not sent again', async () => {
      const incomplete = await submit(alex, alexCheck, {
        version: 0,
        answers: { afraid_of_partner: 'no' },
      });
      expect(incomplete.status).toBe(400);
      expect((incomplete.body as unknown as ErrorBody).fields?.map((f) => f.field)).toEqual(
        REQUIRED.filter((k) => k !== 'afraid_of_partner').map((k) => `answers.${k}`),
      );
      const sent = await submit(alex, alexCheck, { version: 0, answers: SAFE });
      expect(sent.status).toBe(200);
      expect(sent.body).toMatchObject({ submittedAt: expect.any(String), answers: SAFE });
      expect((await submit(alex, alexCheck, { version: 1, answers: SAFE })).status).toBe(409);
      expect((await saveDraft(alex, alexCheck, { version: 1, answers: SAFE })).status).toBe(409);
      // Answered, so no new one is asked until the re-check falls due.
      expect((await myChecks(alex)).body).toEqual([
        expect.objectContaining({ id: alexCheck, submittedAt: expect.any(String) }),
      ]);
      // No concern, no alert.
      expect(await rawAlerts(alexCheck)).toEqual([]);
    });
  });

  describe('alerts', () => {
    let alertId: string;
    let secondCheck: string;
    let secondAlertId: string;

    it('a critical answer raises exactly one alert, for the case’s counselor only', async () => {
      const sent = await submit(sam, samCheck, {
        version: 1,
        answers: { ...SAFE, thoughts_of_self_harm: 'sometimes', anything_else: MARKER },
      });
      expect(sent.status).toBe(200);
      expect(sent.body.crisisText).toBe(DEFAULT_CRISIS_TEXT);
      const alerts = await alertsOf(maya);
      expect(alerts.status).toBe(200);
      expect(alerts.body).toEqual([
        {
          id: expect.any(String),
          caseId,
          caseTitle: CASE_TITLE,
          member: { userId: samUser.id, displayName: SAM },
          source: 'safety_check',
          sourceId: samCheck,
          title: 'Safety check-in',
          answers: [
            {
              label: 'Lately, have you had thoughts of harming yourself or of ending your life?',
              answer: 'Sometimes',
            },
          ],
          raisedAt: expect.any(String),
          acknowledgedAt: null,
          acknowledgedBy: null,
          followUp: null,
        },
      ]);
      alertId = alerts.body[0].id;
      expect((await alertsOf(maya, `?caseId=${caseId}`)).body.map((a) => a.id)).toEqual([alertId]);
      // Sending again is refused, and raises nothing.
      expect(
        (
          await submit(sam, samCheck, {
            version: 1,
            answers: { ...SAFE, thoughts_of_self_harm: 'yes' },
          })
        ).status,
      ).toBe(409);
      expect(await rawAlerts(samCheck)).toHaveLength(1);
      const [raw] = await rawAlerts(samCheck);
      expect(raw['trigger_enc']).not.toMatch(/Sometimes|harming|MARKER/);
    });

    it('nobody else learns of the alert', async () => {
      for (const agent of [sam, alex, rui, admin, foreign.client, foreign.admin]) {
        expect((await alertsOf(agent)).status).toBe(403);
        expect(
          (await agent.post(`/api/alerts/${alertId}/acknowledge`, { followUp: 'x' })).status,
        ).toBe(403);
      }
      for (const agent of [offCase, foreign.counselor]) {
        const list = await alertsOf(agent);
        expect(list.status).toBe(200);
        expect(list.body).toEqual([]);
        expect((await alertsOf(agent, '?open=false')).body).toEqual([]);
        expect((await alertsOf(agent, `?caseId=${caseId}`)).status).toBe(404);
        expect(
          (await agent.post(`/api/alerts/${alertId}/acknowledge`, { followUp: 'x' })).status,
        ).toBe(404);
      }
      // The member who raised it cannot read it back, even unscoped.
      const db = t.app.get(ClinicDb);
      for (const user of [samUser, alexUser]) {
        const [{ n }] = await db.run(user, (tx) =>
          tx.query(`SELECT count(*)::int AS n FROM safety_alerts`),
        );
        expect(n).toBe(0);
      }
      expect((await alertsOf(maya, '?caseId=not-a-case')).status).toBe(400);
    });

    it('the counselor reads the sent check-in with its critical answers, and the read is audited', async () => {
      const read = await maya.get<SafetyCheckView>(
        `/api/cases/${caseId}/safety-checks/${samCheck}`,
      );
      expect(read.status).toBe(200);
      expect(read.body).toMatchObject({
        id: samCheck,
        member: { userId: samUser.id, displayName: SAM },
        submittedAt: expect.any(String),
        answers: { ...SAFE, thoughts_of_self_harm: 'sometimes', anything_else: MARKER },
        critical: [
          {
            key: 'thoughts_of_self_harm',
            label: 'Lately, have you had thoughts of harming yourself or of ending your life?',
            answer: 'Sometimes',
          },
        ],
      });
      expect(read.body.fields).toHaveLength(SAFETY_CHECK.fields.length);
      const trail = await t.auditTrail(samCheck);
      expect(trail).toContainEqual(
        expect.objectContaining({
          action: 'safety.check_read',
          actor_id: clinic.counselor.id,
          details: { caseId },
        }),
      );
      // Someone else's check with this case's id, or this check with another case's: not found.
      const ruisCheck = await openCheckOf(rui, otherCaseId);
      expect((await maya.get(`/api/cases/${caseId}/safety-checks/${ruisCheck}`)).status).toBe(404);
      for (const agent of [sam, alex, admin])
        expect((await agent.get(`/api/cases/${caseId}/safety-checks/${samCheck}`)).status).toBe(
          403,
        );
      for (const agent of [offCase, foreign.counselor])
        expect((await agent.get(`/api/cases/${caseId}/safety-checks/${samCheck}`)).status).toBe(
          404,
        );
      const view = await safetyOf(maya);
      expect(view.body.members.find((m) => m.userId === samUser.id)?.latestCheck).toMatchObject({
        id: samCheck,
        critical: true,
      });
      expect(view.body.members.find((m) => m.userId === alexUser.id)?.latestCheck).toMatchObject({
        id: alexCheck,
        critical: false,
      });
    });

    it('asking again gives the member a new check-in; its critical answer is a second alert', async () => {
      for (const agent of [offCase, foreign.counselor])
        expect(
          (await agent.post(`/api/cases/${caseId}/safety-checks`, { clientId: samUser.id })).status,
        ).toBe(404);
      expect(
        (await admin.post(`/api/cases/${caseId}/safety-checks`, { clientId: samUser.id })).status,
      ).toBe(403);
      expect(
        (await maya.post(`/api/cases/${caseId}/safety-checks`, { clientId: ruiUser.id })).status,
      ).toBe(404);
      const asked = await maya.post<CaseSafetyView>(`/api/cases/${caseId}/safety-checks`, {
        clientId: samUser.id,
      });
      expect(asked.status).toBe(200);
      // Asking twice keeps the open one.
      await maya.post(`/api/cases/${caseId}/safety-checks`, { clientId: samUser.id });
      secondCheck = await openCheckOf(sam);
      expect(secondCheck).not.toBe(samCheck);
      expect((await myChecks(sam)).body.map((c) => c.id)).toEqual([secondCheck, samCheck]);
      expect((await myChecks(alex)).body.map((c) => c.id)).toEqual([alexCheck]);
      // Not yet answered: the counselor cannot read it.
      expect((await maya.get(`/api/cases/${caseId}/safety-checks/${secondCheck}`)).status).toBe(
        409,
      );
      const sent = await submit(sam, secondCheck, {
        version: 0,
        answers: { ...SAFE, afraid_of_partner: 'yes' },
      });
      expect(sent.status).toBe(200);
      const alerts = (await alertsOf(maya)).body;
      expect(alerts.map((a) => a.sourceId).sort()).toEqual([samCheck, secondCheck].sort());
      secondAlertId = alerts.find((a) => a.sourceId === secondCheck)?.id ?? '';
      expect(await rawAlerts(secondCheck)).toHaveLength(1);
    });

    it('the counselor acknowledges with a follow-up note, once', async () => {
      for (const followUp of ['', '   ']) {
        const empty = await maya.post<ErrorBody>(`/api/alerts/${alertId}/acknowledge`, {
          followUp,
        });
        expect(empty.status).toBe(400);
        expect(empty.body.fields?.map((f) => f.field)).toEqual(['followUp']);
      }
      expect((await maya.post(`/api/alerts/${alertId}/acknowledge`, {})).status).toBe(400);
      const done = await maya.post<AlertView>(`/api/alerts/${alertId}/acknowledge`, {
        followUp: `Called Sam the same evening. ${MARKER}`,
      });
      expect(done.status).toBe(200);
      expect(done.body).toMatchObject({
        id: alertId,
        sourceId: samCheck,
        acknowledgedAt: expect.any(String),
        acknowledgedBy: { userId: clinic.counselor.id },
        followUp: `Called Sam the same evening. ${MARKER}`,
        answers: [expect.objectContaining({ answer: 'Sometimes' })],
      });
      expect(
        (await maya.post(`/api/alerts/${alertId}/acknowledge`, { followUp: 'again' })).status,
      ).toBe(409);
      expect((await alertsOf(maya)).body.map((a) => a.id)).toEqual([secondAlertId]);
      const all = (await alertsOf(maya, '?open=false')).body;
      expect(all.map((a) => a.id).sort()).toEqual([alertId, secondAlertId].sort());
      expect(all.find((a) => a.id === alertId)?.followUp).toContain(MARKER);
      const [raw] = await rawAlerts(samCheck);
      expect(raw['follow_up_enc']).toBeTruthy();
      expect(`${raw['follow_up_enc']}${raw['trigger_enc']}`).not.toMatch(/MARKER|Called|Sometimes/);
      expect((await t.auditTrail(caseId)).map((e) => e.action)).toContain(
        'safety.alert_acknowledged',
      );
    });
    it('a critical answer in homework alerts once, however often it is sent again', async () => {
      const assigned = await maya.post<AssignmentView>(`/api/cases/${caseId}/assignments`, {
        exerciseId: exercise['Trust thermometer'],
        target: 'member',
        memberId: samUser.id,
        dueOn: today(),
        recurrence: 'once',
        confirmLaterStage: true,
      });
      expect(assigned.status).toBe(201);
      const due = await sam.get<HomeworkPage>('/api/homework/mine?view=due');
      const id = due.body.items.find((h) => h.title === 'Trust thermometer')?.id ?? '';
      const answers = { trust: 5, safety: 1, helped: 'a walk', hurt: 'silence' };
      expect((await sam.post(`/api/homework/${id}/submit`, { version: 0, answers })).status).toBe(
        200,
      );
      expect((await alertsOf(maya)).body.filter((a) => a.sourceId === id)).toEqual([
        expect.objectContaining({
          source: 'homework',
          title: 'Trust thermometer',
          member: { userId: samUser.id, displayName: SAM },
          answers: [{ label: 'How safe do I feel in this relationship today?', answer: '1' }],
        }),
      ]);
      // Sent back to revise and sent again, still critical: the open alert stays the only one.
      const reopened = await maya.post<HomeworkDetail>(`/api/homework/${id}/reopen`, {
        reason: 'Would you say more about the week?',
      });
      expect(reopened.status).toBe(200);
      const again = await sam.post(`/api/homework/${id}/submit`, {
        version: reopened.body.version,
        answers: { ...answers, safety: 0, helped: 'talking' },
      });
      expect(again.status).toBe(200);
      expect(await rawAlerts(id)).toHaveLength(1);
      expect((await alertsOf(maya)).body.filter((a) => a.sourceId === id)).toHaveLength(1);
    });
  });

  describe('individual conversations and the joint-work gate', () => {
    let letterId: string;

    const assignTogether = () =>
      maya.post<AssignmentView & ErrorBody>(`/api/cases/${caseId}/assignments`, {
        exerciseId: exercise['Safety conversation'],
        target: 'together',
        dueOn: inDays(5),
        recurrence: 'once',
        confirmLaterStage: true,
      });
    const share = () => maya.post<HomeworkDetail & ErrorBody>(`/api/homework/${letterId}/share`);
    const myJointWork = async (agent: Agent) => {
      const reply = await agent.get<MyJointWork[]>('/api/my/joint-work');
      expect(reply.status).toBe(200);
      return reply.body.filter((j) => j.caseId === caseId);
    };
    /** Both members are told the same, whatever either of them answered or was found. */
    const expectMembersTold = async (open: boolean) => {
      const forSam = await myJointWork(sam);
      expect(forSam).toEqual([{ caseId, open, message: expect.any(String) }]);
      if (!open) expect(forSam[0].message).toBe(JOINT_WORK_WAITING);
      expect(await myJointWork(alex)).toEqual(forSam);
      expect(JSON.stringify(forSam)).not.toMatch(/cleared|conversation|MARKER|Sam|Alex/);
    };

    beforeAll(async () => {
      // A private letter Sam wrote, ready for the counselor to share with Alex.
      const assigned = await maya.post<AssignmentView>(`/api/cases/${caseId}/assignments`, {
        exerciseId: exercise['Accountability letter'],
        target: 'member',
        memberId: samUser.id,
        dueOn: inDays(3),
        recurrence: 'once',
        confirmLaterStage: true,
      });
      expect(assigned.status).toBe(201);
      const due = await sam.get<HomeworkPage>('/api/homework/mine?view=due');
      letterId = due.body.items.find((h) => h.title === 'Accountability letter')?.id ?? '';
      const sent = await sam.post(`/api/homework/${letterId}/submit`, {
        version: 0,
        answers: {
          what_i_did: 'I lied about the trip.',
          impact: 'You stopped feeling safe.',
          not_excusing: 'Stress at work.',
          doing_differently: 'Tell you first.',
        },
      });
      expect(sent.status).toBe(200);
    });

    it('recording a conversation is checked field by field', async () => {
      const future = await interview(maya, { clientId: samUser.id, heldOn: inDays(2) });
      expect(future.status).toBe(400);
      expect((future.body as unknown as ErrorBody).fields?.map((f) => f.field)).toEqual(['heldOn']);
      const badDate = await interview(maya, { clientId: samUser.id, heldOn: '30/11/2026' });
      expect(badDate.status).toBe(400);
      expect((badDate.body as unknown as ErrorBody).fields?.map((f) => f.field)).toEqual([
        'heldOn',
      ]);
      const badMode = await interview(maya, { clientId: samUser.id, mode: 'carrier_pigeon' });
      expect(badMode.status).toBe(400);
      expect((badMode.body as unknown as ErrorBody).fields?.map((f) => f.field)).toEqual(['mode']);
      const badOutcome = await interview(maya, { clientId: samUser.id, outcome: 'fine' });
      expect(badOutcome.status).toBe(400);
      expect((badOutcome.body as unknown as ErrorBody).fields?.map((f) => f.field)).toEqual([
        'outcome',
      ]);
      expect((await interview(maya, { clientId: ruiUser.id })).status).toBe(404);
      expect((await interview(maya, { clientId: other.client.id })).status).toBe(404);
      for (const agent of [offCase, foreign.counselor])
        expect((await interview(agent, { clientId: samUser.id })).status).toBe(404);
      for (const agent of [admin, sam, alex])
        expect((await interview(agent, { clientId: samUser.id })).status).toBe(403);
      const [{ n }] = await t.dataSource.query(
        `SELECT count(*)::int AS n FROM safety_interviews WHERE case_id = $1`,
        [caseId],
      );
      expect(n).toBe(0);
    });

    it('joint work starts closed, missing both members’ conversations', async () => {
      const view = await safetyOf(maya);
      expect(view.status).toBe(200);
      expect(view.body.jointWork).toEqual({
        applies: true,
        open: false,
        missing: expect.arrayContaining([
          { userId: samUser.id, displayName: SAM, reason: 'no_conversation' },
          { userId: alexUser.id, displayName: ALEX, reason: 'no_conversation' },
        ]),
        closedAt: null,
      });
      expect(view.body.jointWork.missing).toHaveLength(2);
      expect(view.body.recheckWeeks).toBe(8);
      await expectMembersTold(false);
      for (const agent of [sam, alex, admin]) expect((await safetyOf(agent)).status).toBe(403);
      for (const agent of [offCase, foreign.counselor])
        expect((await safetyOf(agent)).status).toBe(404);
      for (const agent of [admin, maya, offCase])
        expect((await agent.get('/api/my/joint-work')).status).toBe(403);
    });

    it('joint actions are refused while joint work is closed', async () => {
      const together = await assignTogether();
      expect(together.status).toBe(409);
      expect(together.body.code).toBe(JOINT_WORK_CLOSED);
      const shared = await share();
      expect(shared.status).toBe(409);
      expect(shared.body.code).toBe(JOINT_WORK_CLOSED);
    });

    it('one member cleared keeps it closed; the other not cleared or needing individual work says why, to the counselor only', async () => {
      const samCleared = await interview(maya, {
        clientId: samUser.id,
        mode: 'video',
        note: `Spoke alone. ${MARKER}`,
      });
      expect(samCleared.status).toBe(200);
      expect(samCleared.body.jointWork).toMatchObject({
        open: false,
        missing: [{ userId: alexUser.id, displayName: ALEX, reason: 'no_conversation' }],
      });
      const samView = samCleared.body.members.find((m) => m.userId === samUser.id);
      expect(samView).toMatchObject({ cleared: true });
      expect(samView?.interviews).toEqual([
        expect.objectContaining({
          clientId: samUser.id,
          counselor: { userId: clinic.counselor.id, displayName: 'Test counselor' },
          heldOn: today(),
          mode: 'video',
          outcome: 'cleared',
          note: `Spoke alone. ${MARKER}`,
          current: true,
        }),
      ]);
      const [{ note_enc }] = await t.dataSource.query(
        `SELECT note_enc FROM safety_interviews WHERE client_id = $1`,
        [samUser.id],
      );
      expect(note_enc).not.toContain('MARKER');
      await expectMembersTold(false);

      const notCleared = await interview(maya, {
        clientId: alexUser.id,
        heldOn: inDays(-2),
        mode: 'phone',
        outcome: 'not_cleared',
      });
      expect(notCleared.body.jointWork.missing).toEqual([
        { userId: alexUser.id, displayName: ALEX, reason: 'not_cleared' },
      ]);
      await expectMembersTold(false);
      const individual = await interview(maya, {
        clientId: alexUser.id,
        outcome: 'individual_first',
      });
      expect(individual.body.jointWork.missing).toEqual([
        { userId: alexUser.id, displayName: ALEX, reason: 'individual_first' },
      ]);
      await expectMembersTold(false);
      expect((await assignTogether()).body.code).toBe(JOINT_WORK_CLOSED);
    });

    it('both cleared opens joint work, for the counselor and both members alike', async () => {
      const opened = await interview(maya, { clientId: alexUser.id });
      expect(opened.status).toBe(200);
      expect(opened.body.jointWork).toEqual({
        applies: true,
        open: true,
        missing: [],
        closedAt: null,
      });
      // Alex's latest conversation counts; the earlier ones stay in the record.
      expect(
        opened.body.members.find((m) => m.userId === alexUser.id)?.interviews.map((i) => i.outcome),
      ).toEqual(['cleared', 'individual_first', 'not_cleared']);
      await expectMembersTold(true);
    });

    it('joint actions are allowed once both are cleared', async () => {
      const together = await assignTogether();
      expect(together.status).toBe(201);
      const shared = await share();
      expect(shared.status).toBe(200);
      expect(shared.body.shared).toBe(true);
      expect((await maya.post(`/api/homework/${letterId}/unshare`)).status).toBe(200);
    });

    it('closing joint work needs a reason, and then asks for both members to be cleared again', async () => {
      const close = (agent: Agent, body: unknown) =>
        agent.post<CaseSafetyView & ErrorBody>(`/api/cases/${caseId}/joint-work/close`, body);
      for (const body of [{}, { reason: '' }, { reason: '   ' }]) {
        const refused = await close(maya, body);
        expect(refused.status).toBe(400);
        expect(refused.body.fields?.map((f) => f.field)).toEqual(['reason']);
      }
      for (const agent of [offCase, foreign.counselor])
        expect((await close(agent, { reason: 'x' })).status).toBe(404);
      for (const agent of [admin, sam, alex])
        expect((await close(agent, { reason: 'x' })).status).toBe(403);
      await expectMembersTold(true);

      const closed = await close(maya, { reason: `Alex disclosed a new concern. ${MARKER}` });
      expect(closed.status).toBe(200);
      expect(closed.body.jointWork).toMatchObject({
        applies: true,
        open: false,
        closedAt: expect.any(String),
      });
      expect(closed.body.jointWork.missing).toHaveLength(2);
      expect(closed.body.jointWork.missing).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ userId: samUser.id, reason: 'no_conversation' }),
          expect.objectContaining({ userId: alexUser.id, reason: 'no_conversation' }),
        ]),
      );
      for (const member of closed.body.members) {
        expect(member.cleared).toBe(false);
        expect(member.interviews.every((i) => !i.current)).toBe(true);
      }
      expect(closed.body.closures).toEqual([
        {
          id: expect.any(String),
          closedAt: closed.body.jointWork.closedAt,
          closedBy: { userId: clinic.counselor.id, displayName: 'Test counselor' },
          reason: `Alex disclosed a new concern. ${MARKER}`,
        },
      ]);
      expect((await safetyOf(maya)).body.closures[0].reason).toContain(MARKER);
      const [{ reason_enc }] = await t.dataSource.query(
        `SELECT reason_enc FROM joint_work_closures WHERE case_id = $1`,
        [caseId],
      );
      expect(reason_enc).not.toContain('MARKER');
      await expectMembersTold(false);
    });

    it('joint actions are refused again after closing', async () => {
      expect((await assignTogether()).body.code).toBe(JOINT_WORK_CLOSED);
      expect((await share()).body.code).toBe(JOINT_WORK_CLOSED);
    });

    it('reopens only when both are cleared again after the closure', async () => {
      const one = await interview(maya, { clientId: samUser.id });
      expect(one.body.jointWork).toMatchObject({
        open: false,
        missing: [expect.objectContaining({ userId: alexUser.id, reason: 'no_conversation' })],
      });
      await expectMembersTold(false);
      const both = await interview(maya, { clientId: alexUser.id });
      expect(both.body.jointWork).toMatchObject({ open: true, missing: [] });
      await expectMembersTold(true);
    });

    it('the case history an admin reads says a conversation was recorded, not its outcome', async () => {
      const history = await admin.get<{ items: { action: string; details: unknown }[] }>(
        `/api/cases/${caseId}/history?pageSize=100`,
      );
      expect(history.status).toBe(200);
      const actions = history.body.items.map((e) => e.action);
      expect(actions).toContain('safety.conversation_recorded');
      expect(actions).toContain('safety.joint_work_closed');
      expect(JSON.stringify(history.body)).not.toMatch(/cleared|individual_first|MARKER/);
    });
  });

  describe('an individual case', () => {
    it('has no check-in and no gate on joint work', async () => {
      const soloUser = await t.createUser(clinic.id, 'client', { name: 'Solo Client' });
      const solo = await t.signIn(soloUser);
      const soloCase = await openCase('Solo', 'individual', [soloUser.id], clinic.counselor.id);
      const view = await safetyOf(maya, soloCase);
      expect(view.status).toBe(200);
      expect(view.body.jointWork).toEqual({
        applies: false,
        open: true,
        missing: [],
        closedAt: null,
      });
      expect(view.body.members).toEqual([expect.objectContaining({ latestCheck: null })]);
      expect((await myChecks(solo)).body).toEqual([]);
      expect(
        (await maya.post(`/api/cases/${soloCase}/joint-work/close`, { reason: 'no joint work' }))
          .status,
      ).toBe(409);
    });
  });

  describe('a family case', () => {
    it('opens joint work only once every member is cleared, and closes again when someone joins', async () => {
      const members = [
        await t.createUser(clinic.id, 'client', { name: 'Fam One' }),
        await t.createUser(clinic.id, 'client', { name: 'Fam Two' }),
        await t.createUser(clinic.id, 'client', { name: 'Fam Three' }),
      ];
      const agents = await Promise.all(members.map((m) => t.signIn(m)));
      const familyCase = await openCase(
        'Family',
        'family',
        members.map((m) => m.id),
        clinic.counselor.id,
      );
      // First reads at the same time still give each member exactly one check-in.
      const replies = await Promise.all([
        myChecks(agents[0]),
        safetyOf(maya, familyCase),
        myChecks(agents[1]),
        safetyOf(maya, familyCase),
      ]);
      expect(replies.map((r) => r.status)).toEqual([200, 200, 200, 200]);
      const [{ n }] = await t.dataSource.query(
        `SELECT count(DISTINCT client_id)::int AS n FROM safety_checks WHERE case_id = $1 AND submitted_at IS NULL`,
        [familyCase],
      );
      expect(n).toBe(3);
      const [{ total }] = await t.dataSource.query(
        `SELECT count(*)::int AS total FROM safety_checks WHERE case_id = $1`,
        [familyCase],
      );
      expect(total).toBe(3);
      const told = async (open: boolean) => {
        for (const agent of agents) {
          const mine = (await agent.get<MyJointWork[]>('/api/my/joint-work')).body;
          expect(mine.filter((j) => j.caseId === familyCase).map((j) => j.open)).toEqual([open]);
        }
      };
      await interview(maya, { clientId: members[0].id }, familyCase);
      const two = await interview(maya, { clientId: members[1].id }, familyCase);
      expect(two.body.jointWork.missing.map((m) => m.userId)).toEqual([members[2].id]);
      await told(false);
      const all = await interview(maya, { clientId: members[2].id }, familyCase);
      expect(all.body.jointWork).toMatchObject({ applies: true, open: true, missing: [] });
      await told(true);

      const newcomer = await t.createUser(clinic.id, 'client', { name: 'Fam Four' });
      expect(
        (await admin.post(`/api/cases/${familyCase}/members`, { userId: newcomer.id })).status,
      ).toBeLessThan(300);
      const joined = await safetyOf(maya, familyCase);
      expect(joined.body.jointWork).toMatchObject({
        open: false,
        missing: [{ userId: newcomer.id, displayName: 'Fam Four', reason: 'no_conversation' }],
      });
      await told(false);
      const newcomerAgent = await t.signIn(newcomer);
      expect(
        (await newcomerAgent.get<MyJointWork[]>('/api/my/joint-work')).body.find(
          (j) => j.caseId === familyCase,
        )?.open,
      ).toBe(false);
    });
  });

  describe('re-checks', () => {
    it('a member is asked again once the re-check falls due, not before', async () => {
      expect((await myChecks(alex)).body.filter((c) => c.submittedAt === null)).toEqual([]);
      await t.dataSource.query(
        `UPDATE safety_checks SET submitted_at = now() - interval '9 weeks' WHERE id = $1`,
        [alexCheck],
      );
      const fresh = await openCheckOf(alex);
      expect(fresh).not.toBe(alexCheck);
      expect((await myChecks(alex)).body.map((c) => c.id)).toEqual([fresh, alexCheck]);
    });

    it('the counselor sets how often, within a year', async () => {
      const set = (agent: Agent, recheckWeeks: unknown, id = caseId) =>
        agent.put<CaseSafetyView & ErrorBody>(`/api/cases/${id}/safety-settings`, {
          recheckWeeks,
        });
      for (const weeks of [0, 53, 2.5, '4']) {
        const refused = await set(maya, weeks);
        expect(refused.status).toBe(400);
        expect(refused.body.fields?.map((f) => f.field)).toEqual(['recheckWeeks']);
      }
      for (const agent of [offCase, foreign.counselor])
        expect((await set(agent, 4)).status).toBe(404);
      for (const agent of [admin, sam, alex]) expect((await set(agent, 4)).status).toBe(403);
      const done = await set(maya, 4);
      expect(done.status).toBe(200);
      expect(done.body.recheckWeeks).toBe(4);
      expect((await safetyOf(maya)).body.recheckWeeks).toBe(4);
      expect((await set(maya, 52)).body.recheckWeeks).toBe(52);
      expect((await set(maya, 1)).body.recheckWeeks).toBe(1);
    });
  });

  describe('admins', () => {
    it('see per counselor the check-ins waiting and the alerts overdue, never whose', async () => {
      const counts = async () => {
        const reply = await admin.get<SafetyCounts>('/api/safety/counts');
        expect(reply.status).toBe(200);
        expect(JSON.stringify(reply.body)).not.toMatch(
          new RegExp(`${SAM}|${ALEX}|Rui|Lee|${CASE_TITLE}|MARKER|Sometimes`),
        );
        return reply.body;
      };
      const before = await counts();
      // Alex's re-check and the family's four check-ins are waiting; Sam's open alerts are not
      // yet a day old.
      expect(before.counselors.find((c) => c.counselorId === clinic.counselor.id)).toEqual({
        counselorId: clinic.counselor.id,
        displayName: 'Test counselor',
        waitingChecks: 5,
        overdueAlerts: 0,
      });
      // Rui's and Lee's check-ins wait for Omar.
      expect(before.counselors.find((c) => c.counselorId === offCaseUser.id)).toMatchObject({
        waitingChecks: 2,
        overdueAlerts: 0,
      });
      await t.dataSource.query(
        `UPDATE safety_alerts SET raised_at = now() - interval '25 hours' WHERE case_id = $1`,
        [caseId],
      );
      const after = await counts();
      // The acknowledged alert is not overdue, however old: Sam's second check-in's and the
      // thermometer's are.
      expect(after.counselors.find((c) => c.counselorId === clinic.counselor.id)).toMatchObject({
        waitingChecks: 5,
        overdueAlerts: 2,
      });
      // A new couple waits from the moment the case opens, before anyone has looked at it.
      const [kim, lou] = [
        await t.createUser(clinic.id, 'client', { name: 'Kim New' }),
        await t.createUser(clinic.id, 'client', { name: 'Lou New' }),
      ];
      const omarBefore = (await counts()).counselors.find((c) => c.counselorId === offCaseUser.id);
      await openCase('Kim & Lou', 'couple', [kim.id, lou.id], offCaseUser.id);
      expect(
        (await counts()).counselors.find((c) => c.counselorId === offCaseUser.id)?.waitingChecks,
      ).toBe((omarBefore?.waitingChecks ?? 0) + 2);
      const theirs = await foreign.admin.get<SafetyCounts>('/api/safety/counts');
      expect(theirs.body.counselors.map((c) => c.counselorId)).toEqual([other.counselor.id]);
      for (const agent of [maya, sam, foreign.counselor])
        expect((await agent.get('/api/safety/counts')).status).toBe(403);
    });

    it('set the clinic’s crisis text, which its clients then see; empty goes back to the default', async () => {
      const read = (agent: Agent) => agent.get<CrisisText>('/api/clinic/crisis-text');
      const set = (agent: Agent, text: unknown) =>
        agent.put<CrisisText & ErrorBody>('/api/clinic/crisis-text', { text });
      expect((await read(sam)).body).toEqual({ text: DEFAULT_CRISIS_TEXT, isDefault: true });
      const own = 'Call the Harbor line on 555-0100, day or night.';
      const saved = await set(admin, `  ${own}  `);
      expect(saved.status).toBe(200);
      expect(saved.body).toEqual({ text: own, isDefault: false });
      for (const agent of [sam, maya, admin])
        expect((await read(agent)).body).toEqual({ text: own, isDefault: false });
      expect((await sam.get<MySafetyCheck>(`/api/safety-checks/${samCheck}`)).body.crisisText).toBe(
        own,
      );
      // Another clinic keeps its own.
      expect((await read(foreign.client)).body).toEqual({
        text: DEFAULT_CRISIS_TEXT,
        isDefault: true,
      });
      for (const agent of [maya, sam]) expect((await set(agent, 'mine')).status).toBe(403);
      const long = await set(admin, 'x'.repeat(2001));
      expect(long.status).toBe(400);
      expect(long.body.fields?.map((f) => f.field)).toEqual(['text']);
      expect((await set(admin, 'x'.repeat(2000))).status).toBe(200);
      expect((await set(admin, 42)).status).toBe(400);
      for (const empty of ['', '   ']) {
        const back = await set(admin, empty);
        expect(back.status).toBe(200);
        expect(back.body).toEqual({ text: DEFAULT_CRISIS_TEXT, isDefault: true });
      }
      expect((await read(sam)).body).toEqual({ text: DEFAULT_CRISIS_TEXT, isDefault: true });
    });
  });
});
