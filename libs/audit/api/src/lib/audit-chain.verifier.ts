import { Injectable } from '@nestjs/common';
import { AuditKeys, SystemDb } from '@mend/shared/server';
import { auditChainHash, auditChainMac, sealValues } from './audit-chain';

/** The first break found in a clinic's chain. */
export interface AuditChainProblem {
  /**
   * altered: the row no longer matches its seal (or was re-chained without the audit key);
   * removed: the row before it is missing; unsealed: the chain ends in unkeyed events, which
   * only events written before the chain was keyed may be (the portal seals them at start).
   */
  kind: 'altered' | 'removed' | 'unsealed';
  seq: string;
  id: string;
  position: string;
  detail: string;
}

export interface AuditChainReport {
  clinicId: string;
  /** Events checked (all of the clinic's). */
  events: number;
  ok: boolean;
  problem?: AuditChainProblem;
}

/** An audit event as the verifier reads it (text columns, as PostgreSQL prints them). */
export interface ChainRow {
  seq: string;
  id: string;
  clinic_id: string;
  position: string;
  actor_id: string | null;
  action: string;
  entity_type: string;
  entity_id: string;
  details: string;
  ip: string | null;
  at: string;
  prev_hash: string;
  hash: string;
  key_id: string | null;
}

type Previous = Pick<ChainRow, 'seq' | 'id' | 'position' | 'hash' | 'key_id'>;

const PAGE = 1000;

/**
 * Walks each clinic's events in seq order and recomputes every seal here, with the audit keys
 * the database never sees: whoever can write the table (even its owner, with the triggers
 * off) can change an event and recompute a plain hash chain, but cannot forge the HMAC of an
 * event or of any event after it. The database renders details and created_at as text, so
 * both sides seal the very same characters.
 *
 * What a chain cannot show on its own: the newest events cut off the end. Keep the clinic's
 * event count or last hash somewhere else (e.g. from a scheduled `audit:verify`) to see that.
 */
@Injectable()
export class AuditChainVerifier {
  /** A check of the chain itself, also run by the `audit:verify` command: the system path. */
  constructor(
    private readonly system: SystemDb,
    private readonly keys: AuditKeys,
  ) {}

  async verifyAll(): Promise<AuditChainReport[]> {
    const clinics: { clinic_id: string }[] = await this.system.query(
      'audit chain check',
      `SELECT DISTINCT clinic_id FROM audit_events ORDER BY clinic_id`,
    );
    const reports: AuditChainReport[] = [];
    for (const { clinic_id } of clinics) reports.push(await this.verifyClinic(clinic_id));
    return reports;
  }

  async verifyClinic(clinicId: string): Promise<AuditChainReport> {
    let events = 0;
    let problem: AuditChainProblem | undefined;
    let previous: Previous | undefined;
    for (;;) {
      const rows: ChainRow[] = await this.system.query(
        'audit chain check',
        `SELECT seq::text, id::text, clinic_id::text, position::text, actor_id::text, action,
                entity_type, entity_id::text, details::text, ip,
                to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US') AS at,
                prev_hash, hash, key_id
           FROM audit_events
          WHERE clinic_id = $1 AND seq > $2
          ORDER BY audit_events.seq -- the table's bigint, not the text column of the same name
          LIMIT ${PAGE}`,
        [clinicId, previous?.seq ?? '0'],
      );
      for (const row of rows) {
        events++;
        problem ??= this.check(row, previous);
        previous = row;
      }
      if (rows.length < PAGE) break;
    }
    if (!problem && previous && previous.key_id === null) {
      problem = {
        kind: 'unsealed',
        seq: previous.seq,
        id: previous.id,
        position: previous.position,
        detail:
          'the newest events are not sealed with an audit key: the portal seals a chain from before the upgrade when it starts; otherwise they were rewritten',
      };
    }
    return { clinicId, events, ok: !problem, ...(problem ? { problem } : {}) };
  }

  private check(row: ChainRow, previous: Previous | undefined): AuditChainProblem | undefined {
    const at = { seq: row.seq, id: row.id, position: row.position };
    const altered = (detail: string): AuditChainProblem => ({ kind: 'altered', ...at, detail });
    // Its own seal first: an edited row is 'altered' even if the edit touched position.
    if (row.key_id === null) {
      // Unkeyed events are only those from before the chain was keyed: never after a keyed one.
      if (previous && previous.key_id !== null) {
        return altered(
          'an unkeyed event after keyed ones: the chain was rewritten without the key',
        );
      }
      const hash = auditChainHash([
        row.prev_hash,
        row.id,
        row.clinic_id,
        row.position,
        row.actor_id,
        row.action,
        row.entity_type,
        row.entity_id,
        row.details,
        row.ip,
        row.at,
      ]);
      if (hash !== row.hash) return altered('the event does not match its hash');
    } else {
      const key = this.keys.key(row.key_id);
      if (!key) {
        return altered(
          `sealed with audit key "${row.key_id}", which AUDIT_KEYS does not hold (add it back to verify)`,
        );
      }
      const mac = auditChainMac(
        key,
        sealValues({
          keyId: row.key_id,
          prevHash: row.prev_hash,
          id: row.id,
          clinicId: row.clinic_id,
          position: row.position,
          actorId: row.actor_id,
          action: row.action,
          entityType: row.entity_type,
          entityId: row.entity_id,
          details: row.details,
          ip: row.ip,
          at: row.at,
        }),
      );
      if (mac !== row.hash) return altered('the event does not match its seal');
    }
    const expected = previous ? BigInt(previous.position) + 1n : 1n;
    if (BigInt(row.position) !== expected) {
      return {
        kind: 'removed',
        ...at,
        detail: `position ${row.position} where ${expected} was due: events before it were removed`,
      };
    }
    if (row.prev_hash !== (previous?.hash ?? '')) {
      return {
        kind: 'removed',
        ...at,
        detail: previous
          ? `prev_hash does not match the hash of the event at seq ${previous.seq}: an event was removed or rewritten`
          : 'the first event has a prev_hash: earlier events were removed',
      };
    }
    return undefined;
  }
}
