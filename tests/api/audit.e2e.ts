import { randomUUID } from 'node:crypto';
import { AuditChainSeal, AuditChainVerifier, AuditService } from '@mend/audit/api';
import type { AuditPage, CaseDetail } from '@mend/shared/contracts';
import {
  AuditKeys,
  ClinicDb,
  FieldEncryptionService,
  parseEncryptionKeys,
  SystemDb,
} from '@mend/shared/server';
import { statementsDuring } from '../support/statements';
import { Agent, bootApp, TEST_AUDIT_KEYS, TestApp, TestClinic } from '../support/test-app';

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

  /**
   * What the table's owner can do in SQL without the audit key: with the triggers off, change
   * an event, then recompute every hash of the clinic's chain with plain SHA-256 over the same
   * canonical text, either keeping each row's key id (`keyed`) or posing as events from before
   * the chain was keyed (key_id NULL, the old formula).
   */
  const rechainWithoutKey = (
    clinicId: string,
    mode: 'keyed' | 'unkeyed',
    change?: string,
    upToPosition = Number.MAX_SAFE_INTEGER,
  ) =>
    t.dataSource.transaction(async (manager) => {
      await manager.query(`SET LOCAL session_replication_role = replica`);
      if (change) await manager.query(change);
      await manager.query(`CREATE OR REPLACE FUNCTION pg_temp.plain_hash(f text[]) RETURNS text
        LANGUAGE sql AS $$
          SELECT encode(sha256(convert_to(string_agg(
            octet_length(convert_to(coalesce(v, ''), 'UTF8'))::text || ':' || coalesce(v, ''),
            '|' ORDER BY n), 'UTF8')), 'hex')
          FROM unnest(f) WITH ORDINALITY AS t(v, n) $$`);
      await manager.query(`DO $$
        DECLARE r record; prev text := '';
        BEGIN
          FOR r IN SELECT * FROM audit_events
                    WHERE clinic_id = '${clinicId}' AND position <= ${upToPosition} ORDER BY seq LOOP
            UPDATE audit_events SET prev_hash = prev,
                   key_id = ${mode === 'keyed' ? 'r.key_id' : 'NULL'},
                   hash = pg_temp.plain_hash(ARRAY[${mode === 'keyed' ? 'r.key_id, ' : ''}
                     prev, r.id::text, r.clinic_id::text, r.position::text, r.actor_id::text,
                     r.action, r.entity_type, r.entity_id::text, r.details::text, r.ip,
                     to_char(r.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US')])
             WHERE id = r.id RETURNING hash INTO prev;
          END LOOP;
        END $$`);
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

  describe('sealed with a key outside the database (AUDIT_KEYS)', () => {
    it('each event records the key it was sealed with; the database never computes the seal', async () => {
      const sealed = await t.createClinic('Sealed Clinic');
      await record(sealed.id, 2);
      const rows: { key_id: string; hash: string }[] = await t.dataSource.query(
        `SELECT key_id, hash FROM audit_events WHERE clinic_id = $1 ORDER BY seq`,
        [sealed.id],
      );
      expect(rows.map((r) => r.key_id)).toEqual(['testaudit1', 'testaudit1']);
      const [{ functions }] = await t.dataSource.query(
        `SELECT count(*)::int AS functions FROM pg_proc WHERE proname = 'audit_event_hash'`,
      );
      expect(functions).toBe(0);
    });

    it('refuses a row that does not arrive sealed as the next link of its clinic’s chain', async () => {
      const stray = await t.createClinic('Stray Clinic');
      await record(stray.id, 1);
      const insert = (position: number, prev: string, keyId: string | null) =>
        t.dataSource.query(
          `INSERT INTO audit_events (clinic_id, action, entity_type, entity_id, position, prev_hash, hash, key_id)
           VALUES ($1, 'test.stray', 'test', $2, $3, $4, $5, $6)`,
          [stray.id, randomUUID(), position, prev, 'a'.repeat(64), keyId],
        );
      const [head] = await chain(stray.id);
      await expect(insert(2, head.hash, null)).rejects.toThrow(/sealed/);
      await expect(insert(3, head.hash, 'testaudit1')).rejects.toThrow(/sealed/);
      await expect(insert(2, 'b'.repeat(64), 'testaudit1')).rejects.toThrow(/sealed/);
      expect(await chain(stray.id)).toHaveLength(1);
    });

    it('detects an event altered and re-chained without the key, as the table owner could', async () => {
      const forged = await t.createClinic('Forged Clinic');
      await record(forged.id, 4);
      const victim = (await chain(forged.id))[1];
      await rechainWithoutKey(
        forged.id,
        'keyed',
        `UPDATE audit_events SET details = '{"i": 99}' WHERE id = '${victim.id}'`,
      );
      // Every link matches the hash before it: a plain hash chain would say "intact".
      const rows = await chain(forged.id);
      rows.forEach((row, i) => expect(row.prev_hash).toBe(i === 0 ? '' : rows[i - 1].hash));
      const report = await t.app.get(AuditChainVerifier).verifyClinic(forged.id);
      expect(report).toMatchObject({
        events: 4,
        ok: false,
        problem: { kind: 'altered', id: rows[0].id },
      });
      const forgedAdmin = await t.signIn(forged.admin);
      expect((await forgedAdmin.get<Verified>('/api/audit-events/verify')).body).toMatchObject({
        ok: false,
        problem: { kind: 'altered' },
      });
    });

    it('detects a chain rewritten as if it came from before the key', async () => {
      const posing = await t.createClinic('Posing Clinic');
      await record(posing.id, 3);
      const [, second] = await chain(posing.id);
      await rechainWithoutKey(
        posing.id,
        'unkeyed',
        `UPDATE audit_events SET details = '{"i": 42}' WHERE id = '${second.id}'`,
      );
      const report = await t.app.get(AuditChainVerifier).verifyClinic(posing.id);
      expect(report).toMatchObject({ ok: false, problem: { kind: 'unsealed' } });
      // Only the events after the change rewritten: the unkeyed one after a keyed one shows.
      const partly = await t.createClinic('Partly Clinic');
      await record(partly.id, 3);
      const rows = await chain(partly.id);
      await t.dataSource.transaction(async (manager) => {
        await manager.query(`SET LOCAL session_replication_role = replica`);
        await manager.query(`UPDATE audit_events SET key_id = NULL WHERE id = $1`, [rows[2].id]);
      });
      expect(await t.app.get(AuditChainVerifier).verifyClinic(partly.id)).toMatchObject({
        ok: false,
        problem: { kind: 'altered', id: rows[2].id },
      });
    });

    it('seals at start a chain written before the key, which then protects the old events too', async () => {
      const old = await t.createClinic('Old Clinic');
      await record(old.id, 3);
      // As the database looked before the upgrade: unkeyed SHA-256 links.
      await rechainWithoutKey(old.id, 'unkeyed');
      expect(await t.app.get(AuditChainVerifier).verifyClinic(old.id)).toMatchObject({
        ok: false,
        problem: { kind: 'unsealed' },
      });
      const seal = t.app.get(AuditChainSeal, { strict: false });
      expect(await seal.sealUnkeyed()).toContain(old.id);
      expect(await seal.sealUnkeyed()).not.toContain(old.id);
      expect(await t.app.get(AuditChainVerifier).verifyClinic(old.id)).toEqual({
        clinicId: old.id,
        events: 4,
        ok: true,
      });
      expect((await t.auditTrail(old.id)).map((e) => e.action)).toEqual(['audit.chain_keyed']);
      // An old event changed and the old part re-chained: the keyed seal no longer fits it.
      const [first, , , sealEvent] = await chain(old.id);
      await rechainWithoutKey(
        old.id,
        'unkeyed',
        `UPDATE audit_events SET details = '{"i": 7}' WHERE id = '${first.id}'`,
        3,
      );
      expect(await t.app.get(AuditChainVerifier).verifyClinic(old.id)).toMatchObject({
        ok: false,
        problem: { id: sealEvent.id },
      });
    });

    it('rotates: a new key in front seals new events, old events verify with the key they name', async () => {
      const rotating = await t.createClinic('Rotating Clinic');
      await record(rotating.id, 2);
      // AUDIT_KEYS after a rotation: the new key first, the old one kept to verify.
      const rotated = new AuditKeys([
        { id: 'testaudit2', key: Buffer.alloc(32, 12) },
        ...parseEncryptionKeys(TEST_AUDIT_KEYS),
      ]);
      const audit = new AuditService(
        t.app.get(ClinicDb),
        rotated,
        t.app.get(FieldEncryptionService),
      );
      await t.dataSource.transaction((manager) =>
        audit.record(
          manager,
          { id: null, clinicId: rotating.id },
          {
            action: 'test.event',
            entityType: 'test',
            entityId: randomUUID(),
          },
        ),
      );
      const keys: { key_id: string }[] = await t.dataSource.query(
        `SELECT key_id FROM audit_events WHERE clinic_id = $1 ORDER BY seq`,
        [rotating.id],
      );
      expect(keys.map((k) => k.key_id)).toEqual(['testaudit1', 'testaudit1', 'testaudit2']);
      const system = t.app.get(SystemDb);
      expect(await new AuditChainVerifier(system, rotated).verifyClinic(rotating.id)).toEqual({
        clinicId: rotating.id,
        events: 3,
        ok: true,
      });
      // Without the new key, its events cannot be vouched for.
      expect(await t.app.get(AuditChainVerifier).verifyClinic(rotating.id)).toMatchObject({
        ok: false,
        problem: { kind: 'altered', detail: expect.stringMatching(/testaudit2/) },
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
        entityName: 'Audited couple',
        details: expect.any(Object),
        detailNames: {},
        ip: expect.any(String),
      });
    });

    it('names the case, the people and the records the details point to, in one query', async () => {
      const { result: reply, statements } = await statementsDuring(() =>
        admin.get<AuditPage>('/api/audit-events?pageSize=100'),
      );
      // (The process's background mail sweep may read its recipients meanwhile: not the page's.)
      const naming = statements.filter(
        (sql) => /\bFROM (users|cases)\b/.test(sql) && !/mail_sender_name/.test(sql),
      );
      // However many events the page holds: one query for every name on it (no N+1).
      expect(reply.body.items.length).toBeGreaterThan(8);
      expect(naming).toHaveLength(1);

      const items = reply.body.items;
      const added = items.filter((e) => e.action === 'case.member_added');
      expect(added.map((e) => [e.entityName, e.detailNames])).toEqual([
        ['Audited couple', { userId: 'Test client' }],
        ['Audited couple', { userId: 'Test client' }],
      ]);
      const invited = items.filter((e) => e.action === 'user.invited');
      expect(invited.map((e) => e.entityName).sort()).toEqual([
        'Invited client',
        'Invited counselor',
      ]);
      expect(invited.every((e) => e.actor?.displayName === 'Test admin')).toBe(true);
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

  describe('names in the trail', () => {
    it('falls back to no name for a record that is gone, of another clinic, or of no named kind', async () => {
      const theirs = await otherAdmin.post<CaseDetail>('/api/cases', {
        title: 'Other clinic couple',
        type: 'couple',
        startedOn: '2026-11-02',
        memberIds: [other.client.id, other.partner.id],
        primaryCounselorId: other.counselor.id,
      });
      expect(theirs.status).toBe(201);
      // Events of this clinic that point at records it cannot see (written as a domain would).
      await t.dataSource.transaction((manager) =>
        t.app.get(AuditService).record(
          manager,
          { id: other.admin.id, clinicId: clinic.id },
          {
            action: 'test.named',
            entityType: 'case',
            entityId: randomUUID(),
            details: { caseId: theirs.body.id, userId: other.client.id, authorId: 'not-an-id' },
          },
          { action: 'test.named', entityType: 'user', entityId: other.client.id },
          { action: 'test.named', entityType: 'test', entityId: randomUUID(), details: { caseId } },
        ),
      );
      const named = await admin.get<AuditPage>('/api/audit-events?action=test.named');
      expect(named.status).toBe(200);
      expect(
        named.body.items.map((e) => ({
          actor: e.actor,
          entityName: e.entityName,
          detailNames: e.detailNames,
        })),
      ).toEqual([
        { actor: null, entityName: null, detailNames: { caseId: 'Audited couple' } },
        { actor: null, entityName: null, detailNames: {} },
        { actor: null, entityName: null, detailNames: {} },
      ]);
      // The other clinic's admin names their own case, and never sees these events.
      const own = await otherAdmin.get<AuditPage>('/api/audit-events?action=case.opened');
      expect(own.body.items.map((e) => e.entityName)).toEqual(['Other clinic couple']);
      expect(
        (await otherAdmin.get<AuditPage>('/api/audit-events?action=test.named')).body.total,
      ).toBe(0);
    });
  });

  describe('free text in the trail', () => {
    it('is encrypted at rest and read back by the clinic’s admin', async () => {
      const second = await t.createUser(clinic.id, 'counselor');
      const reason = 'MARKER Maya is on leave after a disclosure';
      const moved = await admin.put(`/api/cases/${caseId}/counselors`, {
        primaryCounselorId: second.id,
        coCounselorIds: [clinic.counselor.id],
        reason,
      });
      expect(moved.status).toBe(200);
      const renamed = await admin.patch(`/api/users/${clinic.partner.id}`, {
        displayName: 'MARKER Alex Rivera',
      });
      expect(renamed.status).toBe(200);
      const retitled = await admin.get<CaseDetail>(`/api/cases/${caseId}`);
      const edited = await admin.patch(`/api/cases/${caseId}`, {
        title: 'MARKER Rivera family',
        version: retitled.body.version,
      });
      expect(edited.status).toBe(200);

      const [{ plain }] = await t.dataSource.query(
        `SELECT count(*)::int AS plain FROM audit_events WHERE details::text LIKE '%MARKER%'`,
      );
      expect(plain).toBe(0);
      const page = async (action: string) =>
        (await admin.get<AuditPage>(`/api/audit-events?action=${action}`)).body.items[0].details;
      expect(await page('case.counselors_assigned')).toMatchObject({
        reason,
        after: { primary: second.id },
      });
      expect(await page('user.renamed')).toEqual({
        from: 'Test client',
        to: 'MARKER Alex Rivera',
      });
      expect(await page('case.updated')).toEqual({
        title: { from: 'Audited couple', to: 'MARKER Rivera family' },
      });
      // Still one intact chain: the ciphertext is what the seal covers.
      expect((await admin.get<Verified>('/api/audit-events/verify')).body.ok).toBe(true);
    });
  });
});
