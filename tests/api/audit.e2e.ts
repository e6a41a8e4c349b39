import { randomUUID } from 'node:crypto';
import { AuditChainVerifier, AuditService } from '@mend/audit/api';
import type { AuditPage, CaseDetail } from '@mend/shared/contracts';
import { Agent, bootApp, TestApp, TestClinic } from '../support/test-app';

interface Verified {
  events: number;
  ok: boolean;
  problem?: { kind: string; seq: string; id: string };
}

describe('audit events: append-only, hash-chained, browsable by admins', () => {
  let t: TestApp;
  let clinic: TestClinic;
  let other: TestClinic;
  let admin: Agent;
  let counselor: Agent;
  let client: Agent;
  let otherAdmin: Agent;
  let caseId: string;

  /** The clinic's events oldest first, with their chain columns. */
  const chain = (clinicId: string) =>
    t.dataSource.query<
      { seq: string; id: string; position: string; prev_hash: string; hash: string }[]
    >(
      `SELECT seq::text, id, position::text, prev_hash, hash FROM audit_events
        WHERE clinic_id = $1 ORDER BY audit_events.seq`,
      [clinicId],
    );

  /** Events written through the service, as every domain writes them. */
  const record = (clinicId: string, count: number) =>
    t.dataSource.transaction((manager) =>
      t.app.get(AuditService).record(
        manager,
        { id: null, clinicId },
        ...Array.from({ length: count }, (_, i) => ({
          action: 'test.event',
          entityType: 'test',
          entityId: randomUUID(),
          details: { i },
        })),
      ),
    );

  /** Tampering as a superuser would: with the triggers switched off for one transaction. */
  const behindTheTriggers = (sql: string, params: unknown[]) =>
    t.dataSource.transaction(async (manager) => {
      await manager.query(`SET LOCAL session_replication_role = replica`);
      await manager.query(sql, params);
    });

  beforeAll(async () => {
    t = await bootApp();
    clinic = await t.createClinic('Audit Clinic');
    other = await t.createClinic('Other Audit Clinic');
    admin = await t.signIn(clinic.admin);
    counselor = await t.signIn(clinic.counselor);
    client = await t.signIn(clinic.client);
    otherAdmin = await t.signIn(other.admin);
  });

  afterAll(() => t.close());

  describe('the hash chain', () => {
    it('links every event of a clinic to the previous one after real actions, and verifies', async () => {
      for (const role of ['counselor', 'client'] as const) {
        const sent = await admin.post('/api/users/invitations', {
          email: `${role}-${randomUUID().slice(0, 8)}@test.example`,
          displayName: `Invited ${role}`,
          role,
        });
        expect(sent.status).toBe(201);
      }
      const opened = await admin.post<CaseDetail>('/api/cases', {
        title: 'Audited couple',
        type: 'couple',
        startedOn: '2026-11-02',
        memberIds: [clinic.client.id, clinic.partner.id],
        primaryCounselorId: clinic.counselor.id,
      });
      expect(opened.status).toBe(201);
      caseId = opened.body.id;

      const rows = await chain(clinic.id);
      expect(rows.length).toBeGreaterThanOrEqual(6);
      rows.forEach((row, i) => {
        expect(row.position).toBe(String(i + 1));
        expect(row.prev_hash).toBe(i === 0 ? '' : rows[i - 1].hash);
        expect(row.hash).toMatch(/^[0-9a-f]{64}$/);
      });
      const verified = await admin.get<Verified>('/api/audit-events/verify');
      expect(verified.status).toBe(200);
      expect(verified.body).toEqual({ events: rows.length, ok: true });
    });

    it('refuses UPDATE, DELETE and TRUNCATE from the application’s own connection', async () => {
      const before = await chain(clinic.id);
      for (const sql of [
        `UPDATE audit_events SET details = '{}' WHERE clinic_id = '${clinic.id}'`,
        `DELETE FROM audit_events WHERE clinic_id = '${clinic.id}'`,
        `TRUNCATE audit_events`,
      ]) {
        await expect(t.dataSource.query(sql)).rejects.toThrow(/append-only/);
      }
      expect(await chain(clinic.id)).toEqual(before);
    });

    it('reports an event edited behind the triggers as altered, with its seq and id', async () => {
      const edited = await t.createClinic('Edited Clinic');
      await record(edited.id, 4);
      const victim = (await chain(edited.id))[1];
      await behindTheTriggers(`UPDATE audit_events SET details = '{"i": 99}' WHERE id = $1`, [
        victim.id,
      ]);
      const report = await t.app.get(AuditChainVerifier).verifyClinic(edited.id);
      expect(report).toMatchObject({
        events: 4,
        ok: false,
        problem: { kind: 'altered', seq: victim.seq, id: victim.id },
      });
      const editedAdmin = await t.signIn(edited.admin);
      expect((await editedAdmin.get<Verified>('/api/audit-events/verify')).body).toMatchObject({
        ok: false,
        problem: { kind: 'altered', id: victim.id },
      });
    });

    it('reports a removed middle event at the event after it', async () => {
      const pruned = await t.createClinic('Pruned Clinic');
      await record(pruned.id, 5);
      const rows = await chain(pruned.id);
      await behindTheTriggers(`DELETE FROM audit_events WHERE id = $1`, [rows[2].id]);
      const report = await t.app.get(AuditChainVerifier).verifyClinic(pruned.id);
      expect(report).toMatchObject({
        events: 4,
        ok: false,
        problem: { kind: 'removed', seq: rows[3].seq, id: rows[3].id },
      });
      // Other clinics' chains are their own: still intact.
      expect(await t.app.get(AuditChainVerifier).verifyClinic(clinic.id)).toMatchObject({
        ok: true,
      });
    });

    it('stays one valid chain when concurrent transactions write events for one clinic', async () => {
      const busy = await t.createClinic('Busy Clinic');
      const pause = () => new Promise((done) => setTimeout(done, 20));
      await Promise.all(
        Array.from({ length: 6 }, () =>
          t.dataSource.transaction(async (manager) => {
            const audit = t.app.get(AuditService);
            const event = { action: 'test.event', entityType: 'test', entityId: randomUUID() };
            await audit.record(manager, { id: null, clinicId: busy.id }, event);
            await pause();
            await audit.record(manager, { id: null, clinicId: busy.id }, event, event);
          }),
        ),
      );
      expect(await t.app.get(AuditChainVerifier).verifyClinic(busy.id)).toEqual({
        clinicId: busy.id,
        events: 18,
        ok: true,
      });
    });
  });

  describe('browsing (admins, their clinic only)', () => {
    it('lists the clinic’s events newest first, with actor, address and no chain internals', async () => {
      const reply = await admin.get<AuditPage>('/api/audit-events?pageSize=100');
      expect(reply.status).toBe(200);
      const rows = await chain(clinic.id);
      expect(reply.body.total).toBe(rows.length);
      expect(reply.body.items.map((e) => e.id)).toEqual(rows.map((r) => r.id).reverse());
      const opened = reply.body.items.find((e) => e.action === 'case.opened');
      expect(opened).toEqual({
        id: expect.any(String),
        at: expect.any(String),
        actor: { id: clinic.admin.id, displayName: 'Test admin', role: 'admin' },
        action: 'case.opened',
        entityType: 'case',
        entityId: caseId,
        details: expect.any(Object),
        ip: expect.any(String),
      });
    });

    it('filters by actor, action, record and day, and pages', async () => {
      const page = (query: string) => admin.get<AuditPage>(`/api/audit-events?${query}`);
      const byAction = await page('action=case.opened');
      expect(byAction.body.items.map((e) => e.entityId)).toEqual([caseId]);
      const byRecord = await page(`entityType=case&entityId=${caseId}`);
      expect(byRecord.body.total).toBe((await t.auditTrail(caseId)).length);
      expect(byRecord.body.items.every((e) => e.entityId === caseId)).toBe(true);
      const byActor = await page(`actorId=${clinic.admin.id}`);
      expect(byActor.body.total).toBeGreaterThan(0);
      expect(byActor.body.items.every((e) => e.actor?.id === clinic.admin.id)).toBe(true);

      const all = (await page('')).body.total;
      const day = (offset: number) =>
        new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
      expect((await page(`from=${day(0)}&to=${day(0)}`)).body.total).toBe(all);
      expect((await page(`from=${day(1)}`)).body.total).toBe(0);
      expect((await page(`to=${day(-1)}`)).body.total).toBe(0);

      const second = await page('page=2&pageSize=2');
      expect(second.body).toMatchObject({ page: 2, pageSize: 2, total: all });
      expect(second.body.items.map((e) => e.id)).toEqual(
        (await page('pageSize=4')).body.items.slice(2).map((e) => e.id),
      );
    });

    it('answers bad filters with 400 and each field’s reason', async () => {
      const reply = await admin.get<{ fields: { field: string; reasons: string[] }[] }>(
        '/api/audit-events?actorId=nope&from=2026-13-01&to=yesterday&pageSize=1000&colour=red',
      );
      expect(reply.status).toBe(400);
      expect(reply.body.fields.map((f) => f.field).sort()).toEqual([
        'actorId',
        'colour',
        'from',
        'pageSize',
        'to',
      ]);
      const backwards = await admin.get<{ fields: { field: string }[] }>(
        '/api/audit-events?from=2026-11-02&to=2026-11-01',
      );
      expect(backwards.status).toBe(400);
      expect(backwards.body.fields).toEqual([
        { field: 'to', reasons: ['to must not be before from.'] },
      ]);
    });

    it('refuses counselors and clients (403)', async () => {
      for (const agent of [counselor, client]) {
        expect((await agent.get('/api/audit-events')).status).toBe(403);
        expect((await agent.get('/api/audit-events/verify')).status).toBe(403);
      }
    });

    it('never shows one clinic’s events to another clinic’s admin', async () => {
      const ours = new Set((await chain(clinic.id)).map((r) => r.id));
      const theirs = await otherAdmin.get<AuditPage>('/api/audit-events?pageSize=100');
      expect(theirs.status).toBe(200);
      expect(theirs.body.items.filter((e) => ours.has(e.id))).toEqual([]);
      expect(
        (await otherAdmin.get<AuditPage>(`/api/audit-events?entityId=${caseId}`)).body.total,
      ).toBe(0);
      expect(
        (await otherAdmin.get<AuditPage>(`/api/audit-events?actorId=${clinic.admin.id}`)).body
          .total,
      ).toBe(0);
      expect((await otherAdmin.get<Verified>('/api/audit-events/verify')).body).toEqual({
        events: (await chain(other.id)).length,
        ok: true,
      });
    });
  });
});
