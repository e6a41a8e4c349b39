import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { MatDialog } from '@angular/material/dialog';
import { provideRouter } from '@angular/router';
import { Subject } from 'rxjs';
import type { Me, SessionTimes } from '@mend/shared/contracts';
import { AuthStore } from './auth-store';
import { SESSION_URL, SessionClock } from './session-clock';
import { SessionRecovery } from './session-recovery';
import { SessionWarning, timeLeft, type SessionWarningData } from './session-warning';

const me: Me = {
  id: 'u1',
  email: 'maya@harbor.example',
  displayName: 'Maya',
  role: 'counselor',
  clinic: { id: 'c1', name: 'Harbor' },
  secondFactor: 'off',
};
const T0 = Date.parse('2026-05-11T10:00:00Z');
const at = (ms: number) => new Date(T0 + ms).toISOString();
const MIN = 60_000;

/** The server's answer when the last activity was at `lastActivity` (ms after T0). */
const times = (lastActivity: number, idleMinutes = 3): SessionTimes => ({
  idleExpiresAt: at(lastActivity + idleMinutes * MIN),
  absoluteExpiresAt: at(12 * 60 * MIN),
  idleMinutes,
});

describe('SessionClock', () => {
  let backend: HttpTestingController;
  let clock: SessionClock;
  const dialogs: { component: unknown; data: SessionWarningData; close: jest.Mock }[] = [];
  const dialog = {
    open: jest.fn((component: unknown, config: { data: SessionWarningData }) => {
      const closed = new Subject<unknown>();
      const close = jest.fn((result?: unknown) => {
        closed.next(result);
        closed.complete();
      });
      dialogs.push({ component, data: config.data, close });
      return { close, afterClosed: () => closed };
    }),
  };
  const recovery = { signInAgain: jest.fn(() => new Promise<boolean>(() => undefined)) };

  /** Signs in, lets the clock ask when the session ends and answers `answer`. */
  async function signIn(answer: SessionTimes): Promise<void> {
    const signedIn = TestBed.inject(AuthStore).login({ email: me.email, password: 'x' });
    backend.expectOne('/api/auth/login').flush(me);
    await signedIn;
    TestBed.tick();
    backend.expectOne(SESSION_URL).flush(answer);
    await jest.advanceTimersByTimeAsync(0);
  }

  const warnings = () => dialogs.filter((d) => d.component === SessionWarning);

  beforeEach(() => {
    jest.useFakeTimers({ now: T0 });
    dialogs.length = 0;
    dialog.open.mockClear();
    recovery.signInAgain.mockClear();
    TestBed.configureTestingModule({
      providers: [
        provideRouter([]),
        provideHttpClient(),
        provideHttpClientTesting(),
        { provide: MatDialog, useValue: dialog },
        { provide: SessionRecovery, useValue: recovery },
      ],
    });
    backend = TestBed.inject(HttpTestingController);
    clock = TestBed.inject(SessionClock);
  });

  afterEach(() => {
    clock.stop();
    backend.verify();
    jest.useRealTimers();
  });

  it('warns two minutes before the idle end, after checking with the server', async () => {
    await signIn(times(0));
    expect(clock.endsAt()).toBe(T0 + 3 * MIN);

    await jest.advanceTimersByTimeAsync(MIN - 1);
    backend.expectNone(SESSION_URL);
    expect(warnings()).toHaveLength(0);

    await jest.advanceTimersByTimeAsync(1);
    backend.expectOne(SESSION_URL).flush(times(0));
    await jest.advanceTimersByTimeAsync(0);
    expect(warnings()).toHaveLength(1);
    expect(warnings()[0].data.idleMinutes).toBe(3);
    expect(timeLeft(warnings()[0].data.endsAt(), Date.now())).toBe('2:00');

    await jest.advanceTimersByTimeAsync(45_000);
    expect(timeLeft(warnings()[0].data.endsAt(), Date.now())).toBe('1:15');
  });

  it('pushes the warning back with every successful request', async () => {
    await signIn(times(0, 30));
    await jest.advanceTimersByTimeAsync(10 * MIN);
    clock.touch();
    expect(clock.endsAt()).toBe(T0 + 40 * MIN);

    // An estimate is checked a minute early: the server records activity once a minute.
    await jest.advanceTimersByTimeAsync(27 * MIN - 1);
    backend.expectNone(SESSION_URL);
    await jest.advanceTimersByTimeAsync(1);
    backend.expectOne(SESSION_URL).flush(times(9.5 * MIN, 30));
    await jest.advanceTimersByTimeAsync(0);
    expect(warnings()).toHaveLength(0);

    await jest.advanceTimersByTimeAsync(30_000);
    backend.expectOne(SESSION_URL).flush(times(9.5 * MIN, 30));
    await jest.advanceTimersByTimeAsync(0);
    expect(warnings()).toHaveLength(1);
    expect(timeLeft(warnings()[0].data.endsAt(), Date.now())).toBe('2:00');
  });

  it('closes the warning when there is activity after all', async () => {
    await signIn(times(0));
    await jest.advanceTimersByTimeAsync(MIN);
    backend.expectOne(SESSION_URL).flush(times(0));
    await jest.advanceTimersByTimeAsync(0);
    expect(warnings()).toHaveLength(1);

    clock.touch();
    await jest.advanceTimersByTimeAsync(0);
    expect(warnings()[0].close).toHaveBeenCalled();
    backend.expectOne(SESSION_URL).flush(times(MIN));
  });

  it('does not warn while another tab keeps the session alive', async () => {
    await signIn(times(0));
    await jest.advanceTimersByTimeAsync(MIN);
    backend.expectOne(SESSION_URL).flush(times(50_000));
    await jest.advanceTimersByTimeAsync(0);
    expect(warnings()).toHaveLength(0);

    await jest.advanceTimersByTimeAsync(50_000);
    backend.expectOne(SESSION_URL).flush(times(50_000));
    await jest.advanceTimersByTimeAsync(0);
    expect(warnings()).toHaveLength(1);
  });

  it('"Stay signed in" keeps the session alive and moves the end', async () => {
    await signIn(times(0));
    await jest.advanceTimersByTimeAsync(MIN);
    backend.expectOne(SESSION_URL).flush(times(0));
    await jest.advanceTimersByTimeAsync(0);

    const stayed = warnings()[0].data.stay();
    const keepalive = backend.expectOne(`${SESSION_URL}/keepalive`);
    expect(keepalive.request.method).toBe('POST');
    keepalive.flush(times(MIN));
    await stayed;
    await jest.advanceTimersByTimeAsync(0);
    expect(clock.endsAt()).toBe(T0 + 4 * MIN);
    expect(warnings()[0].close).toHaveBeenCalled();
  });

  it('opens the sign-in dialog over the page when the session ended', async () => {
    await signIn(times(0));
    await jest.advanceTimersByTimeAsync(MIN);
    backend.expectOne(SESSION_URL).flush(times(0));
    await jest.advanceTimersByTimeAsync(2 * MIN);
    backend.expectOne(SESSION_URL).flush(null, { status: 401, statusText: 'Unauthorized' });
    await jest.advanceTimersByTimeAsync(0);

    expect(warnings()[0].close).toHaveBeenCalled();
    expect(recovery.signInAgain).toHaveBeenCalledWith('ended');
    expect(clock.endsAt()).toBeNull();
  });

  it('goes by its own clock while the server cannot be reached', async () => {
    await signIn(times(0));
    await jest.advanceTimersByTimeAsync(30_000);
    clock.touch();
    await jest.advanceTimersByTimeAsync(0);
    backend.expectOne(SESSION_URL).error(new ProgressEvent('error'));
    await jest.advanceTimersByTimeAsync(0);
    backend.expectNone(SESSION_URL);

    await jest.advanceTimersByTimeAsync(MIN);
    backend.expectOne(SESSION_URL).error(new ProgressEvent('error'));
    await jest.advanceTimersByTimeAsync(0);
    expect(warnings()).toHaveLength(1);

    await jest.advanceTimersByTimeAsync(2 * MIN);
    backend.expectOne(SESSION_URL).error(new ProgressEvent('error'));
    await jest.advanceTimersByTimeAsync(0);
    expect(recovery.signInAgain).toHaveBeenCalledWith('ended');
  });

  it('warns once, without "stay", when the absolute limit comes first', async () => {
    await signIn({
      idleExpiresAt: at(30 * MIN),
      absoluteExpiresAt: at(10 * MIN),
      idleMinutes: 30,
    });
    expect(clock.endsAt()).toBe(T0 + 10 * MIN);
    expect(clock.extendable()).toBe(false);
    await jest.advanceTimersByTimeAsync(8 * MIN);
    backend.expectOne(SESSION_URL).flush({
      idleExpiresAt: at(30 * MIN),
      absoluteExpiresAt: at(10 * MIN),
      idleMinutes: 30,
    });
    await jest.advanceTimersByTimeAsync(0);
    expect(warnings()).toHaveLength(1);

    warnings()[0].close('dismissed');
    clock.touch();
    await jest.advanceTimersByTimeAsync(0);
    expect(warnings()).toHaveLength(1);
  });

  it('stops when they sign out', async () => {
    await signIn(times(0));
    const out = TestBed.inject(AuthStore).logout();
    backend.expectOne('/api/auth/logout').flush(null);
    await out;
    TestBed.tick();
    expect(clock.endsAt()).toBeNull();
    await jest.advanceTimersByTimeAsync(5 * MIN);
    backend.expectNone(SESSION_URL);
  });
});

describe('timeLeft', () => {
  it('counts down in minutes and seconds, never below zero', () => {
    expect(timeLeft(125_000, 0)).toBe('2:05');
    expect(timeLeft(59_001, 0)).toBe('1:00');
    expect(timeLeft(9_000, 0)).toBe('0:09');
    expect(timeLeft(0, 5_000)).toBe('0:00');
  });
});
