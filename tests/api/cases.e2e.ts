import type {
  AuditEventView,
  CaseDetail,
  CaseloadOverview,
  CasePage,
  Page,
} from '@mend/shared/contracts';
import { encryptionContext, FieldEncryptionService } from '@mend/shared/server';
import { Mailbox } from '../support/mailbox';
import { statementsDuring } from '../support/statements';
import { Agent, bootApp, TestApp, TestClinic, TestUser } from '../support/test-app';

describe('cases and caseloads', () => {
  let t: TestApp;
  let clinic: TestClinic;
  let other: TestClinic;
  let counselor2: TestUser;
  let counselor3: TestUser;
  let stranger: TestUser;
  let admin: Agent;
  let maya: Agent; // clinic.counselor: primary on the case
  let sam: Agent; // clinic.client
  let alex: Agent; // clinic.partner
  let caseId: string;
  const mailbox = new Mailbox();

  beforeAll(async () => {
    t = await bootApp({ SMTP_URL: await mailbox.start() });
    clinic = await t.createClinic('Cases Clinic');
    other = await t.createClinic('Other Clinic');
    counselor2 = await t.createUser(clinic.id, 'counselor', { name: 'Co Counselor' });
    counselor3 = await t.createUser(clinic.id, 'counselor', { name: 'Third Counselor' });
    stranger = await t.createUser(clinic.id, 'client', { name: 'Unrelated Client' });
    admin = await t.signIn(clinic.admin);
    maya = await t.signIn(clinic.counselor);
    sam = await t.signIn(clinic.client);
    alex = await t.signIn(clinic.partner);
  });

  afterAll(async () => {
    await t.close();
    await mailbox.stop();
  });

  describe('opening a case', () => {
    it('an admin opens a couple case with an existing client, a newly invited one and counselors', async () => {
      const reply = await admin.post<CaseDetail>('/api/cases', {
        title: 'Sam & Alex',
        type: 'couple',
        startedOn: '2026-11-02',
        memberIds: [clinic.client.id],
        newMembers: [{ email: 'Robin.New@Test.Example', displayName: 'Robin New' }],
        primaryCounselorId: clinic.counselor.id,
        coCounselorIds: [counselor2.id],
      });
      expect(reply.status).toBe(201);
      expect(reply.body).toMatchObject({
        title: 'Sam & Alex',
        type: 'couple',
        status: 'open',
        startedOn: '2026-11-02',
        version: 1,
      });
      expect(reply.body.members.map((m) => m.displayName).sort()).toEqual([
        'Robin New',
        'Test client',
      ]);
      expect(reply.body.counselors).toEqual([
        {
          userId: clinic.counselor.id,
          displayName: 'Test counselor',
          role: 'primary',
          status: 'active',
        },
        { userId: counselor2.id, displayName: 'Co Counselor', role: 'co', status: 'active' },
      ]);
      expect(await mailbox.invitationToken('robin.new@test.example')).toBeTruthy();
      const trail = await t.auditTrail(reply.body.id);
      expect(trail.map((e) => e.action)).toEqual([
        'case.opened',
        'case.member_added',
        'case.member_added',
        'case.counselors_assigned',
      ]);
      expect(trail.every((e) => e.actor_id === clinic.admin.id)).toBe(true);
      // Robin was only a placeholder for the invitation path; the real couple is Sam and Alex.
      const robin = reply.body.members.find((m) => m.displayName === 'Robin New');
      expect(
        (await admin.delete<CaseDetail>(`/api/cases/${reply.body.id}/members/${robin?.userId}`))
          .status,
      ).toBe(200);
      const added = await admin.post<CaseDetail>(`/api/cases/${reply.body.id}/members`, {
        userId: clinic.partner.id,
      });
      expect(added.status).toBe(201);
      caseId = reply.body.id;
    });

    it('answers invalid requests with each field and its reason', async () => {
      const reply = await admin.post<{ fields: { field: string; reasons: string[] }[] }>(
        '/api/cases',
        {
          type: 'triad',
          startedOn: '02/11/2026',
          memberIds: ['nope'],
        },
      );
      expect(reply.status).toBe(400);
      expect(reply.body.fields.map((f) => f.field).sort()).toEqual([
        'memberIds',
        'startedOn',
        'title',
        'type',
      ]);
    });

    it('refuses more members than the type allows, and co-counselors without a primary', async () => {
      const crowded = await admin.post<{ fields: { field: string; reasons: string[] }[] }>(
        '/api/cases',
        {
          title: 'Too many',
          type: 'couple',
          startedOn: '2026-11-02',
          memberIds: [clinic.client.id, clinic.partner.id, stranger.id],
        },
      );
      expect(crowded.status).toBe(400);
      expect(crowded.body.fields).toEqual([
        { field: 'memberIds', reasons: ['A couple case has at most 2 members.'] },
      ]);
      const noPrimary = await admin.post('/api/cases', {
        title: 'No lead',
        type: 'family',
        startedOn: '2026-11-02',
        coCounselorIds: [counselor2.id],
      });
      expect(noPrimary.status).toBe(400);
    });

    it('refuses people of another clinic and people of the wrong role as not found', async () => {
      const base = { title: 'X', type: 'family', startedOn: '2026-11-02' };
      expect(
        (await admin.post('/api/cases', { ...base, memberIds: [other.client.id] })).status,
      ).toBe(404);
      expect(
        (await admin.post('/api/cases', { ...base, primaryCounselorId: other.counselor.id }))
          .status,
      ).toBe(404);
      expect(
        (await admin.post('/api/cases', { ...base, primaryCounselorId: clinic.client.id })).status,
      ).toBe(404);
      expect(
        (await admin.post('/api/cases', { ...base, memberIds: [clinic.counselor.id] })).status,
      ).toBe(404);
    });

    it('a new member whose email is taken is refused with the field of that row', async () => {
      const reply = await admin.post<{ fields: { field: string; reasons: string[] }[] }>(
        '/api/cases',
        {
          title: 'Taken',
          type: 'family',
          startedOn: '2026-11-02',
          newMembers: [
            { email: 'fresh-one@test.example', displayName: 'Fresh One' },
            { email: clinic.partner.email, displayName: 'Already Here' },
          ],
        },
      );
      expect(reply.status).toBe(409);
      expect(reply.body.fields).toEqual([
        { field: 'newMembers.1.email', reasons: [expect.stringMatching(/already exists/)] },
      ]);
      // Nothing of the refused request was kept: not the case, not the first invitation.
      const [{ count }] = await t.dataSource.query(
        `SELECT count(*)::int AS count FROM users WHERE email = 'fresh-one@test.example'`,
      );
      expect(count).toBe(0);
      const individual = await admin.post<{ fields: { reasons: string[] }[] }>('/api/cases', {
        title: 'Solo',
        type: 'individual',
        startedOn: '2026-11-02',
        memberIds: [clinic.client.id, clinic.partner.id],
      });
      expect(individual.body.fields[0].reasons).toEqual([
        'An individual case has at most 1 member.',
      ]);
    });

    it('only admins open cases', async () => {
      const body = { title: 'Nope', type: 'couple', startedOn: '2026-11-02' };
      expect((await maya.post('/api/cases', body)).status).toBe(403);
      expect((await sam.post('/api/cases', body)).status).toBe(403);
    });
  });

  describe('who sees what', () => {
    it('the admin sees the clinic’s cases with contact details but never the labels', async () => {
      await maya.put(`/api/cases/${caseId}/members/${clinic.client.id}/label`, {
        label: 'broke_trust',
      });
      const list = await admin.get<CasePage>('/api/cases');
      expect(list.status).toBe(200);
      const row = list.body.items.find((c) => c.id === caseId);
      expect(row?.members.every((m) => m.email && m.label === undefined)).toBe(true);
      const detail = await admin.get<CaseDetail>(`/api/cases/${caseId}`);
      expect(JSON.stringify(detail.body)).not.toContain('broke_trust');
    });

    it('a counselor of the case sees it with the labels; another counselor does not see it at all', async () => {
      const detail = await maya.get<CaseDetail>(`/api/cases/${caseId}`);
      expect(detail.status).toBe(200);
      expect(detail.body.members.find((m) => m.userId === clinic.client.id)?.label).toBe(
        'broke_trust',
      );
      expect(detail.body.members.find((m) => m.userId === clinic.partner.id)?.label).toBeNull();
      const outsider = await t.signIn(counselor3);
      expect((await outsider.get(`/api/cases/${caseId}`)).status).toBe(404);
      expect((await outsider.get<CasePage>('/api/cases')).body.items).toEqual([]);
    });

    it('a client sees their own case with names only: no labels, no emails, no other case', async () => {
      const list = await sam.get<CasePage>('/api/cases');
      expect(list.body.items.map((c) => c.id)).toEqual([caseId]);
      const detail = await sam.get<CaseDetail>(`/api/cases/${caseId}`);
      expect(detail.status).toBe(200);
      for (const member of detail.body.members)
        expect(Object.keys(member).sort()).toEqual(['displayName', 'userId']);
      expect(JSON.stringify(detail.body)).not.toMatch(/broke_trust|@test\.example|closingNote/);
      expect(detail.body.counselors.map((c) => c.displayName)).toEqual([
        'Test counselor',
        'Co Counselor',
      ]);
      const outsider = await t.signIn(stranger);
      expect((await outsider.get(`/api/cases/${caseId}`)).status).toBe(404);
      expect((await outsider.get<CasePage>('/api/cases')).body.items).toEqual([]);
    });

    it('another clinic sees nothing of the case: 404 everywhere', async () => {
      const foreignAdmin = await t.signIn(other.admin);
      expect((await foreignAdmin.get(`/api/cases/${caseId}`)).status).toBe(404);
      expect(
        (await foreignAdmin.get<CasePage>('/api/cases')).body.items.map((c) => c.id),
      ).not.toContain(caseId);
      expect(
        (await foreignAdmin.patch(`/api/cases/${caseId}`, { version: 1, title: 'Mine now' }))
          .status,
      ).toBe(404);
      expect(
        (await foreignAdmin.post(`/api/cases/${caseId}/close`, { outcome: 'ended' })).status,
      ).toBe(404);
      expect(
        (
          await foreignAdmin.put(`/api/cases/${caseId}/counselors`, {
            primaryCounselorId: null,
            coCounselorIds: [],
            reason: 'take over',
          })
        ).status,
      ).toBe(404);
      expect((await foreignAdmin.get(`/api/cases/${caseId}/history`)).status).toBe(404);
      const foreignCounselor = await t.signIn(other.counselor);
      expect(
        (
          await foreignCounselor.put(`/api/cases/${caseId}/members/${clinic.client.id}/label`, {
            label: 'was_hurt',
          })
        ).status,
      ).toBe(404);
    });

    it('unknown and malformed ids answer 404', async () => {
      expect((await admin.get('/api/cases/00000000-0000-4000-8000-000000000000')).status).toBe(404);
      expect((await admin.get('/api/cases/not-an-id')).status).toBe(404);
    });
  });

  describe('member labels', () => {
    it('only the case’s counselors set them, and the audit trail does not reveal which label', async () => {
      const set = await maya.put<CaseDetail>(
        `/api/cases/${caseId}/members/${clinic.partner.id}/label`,
        { label: 'was_hurt' },
      );
      expect(set.status).toBe(200);
      expect(set.body.members.find((m) => m.userId === clinic.partner.id)?.label).toBe('was_hurt');
      expect(
        (
          await admin.put(`/api/cases/${caseId}/members/${clinic.partner.id}/label`, {
            label: 'broke_trust',
          })
        ).status,
      ).toBe(403);
      expect(
        (
          await sam.put(`/api/cases/${caseId}/members/${clinic.partner.id}/label`, {
            label: 'broke_trust',
          })
        ).status,
      ).toBe(403);
      expect(
        (await maya.put(`/api/cases/${caseId}/members/${stranger.id}/label`, { label: 'was_hurt' }))
          .status,
      ).toBe(404);
      const bad = await maya.put<{ fields: { field: string }[] }>(
        `/api/cases/${caseId}/members/${clinic.partner.id}/label`,
        { label: 'villain' },
      );
      expect(bad.status).toBe(400);
      expect(bad.body.fields[0].field).toBe('label');
      const labelled = (await t.auditTrail(caseId)).filter(
        (e) => e.action === 'case.member_labelled',
      );
      expect(labelled.length).toBeGreaterThanOrEqual(2);
      expect(JSON.stringify(labelled)).not.toMatch(/was_hurt|broke_trust/);
      const cleared = await maya.put<CaseDetail>(
        `/api/cases/${caseId}/members/${clinic.partner.id}/label`,
        { label: null },
      );
      expect(cleared.body.members.find((m) => m.userId === clinic.partner.id)?.label).toBeNull();
      await maya.put(`/api/cases/${caseId}/members/${clinic.partner.id}/label`, {
        label: 'was_hurt',
      });
    });

    it('are encrypted at rest, each bound to its member row', async () => {
      const rows: { id: string; user_id: string; label_enc: string | null }[] =
        await t.dataSource.query(
          `SELECT id, user_id, label_enc FROM case_members WHERE case_id = $1`,
          [caseId],
        );
      const partner = rows.find((r) => r.user_id === clinic.partner.id);
      expect(partner?.label_enc).toMatch(/^v1\./);
      expect(JSON.stringify(rows)).not.toMatch(/was_hurt|broke_trust|both_unclear/);
      const columns: { column_name: string }[] = await t.dataSource.query(
        `SELECT column_name FROM information_schema.columns WHERE table_name = 'case_members'`,
      );
      expect(columns.map((c) => c.column_name)).not.toContain('label');
      const encryption = t.app.get(FieldEncryptionService);
      expect(
        encryption.decrypt(
          partner?.label_enc ?? '',
          encryptionContext('case_members', 'label_enc', partner?.id ?? ''),
        ),
      ).toBe('was_hurt');
      // Copied onto the other member's row, it would not read: it is bound to its own row.
      const other = rows.find((r) => r.user_id !== clinic.partner.id);
      expect(() =>
        encryption.decrypt(
          partner?.label_enc ?? '',
          encryptionContext('case_members', 'label_enc', other?.id ?? ''),
        ),
      ).toThrow(/cannot be read/);
    });
  });

  describe('changing a case', () => {
    it('edits are checked against the version that was read: a stale edit answers 409', async () => {
      const first = await admin.patch<CaseDetail>(`/api/cases/${caseId}`, {
        version: 1,
        title: 'Sam & Alex Rivera',
      });
      expect(first.status).toBe(200);
      expect(first.body).toMatchObject({ title: 'Sam & Alex Rivera', version: 2 });
      const stale = await admin.patch<{ message: string }>(`/api/cases/${caseId}`, {
        version: 1,
        title: 'Lost update',
      });
      expect(stale.status).toBe(409);
      expect(stale.body.message).toMatch(/changed by someone else/);
      expect((await admin.get<CaseDetail>(`/api/cases/${caseId}`)).body.title).toBe(
        'Sam & Alex Rivera',
      );
      expect((await maya.patch(`/api/cases/${caseId}`, { version: 2, title: 'x' })).status).toBe(
        403,
      );
    });

    it('members are added and removed by admins only, within the type’s size', async () => {
      expect(
        (await admin.post(`/api/cases/${caseId}/members`, { userId: stranger.id })).status,
      ).toBe(400);
      expect(
        (await admin.post(`/api/cases/${caseId}/members`, { userId: clinic.client.id })).status,
      ).toBe(400);
      expect(
        (await maya.post(`/api/cases/${caseId}/members`, { userId: stranger.id })).status,
      ).toBe(403);
      expect((await sam.delete(`/api/cases/${caseId}/members/${clinic.partner.id}`)).status).toBe(
        403,
      );
      expect((await admin.delete(`/api/cases/${caseId}/members/${stranger.id}`)).status).toBe(404);
    });

    it('reassigning takes access away from the old counselor at once and is audited with its reason', async () => {
      const missingReason = await admin.put<{ fields: { field: string }[] }>(
        `/api/cases/${caseId}/counselors`,
        {
          primaryCounselorId: counselor3.id,
          coCounselorIds: [],
        },
      );
      expect(missingReason.status).toBe(400);
      expect(missingReason.body.fields.map((f) => f.field)).toEqual(['reason']);
      const third = await t.signIn(counselor3);
      const reply = await admin.put<CaseDetail>(`/api/cases/${caseId}/counselors`, {
        primaryCounselorId: counselor3.id,
        coCounselorIds: [clinic.counselor.id],
        reason: 'Maya steps back to co-counsel',
      });
      expect(reply.status).toBe(200);
      expect((await third.get(`/api/cases/${caseId}`)).status).toBe(200);
      const co2 = await t.signIn(counselor2);
      expect((await co2.get(`/api/cases/${caseId}`)).status).toBe(404);
      expect((await co2.get<CasePage>('/api/cases')).body.items).toEqual([]);
      const event = (await t.auditTrail(caseId))
        .filter((e) => e.action === 'case.counselors_assigned')
        .pop();
      expect(event?.details).toMatchObject({
        reason: 'Maya steps back to co-counsel',
        before: { primary: clinic.counselor.id, co: [counselor2.id] },
        after: { primary: counselor3.id, co: [clinic.counselor.id] },
      });
      expect(
        (
          await maya.put(`/api/cases/${caseId}/counselors`, {
            primaryCounselorId: clinic.counselor.id,
            coCounselorIds: [],
            reason: 'mine',
          })
        ).status,
      ).toBe(403);
    });

    it('a case closes with an outcome, drops out of the open lists, and reopens', async () => {
      expect(
        (await maya.post(`/api/cases/${caseId}/close`, { outcome: 'reconciled' })).status,
      ).toBe(403);
      expect((await admin.post(`/api/cases/${caseId}/close`, { outcome: 'made_up' })).status).toBe(
        400,
      );
      const closed = await admin.post<CaseDetail>(`/api/cases/${caseId}/close`, {
        outcome: 'separated_with_care',
        note: 'Both continue in individual care elsewhere.',
      });
      expect(closed.status).toBe(200);
      expect(closed.body).toMatchObject({
        status: 'closed',
        outcome: 'separated_with_care',
        closingNote: 'Both continue in individual care elsewhere.',
      });
      expect(closed.body.closedAt).toBeTruthy();
      // The note is encrypted at rest; staff read it, the members never do.
      const [stored] = await t.dataSource.query(
        `SELECT closing_note_enc FROM cases WHERE id = $1`,
        [caseId],
      );
      expect(stored.closing_note_enc).toMatch(/^v1\./);
      expect(stored.closing_note_enc).not.toContain('individual care');
      expect((await maya.get<CaseDetail>(`/api/cases/${caseId}`)).body.closingNote).toBe(
        'Both continue in individual care elsewhere.',
      );
      expect((await sam.get<CaseDetail>(`/api/cases/${caseId}`)).body).not.toHaveProperty(
        'closingNote',
      );
      expect((await admin.post(`/api/cases/${caseId}/close`, { outcome: 'ended' })).status).toBe(
        409,
      );
      expect((await maya.get<CasePage>('/api/cases')).body.items.map((c) => c.id)).not.toContain(
        caseId,
      );
      expect(
        (await maya.get<CasePage>('/api/cases?status=closed')).body.items.map((c) => c.id),
      ).toContain(caseId);
      expect((await sam.post(`/api/cases/${caseId}/reopen`)).status).toBe(403);
      const reopened = await admin.post<CaseDetail>(`/api/cases/${caseId}/reopen`);
      expect(reopened.body).toMatchObject({ status: 'open', outcome: null, closedAt: null });
      expect((await admin.post(`/api/cases/${caseId}/reopen`)).status).toBe(409);
    });

    it('the admin reads the case history; nobody else does', async () => {
      const history = await admin.get<Page<AuditEventView>>(
        `/api/cases/${caseId}/history?pageSize=100`,
      );
      expect(history.status).toBe(200);
      const actions = history.body.items.map((e) => e.action);
      expect(actions).toEqual(
        expect.arrayContaining([
          'case.opened',
          'case.updated',
          'case.counselors_assigned',
          'case.closed',
          'case.reopened',
        ]),
      );
      expect(history.body.items[0].actor?.displayName).toBe('Test admin');
      expect((await maya.get(`/api/cases/${caseId}/history`)).status).toBe(403);
      expect((await sam.get(`/api/cases/${caseId}/history`)).status).toBe(403);
    });
  });

  describe('every case endpoint, per role', () => {
    type Method = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
    const endpoints = (): {
      method: Method;
      url: string;
      body?: unknown;
      allowed: 'admin' | 'counselor';
    }[] => [
      {
        method: 'PATCH',
        url: `/api/cases/${caseId}`,
        body: { version: 99, title: 'x' },
        allowed: 'admin',
      },
      {
        method: 'POST',
        url: `/api/cases/${caseId}/members`,
        body: { userId: stranger.id },
        allowed: 'admin',
      },
      {
        method: 'DELETE',
        url: `/api/cases/${caseId}/members/${clinic.partner.id}`,
        allowed: 'admin',
      },
      {
        method: 'PUT',
        url: `/api/cases/${caseId}/counselors`,
        body: { primaryCounselorId: null, coCounselorIds: [], reason: 'test' },
        allowed: 'admin',
      },
      {
        method: 'POST',
        url: `/api/cases/${caseId}/close`,
        body: { outcome: 'ended' },
        allowed: 'admin',
      },
      { method: 'POST', url: `/api/cases/${caseId}/reopen`, allowed: 'admin' },
      { method: 'GET', url: `/api/cases/${caseId}/history`, allowed: 'admin' },
      {
        method: 'PUT',
        url: `/api/cases/${caseId}/members/${clinic.client.id}/label`,
        body: { label: 'was_hurt' },
        allowed: 'counselor',
      },
    ];

    it('refuses the roles an endpoint is not for (403), and hides the case from other clinics and other counselors (404)', async () => {
      const foreignAdmin = await t.signIn(other.admin);
      const foreignCounselor = await t.signIn(other.counselor);
      const offCaseCounselor = await t.signIn(counselor2); // same clinic, not on this case
      for (const endpoint of endpoints()) {
        const call = (agent: Agent) =>
          agent.request(
            endpoint.method,
            endpoint.url,
            endpoint.body === undefined ? {} : { body: endpoint.body },
          );
        const refused = endpoint.allowed === 'admin' ? [maya, sam, alex] : [admin, sam, alex];
        for (const agent of refused) {
          expect({
            endpoint: `${endpoint.method} ${endpoint.url}`,
            status: (await call(agent)).status,
          }).toEqual({
            endpoint: `${endpoint.method} ${endpoint.url}`,
            status: 403,
          });
        }
        const hidden =
          endpoint.allowed === 'admin' ? [foreignAdmin] : [foreignCounselor, offCaseCounselor];
        for (const agent of hidden) {
          expect({
            endpoint: `${endpoint.method} ${endpoint.url}`,
            status: (await call(agent)).status,
          }).toEqual({
            endpoint: `${endpoint.method} ${endpoint.url}`,
            status: 404,
          });
        }
      }
      // Nothing was changed by the refused calls.
      const detail = await admin.get<CaseDetail>(`/api/cases/${caseId}`);
      expect(detail.body.status).toBe('open');
      expect(detail.body.members.map((m) => m.userId).sort()).toEqual(
        [clinic.client.id, clinic.partner.id].sort(),
      );
    });

    it('the other partner and other clinics cannot read the case’s list entry or detail beyond their rights', async () => {
      for (const agent of [sam, alex]) {
        const detail = await agent.get<CaseDetail>(`/api/cases/${caseId}`);
        expect(detail.status).toBe(200);
        expect(JSON.stringify(detail.body)).not.toMatch(/broke_trust|was_hurt|both_unclear/);
      }
    });
  });

  describe('caseload overview and lists', () => {
    it('shows each counselor’s open cases and the unassigned ones, for admins only', async () => {
      await admin.post('/api/cases', {
        title: 'Waiting family',
        type: 'family',
        startedOn: '2026-11-10',
        memberIds: [stranger.id],
      });
      const overview = await admin.get<CaseloadOverview>('/api/caseload/overview');
      expect(overview.status).toBe(200);
      const load = (id: string) => overview.body.counselors.find((c) => c.counselor.id === id);
      expect(load(counselor3.id)).toMatchObject({ openCases: 1, primaryCases: 1 });
      expect(load(clinic.counselor.id)).toMatchObject({ openCases: 1, primaryCases: 0 });
      expect(load(counselor2.id)).toMatchObject({ openCases: 0, primaryCases: 0 });
      expect(overview.body.unassignedOpenCases).toBe(1);
      expect(overview.body.openCases).toBe(2);
      expect(overview.body.counselors.some((c) => c.counselor.id === other.counselor.id)).toBe(
        false,
      );
      const unassigned = await admin.get<CasePage>('/api/cases?unassigned=true');
      expect(unassigned.body.items.map((c) => c.title)).toEqual(['Waiting family']);
      const byCounselor = await admin.get<CasePage>(`/api/cases?counselorId=${counselor3.id}`);
      expect(byCounselor.body.items.map((c) => c.id)).toEqual([caseId]);
      expect((await maya.get('/api/caseload/overview')).status).toBe(403);
      expect((await sam.get('/api/caseload/overview')).status).toBe(403);
    });

    it('searches by title or member name', async () => {
      expect(
        (await admin.get<CasePage>('/api/cases?q=rivera')).body.items.map((c) => c.id),
      ).toEqual([caseId]);
      expect(
        (await admin.get<CasePage>('/api/cases?q=unrelated')).body.items.map((c) => c.title),
      ).toEqual(['Waiting family']);
    });

    it('a list page costs the same number of SQL statements whatever its size, and caps the size at 100', async () => {
      for (let i = 0; i < 24; i += 1) {
        await admin.post('/api/cases', {
          title: `Bulk ${i}`,
          type: 'family',
          startedOn: '2026-10-01',
          memberIds: [stranger.id],
          primaryCounselorId: counselor2.id,
        });
      }
      const count = async (url: string) => {
        const { result: reply, statements } = await statementsDuring(() =>
          admin.get<CasePage>(url),
        );
        expect(reply.status).toBe(200);
        // The job queue and the once-a-minute session activity share the wire: only the page's.
        const own = statements.filter(
          (sql) => !/pgboss/.test(sql) && !/^UPDATE login_sessions SET last_seen_at/.test(sql),
        );
        return { statements: own.length, rows: reply.body.items.length };
      };
      const small = await count('/api/cases?pageSize=2');
      const large = await count('/api/cases?pageSize=25');
      expect(small.rows).toBe(2);
      expect(large.rows).toBe(25);
      expect(small.statements).toBeGreaterThan(3);
      expect(large.statements).toBe(small.statements);
      expect((await admin.get('/api/cases?pageSize=101')).status).toBe(400);
    });
  });

  describe('people administration', () => {
    it('an admin renames a person; others cannot; another clinic’s person is not found', async () => {
      const renamed = await admin.patch<{ displayName: string }>(
        `/api/users/${clinic.partner.id}`,
        { displayName: 'Alex Rivera' },
      );
      expect(renamed.status).toBe(200);
      expect(renamed.body.displayName).toBe('Alex Rivera');
      expect(
        (await admin.patch(`/api/users/${clinic.partner.id}`, { displayName: '  ' })).status,
      ).toBe(400);
      expect(
        (await maya.patch(`/api/users/${clinic.partner.id}`, { displayName: 'x' })).status,
      ).toBe(403);
      expect(
        (await alex.patch(`/api/users/${clinic.partner.id}`, { displayName: 'x' })).status,
      ).toBe(403);
      expect(
        (await admin.patch(`/api/users/${other.client.id}`, { displayName: 'x' })).status,
      ).toBe(404);
      expect((await t.auditTrail(clinic.partner.id)).map((e) => e.action)).toContain(
        'user.renamed',
      );
    });

    it('resending an invitation sends a new link and retires the old one', async () => {
      const invited = await admin.post<{ user: { id: string } }>('/api/users/invitations', {
        email: 'slow@test.example',
        displayName: 'Slow Reader',
        role: 'client',
      });
      const oldToken = await mailbox.invitationToken('slow@test.example');
      const resent = await admin.post(`/api/users/${invited.body.user.id}/invitation`);
      expect(resent.status).toBe(200);
      const newToken = await mailbox.invitationToken('slow@test.example');
      expect(newToken).not.toBe(oldToken);
      expect(
        (await t.agent().post('/api/auth/invitations/preview', { token: oldToken })).status,
      ).toBe(404);
      expect(
        (await t.agent().post('/api/auth/invitations/preview', { token: newToken })).status,
      ).toBe(200);
      expect((await admin.post(`/api/users/${clinic.client.id}/invitation`)).status).toBe(409);
      expect((await maya.post(`/api/users/${invited.body.user.id}/invitation`)).status).toBe(403);
      expect((await admin.post(`/api/users/${other.admin.id}/invitation`)).status).toBe(404);
      expect((await t.auditTrail(invited.body.user.id)).map((e) => e.action)).toEqual([
        'user.invited',
        'user.invitation_resent',
      ]);
    });

    it('re-enabling someone who never accepted their invitation makes them invited again, not active', async () => {
      const invited = await admin.post<{ user: { id: string } }>('/api/users/invitations', {
        email: 'undecided@test.example',
        displayName: 'Undecided',
        role: 'client',
      });
      // Received before disabling: a disabled account's queued mail is not sent.
      const token = await mailbox.invitationToken('undecided@test.example');
      expect(
        (
          await admin.patch<{ status: string }>(`/api/users/${invited.body.user.id}/status`, {
            status: 'disabled',
          })
        ).body.status,
      ).toBe('disabled');
      expect((await t.agent().post('/api/auth/invitations/preview', { token })).status).toBe(410);
      const back = await admin.patch<{ status: string }>(
        `/api/users/${invited.body.user.id}/status`,
        { status: 'active' },
      );
      expect(back.status).toBe(200);
      expect(back.body.status).toBe('invited');
      expect((await t.agent().post('/api/auth/invitations/preview', { token })).status).toBe(200);
    });

    it('disabling and re-enabling an account are audit events', async () => {
      const user = await t.createUser(clinic.id, 'client');
      await admin.patch(`/api/users/${user.id}/status`, { status: 'disabled' });
      await admin.patch(`/api/users/${user.id}/status`, { status: 'active' });
      const trail = await t.auditTrail(user.id);
      expect(trail.map((e) => e.action)).toEqual(['user.disabled', 'user.enabled']);
      expect(trail[0].actor_id).toBe(clinic.admin.id);
    });
  });
});
