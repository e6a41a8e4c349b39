import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { SafetyApi } from './safety-api';

describe('SafetyApi', () => {
  let http: HttpTestingController;
  let api: SafetyApi;

  beforeEach(() => {
    TestBed.configureTestingModule({
      providers: [provideHttpClient(), provideHttpClientTesting()],
    });
    http = TestBed.inject(HttpTestingController);
    api = TestBed.inject(SafetyApi);
  });

  afterEach(() => http.verify());

  it('reads and saves the client’s own check-in', async () => {
    const list = api.myChecks();
    http.expectOne('/api/my/safety-checks').flush([]);
    await expect(list).resolves.toEqual([]);

    void api.myCheck('s1');
    http.expectOne('/api/safety-checks/s1').flush({});

    const saved = api.saveDraft('s1', { answers: { a: 'no' }, version: 3 });
    const draft = http.expectOne('/api/safety-checks/s1/draft');
    expect([draft.request.method, draft.request.body]).toEqual([
      'PUT',
      { answers: { a: 'no' }, version: 3 },
    ]);
    draft.flush({ version: 4, savedAt: '2026-05-01T10:00:00.000Z' });
    await expect(saved).resolves.toMatchObject({ version: 4 });

    void api.submit('s1', { answers: {}, version: 4 });
    const submit = http.expectOne('/api/safety-checks/s1/submit');
    expect(submit.request.method).toBe('POST');
    submit.flush({});

    void api.myJointWork();
    http.expectOne('/api/my/joint-work').flush([]);
  });

  it('sends the counselor’s actions to the case’s safety routes', () => {
    void api.caseSafety('c1');
    http.expectOne('/api/cases/c1/safety').flush({});

    void api.checkAnswers('c1', 's1');
    http.expectOne('/api/cases/c1/safety-checks/s1').flush({});

    void api.askAgain('c1', 'u1');
    const ask = http.expectOne('/api/cases/c1/safety-checks');
    expect([ask.request.method, ask.request.body]).toEqual(['POST', { clientId: 'u1' }]);
    ask.flush({});

    const interview = {
      clientId: 'u1',
      heldOn: '2026-05-01',
      mode: 'video' as const,
      outcome: 'cleared' as const,
    };
    void api.recordInterview('c1', interview);
    const recorded = http.expectOne('/api/cases/c1/safety-interviews');
    expect([recorded.request.method, recorded.request.body]).toEqual(['POST', interview]);
    recorded.flush({});

    void api.closeJointWork('c1', 'A new disclosure');
    const close = http.expectOne('/api/cases/c1/joint-work/close');
    expect(close.request.body).toEqual({ reason: 'A new disclosure' });
    close.flush({});

    void api.setRecheckWeeks('c1', 6);
    const settings = http.expectOne('/api/cases/c1/safety-settings');
    expect([settings.request.method, settings.request.body]).toEqual(['PUT', { recheckWeeks: 6 }]);
    settings.flush({});
  });

  it('asks for open alerts by default, and sends open=false as a real filter', () => {
    void api.alerts();
    const open = http.expectOne((r) => r.url === '/api/alerts');
    expect(open.request.params.toString()).toBe('open=true');
    open.flush([]);

    void api.alerts({ open: false, caseId: 'c1' });
    const done = http.expectOne((r) => r.url === '/api/alerts');
    expect(done.request.params.toString()).toBe('open=false&caseId=c1');
    done.flush([]);

    void api.acknowledge('a1', 'Called her the same day.');
    const ack = http.expectOne('/api/alerts/a1/acknowledge');
    expect([ack.request.method, ack.request.body]).toEqual([
      'POST',
      { followUp: 'Called her the same day.' },
    ]);
    ack.flush({});
  });

  it('reads the admin’s counts and sets the crisis text (empty for the default)', () => {
    void api.counts();
    http.expectOne('/api/safety/counts').flush({ counselors: [] });

    void api.crisisText();
    http.expectOne('/api/clinic/crisis-text').flush({ text: 'x', isDefault: true });

    void api.setCrisisText('');
    const reset = http.expectOne('/api/clinic/crisis-text');
    expect([reset.request.method, reset.request.body]).toEqual(['PUT', { text: '' }]);
    reset.flush({ text: 'x', isDefault: true });
  });
});
