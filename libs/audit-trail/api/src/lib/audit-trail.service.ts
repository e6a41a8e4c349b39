import { Injectable } from '@nestjs/common';
import { AuditEvent, AuditFilter, AuditScope, AuditService } from '@mend/audit/api';
import { PEOPLE_RECORD_NAMES } from '@mend/auth/api';
import type { AuditPage, Role } from '@mend/shared/contracts';
import { ClinicDb, type DbCaller } from '@mend/shared/server';
import { DETAIL_REFERENCES, RecordNames, UUID } from './record-names';

interface NameRow {
  type: string;
  id: string;
  name: string;
  role: string | null;
}

/** A record's name (and a person's role), by `type:id`. */
type Names = Map<string, { name: string; role: string | null }>;

const key = (type: string, id: string) => `${type}:${id.toLowerCase()}`;

/**
 * The audit trail as people read it: a page of events with the names of who acted, of the
 * record each event is about, and of the records its details point to. The admin's browser, a
 * case's history and a case's note access all come through here.
 */
@Injectable()
export class AuditTrailService {
  private readonly sources = new Map<string, RecordNames>();

  constructor(
    private readonly audit: AuditService,
    private readonly db: ClinicDb,
  ) {
    for (const source of PEOPLE_RECORD_NAMES) this.nameRecords(source);
  }

  /** Lets a domain name its records in the trail (caseload: a case by its title). */
  nameRecords(source: RecordNames): void {
    this.sources.set(source.type, source);
  }

  async browse(caller: DbCaller, query: AuditFilter, scope?: AuditScope): Promise<AuditPage> {
    const { events, total } = await this.audit.page(caller, query, scope);
    const names = await this.names(caller, events);
    const named = (type: string, id: unknown) =>
      typeof id === 'string' ? names.get(key(type, id)) : undefined;
    return {
      items: events.map((e) => {
        const actor = e.actorId ? named('user', e.actorId) : undefined;
        const detailNames: Record<string, string> = {};
        for (const [field, type] of Object.entries(DETAIL_REFERENCES)) {
          const found = named(type, e.details?.[field]);
          if (found) detailNames[field] = found.name;
        }
        return {
          id: e.id,
          at: e.createdAt.toISOString(),
          actor:
            actor && e.actorId
              ? { id: e.actorId, displayName: actor.name, role: actor.role as Role }
              : null,
          action: e.action,
          entityType: e.entityType,
          entityId: e.entityId,
          entityName: named(e.entityType, e.entityId)?.name ?? null,
          // Free text (reasons, names) is stored encrypted; the clinic's admins read it here.
          details: this.audit.readable(e),
          detailNames,
          ip: e.ip,
        };
      }),
      total,
      page: query.page,
      pageSize: query.pageSize,
    };
  }

  /**
   * Every name the page needs, in one query within the caller's clinic: each named type's part
   * (`RecordNames`) looks its ids up by primary key, joined with UNION ALL. A record that no
   * longer exists, or was never in the clinic, is simply not in the answer.
   */
  private async names(caller: DbCaller, events: AuditEvent[]): Promise<Names> {
    const wanted = new Map<string, Set<string>>();
    const want = (type: string, id: unknown) => {
      if (typeof id !== 'string' || !UUID.test(id) || !this.sources.has(type)) return;
      const ids = wanted.get(type) ?? new Set<string>();
      wanted.set(type, ids.add(id.toLowerCase()));
    };
    for (const e of events) {
      if (e.actorId) want('user', e.actorId);
      want(e.entityType, e.entityId);
      for (const [field, type] of Object.entries(DETAIL_REFERENCES)) want(type, e.details?.[field]);
    }
    if (wanted.size === 0) return new Map();
    const params: unknown[] = [caller.clinicId];
    const parts = [...wanted].map(([type, ids]) => {
      params.push(type, [...ids]);
      const source = this.sources.get(type) as RecordNames;
      const [typeParam, idsParam] = [params.length - 1, params.length];
      return `SELECT $${typeParam}::text AS type, r.id, r.name, r.role
                FROM (${source.sql(`$${idsParam}::uuid[]`, '$1::uuid')}) r`;
    });
    const rows: NameRow[] = await this.db.run(caller, (tx) =>
      tx.query(parts.join('\nUNION ALL\n'), params),
    );
    return new Map(rows.map((r) => [key(r.type, r.id), { name: r.name, role: r.role }]));
  }
}
