import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideNoopAnimations } from '@angular/platform-browser/animations';
import type { AuditPage } from '@mend/shared/contracts';
import { AuditTrail } from './audit-trail';

describe('AuditTrail', () => {
  const event = (over: Partial<AuditPage['items'][number]>): AuditPage['items'][number] => ({
    id: 'e1',
    at: '2026-11-02T10:00:00.000Z',
    actor: { id: 'u1', displayName: 'Dana Whitfield', role: 'admin' },
    action: 'case.member_added',
    entityType: 'case',
    entityId: '0f0e0d0c-1111-4222-8333-444455556666',
    entityName: 'Rivera family',
    details: { userId: '1a2b3c4d-1111-4222-8333-444455556666' },
    detailNames: { userId: 'Sam Rivera' },
    ip: '127.0.0.1',
    ...over,
  });

  it('names the case and the people of each event, and shows kind and id for a record gone', async () => {
    TestBed.configureTestingModule({
      providers: [provideHttpClient(), provideHttpClientTesting(), provideNoopAnimations()],
    });
    const fixture = TestBed.createComponent(AuditTrail);
    fixture.detectChanges();
    const http = TestBed.inject(HttpTestingController);
    http.expectOne((r) => r.url === '/api/users').flush({ items: [], total: 0 });
    http
      .expectOne((r) => r.url === '/api/audit-events')
      .flush({
        items: [
          event({}),
          event({
            id: 'e2',
            action: 'session.recorded',
            entityType: 'session',
            entityId: 'e0c7066e-1111-4222-8333-444455556666',
            entityName: null,
            details: { caseId: '0f0e0d0c-1111-4222-8333-444455556666' },
            detailNames: { caseId: 'Rivera family' },
          }),
        ],
        total: 2,
        page: 1,
        pageSize: 25,
      } satisfies AuditPage);
    await fixture.whenStable();
    fixture.detectChanges();
    const rows = Array.from(
      (fixture.nativeElement as HTMLElement).querySelectorAll('[data-testid="audit-row"]'),
    ).map((row) =>
      Array.from(row.querySelectorAll('td')).map((td) => {
        const lines = Array.from(td.querySelectorAll('.stack > *'));
        return (lines.length ? lines : [td]).map((line) => line.textContent?.trim()).join(' ');
      }),
    );
    expect(rows[0].slice(1, 5)).toEqual([
      'Dana Whitfield Clinic admin',
      'Added a member to a case case.member_added',
      'Rivera family Case',
      'person: Sam Rivera',
    ]);
    expect(rows[1].slice(3, 5)).toEqual(['Session e0c7066e', 'case: Rivera family']);
  });
});
