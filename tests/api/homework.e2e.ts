import type {
  ApiErrorBody,
  AssignmentView,
  CaseDetail,
  DraftSaved,
  ExercisePage,
  HomeworkCounts,
  HomeworkDetail,
  HomeworkPage,
  ProgressView,
} from '@mend/shared/contracts';
import { AssignmentsService } from '@mend/homework/api';
import { ClinicDb, encryptionContext, FieldEncryptionService, SystemDb } from '@mend/shared/server';
import { Agent, bootApp, TestApp, TestClinic, TestUser } from '../support/test-app';

const today = () => new Date().toISOString().slice(0, 10);
const inDays = (n: number) => new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10);
const MARKER = 'MARKER-I-lied-about-the-trip';

describe('assignments and homework', () => {
  let t: TestApp;
  let clinic: TestClinic;
  let other: TestClinic;
  let offCase: TestUser;
  let admin: Agent;
  let maya: Agent;
  let sam: Agent; // broke trust
  let alex: Agent; // was hurt
  let caseId: string;
  const exercise: Record<string, string> = {};

  beforeAll(async () => {
    t = await bootApp();
    clinic = await t.createClinic();
    other = await t.createClinic();
    offCase = await t.createUser(clinic.id, 'counselor');
    admin = await t.signIn(clinic.admin);
    maya = await t.signIn(clinic.counselor);
    sam = await t.signIn(clinic.client);
    alex = await t.signIn(clinic.partner);
    const opened = await admin.post<CaseDetail>('/api/cases', {
      title: 'Sam & Alex',
      type: 'couple',
      startedOn: today(),
      memberIds: [clinic.client.id, clinic.partner.id],
      primaryCounselorId: clinic.counselor.id,
    });
    caseId = opened.body.id;
    // Both members are cleared for joint work (the gate itself is tested in safety.e2e.ts).
    for (const member of [clinic.client, clinic.partner]) {
      await maya.post(`/api/cases/${caseId}/safety-interviews`, {
        clientId: member.id,
        heldOn: today(),
        mode: 'in_person',
        outcome: 'cleared',
      });
    }
    const library = await maya.get<ExercisePage>('/api/exercises?pageSize=100');
    for (const item of library.body.items) exercise[item.title] = item.id;
  });

  afterAll(() => t.close());

  const assign = (body: Record<string, unknown>) =>
    // These tests are about homework, not the path: later stages are confirmed.
    maya.post<AssignmentView>(`/api/cases/${caseId}/assignments`, {
      confirmLaterStage: true,
      ...body,
    });
  const mine = (agent: Agent, view: string) =>
    agent.get<HomeworkPage>(`/api/homework/mine?view=${view}`);
  const findMine = async (agent: Agent, title: string, view = 'due') =>
    (await mine(agent, view)).body.items.find((h) => h.title === title);

  let letterId: string;

  it('a counselor assigns the accountability letter to one member: only that member gets it', async () => {
    const reply = await assign({
      exerciseId: exercise['Accountability letter'],
      target: 'member',
      memberId: clinic.client.id,
      dueOn: inDays(3),
      recurrence: 'once',
      instructions: 'Take your time; we will read it together first.',
    });
    expect(reply.status).toBe(201);
    expect(reply.body).toMatchObject({
      target: 'member',
      recurrence: 'once',
      members: [{ userId: clinic.client.id }],
      exercise: { title: 'Accountability letter', version: 1 },
    });
    const samsLetter = await findMine(sam, 'Accountability letter');
    expect(samsLetter).toMatchObject({
      status: 'not_started',
      dueOn: inDays(3),
      overdue: false,
      together: false,
      mine: true,
    });
    letterId = samsLetter?.id ?? '';
    expect(await findMine(alex, 'Accountability letter')).toBeUndefined();
    const [{ instructions_enc }] = await t.dataSource.query(
      `SELECT instructions_enc FROM assignments WHERE id = $1`,
      [reply.body.id],
    );
    expect(instructions_enc).not.toContain('Take your time');
  });

  it('a client never reads who an exercise is meant for; the counselor does', async () => {
    // The accountability letter is written for "the person who broke trust".
    const own = await sam.get<HomeworkDetail>(`/api/homework/${letterId}`);
    expect(own.status).toBe(200);
    expect(own.body.exercise).not.toHaveProperty('audience');
    const lists = await Promise.all(
      ['due', 'overdue', 'done', 'shared'].map((view) => mine(sam, view)),
    );
    for (const reply of [own, ...lists, await sam.get('/api/progress/mine')])
      expect(reply.text).not.toMatch(/broke_trust|was_hurt|broke trust|was hurt/i);
    const seen = await maya.get<HomeworkDetail>(`/api/homework/${letterId}`);
    expect(seen.body.exercise.audience).toBe('broke_trust');
  });

  it('refuses assignments that make no sense, field by field', async () => {
    const bad = await assign({
      exerciseId: 'nope',
      target: 'pair',
      dueOn: 'tomorrow',
      recurrence: 'hourly',
    });
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({
      fields: expect.arrayContaining([
        expect.objectContaining({ field: 'exerciseId' }),
        expect.objectContaining({ field: 'dueOn' }),
      ]),
    });
    const weeklyWithoutEnd = await assign({
      exerciseId: exercise['Trust thermometer'],
      target: 'each',
      dueOn: today(),
      recurrence: 'weekly',
    });
    expect(weeklyWithoutEnd.status).toBe(400);
    expect(
      (
        await assign({
          exerciseId: exercise['Trust thermometer'],
          target: 'member',
          memberId: offCase.id,
          dueOn: today(),
          recurrence: 'once',
        })
      ).status,
    ).toBe(404);
  });

  it('the member drafts: autosave checks the version, a retried save is idempotent, bad answers are explained', async () => {
    const first = await sam.request<DraftSaved>('PUT', `/api/homework/${letterId}/draft`, {
      body: { version: 0, answers: { what_i_did: MARKER } },
    });
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ version: 1, status: 'draft' });
    const retry = await sam.request<DraftSaved>('PUT', `/api/homework/${letterId}/draft`, {
      body: { version: 0, answers: { what_i_did: MARKER } },
    });
    expect(retry.status).toBe(200);
    expect(retry.body.version).toBe(1);
    const stale = await sam.request('PUT', `/api/homework/${letterId}/draft`, {
      body: { version: 0, answers: { what_i_did: 'something else' } },
    });
    expect(stale.status).toBe(409);
    const unknown = await sam.request<{ fields: { field: string }[] }>(
      'PUT',
      `/api/homework/${letterId}/draft`,
      { body: { version: 1, answers: { mood: 'x' } } },
    );
    expect(unknown.status).toBe(400);
    expect(unknown.body.fields).toEqual([
      { field: 'answers.mood', reasons: ['This question is not part of the exercise.'] },
    ]);
    const detail = await sam.get<HomeworkDetail>(`/api/homework/${letterId}`);
    expect(detail.body).toMatchObject({
      status: 'draft',
      version: 1,
      answers: { what_i_did: MARKER },
      instructions: 'Take your time; we will read it together first.',
    });
    expect(detail.body.can).toMatchObject({
      edit: true,
      submit: true,
      review: false,
      share: false,
    });
    const [{ answers_enc }] = await t.dataSource.query(
      `SELECT answers_enc FROM homework WHERE id = $1`,
      [letterId],
    );
    expect(answers_enc).not.toContain('MARKER');
  });

  it('the other partner never reaches a member’s private homework, draft included', async () => {
    expect((await alex.get(`/api/homework/${letterId}`)).status).toBe(404);
    expect(
      (
        await alex.request('PUT', `/api/homework/${letterId}/draft`, {
          body: { version: 1, answers: {} },
        })
      ).status,
    ).toBe(404);
    expect(
      (await alex.post(`/api/homework/${letterId}/submit`, { version: 1, answers: {} })).status,
    ).toBe(404);
    for (const view of ['due', 'overdue', 'done', 'shared']) {
      expect((await mine(alex, view)).body.items.map((h) => h.id)).not.toContain(letterId);
    }
    expect((await alex.get(`/api/cases/${caseId}/homework`)).status).toBe(403);
    expect((await alex.get(`/api/cases/${caseId}/progress`)).status).toBe(403);
  });

  it('submitting needs every required answer; then the counselor finds it first in the inbox', async () => {
    const incomplete = await sam.post<{ fields: { field: string }[] }>(
      `/api/homework/${letterId}/submit`,
      { version: 1, answers: { what_i_did: MARKER } },
    );
    expect(incomplete.status).toBe(400);
    expect(incomplete.body.fields.map((f) => f.field)).toEqual([
      'answers.impact',
      'answers.not_excusing',
      'answers.doing_differently',
    ]);
    const answers = {
      what_i_did: MARKER,
      impact: 'You stopped feeling safe.',
      not_excusing: 'Stress at work.',
      doing_differently: 'Tell you first.',
    };
    const submitted = await sam.post<HomeworkDetail>(`/api/homework/${letterId}/submit`, {
      version: 1,
      answers,
    });
    expect(submitted.status).toBe(200);
    expect(submitted.body).toMatchObject({
      status: 'submitted',
      can: { edit: false, submit: false },
    });
    expect(
      (
        await sam.request('PUT', `/api/homework/${letterId}/draft`, {
          body: { version: 2, answers },
        })
      ).status,
    ).toBe(409);
    const inbox = await maya.get<HomeworkPage>('/api/homework/inbox');
    expect(inbox.body.items[0]).toMatchObject({
      id: letterId,
      status: 'submitted',
      member: { userId: clinic.client.id },
    });
    expect(JSON.stringify(inbox.body)).not.toContain('MARKER');
  });

  it('the counselor gives feedback and marks it reviewed; the member replies once', async () => {
    const feedback = await maya.post<HomeworkDetail>(`/api/homework/${letterId}/feedback`, {
      body: 'This is honest. Shall we share it with Alex?',
    });
    expect(feedback.status).toBe(200);
    expect(feedback.body.feedback).toHaveLength(1);
    const feedbackId = feedback.body.feedback[0].id;
    const reviewed = await maya.post<HomeworkDetail>(`/api/homework/${letterId}/review`);
    expect(reviewed.body.status).toBe('reviewed');
    expect((await maya.post(`/api/homework/${letterId}/review`)).status).toBe(409);
    const reply = await sam.post<HomeworkDetail>(
      `/api/homework/${letterId}/feedback/${feedbackId}/reply`,
      { body: 'Yes, I am ready.' },
    );
    expect(reply.status).toBe(200);
    expect(reply.body.feedback[0].reply?.body).toBe('Yes, I am ready.');
    expect(
      (await sam.post(`/api/homework/${letterId}/feedback/${feedbackId}/reply`, { body: 'Again' }))
        .status,
    ).toBe(409);
    expect(
      (await sam.post(`/api/homework/${letterId}/feedback`, { body: 'self-feedback' })).status,
    ).toBe(403);
    const [{ body_enc, reply_body_enc }] = await t.dataSource.query(
      `SELECT body_enc, reply_body_enc FROM homework_feedback WHERE id = $1`,
      [feedbackId],
    );
    expect(`${body_enc}${reply_body_enc}`).not.toMatch(/honest|ready/);
    // The review is audited (who, which homework, whose), never the feedback's words.
    const trail = await t.auditTrail(letterId);
    expect(trail.map((e) => [e.action, e.actor_id])).toEqual([
      ['homework.feedback_given', clinic.counselor.id],
      ['homework.reviewed', clinic.counselor.id],
    ]);
    expect(trail[0].details).toMatchObject({ authorId: clinic.client.id, feedbackId });
    expect(JSON.stringify(trail)).not.toMatch(/honest|ready/);
  });

  it('sharing makes the letter readable (not editable) by the partner, and unsharing takes it back', async () => {
    expect((await sam.post(`/api/homework/${letterId}/share`)).status).toBe(403);
    const shared = await maya.post<HomeworkDetail>(`/api/homework/${letterId}/share`);
    expect(shared.body.shared).toBe(true);
    const seen = await alex.get<HomeworkDetail>(`/api/homework/${letterId}`);
    expect(seen.status).toBe(200);
    expect(seen.body).toMatchObject({
      mine: false,
      answers: { what_i_did: MARKER },
      can: { edit: false, submit: false, reply: false },
    });
    // The response only: not the counselor's instructions, feedback or the author's reply.
    expect(seen.body.instructions).toBeNull();
    expect(seen.body.feedback).toEqual([]);
    expect((await mine(alex, 'shared')).body.items.map((h) => h.id)).toEqual([letterId]);
    expect(
      (
        await alex.request('PUT', `/api/homework/${letterId}/draft`, {
          body: { version: 2, answers: {} },
        })
      ).status,
    ).toBe(403);
    await maya.post(`/api/homework/${letterId}/unshare`);
    expect((await alex.get(`/api/homework/${letterId}`)).status).toBe(404);
    const trail = (await t.auditTrail(letterId)).map((e) => e.action);
    expect(trail.slice(-2)).toEqual(['homework.shared', 'homework.unshared']);
  });

  it('reopening sends the response back to the member to revise, with the reason they see', async () => {
    const noReason = await maya.post<ApiErrorBody>(`/api/homework/${letterId}/reopen`, {});
    expect(noReason.status).toBe(400);
    expect(noReason.body.fields).toEqual([expect.objectContaining({ field: 'reason' })]);
    const reopened = await maya.post<HomeworkDetail>(`/api/homework/${letterId}/reopen`, {
      reason: 'Say more about the second paragraph.',
    });
    expect(reopened.body.status).toBe('draft');
    const detail = await sam.get<HomeworkDetail>(`/api/homework/${letterId}`);
    expect(detail.body.can.edit).toBe(true);
    expect(detail.body.revisionReason).toBe('Say more about the second paragraph.');
    const requested = (await t.auditTrail(letterId)).at(-1);
    expect(requested).toMatchObject({
      action: 'homework.revision_requested',
      actor_id: clinic.counselor.id,
      details: { from: 'reviewed' },
    });
    expect(JSON.stringify(requested)).not.toContain('second paragraph');
  });

  it('a counselor sees that individual homework is in progress, never its draft text', async () => {
    const own = await sam.get<HomeworkDetail>(`/api/homework/${letterId}`);
    expect(Object.keys(own.body.answers).length).toBeGreaterThan(0);
    const seen = await maya.get<HomeworkDetail>(`/api/homework/${letterId}`);
    expect(seen.body).toMatchObject({ status: 'draft', answersHidden: true, answers: {} });
    expect(JSON.stringify(seen.body)).not.toContain(MARKER);
  });

  it('an exercise from a later stage than the case’s asks the counselor to confirm', async () => {
    const later = await maya.post<ApiErrorBody>(`/api/cases/${caseId}/assignments`, {
      exerciseId: exercise['Way forward'],
      target: 'member',
      memberId: clinic.client.id,
      dueOn: inDays(3),
      recurrence: 'once',
    });
    expect(later.status).toBe(409);
    expect(later.body.code).toBe('later_stage');
    const confirmed = await assign({
      exerciseId: exercise['Way forward'],
      target: 'member',
      memberId: clinic.client.id,
      dueOn: inDays(3),
      recurrence: 'once',
    });
    expect(confirmed.status).toBe(201);
    // Given by mistake: withdrawn while nobody has written in it.
    expect((await sam.delete(`/api/assignments/${confirmed.body.id}`)).status).toBe(403);
    expect((await maya.delete(`/api/assignments/${confirmed.body.id}`)).status).toBe(204);
    expect(await findMine(sam, 'Way forward')).toBeUndefined();
    expect((await maya.delete(`/api/assignments/${confirmed.body.id}`)).status).toBe(404);
  });

  it('an assignment a member has written in cannot be withdrawn', async () => {
    const letter = await sam.get<HomeworkDetail>(`/api/homework/${letterId}`);
    const refused = await maya.delete(`/api/assignments/${letter.body.assignmentId}`);
    expect(refused.status).toBe(409);
  });

  it('a PHQ-9 result is scored and locked; a critical item alerts only the case’s counselors', async () => {
    const assigned = await assign({
      exerciseId: exercise['PHQ-9 · Patient Health Questionnaire'],
      target: 'member',
      memberId: clinic.client.id,
      dueOn: today(),
      recurrence: 'fortnightly',
      until: inDays(60),
    });
    expect(assigned.status).toBe(201);
    const item = await findMine(sam, 'PHQ-9 · Patient Health Questionnaire');
    expect(item).toMatchObject({ isMeasure: true });
    const keys = [
      'little_interest',
      'feeling_down',
      'sleep',
      'tired',
      'appetite',
      'feeling_bad',
      'concentrating',
      'moving_speaking',
    ];
    const answers: Record<string, string> = Object.fromEntries(
      keys.map((k) => [k, 'more_than_half']),
    );
    answers['better_off_dead'] = 'several_days';
    const submitted = await sam.post<HomeworkDetail>(`/api/homework/${item?.id}/submit`, {
      version: 0,
      answers,
    });
    expect(submitted.status).toBe(200);
    // 8 × 2 + 1 = 17: moderately severe.
    expect(submitted.body.measureResult).toEqual({
      score: 17,
      band: expect.objectContaining({ label: 'Moderately severe' }),
    });
    // The score and band are as clinical as the answers: encrypted at rest, bound to the row.
    const [stored] = await t.dataSource.query(
      `SELECT id, result_enc FROM measure_results WHERE homework_id = $1`,
      [item?.id],
    );
    expect(stored.result_enc).toMatch(/^v1\./);
    // (Words only: a random ciphertext holds "17" in about one run of thirty.)
    expect(stored.result_enc).not.toMatch(/severe|score/i);
    expect(
      JSON.parse(
        t.app
          .get(FieldEncryptionService)
          .decrypt(
            stored.result_enc,
            encryptionContext('measure_results', 'result_enc', stored.id),
          ),
      ),
    ).toMatchObject({ score: 17, band: { label: 'Moderately severe' } });
    const reopen = await maya.post(`/api/homework/${item?.id}/reopen`, { reason: 'again' });
    expect(reopen.status).toBe(409);
    const alerts = await maya.get<{ sourceId: string; member: { userId: string } }[]>(
      `/api/alerts?caseId=${caseId}`,
    );
    const mine = alerts.body.filter((a) => a.sourceId === item?.id);
    expect(mine).toHaveLength(1);
    expect(mine[0].member.userId).toBe(clinic.client.id);
    expect((await alex.get('/api/alerts')).status).toBe(403);
    expect((await admin.get('/api/alerts')).status).toBe(403);
    const offCaseAgent = await t.signIn(offCase);
    expect((await offCaseAgent.get<unknown[]>('/api/alerts')).body).toEqual([]);
    const progress = await maya.get<ProgressView>(`/api/cases/${caseId}/progress`);
    expect(progress.body.measures).toEqual([
      expect.objectContaining({
        userId: clinic.client.id,
        points: [expect.objectContaining({ score: 17 })],
      }),
    ]);
    expect((await alex.get<ProgressView>('/api/progress/mine')).body.measures).toEqual([]);
  });

  describe('together homework', () => {
    let togetherId: string;

    it('has one shared response either member edits; simultaneous edits give one 200 and one 409', async () => {
      const assigned = await assign({
        exerciseId: exercise['Safety conversation'],
        target: 'together',
        dueOn: inDays(5),
        recurrence: 'once',
      });
      expect(assigned.status).toBe(201);
      const forSam = await findMine(sam, 'Safety conversation');
      const forAlex = await findMine(alex, 'Safety conversation');
      expect(forSam?.id).toBe(forAlex?.id);
      expect(forSam).toMatchObject({ together: true, member: null });
      togetherId = forSam?.id ?? '';
      const [a, b] = await Promise.all([
        alex.request<DraftSaved>('PUT', `/api/homework/${togetherId}/draft`, {
          body: { version: 0, answers: { next_step: 'Alex: walk on Sundays' } },
        }),
        sam.request<DraftSaved>('PUT', `/api/homework/${togetherId}/draft`, {
          body: { version: 0, answers: { next_step: 'Sam: phones away at dinner' } },
        }),
      ]);
      expect([a.status, b.status].sort()).toEqual([200, 409]);
    });

    it('asks who is speaking among the case’s members: a member passes, anyone else is refused', async () => {
      const current = await sam.get<HomeworkDetail>(`/api/homework/${togetherId}`);
      // The people to choose from, by name.
      expect(current.body.members.map((m) => m.userId).sort()).toEqual(
        [clinic.client.id, clinic.partner.id].sort(),
      );
      expect(current.body.members.every((m) => m.displayName && !m.former)).toBe(true);
      const save = (who: unknown) =>
        sam.request<ApiErrorBody & DraftSaved>('PUT', `/api/homework/${togetherId}/draft`, {
          body: {
            version: current.body.version,
            answers: { answers: [{ who, safety_looks_like: 'Knowing where I stand' }] },
          },
        });
      // A counselor of the clinic, someone of another clinic, a name typed as text: none of
      // them is a member of this case.
      for (const who of [offCase.id, other.client.id, 'Alex']) {
        const refused = await save(who);
        expect(refused.status).toBe(400);
        expect(refused.body.fields).toEqual([
          { field: 'answers.answers.0.who', reasons: ['Choose one of the people in this case.'] },
        ]);
      }
      const allowed = await save(clinic.partner.id);
      expect(allowed.status).toBe(200);
      // The counselor reads the answer by name too.
      const seen = await maya.get<HomeworkDetail>(`/api/homework/${togetherId}`);
      const who = (seen.body.answers['answers'] as { who: string }[])[0].who;
      expect(who).toBe(clinic.partner.id);
      expect(seen.body.members.find((m) => m.userId === who)?.displayName).toBeTruthy();
    });

    it('counts as submitted only when every member confirmed the same version', async () => {
      const current = await sam.get<HomeworkDetail>(`/api/homework/${togetherId}`);
      const answers = {
        answers: [
          { who: clinic.client.id, safety_looks_like: 'Knowing where I stand' },
          { who: clinic.partner.id, safety_looks_like: 'No surprises' },
        ],
        next_step: 'Sunday walk',
      };
      const samConfirms = await sam.post<HomeworkDetail>(`/api/homework/${togetherId}/submit`, {
        version: current.body.version,
        answers,
      });
      expect(samConfirms.body.status).toBe('draft');
      expect(samConfirms.body.confirmations.map((c) => c.userId)).toEqual([clinic.client.id]);
      // Alex changes a word: Sam's confirmation no longer holds.
      const edited = { ...answers, next_step: 'Sunday walk, no phones' };
      const alexSaves = await alex.request<DraftSaved>('PUT', `/api/homework/${togetherId}/draft`, {
        body: { version: samConfirms.body.version, answers: edited },
      });
      expect(alexSaves.status).toBe(200);
      const afterEdit = await sam.get<HomeworkDetail>(`/api/homework/${togetherId}`);
      expect(afterEdit.body.confirmations).toEqual([]);
      // Sam sees that the response changed after they confirmed it.
      expect(afterEdit.body.staleConfirmations).toEqual([
        expect.objectContaining({ userId: clinic.client.id }),
      ]);
      await alex.post(`/api/homework/${togetherId}/submit`, {
        version: alexSaves.body.version,
        answers: edited,
      });
      const last = await sam.post<HomeworkDetail>(`/api/homework/${togetherId}/submit`, {
        version: alexSaves.body.version,
        answers: edited,
      });
      expect(last.body.status).toBe('submitted');
      expect(last.body.confirmations).toHaveLength(2);
    });
  });

  describe('recurring homework and progress', () => {
    let assignmentId: string;

    it('a weekly thermometer gives each member their own homework, and the next one appears in time, once', async () => {
      const reply = await assign({
        exerciseId: exercise['Trust thermometer'],
        target: 'each',
        dueOn: inDays(-14),
        recurrence: 'weekly',
        until: inDays(30),
      });
      expect(reply.status).toBe(201);
      assignmentId = reply.body.id;
      // Two weeks late: the missed weeks and this week's are created, by several runs at once; next
      // week's appears from tomorrow (six days ahead of its due date).
      const service = t.app.get(AssignmentsService);
      const sweep = () => t.app.get(SystemDb).run('test sweep', (tx) => service.materialize(tx));
      await Promise.all([sweep(), sweep(), mine(sam, 'overdue')]);
      const rows: { user_id: string; due_on: string }[] = await t.dataSource.query(
        `SELECT user_id, to_char(due_on, 'YYYY-MM-DD') AS due_on FROM homework WHERE assignment_id = $1 ORDER BY due_on, user_id`,
        [assignmentId],
      );
      const dates = [...new Set(rows.map((r) => r.due_on))];
      expect(dates).toEqual([inDays(-14), inDays(-7), inDays(0)]);
      expect(rows).toHaveLength(6);
      const [{ next }] = await t.dataSource.query(
        `SELECT to_char(next_due_on, 'YYYY-MM-DD') AS next FROM assignments WHERE id = $1`,
        [assignmentId],
      );
      expect(next).toBe(inDays(7));
      const overdue = (await mine(sam, 'overdue')).body.items.filter(
        (h) => h.title === 'Trust thermometer',
      );
      expect(overdue.map((h) => h.dueOn)).toEqual([inDays(-14), inDays(-7)]);
      expect(overdue.every((h) => h.overdue)).toBe(true);
    });

    it('both fill the thermometer; the counselor sees both lines, each client only their own', async () => {
      const fill = async (agent: Agent, trust: number, safety: number) => {
        const item = (await mine(agent, 'overdue')).body.items.find(
          (h) => h.title === 'Trust thermometer',
        );
        return agent.post<HomeworkDetail>(`/api/homework/${item?.id}/submit`, {
          version: 0,
          answers: { trust, safety, helped: 'a walk', hurt: 'silence' },
        });
      };
      expect((await fill(sam, 7, 6)).status).toBe(200);
      expect((await fill(alex, 3, 4)).status).toBe(200);
      const bad = (await mine(sam, 'overdue')).body.items.find(
        (h) => h.title === 'Trust thermometer',
      );
      const invalid = await sam.post<{ fields: { field: string; reasons: string[] }[] }>(
        `/api/homework/${bad?.id}/submit`,
        {
          version: 0,
          answers: { trust: 11, safety: 5, helped: 'x', hurt: 'y' },
        },
      );
      expect(invalid.body.fields).toEqual([
        { field: 'answers.trust', reasons: ['Choose a number from 0 to 10.'] },
      ]);

      // Copied out of the encrypted answers for the charts, and encrypted themselves.
      const stored: { id: string; value_enc: string }[] = await t.dataSource.query(
        `SELECT s.id, s.value_enc FROM homework_scores s JOIN homework h ON h.id = s.homework_id
          WHERE h.assignment_id = $1`,
        [assignmentId],
      );
      expect(stored).toHaveLength(4);
      const encryption = t.app.get(FieldEncryptionService);
      expect(
        stored
          .map((r) =>
            Number(
              encryption.decrypt(
                r.value_enc,
                encryptionContext('homework_scores', 'value_enc', r.id),
              ),
            ),
          )
          .sort(),
      ).toEqual([3, 4, 6, 7]);
      expect(stored.every((r) => r.value_enc.startsWith('v1.'))).toBe(true);

      const progress = await maya.get<ProgressView>(`/api/cases/${caseId}/progress`);
      const trust = progress.body.series.filter((s) => s.fieldKey === 'trust');
      expect(trust.map((s) => [s.displayName, s.points.map((p) => p.value)]).sort()).toEqual(
        [
          ['Test client', [7]],
          ['Test client', [3]],
        ].sort(),
      );
      expect(progress.body.series[0].exerciseTitle).toBe('Trust thermometer');
      const own = await alex.get<ProgressView>('/api/progress/mine');
      expect(own.body.series.every((s) => s.userId === clinic.partner.id)).toBe(true);
      expect(
        own.body.series.find((s) => s.fieldKey === 'trust')?.points.map((p) => p.value),
      ).toEqual([3]);
    });

    it('partners 4 points apart are flagged at the default gap of 3; the counselor can raise it', async () => {
      const progress = await maya.get<ProgressView>(`/api/cases/${caseId}/progress`);
      expect(progress.body.gapThreshold).toBe(3);
      expect(progress.body.flags).toEqual(
        expect.arrayContaining([
          expect.objectContaining({
            kind: 'gap',
            label: expect.stringContaining('Trust thermometer'),
          }),
        ]),
      );
      const readings = progress.body.series.find((s) => s.fieldKey === 'trust');
      // Dated by the day they were given, not the due date.
      expect(readings?.points[0].on).toBe(today());
      const flags = await maya.get<{ caseId: string }[]>('/api/progress/flags');
      expect(flags.body.some((f) => f.caseId === caseId)).toBe(true);
      expect((await sam.get('/api/progress/flags')).status).toBe(403);
      expect(
        (await maya.put(`/api/cases/${caseId}/progress-settings`, { gapThreshold: 11 })).status,
      ).toBe(400);
      const raised = await maya.put<ProgressView>(`/api/cases/${caseId}/progress-settings`, {
        gapThreshold: 5,
      });
      expect(raised.body.gapThreshold).toBe(5);
      expect(raised.body.flags.filter((f) => f.kind === 'gap')).toEqual([]);
      expect((await alex.get<ProgressView>('/api/progress/mine')).body.flags).toEqual([]);
      const offCaseAgent = await t.signIn(offCase);
      expect(
        (await offCaseAgent.put(`/api/cases/${caseId}/progress-settings`, { gapThreshold: 4 }))
          .status,
      ).toBe(404);
    });

    it('stopping an assignment ends its future occurrences', async () => {
      const stopped = await maya.post<AssignmentView>(`/api/assignments/${assignmentId}/stop`);
      expect(stopped.body.active).toBe(false);
      await t.dataSource.query(`UPDATE assignments SET next_due_on = current_date WHERE id = $1`, [
        assignmentId,
      ]);
      await t.app
        .get(SystemDb)
        .run('test sweep', (tx) => t.app.get(AssignmentsService).materialize(tx));
      const [{ count }] = await t.dataSource.query(
        `SELECT count(*)::int AS count FROM homework WHERE assignment_id = $1`,
        [assignmentId],
      );
      expect(count).toBe(6);
    });
  });

  describe('who is speaking, once a member has left the case', () => {
    it('still names them where an answer did, and offers only the members who remain', async () => {
      const [kim, jo, ren] = await Promise.all(
        ['Kim Family', 'Jo Family', 'Ren Family'].map((name) =>
          t.createUser(clinic.id, 'client', { name }),
        ),
      );
      const opened = await admin.post<CaseDetail>('/api/cases', {
        title: 'The Family',
        type: 'family',
        startedOn: today(),
        memberIds: [kim.id, jo.id, ren.id],
        primaryCounselorId: clinic.counselor.id,
      });
      const familyCase = opened.body.id;
      for (const member of [kim, jo, ren]) {
        await maya.post(`/api/cases/${familyCase}/safety-interviews`, {
          clientId: member.id,
          heldOn: today(),
          mode: 'in_person',
          outcome: 'cleared',
        });
      }
      const assigned = await maya.post<AssignmentView>(`/api/cases/${familyCase}/assignments`, {
        confirmLaterStage: true,
        exerciseId: exercise['Safety conversation'],
        target: 'together',
        dueOn: inDays(4),
        recurrence: 'once',
      });
      expect(assigned.status).toBe(201);
      const joAgent = await t.signIn(jo);
      const item = (await mine(joAgent, 'due')).body.items.find((h) => h.caseId === familyCase);
      const answers = { answers: [{ who: ren.id, safety_looks_like: 'Being asked, not told' }] };
      const first = await joAgent.request<DraftSaved>('PUT', `/api/homework/${item?.id}/draft`, {
        body: { version: 0, answers },
      });
      expect(first.status).toBe(200);

      expect((await admin.delete(`/api/cases/${familyCase}/members/${ren.id}`)).status).toBe(200);

      const after = await joAgent.get<HomeworkDetail>(`/api/homework/${item?.id}`);
      expect(after.body.members).toEqual([
        { userId: jo.id, displayName: 'Jo Family' },
        { userId: kim.id, displayName: 'Kim Family' },
        { userId: ren.id, displayName: 'Ren Family', former: true },
      ]);
      // What was written stays as written; nobody new outside the case can be named.
      const kept = await joAgent.request<DraftSaved>('PUT', `/api/homework/${item?.id}/draft`, {
        body: {
          version: first.body.version,
          answers: { ...answers, next_step: 'A walk on Sunday' },
        },
      });
      expect(kept.status).toBe(200);
      const outsider = await joAgent.request<ApiErrorBody>(
        'PUT',
        `/api/homework/${item?.id}/draft`,
        {
          body: {
            version: kept.body.version,
            answers: { answers: [{ who: offCase.id }] },
          },
        },
      );
      expect(outsider.status).toBe(400);
      expect(outsider.body.fields?.[0]?.field).toBe('answers.answers.0.who');
    });
  });

  describe('a member removed from the case', () => {
    let kai: TestUser;
    let lee: TestUser;
    let kaiAgent: Agent;
    let leeAgent: Agent;
    let otherCase: string;
    let assignmentId: string;
    const sweep = () =>
      t.app.get(SystemDb).run('test sweep', (tx) => t.app.get(AssignmentsService).materialize(tx));
    const homeworkOf = async (userId: string) =>
      (
        await t.dataSource.query(
          `SELECT count(*)::int AS n FROM homework WHERE assignment_id = $1 AND user_id = $2`,
          [assignmentId, userId],
        )
      )[0].n as number;

    beforeAll(async () => {
      kai = await t.createUser(clinic.id, 'client', { name: 'Kai' });
      lee = await t.createUser(clinic.id, 'client', { name: 'Lee' });
      kaiAgent = await t.signIn(kai);
      leeAgent = await t.signIn(lee);
      const opened = await admin.post<CaseDetail>('/api/cases', {
        title: 'Kai & Lee',
        type: 'couple',
        startedOn: today(),
        memberIds: [kai.id, lee.id],
        primaryCounselorId: clinic.counselor.id,
      });
      otherCase = opened.body.id;
      const reply = await maya.post<AssignmentView>(`/api/cases/${otherCase}/assignments`, {
        confirmLaterStage: true,
        exerciseId: exercise['Trust thermometer'],
        target: 'each',
        dueOn: inDays(-7),
        recurrence: 'weekly',
        until: inDays(60),
      });
      expect(reply.status).toBe(201);
      assignmentId = reply.body.id;
      await sweep();
    });

    it('loses that case’s homework at once: their own answers 404, lists and progress leave it out', async () => {
      const item = (await mine(leeAgent, 'overdue')).body.items.find((h) => h.caseId === otherCase);
      expect(item).toBeDefined();
      const submitted = await leeAgent.post<HomeworkDetail>(`/api/homework/${item?.id}/submit`, {
        version: 0,
        answers: { trust: 2, safety: 5, helped: 'a call', hurt: 'a late night' },
      });
      expect(submitted.status).toBe(200);
      const current = await leeAgent.get<HomeworkPage>('/api/homework/mine?view=due');
      const open = current.body.items.find((h) => h.caseId === otherCase);
      expect(open).toBeDefined();

      expect((await admin.delete(`/api/cases/${otherCase}/members/${lee.id}`)).status).toBe(200);

      for (const id of [item?.id, open?.id]) {
        expect((await leeAgent.get(`/api/homework/${id}`)).status).toBe(404);
        expect(
          (
            await leeAgent.request('PUT', `/api/homework/${id}/draft`, {
              body: { version: 0, answers: { trust: 1 } },
            })
          ).status,
        ).toBe(404);
      }
      expect(
        (await leeAgent.post(`/api/homework/${open?.id}/submit`, { version: 0, answers: {} }))
          .status,
      ).toBe(404);
      expect((await leeAgent.get(`/api/cases/${otherCase}`)).status).toBe(404);
      for (const view of ['due', 'overdue', 'done'])
        expect((await mine(leeAgent, view)).body.items.map((h) => h.caseId)).not.toContain(
          otherCase,
        );
      const progress = await leeAgent.get<ProgressView>('/api/progress/mine');
      expect(progress.body.series).toEqual([]);
      // The database says the same, whatever the service asks (row-level security).
      const rows = await t.app
        .get(ClinicDb)
        .run({ id: lee.id, clinicId: clinic.id, role: 'client' }, async (tx) => ({
          homework: (
            await tx.query(`SELECT count(*)::int AS n FROM homework WHERE case_id = $1`, [
              otherCase,
            ])
          )[0].n,
          scores: (
            await tx.query(`SELECT count(*)::int AS n FROM homework_scores WHERE case_id = $1`, [
              otherCase,
            ])
          )[0].n,
        }));
      expect(rows).toEqual({ homework: 0, scores: 0 });
      // The member who stays keeps theirs; the counselor keeps the case's records.
      expect((await mine(kaiAgent, 'overdue')).body.items.some((h) => h.caseId === otherCase)).toBe(
        true,
      );
      expect((await maya.get(`/api/homework/${item?.id}`)).status).toBe(200);
    });

    it('gets no new occurrences of recurring assignments; with nobody left, the assignment stops', async () => {
      const before = { kai: await homeworkOf(kai.id), lee: await homeworkOf(lee.id) };
      // Another occurrence comes due (the sweep creates it): for the remaining member only.
      await t.dataSource.query(
        `UPDATE assignments SET next_due_on = current_date + 1 WHERE id = $1`,
        [assignmentId],
      );
      await sweep();
      expect(await homeworkOf(kai.id)).toBe(before.kai + 1);
      expect(await homeworkOf(lee.id)).toBe(before.lee);
      // Lee's overdue homework no longer waits in the counselor's inbox.
      const inbox = await maya.get<HomeworkPage>('/api/homework/inbox?pageSize=100');
      expect(
        inbox.body.items.filter((h) => h.member?.userId === lee.id && h.status !== 'submitted'),
      ).toEqual([]);

      expect((await admin.delete(`/api/cases/${otherCase}/members/${kai.id}`)).status).toBe(200);
      await t.dataSource.query(
        `UPDATE assignments SET next_due_on = current_date + 2 WHERE id = $1`,
        [assignmentId],
      );
      await sweep();
      expect(await homeworkOf(kai.id)).toBe(before.kai + 1);
      const [assignment] = await t.dataSource.query(
        `SELECT active, next_due_on FROM assignments WHERE id = $1`,
        [assignmentId],
      );
      expect(assignment).toEqual({ active: false, next_due_on: null });
    });

    it('pages through the inbox in its order: every page carries the total, past the end only the total', async () => {
      const all = (await maya.get<HomeworkPage>('/api/homework/inbox?pageSize=100')).body;
      expect(all.items.length).toBeGreaterThanOrEqual(2);
      const pages: HomeworkPage[] = [];
      for (let page = 1; page <= all.items.length + 1; page += 1)
        pages.push(
          (await maya.get<HomeworkPage>(`/api/homework/inbox?page=${page}&pageSize=1`)).body,
        );
      expect(pages.map((p) => p.total)).toEqual(pages.map(() => all.total));
      expect(pages.flatMap((p) => p.items.map((h) => h.id))).toEqual(all.items.map((h) => h.id));
      expect(pages[pages.length - 1].items).toEqual([]);
    });
  });

  describe('who else may look', () => {
    it('admins see counts per counselor and never content', async () => {
      const counts = await admin.get<HomeworkCounts>('/api/homework/counts');
      expect(counts.status).toBe(200);
      const row = counts.body.counselors.find((c) => c.counselorId === clinic.counselor.id);
      expect(row).toMatchObject({
        unreviewed: expect.any(Number),
        overdue: expect.any(Number),
        assigned: expect.any(Number),
      });
      expect(row?.overdue).toBeGreaterThanOrEqual(1);
      expect(JSON.stringify(counts.body)).not.toContain('MARKER');
      expect((await admin.get(`/api/homework/${letterId}`)).status).toBe(403);
      expect((await admin.get(`/api/cases/${caseId}/homework`)).status).toBe(403);
      expect((await admin.get('/api/homework/inbox')).status).toBe(403);
      expect((await maya.get('/api/homework/counts')).status).toBe(403);
      expect((await sam.get('/api/homework/counts')).status).toBe(403);
    });

    it('a counselor not on the case, and another clinic, get 404', async () => {
      const off = await t.signIn(offCase);
      const foreign = await t.signIn(other.counselor);
      for (const agent of [off, foreign]) {
        expect((await agent.get(`/api/homework/${letterId}`)).status).toBe(404);
        expect((await agent.post(`/api/homework/${letterId}/feedback`, { body: 'x' })).status).toBe(
          404,
        );
        expect((await agent.post(`/api/homework/${letterId}/share`)).status).toBe(404);
        expect((await agent.get(`/api/cases/${caseId}/homework`)).status).toBe(404);
        expect((await agent.get(`/api/cases/${caseId}/progress`)).status).toBe(404);
        expect(
          (
            await agent.post(`/api/cases/${caseId}/assignments`, {
              exerciseId: exercise['Way forward'],
              target: 'each',
              dueOn: today(),
              recurrence: 'once',
            })
          ).status,
        ).toBe(404);
        expect((await agent.get<HomeworkPage>('/api/homework/inbox')).body.items).toEqual([]);
      }
      const foreignClient = await t.signIn(other.client);
      expect((await foreignClient.get(`/api/homework/${letterId}`)).status).toBe(404);
    });
  });
});
