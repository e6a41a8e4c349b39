import type { EntityManager } from 'typeorm';
import type { ClinicDb } from '@mend/shared/server';
import { AuditEvent } from './audit-event.entity';
import { AuditService } from './audit.service';

describe('AuditService.record', () => {
  const service = new AuditService({} as ClinicDb);

  it('writes every event in the caller’s transaction with who, where and which record', async () => {
    const insert = jest.fn();
    await service.record(
      { insert } as unknown as EntityManager,
      { id: 'admin-1', clinicId: 'clinic-1', ip: '10.0.0.1' },
      {
        action: 'case.opened',
        entityType: 'case',
        entityId: 'case-1',
        details: { type: 'couple' },
      },
      { action: 'case.member_added', entityType: 'case', entityId: 'case-1' },
    );
    expect(insert).toHaveBeenCalledWith(AuditEvent, [
      {
        clinicId: 'clinic-1',
        actorId: 'admin-1',
        ip: '10.0.0.1',
        action: 'case.opened',
        entityType: 'case',
        entityId: 'case-1',
        details: { type: 'couple' },
      },
      {
        clinicId: 'clinic-1',
        actorId: 'admin-1',
        ip: '10.0.0.1',
        action: 'case.member_added',
        entityType: 'case',
        entityId: 'case-1',
        details: {},
      },
    ]);
  });

  it('writes nothing when there is nothing to record', async () => {
    const insert = jest.fn();
    await service.record({ insert } as unknown as EntityManager, { id: null, clinicId: 'c' });
    expect(insert).not.toHaveBeenCalled();
  });
});
