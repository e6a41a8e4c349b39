import type { CaseDetail, CasePathView, MyPathView } from '@mend/shared/contracts';
import { Agent, bootApp, TestApp, TestClinic, TestUser } from '../support/test-app';

const today = () => new Date().toISOString().slice(0, 10);
const MARKER = 'MARKER-moved-after-the-disclosure-session';

describe('the path of repair', () => {
  let t: TestApp;
  let clinic: TestClinic;
  let other: TestClinic;
  let offCase: TestUser;
  let otherCouple: [TestUser, TestUser];
  let admin: Agent;
  let maya: Agent; // the case's counselor
  let sam: Agent;
  let alex: Agent;
  let caseId: string;
  let otherCaseId: string;

  const open = async (title: string, members: string[]) =>
    (
      await admin.post<CaseDetail>('/api/cases', {
        title,
        type: 'couple',
        startedOn: today(),
        memberIds: members,
        primaryCounselorId: clinic.counselor.id,
      })
    ).body;
  const move = (agent: Agent, id: string, body: unknown) =>
    agent.put<CasePathView & { fields: { field: string; reasons: string[] }[] }>(
      `/api/cases/${id}/stage`,
      body,
    );

  beforeAll(async () => {
    t = await bootApp();
    clinic = await t.createClinic();
    other = await t.createClinic();
    offCase = await t.createUser(clinic.id, 'counselor');
    otherCouple = [
      await t.createUser(clinic.id, 'client', { name: 'Jordan' }),
      await t.createUser(clinic.id, 'client', { name: 'Riley' }),
    ];
    admin = await t.signIn(clinic.admin);
    maya = await t.signIn(clinic.counselor);
    sam = await t.signIn(clinic.client);
    alex = await t.signIn(clinic.partner);
    caseId = (await open('Sam & Alex', [clinic.client.id, clinic.partner.id])).id;
    otherCaseId = (
      await open(
        'Jordan & Riley',
        otherCouple.map((u) => u.id),
      )
    ).id;
  });

  afterAll(() => t.close());

  it('a case starts at the first stage, with no history', async () => {
    const reply = await maya.get<CasePathView>(`/api/cases/${caseId}/path`);
    expect(reply.status).toBe(200);
    expect(reply.body).toEqual({ caseId, stage: 'acknowledge', history: [] });
    const detail = await sam.get<CaseDetail>(`/api/cases/${caseId}`);
    expect(detail.body.stage).toBe('acknowledge');
  });

  it('the counselor moves the case forward and back, each time with a reason', async () => {
    const before = (await maya.get<CaseDetail>(`/api/cases/${caseId}`)).body.version;
    const forward = await move(maya, caseId, {
      stage: 'transparency',
      reason: `  ${MARKER}  `,
    });
    expect(forward.status).toBe(200);
    expect(forward.body.stage).toBe('transparency');
    expect(forward.body.history).toHaveLength(1);
    expect(forward.body.history[0]).toMatchObject({
      from: 'acknowledge',
      to: 'transparency',
      reason: MARKER,
      changedBy: { userId: clinic.counselor.id, displayName: 'Test counselor' },
    });

    const back = await move(maya, caseId, {
      stage: 'responsibility',
      reason: 'We need to return to ownership before going further.',
    });
    expect(back.status).toBe(200);
    expect(back.body.stage).toBe('responsibility');
    // Newest first.
    expect(back.body.history.map((h) => [h.from, h.to])).toEqual([
      ['transparency', 'responsibility'],
      ['acknowledge', 'transparency'],
    ]);
    const [newer, older] = back.body.history;
    expect(Date.parse(newer.changedAt)).toBeGreaterThanOrEqual(Date.parse(older.changedAt));

    const detail = (await maya.get<CaseDetail>(`/api/cases/${caseId}`)).body;
    expect(detail.stage).toBe('responsibility');
    expect(detail.version).toBe(before + 2);
    expect((await maya.get<CasePathView>(`/api/cases/${caseId}/path`)).body).toEqual(back.body);
  });

  it('keeps the reason encrypted and out of the audit trail', async () => {
    const [row] = await t.dataSource.query(
      `SELECT reason_enc FROM case_stage_changes WHERE case_id = $1 AND to_stage = 'transparency'`,
      [caseId],
    );
    expect(row.reason_enc).toMatch(/^v1\./);
    expect(row.reason_enc).not.toContain('MARKER');
    const moves = (await t.auditTrail(caseId)).filter((e) => e.action === 'case.stage_changed');
    expect(moves.map((e) => e.details)).toEqual([
      { from: 'acknowledge', to: 'transparency' },
      { from: 'transparency', to: 'responsibility' },
    ]);
    expect(moves.every((e) => e.actor_id === clinic.counselor.id)).toBe(true);
    expect(JSON.stringify(await t.auditTrail(caseId))).not.toContain('MARKER');
  });

  it('refuses a move without a valid stage or reason, naming the fields', async () => {
    const missing = await move(maya, caseId, {});
    expect(missing.status).toBe(400);
    expect(missing.body.fields.map((f) => f.field).sort()).toEqual(['reason', 'stage']);

    const badStage = await move(maya, caseId, { stage: 'forgiven', reason: 'x' });
    expect(badStage.status).toBe(400);
    expect(badStage.body.fields.map((f) => f.field)).toEqual(['stage']);

    for (const reason of ['', '   ', 'x'.repeat(1001), 42]) {
      const reply = await move(maya, caseId, { stage: 'repair', reason });
      expect(reply.status).toBe(400);
      expect(reply.body.fields.map((f) => f.field)).toEqual(['reason']);
    }
    expect((await move(maya, caseId, { stage: 'repair', reason: 'x'.repeat(1000) })).status).toBe(
      200,
    );

    const same = await move(maya, caseId, { stage: 'repair', reason: 'Again' });
    expect(same.status).toBe(400);
    expect(same.body.fields).toEqual([
      { field: 'stage', reasons: ['The case is already at this stage. Choose another one.'] },
    ]);
    expect((await maya.get<CasePathView>(`/api/cases/${caseId}/path`)).body.history).toHaveLength(
      3,
    );
  });

  it('a client sees only where their own open cases are, never the history or reasons', async () => {
    const reply = await sam.get<MyPathView[]>('/api/my/path');
    expect(reply.status).toBe(200);
    expect(reply.body).toEqual([{ caseId, caseTitle: 'Sam & Alex', stage: 'repair' }]);
    expect(reply.text).not.toContain('MARKER');
    expect((await alex.get<MyPathView[]>('/api/my/path')).body).toEqual(reply.body);
    const jordan = await t.signIn(otherCouple[0]);
    expect((await jordan.get<MyPathView[]>('/api/my/path')).body).toEqual([
      { caseId: otherCaseId, caseTitle: 'Jordan & Riley', stage: 'acknowledge' },
    ]);
    const alone = await t.signIn(await t.createUser(clinic.id, 'client'));
    expect((await alone.get<MyPathView[]>('/api/my/path')).body).toEqual([]);
  });

  it('clients get 403 on the counselor’s routes; counselors and admins on the client’s', async () => {
    for (const agent of [sam, alex]) {
      expect((await agent.get(`/api/cases/${caseId}/path`)).status).toBe(403);
      expect((await move(agent, caseId, { stage: 'time', reason: 'x' })).status).toBe(403);
    }
    expect((await maya.get('/api/my/path')).status).toBe(403);
    expect((await admin.get('/api/my/path')).status).toBe(403);
  });

  it('admins get 403: the path is clinical', async () => {
    expect((await admin.get(`/api/cases/${caseId}/path`)).status).toBe(403);
    expect((await move(admin, caseId, { stage: 'time', reason: 'x' })).status).toBe(403);
    // They still see the case, and where it is.
    expect((await admin.get<CaseDetail>(`/api/cases/${caseId}`)).body.stage).toBe('repair');
  });

  it('a counselor not on the case, and another clinic, get 404', async () => {
    const strangers = [await t.signIn(offCase), await t.signIn(other.counselor)];
    for (const agent of strangers) {
      expect((await agent.get(`/api/cases/${caseId}/path`)).status).toBe(404);
      expect((await move(agent, caseId, { stage: 'time', reason: 'x' })).status).toBe(404);
    }
    expect((await maya.get(`/api/cases/00000000-0000-4000-8000-000000000000/path`)).status).toBe(
      404,
    );
    expect((await maya.get(`/api/cases/not-an-id/path`)).status).toBe(404);
    const otherClient = await t.signIn(other.client);
    expect((await otherClient.get<MyPathView[]>('/api/my/path')).body).toEqual([]);
    // Nothing moved.
    expect((await maya.get<CasePathView>(`/api/cases/${caseId}/path`)).body.stage).toBe('repair');
  });

  it('a closed case’s path no longer moves (409), and leaves the client’s list', async () => {
    const closed = await open('Closing couple', []);
    expect(
      (await move(maya, closed.id, { stage: 'repair', reason: 'Before closing' })).status,
    ).toBe(200);
    expect((await admin.post(`/api/cases/${closed.id}/close`, { outcome: 'ended' })).status).toBe(
      200,
    );
    const refused = await move(maya, closed.id, { stage: 'time', reason: 'After closing' });
    expect(refused.status).toBe(409);
    const path = (await maya.get<CasePathView>(`/api/cases/${closed.id}/path`)).body;
    expect(path.stage).toBe('repair');
    expect(path.history).toHaveLength(1);
    // A closed case is not on a client's path any more.
    expect((await admin.post(`/api/cases/${caseId}/close`, { outcome: 'reconciled' })).status).toBe(
      200,
    );
    expect((await sam.get<MyPathView[]>('/api/my/path')).body).toEqual([]);
    expect((await admin.post(`/api/cases/${caseId}/reopen`)).status).toBe(200);
  });
});
