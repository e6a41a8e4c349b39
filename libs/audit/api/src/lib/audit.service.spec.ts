import type { EntityManager } from 'typeorm';
import {
  AuditKeys,
  ClinicDb,
  encryptionContext,
  FieldEncryptionService,
} from '@mend/shared/server';
import { auditChainMac, sealValues } from './audit-chain';
import { AuditEvent } from './audit-event.entity';
import { AuditService } from './audit.service';

const KEY = Buffer.alloc(32, 9);
const keys = new AuditKeys([{ id: 'a1', key: KEY }]);
const encryption = new FieldEncryptionService([{ id: 'e1', key: Buffer.alloc(32, 3) }]);

/** The order of the insert's column arrays, as properties of the event. */
const INSERTED = [
  'id',
  'clinicId',
  'actorId',
  'ip',
  'action',
  'entityType',
  'entityId',
  'details',
  'position',
  'prevHash',
  'hash',
  'keyId',
] as const;

/**
 * A transaction whose head query answers like mend_audit_head and PostgreSQL's rendering; the
 * events inserted (one array a column) are read back as rows by `inserted`.
 */
function fakeTransaction(head = { position: '7', hash: 'f'.repeat(64) }) {
  const insert = jest.fn();
  const query = jest.fn(async (sql: string, params: unknown[]) => {
    if (sql.startsWith('INSERT INTO audit_events')) {
      insert(sql, params);
      return [];
    }
    return [
      {
        ...head,
        at: '2026-11-02T10:00:00.123456',
        clinic: params[0],
        actor: params[1],
        entities: params[2],
        // PostgreSQL prints jsonb with a space after ':' and ','.
        details: (params[3] as string[]).map((d) => JSON.stringify(JSON.parse(d), null, 1)),
      },
    ];
  });
  const manager = { queryRunner: { isTransactionActive: true }, query, insert };
  const inserted = (call = 0): AuditEvent[] => {
    const columns = insert.mock.calls[call][1] as unknown[][];
    return columns[0].map((_, row) => {
      const event = Object.fromEntries(INSERTED.map((key, i) => [key, columns[i][row]]));
      return { ...event, details: JSON.parse(event['details'] as string) } as AuditEvent;
    });
  };
  return { manager: manager as unknown as EntityManager, insert, query, inserted };
}

describe('AuditService.record', () => {
  const service = new AuditService({} as ClinicDb, keys, encryption);

  it('seals each event with the current audit key onto the clinic’s head, in the caller’s transaction', async () => {
    const { manager, query, inserted } = fakeTransaction();
    await service.record(
      manager,
      { id: 'aaaaaaaa-0000-4000-8000-000000000001', clinicId: 'c', ip: '10.0.0.1' },
      {
        action: 'case.opened',
        entityType: 'case',
        entityId: 'eeeeeeee-0000-4000-8000-000000000001',
        details: { type: 'couple' },
      },
      {
        action: 'case.member_added',
        entityType: 'case',
        entityId: 'eeeeeeee-0000-4000-8000-000000000001',
      },
    );
    // The head, then every event in one statement.
    expect(query).toHaveBeenCalledTimes(2);
    expect(query.mock.calls[0][0]).toContain('mend_audit_head');
    const rows = inserted();
    expect(rows).toHaveLength(2);
    const [first, second] = rows;
    expect(first).toMatchObject({
      clinicId: 'c',
      actorId: 'aaaaaaaa-0000-4000-8000-000000000001',
      ip: '10.0.0.1',
      action: 'case.opened',
      details: { type: 'couple' },
      position: '8',
      prevHash: 'f'.repeat(64),
      keyId: 'a1',
    });
    expect(second).toMatchObject({ position: '9', prevHash: first.hash, details: {}, keyId: 'a1' });
    // The seal is the HMAC of what PostgreSQL will store, under the key.
    expect(first.hash).toBe(
      auditChainMac(
        KEY,
        sealValues({
          keyId: 'a1',
          prevHash: 'f'.repeat(64),
          id: first.id,
          clinicId: 'c',
          position: '8',
          actorId: 'aaaaaaaa-0000-4000-8000-000000000001',
          action: 'case.opened',
          entityType: 'case',
          entityId: 'eeeeeeee-0000-4000-8000-000000000001',
          details: JSON.stringify({ type: 'couple' }, null, 1),
          ip: '10.0.0.1',
          at: '2026-11-02T10:00:00.123456',
        }),
      ),
    );
    expect(first.hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('starts a clinic’s chain at position 1 after an empty prev_hash', async () => {
    const { manager, inserted } = fakeTransaction({ position: '0', hash: '' });
    await service.record(
      manager,
      { id: null, clinicId: 'c' },
      {
        action: 'x.y',
        entityType: 'x',
        entityId: 'e',
      },
    );
    expect(inserted()[0]).toMatchObject({ position: '1', prevHash: '', ip: null });
  });

  it('encrypts free text bound to the event, and gives it back when read', async () => {
    const { manager, inserted } = fakeTransaction();
    await service.record(
      manager,
      { id: null, clinicId: 'c' },
      {
        action: 'case.counselors_assigned',
        entityType: 'case',
        entityId: 'e',
        details: { after: { primary: 'u1' } },
        text: { reason: 'Maya is on leave after the affair came out' },
      },
    );
    const [row] = inserted();
    expect(JSON.stringify(row.details)).not.toContain('affair');
    expect(row.details).toEqual({ after: { primary: 'u1' }, text_enc: expect.any(String) });
    expect(service.readable(row)).toEqual({
      after: { primary: 'u1' },
      reason: 'Maya is on leave after the affair came out',
    });
    // Moved to another event, it cannot be read.
    expect(service.readable({ id: 'other', details: row.details })).toEqual({
      after: { primary: 'u1' },
      textUnreadable: true,
    });
    expect(
      encryption.decrypt(
        row.details['text_enc'] as string,
        encryptionContext('audit_events', 'details', row.id),
      ),
    ).toContain('affair');
  });

  it('opens its own transaction when called outside one, and writes nothing for no events', async () => {
    const { manager: inner, insert } = fakeTransaction();
    const transaction = jest.fn((work: (tx: EntityManager) => Promise<void>) => work(inner));
    const outside = { queryRunner: undefined, transaction } as unknown as EntityManager;
    await service.record(outside, { id: null, clinicId: 'c' });
    expect(transaction).not.toHaveBeenCalled();
    await service.record(
      outside,
      { id: null, clinicId: 'c' },
      {
        action: 'x.y',
        entityType: 'x',
        entityId: 'e',
      },
    );
    expect(transaction).toHaveBeenCalledTimes(1);
    expect(insert).toHaveBeenCalledTimes(1);
  });
});
