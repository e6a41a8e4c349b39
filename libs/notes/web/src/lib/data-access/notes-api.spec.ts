import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { NotesApi, notePdfUrl } from './notes-api';

describe('NotesApi', () => {
  let http: HttpTestingController;
  let api: NotesApi;

  beforeEach(() => {
    TestBed.configureTestingModule({
      providers: [provideHttpClient(), provideHttpClientTesting()],
    });
    http = TestBed.inject(HttpTestingController);
    api = TestBed.inject(NotesApi);
  });

  afterEach(() => http.verify());

  it('records a session on its case', async () => {
    const body = {
      startsAt: '2026-05-12T15:00:00.000Z',
      durationMinutes: 50,
      type: 'couple' as const,
      mode: 'in_person' as const,
      attendeeIds: ['k', 'l'],
    };
    const result = api.recordSession('c1', body);
    const request = http.expectOne('/api/cases/c1/sessions');
    expect([request.request.method, request.request.body]).toEqual(['POST', body]);
    request.flush({ id: 's1' });
    await expect(result).resolves.toEqual({ id: 's1' });
  });

  it('lists the counselor’s upcoming or recent sessions, a page at a time', () => {
    void api.sessions('upcoming', { page: 2, pageSize: 5 });
    const request = http.expectOne((r) => r.url === '/api/sessions');
    expect(request.request.params.toString()).toBe('when=upcoming&page=2&pageSize=5');
    request.flush({ items: [], total: 0, page: 2, pageSize: 5 });

    void api.caseSessions('c1');
    const byCase = http.expectOne((r) => r.url === '/api/cases/c1/sessions');
    expect(byCase.request.params.keys()).toEqual([]);
    byCase.flush({ items: [], total: 0, page: 1, pageSize: 25 });
  });

  it('changes a session with PATCH and starts its note with the chosen format', () => {
    void api.updateSession('s1', { durationMinutes: 60 });
    const patch = http.expectOne('/api/sessions/s1');
    expect([patch.request.method, patch.request.body]).toEqual(['PATCH', { durationMinutes: 60 }]);
    patch.flush({});

    void api.startNote('s1', 'birp');
    const start = http.expectOne('/api/sessions/s1/note');
    expect([start.request.method, start.request.body]).toEqual(['POST', { format: 'birp' }]);
    start.flush({});
  });

  it('saves a note with PUT over its version and signs the version read', () => {
    const save = { format: 'soap' as const, sections: { subjective: 'x' }, version: 3 };
    void api.saveNote('n1', save);
    const put = http.expectOne('/api/notes/n1');
    expect([put.request.method, put.request.body]).toEqual(['PUT', save]);
    put.flush({ version: 4, savedAt: '2026-05-12T16:00:00Z' });

    void api.signNote('n1', 4);
    const sign = http.expectOne('/api/notes/n1/sign');
    expect([sign.request.method, sign.request.body]).toEqual(['POST', { version: 4 }]);
    sign.flush({});
  });

  it('writes, saves and signs addenda of a signed note', () => {
    void api.addAddendum('n1', 'Correction');
    const add = http.expectOne('/api/notes/n1/addenda');
    expect([add.request.method, add.request.body]).toEqual(['POST', { text: 'Correction' }]);
    add.flush({});

    void api.saveAddendum('n1', 'a1', 'Correction, more', 1);
    const put = http.expectOne('/api/notes/n1/addenda/a1');
    expect([put.request.method, put.request.body]).toEqual([
      'PUT',
      { text: 'Correction, more', version: 1 },
    ]);
    put.flush({});

    void api.signAddendum('n1', 'a1', 2);
    const sign = http.expectOne('/api/notes/n1/addenda/a1/sign');
    expect(sign.request.body).toEqual({ version: 2 });
    sign.flush({});
  });

  it('reads the homework since the previous session and who accessed a case’s notes', () => {
    void api.homeworkSince('n1');
    http.expectOne('/api/notes/n1/homework-since').flush({ since: null, until: '', items: [] });

    void api.noteAccess('c1', { page: 3, pageSize: 8 });
    const access = http.expectOne((r) => r.url === '/api/cases/c1/note-access');
    expect(access.request.params.toString()).toBe('page=3&pageSize=8');
    access.flush({ items: [], total: 0, page: 3, pageSize: 8 });
  });

  it('links to the signed note’s PDF', () => {
    expect(notePdfUrl('n 1')).toBe('/api/notes/n%201/pdf');
    expect(notePdfUrl('n1', 'America/New_York')).toBe('/api/notes/n1/pdf?tz=America%2FNew_York');
  });
});
