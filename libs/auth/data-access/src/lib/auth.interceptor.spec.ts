import {
  HttpClient,
  HttpContext,
  HttpErrorResponse,
  provideHttpClient,
  withInterceptors,
} from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter, Router } from '@angular/router';
import { CSRF_HEADER, type Me } from '@mend/shared/contracts';
import { AuthStore } from './auth-store';
import { authInterceptor } from './auth.interceptor';
import { NOT_ACTIVITY, SessionClock } from './session-clock';
import { SessionRecovery } from './session-recovery';
import { StepUp } from './step-up';

const me: Me = {
  id: 'u1',
  email: 'maya@harbor.example',
  displayName: 'Maya',
  role: 'counselor',
  clinic: { id: 'c1', name: 'Harbor' },
  secondFactor: 'given',
};

describe('authInterceptor', () => {
  let http: HttpClient;
  let backend: HttpTestingController;
  let answer: (again: boolean) => void;
  const recovery = { active: false, signInAgain: jest.fn() };
  const clock = { touch: jest.fn() };
  const stepUp = { confirm: jest.fn<Promise<boolean>, []>() };

  beforeEach(async () => {
    recovery.active = false;
    // Like the real one: one dialog, whose answer every waiting request shares.
    let pending: Promise<boolean> | null = null;
    recovery.signInAgain.mockReset().mockImplementation(
      () =>
        (pending ??= new Promise<boolean>((resolve) => {
          recovery.active = true;
          answer = (again) => {
            recovery.active = false;
            pending = null;
            resolve(again);
          };
        })),
    );
    clock.touch.mockReset();
    stepUp.confirm.mockReset();
    TestBed.configureTestingModule({
      providers: [
        provideRouter([]),
        provideHttpClient(withInterceptors([authInterceptor])),
        provideHttpClientTesting(),
        { provide: SessionRecovery, useValue: recovery },
        { provide: SessionClock, useValue: clock },
        { provide: StepUp, useValue: stepUp },
      ],
    });
    http = TestBed.inject(HttpClient);
    backend = TestBed.inject(HttpTestingController);
    const signedIn = TestBed.inject(AuthStore).login({ email: me.email, password: 'x' });
    backend.expectOne('/api/auth/login').flush(me);
    await signedIn;
  });

  afterEach(() => backend.verify());

  const unauthorized = { status: 401, statusText: 'Unauthorized' };
  const settle = () => new Promise((resolve) => setTimeout(resolve));
  /** Reading a Blob (a download's error) takes a few turns of the event loop. */
  async function until(done: () => boolean): Promise<void> {
    for (let i = 0; i < 100 && !done(); i += 1) await new Promise((r) => setTimeout(r, 5));
  }

  it('holds a change that finds the session over and sends it again once they signed in', async () => {
    const navigate = jest.spyOn(TestBed.inject(Router), 'navigate');
    const results: unknown[] = [];
    const errors: unknown[] = [];
    http
      .put('/api/sessions/s1/note', { text: 'What Sam said about the letter' })
      .subscribe({ next: (r) => results.push(r), error: (e) => errors.push(e) });

    backend.expectOne('/api/sessions/s1/note').flush(null, unauthorized);
    await settle();
    expect(recovery.signInAgain).toHaveBeenCalledWith('write');
    expect(errors).toEqual([]);
    expect(navigate).not.toHaveBeenCalled();
    expect(TestBed.inject(AuthStore).me()).toEqual(me);

    answer(true);
    await settle();
    const retried = backend.expectOne('/api/sessions/s1/note');
    expect(retried.request.method).toBe('PUT');
    expect(retried.request.body).toEqual({ text: 'What Sam said about the letter' });
    expect(retried.request.headers.get(CSRF_HEADER)).toBe('mend');
    retried.flush({ version: 4 });
    expect(results).toEqual([{ version: 4 }]);
    expect(errors).toEqual([]);
  });

  it('asks once for several changes that fail together and sends each again', async () => {
    let release!: (again: boolean) => void;
    const pending = new Promise<boolean>((resolve) => (release = resolve));
    recovery.signInAgain.mockImplementation(() => pending);
    const done: string[] = [];
    http.post('/api/a', { n: 1 }).subscribe(() => done.push('a'));
    http.delete('/api/b').subscribe(() => done.push('b'));
    backend.expectOne('/api/a').flush(null, unauthorized);
    backend.expectOne('/api/b').flush(null, unauthorized);
    release(true);
    await settle();
    backend.expectOne('/api/a').flush({});
    backend.expectOne('/api/b').flush({});
    expect(done.sort()).toEqual(['a', 'b']);
  });

  it('gives the 401 back when they sign out instead', async () => {
    const errors: unknown[] = [];
    http.post('/api/cases', { title: 'x' }).subscribe({ error: (e) => errors.push(e) });
    backend.expectOne('/api/cases').flush(null, unauthorized);
    await settle();
    answer(false);
    await settle();
    expect(errors).toHaveLength(1);
    expect((errors[0] as HttpErrorResponse).status).toBe(401);
  });

  it('takes a page that cannot load to sign-in and back, without holding it', async () => {
    const router = TestBed.inject(Router);
    const navigate = jest.spyOn(router, 'navigate').mockResolvedValue(true);
    jest.spyOn(router, 'url', 'get').mockReturnValue('/cases/42');
    const errors: unknown[] = [];
    http.get('/api/cases/42').subscribe({ error: (e) => errors.push(e) });
    backend.expectOne('/api/cases/42').flush(null, unauthorized);
    expect(recovery.signInAgain).not.toHaveBeenCalled();
    expect(errors).toHaveLength(1);
    expect(TestBed.inject(AuthStore).me()).toBeNull();
    expect(navigate).toHaveBeenCalledWith(['/sign-in'], {
      queryParams: { returnUrl: '/cases/42', expired: 1 },
    });
  });

  it('lets a read that fails while the sign-in dialog is open wait for it too', async () => {
    http.post('/api/a', {}).subscribe();
    backend.expectOne('/api/a').flush(null, unauthorized);
    await settle();
    const results: unknown[] = [];
    http.get('/api/notifications/unread').subscribe((r) => results.push(r));
    backend.expectOne('/api/notifications/unread').flush(null, unauthorized);
    await settle();
    answer(true);
    await settle();
    backend.expectOne('/api/a').flush({});
    backend.expectOne('/api/notifications/unread').flush({ unread: 2 });
    expect(results).toEqual([{ unread: 2 }]);
  });

  it('leaves expected 401s (a wrong password) to the caller', async () => {
    const errors: unknown[] = [];
    TestBed.inject(AuthStore)
      .signInAgain({ email: me.email, password: 'wrong' })
      .catch((e) => errors.push(e));
    backend.expectOne('/api/auth/login').flush(null, unauthorized);
    await settle();
    expect(recovery.signInAgain).not.toHaveBeenCalled();
    expect(errors).toHaveLength(1);
  });

  it('tells the clock about activity, but not about the session check or background polling', () => {
    clock.touch.mockClear();
    http.get('/api/cases').subscribe();
    backend.expectOne('/api/cases').flush({});
    expect(clock.touch).toHaveBeenCalledTimes(1);
    http
      .get('/api/auth/session', { context: new HttpContext().set(NOT_ACTIVITY, true) })
      .subscribe();
    backend.expectOne('/api/auth/session').flush({});
    http
      .get('/api/notifications/unread-count', { headers: { 'X-Mend-Background': '1' } })
      .subscribe();
    backend.expectOne('/api/notifications/unread-count').flush({ unread: 0 });
    http.get('/api/cases').subscribe({ error: () => undefined });
    backend.expectOne('/api/cases').flush(null, { status: 500, statusText: 'Error' });
    expect(clock.touch).toHaveBeenCalledTimes(1);
  });

  describe('the second factor', () => {
    const stepUpRequired = {
      body: {
        statusCode: 403,
        error: 'Forbidden',
        message: 'Confirm it is you.',
        code: 'step_up_required',
      },
      init: { status: 403, statusText: 'Forbidden' },
    };
    const secondFactorRequired = {
      body: {
        statusCode: 403,
        error: 'Forbidden',
        message: 'Finish signing in.',
        code: 'second_factor_required',
      },
      init: { status: 403, statusText: 'Forbidden' },
    };

    it('asks for it again before a sensitive action, then sends the action once more', async () => {
      stepUp.confirm.mockResolvedValue(true);
      const results: unknown[] = [];
      http.post('/api/notes/n1/sign', { version: 3 }).subscribe((r) => results.push(r));
      backend.expectOne('/api/notes/n1/sign').flush(stepUpRequired.body, stepUpRequired.init);
      await settle();
      expect(stepUp.confirm).toHaveBeenCalledTimes(1);
      const retried = backend.expectOne('/api/notes/n1/sign');
      expect(retried.request.body).toEqual({ version: 3 });
      expect(retried.request.headers.get(CSRF_HEADER)).toBe('mend');
      retried.flush({ status: 'signed' });
      expect(results).toEqual([{ status: 'signed' }]);
    });

    it('sends it once more only: a second refusal goes to the caller', async () => {
      stepUp.confirm.mockResolvedValue(true);
      const errors: HttpErrorResponse[] = [];
      http.post('/api/notes/n1/sign', {}).subscribe({ error: (e) => errors.push(e) });
      backend.expectOne('/api/notes/n1/sign').flush(stepUpRequired.body, stepUpRequired.init);
      await settle();
      backend.expectOne('/api/notes/n1/sign').flush(stepUpRequired.body, stepUpRequired.init);
      await settle();
      expect(stepUp.confirm).toHaveBeenCalledTimes(1);
      expect(errors.map((e) => e.status)).toEqual([403]);
    });

    it('gives the original refusal back when they cancel', async () => {
      stepUp.confirm.mockResolvedValue(false);
      const errors: HttpErrorResponse[] = [];
      http.delete('/api/auth/mfa/totp').subscribe({ error: (e) => errors.push(e) });
      backend.expectOne('/api/auth/mfa/totp').flush(stepUpRequired.body, stepUpRequired.init);
      await settle();
      expect(errors).toHaveLength(1);
      expect(errors[0].error.code).toBe('step_up_required');
    });

    it('reads a download’s refusal (a Blob) and steps up for it too', async () => {
      stepUp.confirm.mockResolvedValue(true);
      const files: Blob[] = [];
      http.get('/api/notes/n1/pdf', { responseType: 'blob' }).subscribe((f) => files.push(f));
      const json = new Blob([JSON.stringify(stepUpRequired.body)], { type: 'application/json' });
      backend.expectOne('/api/notes/n1/pdf').flush(json, stepUpRequired.init);
      await until(() => stepUp.confirm.mock.calls.length > 0);
      await settle();
      expect(stepUp.confirm).toHaveBeenCalledTimes(1);
      backend.expectOne('/api/notes/n1/pdf').flush(new Blob(['%PDF']));
      expect(files).toHaveLength(1);
    });

    it('gives a download’s other refusals back readable', async () => {
      const errors: HttpErrorResponse[] = [];
      http
        .get('/api/notes/n1/pdf', { responseType: 'blob' })
        .subscribe({ error: (e) => errors.push(e) });
      const json = new Blob(
        [JSON.stringify({ statusCode: 404, error: 'Not Found', message: 'No such note.' })],
        { type: 'application/json' },
      );
      backend.expectOne('/api/notes/n1/pdf').flush(json, { status: 404, statusText: 'Not Found' });
      await until(() => errors.length > 0);
      expect(errors[0].error).toEqual({
        statusCode: 404,
        error: 'Not Found',
        message: 'No such note.',
      });
      expect(stepUp.confirm).not.toHaveBeenCalled();
    });

    it('takes a session that still lacks its second step to that step', async () => {
      const router = TestBed.inject(Router);
      const navigate = jest.spyOn(router, 'navigateByUrl').mockResolvedValue(true);
      jest.spyOn(router, 'url', 'get').mockReturnValue('/review');
      const errors: unknown[] = [];
      http.get('/api/homework/inbox').subscribe({ error: (e) => errors.push(e) });
      backend
        .expectOne('/api/homework/inbox')
        .flush(secondFactorRequired.body, secondFactorRequired.init);
      expect(errors).toHaveLength(1);
      backend.expectOne('/api/auth/me').flush({ ...me, secondFactor: 'needed' });
      await settle();
      expect(String(navigate.mock.calls[0]?.[0])).toBe('/sign-in/verify?returnUrl=%2Freview');
      expect(TestBed.inject(AuthStore).secondFactor()).toBe('needed');
      expect(stepUp.confirm).not.toHaveBeenCalled();
    });

    it('lets a request refused for the second step wait while the sign-in dialog is open', async () => {
      const router = TestBed.inject(Router);
      const navigate = jest.spyOn(router, 'navigateByUrl').mockResolvedValue(true);
      jest.spyOn(router, 'url', 'get').mockReturnValue('/account');
      http.post('/api/a', {}).subscribe();
      backend.expectOne('/api/a').flush(null, unauthorized);
      await settle();
      // The password in the dialog was right; its second step is not given yet.
      const results: unknown[] = [];
      http.get('/api/notifications/unread').subscribe((r) => results.push(r));
      backend
        .expectOne('/api/notifications/unread')
        .flush(secondFactorRequired.body, secondFactorRequired.init);
      await settle();
      answer(true);
      await settle();
      backend.expectOne('/api/a').flush({});
      backend.expectOne('/api/notifications/unread').flush({ unread: 1 });
      expect(results).toEqual([{ unread: 1 }]);
      expect(navigate).not.toHaveBeenCalled();
    });
  });
});
