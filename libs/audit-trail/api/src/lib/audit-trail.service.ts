import { Injectable } from '@nestjs/common';
import { AuditFilter, AuditScope, AuditService } from '@mend/audit/api';
import { People } from '@mend/auth/api';
import type { AuditPage } from '@mend/shared/contracts';
import type { DbCaller } from '@mend/shared/server';

/**
 * The audit trail as people read it: a page of events with the names of who acted. The admin's
 * browser, a case's history and a case's note access all come through here.
 */
@Injectable()
export class AuditTrailService {
  constructor(
    private readonly audit: AuditService,
    private readonly people: People,
  ) {}

  async browse(caller: DbCaller, query: AuditFilter, scope?: AuditScope): Promise<AuditPage> {
    const { events, total } = await this.audit.page(caller, query, scope);
    const actors = await this.people.profiles(
      caller,
      events.map((e) => e.actorId),
    );
    const byId = new Map(actors.map((a) => [a.id, a]));
    return {
      items: events.map((e) => {
        const actor = e.actorId ? byId.get(e.actorId) : undefined;
        return {
          id: e.id,
          at: e.createdAt.toISOString(),
          actor: actor ? { id: actor.id, displayName: actor.displayName, role: actor.role } : null,
          action: e.action,
          entityType: e.entityType,
          entityId: e.entityId,
          // Free text (reasons, names) is stored encrypted; the clinic's admins read it here.
          details: this.audit.readable(e),
          ip: e.ip,
        };
      }),
      total,
      page: query.page,
      pageSize: query.pageSize,
    };
  }
}
