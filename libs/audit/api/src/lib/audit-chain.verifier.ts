import { Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { SystemDb } from '@mend/shared/server';

/** The first break found in a clinic's chain. */
export interface AuditChainProblem {
  /** altered: the row no longer matches its hash; removed: the row before it is missing. */
  kind: 'altered' | 'removed';
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

/**
 * Hex SHA-256 of the canonical text, as `audit_event_hash()` in the database computes it: each
 * value prefixed with its UTF-8 length, joined by `|`, nulls as ''.
 */
export function auditChainHash(values: (string | null)[]): string {
  const text = values.map((v) => `${Buffer.byteLength(v ?? '', 'utf8')}:${v ?? ''}`).join('|');
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

interface ChainRow {
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
}

const PAGE = 1000;

/**
 * Walks each clinic's events in seq order and recomputes every hash here, not in SQL, so a
 * tampered database function cannot vouch for itself. The database renders details and
 * created_at as text, so both sides hash the very same characters.
 */
@Injectable()
export class AuditChainVerifier {
  /** A check of the chain itself, also run by the `audit:verify` command: the system path. */
  constructor(private readonly system: SystemDb) {}

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
    let previous: Pick<ChainRow, 'seq' | 'position' | 'hash'> | undefined;
    for (;;) {
      const rows: ChainRow[] = await this.system.query(
        'audit chain check',
        `SELECT seq::text, id::text, clinic_id::text, position::text, actor_id::text, action,
                entity_type, entity_id::text, details::text, ip,
                to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US') AS at,
                prev_hash, hash
           FROM audit_events
          WHERE clinic_id = $1 AND seq > $2
          ORDER BY audit_events.seq -- the table's bigint, not the text column of the same name
          LIMIT ${PAGE}`,
        [clinicId, previous?.seq ?? '0'],
      );
      for (const row of rows) {
        events++;
        problem ??= check(row, previous);
        previous = row;
      }
      if (rows.length < PAGE) break;
    }
    return { clinicId, events, ok: !problem, ...(problem ? { problem } : {}) };
  }
}

function check(
  row: ChainRow,
  previous: Pick<ChainRow, 'seq' | 'position' | 'hash'> | undefined,
): AuditChainProblem | undefined {
  const at = { seq: row.seq, id: row.id, position: row.position };
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
  // Its own hash first: an edited row is 'altered' even if the edit touched position.
  if (hash !== row.hash) {
    return { kind: 'altered', ...at, detail: 'the event does not match its hash' };
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
