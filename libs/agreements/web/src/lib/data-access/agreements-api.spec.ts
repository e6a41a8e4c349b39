import { HttpErrorResponse, provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { AgreementsApi, agreementPdfUrl, isJointWorkClosed } from './agreements-api';

describe('AgreementsApi', () => {
  let http: HttpTestingController;
  let api: AgreementsApi;

  beforeEach(() => {
    TestBed.configureTestingModule({
      providers: [provideHttpClient(), provideHttpClientTesting()],
    });
    http = TestBed.inject(HttpTestingController);
    api = TestBed.inject(AgreementsApi);
  });

  afterEach(() => http.verify());

  it('lists a case’s versions and starts its first agreement', async () => {
    const listed = api.list('c1');
    const list = http.expectOne('/api/cases/c1/agreements');
    expect(list.request.method).toBe('GET');
    list.flush([]);
    await expect(listed).resolves.toEqual([]);

    void api.start('c1');
    const start = http.expectOne('/api/cases/c1/agreements');
    expect(start.request.method).toBe('POST');
    start.flush({ id: 'a1' });
  });

  it('saves the draft with PUT over its version, signs with the typed name, reviews with POST', () => {
    const save = {
      items: [{ category: 'other' as const, text: 'Walks' }],
      reviewOn: null,
      version: 3,
    };
    void api.save('a1', save);
    const put = http.expectOne('/api/agreements/a1');
    expect([put.request.method, put.request.body]).toEqual(['PUT', save]);
    put.flush({});

    void api.sign('a1', { typedName: 'Sam Rivera', version: 4 });
    const sign = http.expectOne('/api/agreements/a1/sign');
    expect([sign.request.method, sign.request.body]).toEqual([
      'POST',
      { typedName: 'Sam Rivera', version: 4 },
    ]);
    sign.flush({});

    void api.review('a1');
    expect(http.expectOne('/api/agreements/a1/review').request.method).toBe('POST');
  });

  it('links the PDF with the reader’s time zone', () => {
    expect(agreementPdfUrl('a1')).toBe('/api/agreements/a1/pdf');
    expect(agreementPdfUrl('a1', 'Europe/Paris')).toBe('/api/agreements/a1/pdf?tz=Europe%2FParis');
  });

  it('tells a refusal because joint work is closed from other conflicts', () => {
    const closed = new HttpErrorResponse({
      status: 409,
      error: { statusCode: 409, error: 'Conflict', message: 'Later.', code: 'joint_work_closed' },
    });
    const stale = new HttpErrorResponse({
      status: 409,
      error: { statusCode: 409, error: 'Conflict', message: 'Changed elsewhere.' },
    });
    expect(isJointWorkClosed(closed)).toBe(true);
    expect(isJointWorkClosed(stale)).toBe(false);
    expect(isJointWorkClosed(new Error('x'))).toBe(false);
  });
});
