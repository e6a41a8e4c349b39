import type {
  AgreementSummary,
  AgreementView,
  ApiErrorBody,
  CaseDetail,
} from '@mend/shared/contracts';
import { JOINT_WORK_CLOSED } from '@mend/shared/contracts';
import { clearForJointWork, coupleCast, CoupleCast } from '../support/couple-cast';
import { Agent, bootApp, TestApp, TestClinic, TestUser } from '../support/test-app';

const MARKER = 'AGREEMENT-MARKER-no-contact-with-jamie';
const today = () => new Date().toISOString().slice(0, 10);

describe('agreements both partners sign', () => {
  let t: TestApp;
  let clinic: TestClinic;
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
  let agreementId: string;
  let nextId: string;

  beforeAll(async () => {
    t = await bootApp();
    cast = await coupleCast(t);
    ({ clinic, samUser, alexUser, admin, maya, priya, sam, alex } = cast);
    ({ neighbour, stranger, strangerClient, caseId } = cast);
  });

  afterAll(() => t.close());

  const items = (text: string) => [
    { category: 'contact_boundaries', text },
    { category: 'check_in_rhythm', text: 'A 20-minute check-in every Sunday evening.' },
  ];
  const outsiders = () =>
    [
      [admin, 403],
      [priya, 404],
      [neighbour, 404],
      [stranger, 404],
      [strangerClient, 404],
    ] as const;

  it('nothing joint is possible before each member is cleared: 409 joint_work_closed, reading stays possible', async () => {
    const asCounselor = await maya.post<ApiErrorBody>(`/api/cases/${caseId}/agreements`);
    expect(asCounselor.status).toBe(409);
    expect(asCounselor.body.code).toBe(JOINT_WORK_CLOSED);
    const asMember = await sam.post<ApiErrorBody>(`/api/cases/${caseId}/agreements`);
    expect(asMember.status).toBe(409);
    expect(asMember.body).toMatchObject({
      code: JOINT_WORK_CLOSED,
      message: 'Your counselor will open joint exercises when it’s the right time.',
    });
    const list = await sam.get<AgreementSummary[]>(`/api/cases/${caseId}/agreements`);
    expect(list.status).toBe(200);
    expect(list.body).toEqual([]);

    await clearForJointWork(cast, samUser.id);
    // One member cleared is not enough.
    expect((await alex.post<ApiErrorBody>(`/api/cases/${caseId}/agreements`)).body.code).toBe(
      JOINT_WORK_CLOSED,
    );
    await clearForJointWork(cast, alexUser.id);
  });

  it('a member starts the agreement once: version 1, an empty draft', async () => {
    const started = await sam.post<AgreementView>(`/api/cases/${caseId}/agreements`);
    expect(started.status).toBe(201);
    expect(started.body).toMatchObject({
      caseId,
      number: 1,
      status: 'draft',
      items: [],
      reviewOn: null,
      signedAt: null,
      signatures: [],
      can: { edit: true, sign: false, review: false },
    });
    expect(started.body.members.map((m) => m.userId).sort()).toEqual(
      [samUser.id, alexUser.id].sort(),
    );
    agreementId = started.body.id;
    const again = await maya.post(`/api/cases/${caseId}/agreements`);
    expect(again.status).toBe(409);
  });

  it('members and the counselor edit the draft with a version check; a retry is not a conflict', async () => {
    const first = await maya.put<AgreementView>(`/api/agreements/${agreementId}`, {
      items: items('No contact with the affair partner.'),
      reviewOn: null,
      version: 0,
    });
    expect(first.status).toBe(200);
    expect(first.body.version).toBe(1);

    const body = { items: items(MARKER), reviewOn: '2027-03-01', version: 1 };
    const second = await alex.put<AgreementView>(`/api/agreements/${agreementId}`, body);
    expect(second.status).toBe(200);
    expect(second.body).toMatchObject({ version: 2, reviewOn: '2027-03-01', items: items(MARKER) });
    const retried = await alex.put<AgreementView>(`/api/agreements/${agreementId}`, body);
    expect(retried.status).toBe(200);
    expect(retried.body.version).toBe(2);

    const stale = await sam.put(`/api/agreements/${agreementId}`, {
      items: items('Something else'),
      reviewOn: null,
      version: 1,
    });
    expect(stale.status).toBe(409);

    for (const agent of [sam, alex, maya]) {
      const read = await agent.get<AgreementView>(`/api/agreements/${agreementId}`);
      expect(read.status).toBe(200);
      expect(read.body).toMatchObject({ version: 2, items: items(MARKER) });
    }
    const [row] = await t.dataSource.query(`SELECT items_enc FROM agreements WHERE id = $1`, [
      agreementId,
    ]);
    expect(row.items_enc).not.toContain('AGREEMENT-MARKER');
  });

  it('refuses bad input field by field', async () => {
    const bad = await sam.put<ApiErrorBody>(`/api/agreements/${agreementId}`, {
      items: [{ category: 'romance', text: '' }],
      reviewOn: 'next spring',
      version: 'two',
    });
    expect(bad.status).toBe(400);
    expect(bad.body.fields?.map((f) => f.field).sort()).toEqual(
      ['items.0.category', 'items.0.text', 'reviewOn', 'version'].sort(),
    );
    const tooMany = await sam.put<ApiErrorBody>(`/api/agreements/${agreementId}`, {
      items: Array.from({ length: 31 }, () => ({ category: 'other', text: 'x' })),
      reviewOn: null,
      version: 2,
    });
    expect(tooMany.status).toBe(400);
    const tooLong = await sam.put<ApiErrorBody>(`/api/agreements/${agreementId}`, {
      items: [{ category: 'other', text: 'x'.repeat(2001) }],
      reviewOn: null,
      version: 2,
    });
    expect(tooLong.body.fields?.map((f) => f.field)).toEqual(['items.0.text']);
    const noName = await sam.post<ApiErrorBody>(`/api/agreements/${agreementId}/sign`, {
      typedName: '',
      version: 2,
    });
    expect(noName.status).toBe(400);
    expect(noName.body.fields?.map((f) => f.field)).toEqual(['typedName']);
  });

  it('nobody else reaches the agreement: admins 403, other counselors, cases and clinics 404', async () => {
    const url = `/api/agreements/${agreementId}`;
    for (const [agent, refused] of outsiders()) {
      expect((await agent.get(`/api/cases/${caseId}/agreements`)).status).toBe(refused);
      expect((await agent.post(`/api/cases/${caseId}/agreements`)).status).toBe(refused);
      expect((await agent.get(url)).status).toBe(refused);
      expect((await agent.put(url, { items: items('x'), reviewOn: null, version: 2 })).status).toBe(
        refused,
      );
      expect(
        (await agent.post(`${url}/sign`, { typedName: 'Sam Rivera', version: 2 })).status,
      ).toBe(refused);
      expect((await agent.post(`${url}/review`)).status).toBe(refused);
      expect((await agent.get(`${url}/pdf`)).status).toBe(refused);
    }
    expect((await sam.get('/api/agreements/not-an-id')).status).toBe(404);
  });

  it('only members sign, with their own name and the current version', async () => {
    const url = `/api/agreements/${agreementId}/sign`;
    expect((await maya.post(url, { typedName: 'Test counselor', version: 2 })).status).toBe(403);
    const wrongName = await sam.post<ApiErrorBody>(url, { typedName: 'Alex Morgan', version: 2 });
    expect(wrongName.status).toBe(400);
    expect(wrongName.body.fields?.map((f) => f.field)).toEqual(['typedName']);
    expect((await sam.post(url, { typedName: 'Sam Rivera', version: 1 })).status).toBe(409);

    const signed = await sam.post<AgreementView>(url, { typedName: '  sam rivera ', version: 2 });
    expect(signed.status).toBe(200);
    expect(signed.body).toMatchObject({
      status: 'draft',
      signedAt: null,
      can: { edit: true, sign: false },
      signatures: [{ userId: samUser.id, displayName: 'Sam Rivera', typedName: 'sam rivera' }],
    });
    expect(signed.body.members.find((m) => m.userId === samUser.id)?.signed).toBe(true);
    expect(signed.body.members.find((m) => m.userId === alexUser.id)?.signed).toBe(false);
    expect((await alex.get<AgreementView>(`/api/agreements/${agreementId}`)).body.can.sign).toBe(
      true,
    );
    const [row] = await t.dataSource.query(
      `SELECT typed_name_enc, agreement_version FROM agreement_signatures WHERE agreement_id = $1`,
      [agreementId],
    );
    expect(row.typed_name_enc).not.toContain('sam rivera');
    expect(row.agreement_version).toBe(2);
  });

  it('an edit after a signature clears it: only signatures on the current version count', async () => {
    const edited = await alex.put<AgreementView>(`/api/agreements/${agreementId}`, {
      items: [...items(MARKER), { category: 'behaviour_change', text: 'Phones stay open.' }],
      reviewOn: '2027-03-01',
      version: 2,
    });
    expect(edited.status).toBe(200);
    expect(edited.body).toMatchObject({ version: 3, signatures: [] });
    expect(edited.body.members.every((m) => !m.signed)).toBe(true);
    expect(
      (
        await sam.post(`/api/agreements/${agreementId}/sign`, {
          typedName: 'Sam Rivera',
          version: 2,
        })
      ).status,
    ).toBe(409);
  });

  it('locked once every member has signed: signedAt set, edits refused, a retried signature harmless', async () => {
    const url = `/api/agreements/${agreementId}/sign`;
    const first = await sam.post<AgreementView>(url, { typedName: 'Sam Rivera', version: 3 });
    expect(first.body.status).toBe('draft');
    const last = await alex.post<AgreementView>(url, { typedName: 'ALEX MORGAN', version: 3 });
    expect(last.status).toBe(200);
    expect(last.body).toMatchObject({
      status: 'signed',
      signedAt: expect.any(String),
      can: { edit: false, sign: false, review: true },
    });
    expect(last.body.signatures.map((s) => s.userId)).toEqual([samUser.id, alexUser.id]);
    expect(last.body.members.every((m) => m.signed)).toBe(true);

    const edit = await maya.put(`/api/agreements/${agreementId}`, {
      items: items('Changed after signing'),
      reviewOn: null,
      version: 3,
    });
    expect(edit.status).toBe(409);
    expect((await alex.post(url, { typedName: 'Alex Morgan', version: 3 })).status).toBe(200);
    expect((await alex.post(url, { typedName: 'Alex Morgan', version: 2 })).status).toBe(409);

    const trail = await t.auditTrail(agreementId);
    expect(trail.map((e) => e.action)).toEqual([
      'agreement.started',
      'agreement.saved',
      'agreement.saved',
      'agreement.signed',
      'agreement.saved',
      'agreement.signed',
      'agreement.signed',
    ]);
    expect(trail.at(-1)?.details).toMatchObject({ caseId, complete: true });
    expect(JSON.stringify(trail)).not.toContain('AGREEMENT-MARKER');
    expect(JSON.stringify(trail)).not.toContain('Rivera');
  });

  it('any version exports as a PDF, and the export is audited', async () => {
    const pdf = await sam.get(`/api/agreements/${agreementId}/pdf?tz=Europe/Paris`);
    expect(pdf.status).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(String(pdf.headers['content-disposition'])).toMatch(
      /^attachment; filename="agreement-1-/,
    );
    expect(pdf.text.startsWith('%PDF-')).toBe(true);
    expect((await maya.get(`/api/agreements/${agreementId}/pdf?tz=Nowhere/Else`)).status).toBe(200);
    const exported = (await t.auditTrail(agreementId)).filter(
      (e) => e.action === 'agreement.exported',
    );
    expect(exported).toHaveLength(2);
  });

  it('a review starts the next version as a draft with the same items; older versions stay readable', async () => {
    const reviewed = await maya.post<AgreementView>(`/api/agreements/${agreementId}/review`);
    expect(reviewed.status).toBe(201);
    expect(reviewed.body).toMatchObject({
      number: 2,
      status: 'draft',
      reviewOn: null,
      signatures: [],
      can: { edit: true, review: false },
    });
    expect(reviewed.body.items).toHaveLength(3);
    expect(reviewed.body.items[0].text).toBe(MARKER);
    nextId = reviewed.body.id;

    const retried = await sam.post<AgreementView>(`/api/agreements/${agreementId}/review`);
    expect(retried.status).toBe(200);
    expect(retried.body.id).toBe(nextId);
    expect((await sam.post(`/api/agreements/${nextId}/review`)).status).toBe(409);

    const list = await alex.get<AgreementSummary[]>(`/api/cases/${caseId}/agreements`);
    expect(list.body.map((a) => [a.number, a.status])).toEqual([
      [2, 'draft'],
      [1, 'signed'],
    ]);
    const old = await alex.get<AgreementView>(`/api/agreements/${agreementId}`);
    expect(old.body).toMatchObject({
      status: 'signed',
      can: { edit: false, sign: false, review: false },
    });
    expect(old.body.signatures).toHaveLength(2);
    expect((await t.auditTrail(agreementId)).at(-1)).toMatchObject({
      action: 'agreement.reviewed',
      details: { caseId, nextId, nextNumber: 2 },
    });
  });

  it('when the counselor closes joint work, versions stay readable but nothing changes', async () => {
    const closed = await maya.post(`/api/cases/${caseId}/joint-work/close`, {
      reason: 'Disclosure of ongoing contact.',
    });
    expect(closed.status).toBe(200);
    const read = await sam.get<AgreementView>(`/api/agreements/${nextId}`);
    expect(read.status).toBe(200);
    expect(read.body.can).toEqual({ edit: false, sign: false, review: false });
    expect((await sam.get(`/api/cases/${caseId}/agreements`)).status).toBe(200);

    const refusals = [
      await sam.put<ApiErrorBody>(`/api/agreements/${nextId}`, {
        items: items('x'),
        reviewOn: null,
        version: read.body.version,
      }),
      await maya.put<ApiErrorBody>(`/api/agreements/${nextId}`, {
        items: items('x'),
        reviewOn: null,
        version: read.body.version,
      }),
      await sam.post<ApiErrorBody>(`/api/agreements/${nextId}/sign`, {
        typedName: 'Sam Rivera',
        version: read.body.version,
      }),
      await alex.post<ApiErrorBody>(`/api/agreements/${agreementId}/review`),
      await alex.get<ApiErrorBody>(`/api/agreements/${agreementId}/pdf`),
    ];
    for (const reply of refusals) {
      expect(reply.status).toBe(409);
      expect(reply.body.code).toBe(JOINT_WORK_CLOSED);
    }
    expect(refusals[0].body.message).not.toMatch(/Safety|cleared|conversation/i);
  });

  it('an individual case has no agreement', async () => {
    const solo = await admin.post<CaseDetail>('/api/cases', {
      title: 'Just Sam',
      type: 'individual',
      startedOn: today(),
      memberIds: [samUser.id],
      primaryCounselorId: clinic.counselor.id,
    });
    expect(solo.status).toBe(201);
    expect((await sam.post(`/api/cases/${solo.body.id}/agreements`)).status).toBe(409);
  });
});
