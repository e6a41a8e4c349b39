import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import type { AuditQueryParams } from '@mend/shared/contracts';
import {
  AuditKeys,
  ClinicDb,
  DbCaller,
  DecryptionError,
  encryptionContext,
  FieldEncryptionService,
  fieldError,
} from '@mend/shared/server';
import { auditChainMac, sealValues } from './audit-chain';
import { AuditEvent } from './audit-event.entity';

export interface AuditActor {
  /** null when a command (not a person) made the change. */
  id: string | null;
  clinicId: string;
  ip?: string;
}

export interface AuditRecord {
  action: string;
  entityType: string;
  entityId: string;
  /** Metadata (ids, states, counts): stored as it is, so it can be filtered on. */
  details?: Record<string, unknown>;
  /**
   * Free text a person typed or chose (a reason, a title, a name), merged into the details
   * when the trail is read, encrypted at rest in `details.text_enc`. Only what the clinic's
   * admins may read: they read the audit trail. Never clinical text at all (answers, notes).
   */
  text?: Record<string, unknown>;
}

/** Where an event's free text is kept, encrypted, within its details. */
export const AUDIT_TEXT_KEY = 'text_enc';

/** Filters of an audit page; all optional, combined with AND. */
export type AuditFilter = AuditQueryParams & { page: number; pageSize: number };

/** A further condition on the events `e`, in TypeORM's `:name` parameter style. */
export interface AuditScope {
  sql: string;
  params: Record<string, unknown>;
}

/** What the database says of the clinic's chain head, and the new events as it renders them. */
interface ChainHead {
  position: string;
  hash: string;
  at: string;
  clinic: string;
  actor: string | null;
  entities: string[];
  details: string[];
}

/**
 * The events' rows, one array a column, so one statement text serves any number of events
 * (prepared once). Ordered as listed: the chain trigger checks each row as the next link.
 */
const INSERT_EVENTS = `INSERT INTO audit_events (id, clinic_id, actor_id, ip, action, entity_type,
    entity_id, details, position, prev_hash, hash, key_id)
  SELECT id, clinic_id, actor_id, ip, action, entity_type, entity_id, details, position,
         prev_hash, hash, key_id
    FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::text[], $5::text[], $6::text[],
                $7::uuid[], $8::jsonb[], $9::bigint[], $10::text[], $11::text[], $12::text[])
         WITH ORDINALITY AS e(id, clinic_id, actor_id, ip, action, entity_type, entity_id,
                              details, position, prev_hash, hash, key_id, n)
   ORDER BY n`;

@Injectable()
export class AuditService {
  constructor(
    private readonly db: ClinicDb,
    private readonly keys: AuditKeys,
    private readonly encryption: FieldEncryptionService,
  ) {}

  /**
   * Appends events in the caller's transaction, so a change and its audit trail are written
   * together or not at all. The clinic's audit lock is taken here and held until commit: call
   * this after the transaction's other writes, so no lock is waited for while holding it.
   *
   * The seal is computed here, not by a trigger: it is an HMAC under AUDIT_KEYS, and the key
   * must never reach the database (a key passed in a setting or a statement would be readable
   * by the very table owner the chain guards against, in its logs, functions or activity
   * view). The database still owns the order: `mend_audit_head` takes the lock and reads the
   * head in a fresh snapshot, and the insert trigger refuses a row that is not the head's next
   * link, so two writers cannot fork the chain.
   */
  async record(manager: EntityManager, actor: AuditActor, ...events: AuditRecord[]): Promise<void> {
    if (events.length === 0) return;
    // The lock, the head and the rows must share one transaction.
    if (!manager.queryRunner?.isTransactionActive) {
      return manager.transaction((tx) => this.record(tx, actor, ...events));
    }
    const ids = events.map(() => randomUUID());
    const details = events.map((event, i) => this.detailsOf(ids[i], event));
    // The values as PostgreSQL will store and print them (jsonb, uuid, created_at = now()).
    const [head]: ChainHead[] = await manager.query(
      `SELECT h.head_position::text AS position, h.head_hash AS hash, h.head_at AS at,
              $1::uuid::text AS clinic,
              $2::uuid::text AS actor,
              ARRAY(SELECT e::uuid::text FROM unnest($3::text[]) WITH ORDINALITY AS t(e, n)
                     ORDER BY n) AS entities,
              ARRAY(SELECT d::jsonb::text FROM unnest($4::text[]) WITH ORDINALITY AS t(d, n)
                     ORDER BY n) AS details
         FROM mend_audit_head($1::uuid) AS h`,
      [
        actor.clinicId,
        actor.id,
        events.map((e) => e.entityId),
        details.map((d) => JSON.stringify(d)),
      ],
    );
    const key = this.keys.current;
    let position = BigInt(head.position);
    let prevHash = head.hash;
    const links = events.map((event, i) => {
      position += 1n;
      const hash = auditChainMac(
        key.key,
        sealValues({
          keyId: key.id,
          prevHash,
          id: ids[i],
          clinicId: head.clinic,
          position: position.toString(),
          actorId: head.actor,
          action: event.action,
          entityType: event.entityType,
          entityId: head.entities[i],
          details: head.details[i],
          ip: actor.ip ?? null,
          at: head.at,
        }),
      );
      const link = prevHash;
      prevHash = hash;
      return { position: position.toString(), link, hash };
    });
    // created_at is left to its default, now(): the transaction's start, as sealed above. A
    // plain statement rather than the entity manager's insert: it runs under the clinic's
    // audit lock, on every audited write.
    await manager.query(INSERT_EVENTS, [
      ids,
      events.map(() => actor.clinicId),
      events.map(() => actor.id),
      events.map(() => actor.ip ?? null),
      events.map((e) => e.action),
      events.map((e) => e.entityType),
      events.map((e) => e.entityId),
      details.map((d) => JSON.stringify(d)),
      links.map((l) => l.position),
      links.map((l) => l.link),
      links.map((l) => l.hash),
      events.map(() => key.id),
    ]);
  }

  /**
   * An event's details as people read them: its free text decrypted and merged back in. A
   * value under an encryption key that was since removed reads as `textUnreadable` (the trail
   * is append-only, so its text is never re-encrypted: keep retired keys while it is kept).
   */
  readable(event: Pick<AuditEvent, 'id' | 'details'>): Record<string, unknown> {
    const { [AUDIT_TEXT_KEY]: sealed, ...details } = event.details ?? {};
    if (typeof sealed !== 'string') return details;
    try {
      const text = this.encryption.decrypt(sealed, auditTextContext(event.id));
      return { ...details, ...(JSON.parse(text) as Record<string, unknown>) };
    } catch (error) {
      if (error instanceof DecryptionError) return { ...details, textUnreadable: true };
      throw error;
    }
  }

  /**
   * A page of the caller's clinic's events, newest first, filtered; metadata only, without
   * names (the audit trail feature adds them, and opens the free text with `readable`). The
   * admin's audit browser, a case's history and a case's note access all read through here.
   */
  async page(
    caller: DbCaller,
    query: AuditFilter,
    scope?: AuditScope,
  ): Promise<{ events: AuditEvent[]; total: number }> {
    if (query.from && query.to && query.from > query.to) {
      throw fieldError('to', 'to must not be before from.');
    }
    return this.db.run(caller, async (tx) => {
      const filtered = () => {
        const qb = tx
          .getRepository(AuditEvent)
          .createQueryBuilder('e')
          .where('e.clinicId = :clinicId', { clinicId: caller.clinicId });
        if (scope) qb.andWhere(scope.sql, scope.params);
        for (const key of ['actorId', 'action', 'entityType', 'entityId'] as const) {
          if (query[key]) qb.andWhere(`e.${key} = :${key}`, { [key]: query[key] });
        }
        // Whole days in UTC: [from 00:00, the day after `to` 00:00).
        const day = (date: string, plus = 0) => new Date(Date.parse(`${date}T00:00:00Z`) + plus);
        if (query.from) qb.andWhere('e.createdAt >= :from', { from: day(query.from) });
        if (query.to) qb.andWhere('e.createdAt < :until', { until: day(query.to, 86_400_000) });
        return qb;
      };
      const events = await filtered()
        .orderBy('e.seq', 'DESC')
        .offset((query.page - 1) * query.pageSize)
        .limit(query.pageSize)
        .getMany();
      // COUNT(*), not TypeORM's COUNT(DISTINCT id): an index-only scan, 5x faster at 100k events.
      const counted = await filtered()
        .select('COUNT(*)::int', 'total')
        .getRawOne<{ total: number }>();
      return { events, total: counted?.total ?? 0 };
    });
  }

  /**
   * The details to store: the metadata as given, the free text encrypted and bound to the
   * event's id (so it cannot be moved to another event). Nothing here is queried by its text;
   * filters use ids and actions, which stay plain.
   */
  private detailsOf(id: string, event: AuditRecord): Record<string, unknown> {
    const details = { ...(event.details ?? {}) };
    if (event.text && Object.keys(event.text).length > 0) {
      details[AUDIT_TEXT_KEY] = this.encryption.encrypt(
        JSON.stringify(event.text),
        auditTextContext(id),
      );
    }
    return details;
  }
}

function auditTextContext(id: string): string {
  return encryptionContext('audit_events', 'details', id);
}
