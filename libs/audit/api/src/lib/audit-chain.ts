import { createHash, createHmac } from 'node:crypto';

/** Each value prefixed with its UTF-8 length and joined by `|`, so none can shift into the next. */
function canonical(values: (string | null)[]): string {
  return values.map((v) => `${Buffer.byteLength(v ?? '', 'utf8')}:${v ?? ''}`).join('|');
}

/**
 * Hex SHA-256 of the canonical text: the unkeyed chain of the events written before migration
 * KeyedAuditChain, as its `audit_event_hash()` computed it. Verified, never written any more.
 */
export function auditChainHash(values: (string | null)[]): string {
  return createHash('sha256').update(canonical(values), 'utf8').digest('hex');
}

/**
 * Hex HMAC-SHA256 of the canonical text under an audit key: what seals an event today.
 * Without the key nobody can compute it, so an event changed in the database cannot be
 * re-chained to look intact.
 */
export function auditChainMac(key: Buffer, values: (string | null)[]): string {
  return createHmac('sha256', key).update(canonical(values), 'utf8').digest('hex');
}

/** The fields an event's seal covers, in order, as PostgreSQL renders them as text. */
export interface SealedFields {
  keyId: string;
  prevHash: string;
  id: string;
  clinicId: string;
  position: string;
  actorId: string | null;
  action: string;
  entityType: string;
  entityId: string;
  /** `details::text`: jsonb as PostgreSQL prints it. */
  details: string;
  ip: string | null;
  /** created_at in UTC, `YYYY-MM-DDTHH24:MI:SS.US`. */
  at: string;
}

export function sealValues(f: SealedFields): (string | null)[] {
  return [
    f.keyId,
    f.prevHash,
    f.id,
    f.clinicId,
    f.position,
    f.actorId,
    f.action,
    f.entityType,
    f.entityId,
    f.details,
    f.ip,
    f.at,
  ];
}
