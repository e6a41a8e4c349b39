import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { AuditTrailApi } from './audit-trail-api';

describe('AuditTrailApi', () => {
  let http: HttpTestingController;
  let api: AuditTrailApi;

  beforeEach(() => {
    TestBed.configureTestingModule({
      providers: [provideHttpClient(), provideHttpClientTesting()],
    });
    http = TestBed.inject(HttpTestingController);
    api = TestBed.inject(AuditTrailApi);
  });

  afterEach(() => http.verify());

  it('sends the admin’s audit filters that are set', () => {
    void api.events({ action: 'note.signed', actorId: '', from: '2026-05-01', page: 1 });
    const audit = http.expectOne((r) => r.url === '/api/audit-events');
    expect(audit.request.params.toString()).toBe('action=note.signed&from=2026-05-01&page=1');
    audit.flush({ items: [], total: 0, page: 1, pageSize: 25 });
  });

  it('lists the clinic’s people for the person filter', async () => {
    const people = api.people();
    const request = http.expectOne((r) => r.url === '/api/users');
    expect(request.request.params.toString()).toBe('pageSize=100');
    const kai = { id: 'u1', displayName: 'Kai', role: 'client' };
    request.flush({ items: [kai], total: 1, page: 1, pageSize: 100 });
    expect(await people).toEqual([kai]);
  });
});
