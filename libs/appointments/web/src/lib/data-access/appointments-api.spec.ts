import { HttpErrorResponse, provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { AppointmentsApi, isJointWorkClosed, isTimeTaken } from './appointments-api';

describe('AppointmentsApi', () => {
  let http: HttpTestingController;
  let api: AppointmentsApi;

  beforeEach(() => {
    TestBed.configureTestingModule({
      providers: [provideHttpClient(), provideHttpClientTesting()],
    });
    http = TestBed.inject(HttpTestingController);
    api = TestBed.inject(AppointmentsApi);
  });

  afterEach(() => http.verify());

  it('reads and saves the counselor’s availability, adds and removes a day off', async () => {
    const saved = { timeZone: 'America/New_York', rules: [], lengths: {}, exceptions: [] };
    const read = api.availability();
    http.expectOne({ method: 'GET', url: '/api/availability' }).flush(saved);
    await expect(read).resolves.toEqual(saved);

    const request = {
      timeZone: 'America/New_York',
      rules: [{ weekday: 1 as const, startTime: '09:00', endTime: '12:00' }],
      lengths: { couple: 50, individual: 50, family: 60 },
    };
    void api.saveAvailability(request);
    const put = http.expectOne({ method: 'PUT', url: '/api/availability' });
    expect(put.request.body).toEqual(request);
    put.flush(saved);

    const off = {
      kind: 'off' as const,
      startsAt: '2026-12-24T05:00:00.000Z',
      endsAt: '2026-12-27T05:00:00.000Z',
    };
    void api.addException(off);
    const post = http.expectOne({ method: 'POST', url: '/api/availability/exceptions' });
    expect(post.request.body).toEqual(off);
    post.flush(saved);

    void api.removeException('e 1');
    http.expectOne({ method: 'DELETE', url: '/api/availability/exceptions/e%201' }).flush(saved);
  });

  it('reads, makes and turns off the private calendar feed', () => {
    void api.calendarFeed();
    http
      .expectOne({ method: 'GET', url: '/api/calendar-feed' })
      .flush({ url: null, createdAt: null });
    void api.createCalendarFeed();
    http
      .expectOne({ method: 'POST', url: '/api/calendar-feed' })
      .flush({ url: 'https://mend.example/api/calendar-feed/secret.ics', createdAt: 'now' });
    void api.revokeCalendarFeed();
    http
      .expectOne({ method: 'DELETE', url: '/api/calendar-feed' })
      .flush({ url: null, createdAt: null });
  });

  it('asks a case’s free times for an audience from a day, two weeks at a time', () => {
    void api.slots('c1', { audience: 'joint', from: '2027-03-08' });
    const get = http.expectOne((r) => r.url === '/api/cases/c1/appointment-slots');
    expect(get.request.method).toBe('GET');
    expect(get.request.urlWithParams).toBe(
      '/api/cases/c1/appointment-slots?days=14&audience=joint&from=2027-03-08',
    );
    get.flush({});
  });

  it('sends a request with its client key', () => {
    const request = {
      audience: 'individual' as const,
      startsAt: '2027-03-15T13:00:00.000Z',
      mode: 'telehealth' as const,
      note: 'After work, please',
      clientKey: 'k-1',
    };
    void api.request('c1', request);
    const post = http.expectOne({ method: 'POST', url: '/api/cases/c1/appointments' });
    expect(post.request.body).toEqual(request);
    post.flush({ id: 'a1' }, { status: 201, statusText: 'Created' });
  });

  it('lists by scope, reads one, and posts each action with its body', () => {
    void api.list('waiting');
    http.expectOne({ method: 'GET', url: '/api/appointments?scope=waiting' }).flush([]);
    void api.get('a1');
    http.expectOne({ method: 'GET', url: '/api/appointments/a1' }).flush({});

    const calls: [() => Promise<unknown>, string, object][] = [
      [() => api.accept('a1'), 'accept', {}],
      [
        () => api.propose('a1', '2027-03-16T14:00:00.000Z'),
        'propose',
        { startsAt: '2027-03-16T14:00:00.000Z' },
      ],
      [() => api.decline('a1', 'Away that week'), 'decline', { reason: 'Away that week' }],
      [() => api.acceptProposal('a1'), 'accept-proposal', {}],
      [() => api.cancel('a1', ''), 'cancel', { reason: '' }],
      [
        () => api.reschedule('a1', '2027-03-17T14:00:00.000Z'),
        'reschedule',
        { startsAt: '2027-03-17T14:00:00.000Z' },
      ],
    ];
    for (const [call, action, body] of calls) {
      void call();
      const post = http.expectOne({ method: 'POST', url: `/api/appointments/a1/${action}` });
      expect(post.request.body).toEqual(body);
      post.flush({});
    }
  });

  it('tells a closed joint work apart from a time taken meanwhile', () => {
    const conflict = (code?: string) =>
      new HttpErrorResponse({
        status: 409,
        error: { statusCode: 409, message: 'No.', ...(code && { code }) },
      });
    expect(isJointWorkClosed(conflict('joint_work_closed'))).toBe(true);
    expect(isTimeTaken(conflict('joint_work_closed'))).toBe(false);
    expect(isTimeTaken(conflict())).toBe(true);
    expect(isTimeTaken(new HttpErrorResponse({ status: 500 }))).toBe(false);
  });
});
