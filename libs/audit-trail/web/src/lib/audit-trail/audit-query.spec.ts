import { toAuditQuery } from './audit-query';

describe('toAuditQuery', () => {
  it('leaves empty filters out and sends the days as picked', () => {
    expect(
      toAuditQuery(
        {
          action: ' note.read ',
          entityType: '',
          actorId: 'u1',
          from: new Date(2026, 4, 1),
          to: null,
        },
        1,
        25,
      ),
    ).toEqual({ page: 1, pageSize: 25, action: 'note.read', actorId: 'u1', from: '2026-05-01' });
  });

  it('sends only the page without filters', () => {
    expect(
      toAuditQuery({ action: '', entityType: '', actorId: '', from: null, to: null }, 3, 25),
    ).toEqual({ page: 3, pageSize: 25 });
  });

  it('includes the record type and the last day', () => {
    expect(
      toAuditQuery(
        { action: '', entityType: 'note', actorId: '', from: null, to: new Date(2026, 11, 31) },
        1,
        25,
      ),
    ).toEqual({ page: 1, pageSize: 25, entityType: 'note', to: '2026-12-31' });
  });
});
