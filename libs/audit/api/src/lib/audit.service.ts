import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, FindOptionsWhere } from 'typeorm';
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
  details?: Record<string, unknown>;
}

export interface AuditQuery {
  entityType?: string;
  entityId?: string;
  page: number;
  pageSize: number;
}

@Injectable()
export class AuditService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * Appends events in the caller's transaction, so a change and its audit trail are written
   * together or not at all.
   */
  async record(manager: EntityManager, actor: AuditActor, ...events: AuditRecord[]): Promise<void> {
    if (events.length === 0) return;
    await manager.insert(
      AuditEvent,
      events.map((event) => ({
        clinicId: actor.clinicId,
        actorId: actor.id,
        ip: actor.ip ?? null,
        action: event.action,
        entityType: event.entityType,
        entityId: event.entityId,
        // jsonb: TypeORM's insert typing cannot express an open record.
        details: (event.details ?? {}) as object,
      })),
    );
  }

  /** A clinic's events, newest first, optionally for one record. */
  async list(
    clinicId: string,
    query: AuditQuery,
  ): Promise<{ events: AuditEvent[]; total: number }> {
    const where: FindOptionsWhere<AuditEvent> = { clinicId };
    if (query.entityType) where.entityType = query.entityType;
    if (query.entityId) where.entityId = query.entityId;
    const [events, total] = await this.dataSource.getRepository(AuditEvent).findAndCount({
      where,
      order: { seq: 'DESC' },
      skip: (query.page - 1) * query.pageSize,
      take: query.pageSize,
    });
    return { events, total };
  }
}
