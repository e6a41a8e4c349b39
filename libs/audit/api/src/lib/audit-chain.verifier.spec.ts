import { createHash } from 'node:crypto';
import { AuditKeys, SystemDb } from '@mend/shared/server';
import { auditChainHash, auditChainMac, sealValues } from './audit-chain';
import { AuditChainVerifier } from './audit-chain.verifier';
import type { ChainRow } from './audit-chain.verifier';

describe('auditChainHash (the unkeyed chain before KeyedAuditChain)', () => {
  const fields = [
    'ab12',
    'aaaaaaaa-0000-4000-8000-000000000001',
    'cccccccc-0000-4000-8000-000000000002',
    '7',
    null,
    'case.opened',
    'case',
    'eeeeeeee-0000-4000-8000-000000000003',
    '{"title": "Sam & Alex | ünï 😀"}',
    '10.0.0.1',
    '2026-11-02T10:00:00.123456',
  ];

  it('matches what audit_event_hash() computed in PostgreSQL for the same event', () => {
    // SELECT audit_event_hash('ab12', 'aaaaaaaa-…01', 'cccccccc-…02', 7, NULL, 'case.opened',
    //   'case', 'eeeeeeee-…03', '{"title": "Sam & Alex | ünï 😀"}', '10.0.0.1',
    //   '2026-11-02 10:00:00.123456+00')
    expect(auditChainHash(fields)).toBe(
      'ee55c5453e4ed7323aa45dba62d99066062fe25e9672ae58559e6acf03da1f15',
    );
  });

  it('changes when a separator moves from one value into its neighbour', () => {
    const a = auditChainHash(['x', 'case.opened|case', 'y']);
    const b = auditChainHash(['x', 'case.opened', 'case|y']);
    expect(a).not.toBe(b);
  });
});

const CLINIC = 'cccccccc-0000-4000-8000-000000000002';
const OLD_KEY = Buffer.alloc(32, 4);
const NEW_KEY = Buffer.alloc(32, 5);

function event(n: number, details = `{"i": ${n}}`): ChainRow {
  return {
    seq: String(n),
    id: `aaaaaaaa-0000-4000-8000-${String(n).padStart(12, '0')}`,
    clinic_id: CLINIC,
    position: String(n),
    actor_id: null,
    action: 'test.event',
    entity_type: 'test',
    entity_id: 'eeeeeeee-0000-4000-8000-000000000003',
    details,
    ip: null,
    at: '2026-11-02T10:00:00.123456',
    prev_hash: '',
    hash: '',
    key_id: null,
  };
}

const legacy = (r: ChainRow) =>
  auditChainHash([
    r.prev_hash,
    r.id,
    r.clinic_id,
    r.position,
    r.actor_id,
    r.action,
    r.entity_type,
    r.entity_id,
    r.details,
    r.ip,
    r.at,
  ]);

const fieldsOf = (r: ChainRow, keyId: string) =>
  sealValues({
    keyId,
    prevHash: r.prev_hash,
    id: r.id,
    clinicId: r.clinic_id,
    position: r.position,
    actorId: r.actor_id,
    action: r.action,
    entityType: r.entity_type,
    entityId: r.entity_id,
    details: r.details,
    ip: r.ip,
    at: r.at,
  });

/** Chains rows from `from` on: `seal` gives each its key id and hash. */
function chain(
  rows: ChainRow[],
  seal: (r: ChainRow) => { key_id: string | null; hash: string },
  from = 0,
) {
  rows.forEach((r, i) => {
    if (i < from) return;
    r.prev_hash = i === 0 ? '' : rows[i - 1].hash;
    Object.assign(r, seal(r));
  });
  return rows;
}

const keyed = (keyId: string, key: Buffer) => (r: ChainRow) => ({
  key_id: keyId,
  hash: auditChainMac(key, fieldsOf(r, keyId)),
});
const unkeyed = (r: ChainRow) => ({ key_id: null, hash: legacy(r) });

function verifierOver(
  rows: ChainRow[],
  keys = new AuditKeys([
    { id: 'k2', key: NEW_KEY },
    { id: 'k1', key: OLD_KEY },
  ]),
) {
  const system = {
    query: async (_purpose: string, _sql: string, params: unknown[]) =>
      rows.filter((r) => BigInt(r.seq) > BigInt(params[1] as string)),
  } as unknown as SystemDb;
  return new AuditChainVerifier(system, keys);
}

describe('AuditChainVerifier with keys', () => {
  it('accepts unkeyed events from before the upgrade, then events of two keys (a rotation)', async () => {
    const rows = [1, 2, 3, 4, 5].map((n) => event(n));
    chain(rows, (r) =>
      Number(r.position) <= 2
        ? unkeyed(r)
        : Number(r.position) === 3
          ? keyed('k1', OLD_KEY)(r)
          : keyed('k2', NEW_KEY)(r),
    );
    expect(await verifierOver(rows).verifyClinic(CLINIC)).toEqual({
      clinicId: CLINIC,
      events: 5,
      ok: true,
    });
  });

  it('detects an altered event re-chained with a plain hash, as the table owner could', async () => {
    const rows = chain(
      [1, 2, 3, 4].map((n) => event(n)),
      keyed('k2', NEW_KEY),
    );
    rows[1].details = '{"i": 99}';
    // Rewritten as if it were all from before the upgrade: every hash recomputed, no key.
    chain(rows, unkeyed);
    const report = await verifierOver(rows).verifyClinic(CLINIC);
    expect(report).toMatchObject({ ok: false, problem: { kind: 'unsealed' } });
    // Or keeping the key ids, with SHA-256 (or any key but ours) in place of the HMAC.
    chain(rows, (r) => ({
      key_id: 'k2',
      hash: createHash('sha256').update(fieldsOf(r, 'k2').join('|')).digest('hex'),
    }));
    expect(await verifierOver(rows).verifyClinic(CLINIC)).toMatchObject({
      ok: false,
      problem: { kind: 'altered', id: rows[0].id },
    });
    chain(rows, keyed('k2', Buffer.alloc(32, 6)));
    expect((await verifierOver(rows).verifyClinic(CLINIC)).problem?.kind).toBe('altered');
  });

  it('refuses an unkeyed event after a keyed one, and a key it does not hold', async () => {
    const rows = chain(
      [1, 2, 3].map((n) => event(n)),
      keyed('k2', NEW_KEY),
    );
    chain(rows, unkeyed, 2);
    expect(await verifierOver(rows).verifyClinic(CLINIC)).toMatchObject({
      ok: false,
      problem: { kind: 'altered', id: rows[2].id, detail: expect.stringMatching(/unkeyed/) },
    });
    chain(rows, keyed('k2', NEW_KEY));
    const onlyOld = new AuditKeys([{ id: 'k1', key: OLD_KEY }]);
    expect(await verifierOver(rows, onlyOld).verifyClinic(CLINIC)).toMatchObject({
      ok: false,
      problem: { kind: 'altered', detail: expect.stringMatching(/AUDIT_KEYS does not hold/) },
    });
  });

  it('still finds a removed event by its position and link', async () => {
    const rows = chain(
      [1, 2, 3, 4].map((n) => event(n)),
      keyed('k2', NEW_KEY),
    );
    rows.splice(1, 1);
    expect(await verifierOver(rows).verifyClinic(CLINIC)).toMatchObject({
      events: 3,
      ok: false,
      problem: { kind: 'removed', id: rows[1].id },
    });
  });
});
