import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { CasesApi } from './cases-api';
import { PeopleApi } from './people-api';

describe('CasesApi and PeopleApi', () => {
  let http: HttpTestingController;

  beforeEach(() => {
    TestBed.configureTestingModule({
      providers: [provideHttpClient(), provideHttpClientTesting()],
    });
    http = TestBed.inject(HttpTestingController);
  });

  afterEach(() => http.verify());

  it('lists cases with only the filters that are set', async () => {
    const result = TestBed.inject(CasesApi).list({
      status: 'all',
      q: '',
      unassigned: false,
      counselorId: undefined,
      page: 2,
    });
    const request = http.expectOne((r) => r.url === '/api/cases');
    expect(request.request.params.toString()).toBe('status=all&page=2');
    request.flush({ items: [], total: 0, page: 2, pageSize: 25 });
    await expect(result).resolves.toMatchObject({ page: 2 });
  });

  it('asks for unassigned cases with unassigned=true', () => {
    void TestBed.inject(CasesApi).list({ unassigned: true });
    const request = http.expectOne((r) => r.url === '/api/cases');
    expect(request.request.params.get('unassigned')).toBe('true');
    request.flush({ items: [], total: 0, page: 1, pageSize: 25 });
  });

  it('saves a label with PUT, and "not set" as null', () => {
    void TestBed.inject(CasesApi).setLabel('c1', 'u1', null);
    const request = http.expectOne('/api/cases/c1/members/u1/label');
    expect(request.request.method).toBe('PUT');
    expect(request.request.body).toEqual({ label: null });
    request.flush({});
  });

  it('reads the path, moves the stage with PUT and reads a client’s own path', () => {
    const api = TestBed.inject(CasesApi);
    void api.path('c1');
    http.expectOne({ method: 'GET', url: '/api/cases/c1/path' }).flush({});
    void api.setStage('c1', { stage: 'repair', reason: 'Ready' });
    const move = http.expectOne({ method: 'PUT', url: '/api/cases/c1/stage' });
    expect(move.request.body).toEqual({ stage: 'repair', reason: 'Ready' });
    move.flush({});
    void api.myPath();
    http.expectOne({ method: 'GET', url: '/api/my/path' }).flush([]);
  });

  it('changes a person’s status and resends an invitation', () => {
    const people = TestBed.inject(PeopleApi);
    void people.setStatus('u1', 'disabled');
    const status = http.expectOne('/api/users/u1/status');
    expect([status.request.method, status.request.body]).toEqual(['PATCH', { status: 'disabled' }]);
    status.flush({});
    void people.resendInvitation('u2');
    expect(http.expectOne('/api/users/u2/invitation').request.method).toBe('POST');
  });
});
