import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { MAT_DIALOG_DATA, MatDialog, MatDialogRef } from '@angular/material/dialog';
import { provideRouter, Router } from '@angular/router';
import { Subject } from 'rxjs';
import type { Me } from '@mend/shared/contracts';
import { AuthStore } from './auth-store';
import { RELOAD_HOME, SessionRecovery } from './session-recovery';
import { SignInAgain, type SignInAgainResult } from './sign-in-again';

const maya: Me = {
  id: 'u1',
  email: 'maya@harbor.example',
  displayName: 'Maya',
  role: 'counselor',
  clinic: { id: 'c1', name: 'Harbor' },
  secondFactor: 'given',
};
const omar: Me = { ...maya, id: 'u2', email: 'omar@harbor.example', displayName: 'Omar' };

async function signIn(backend: HttpTestingController, me: Me): Promise<void> {
  const signedIn = TestBed.inject(AuthStore).login({ email: me.email, password: 'x' });
  backend.expectOne('/api/auth/login').flush(me);
  await signedIn;
}

describe('SessionRecovery', () => {
  const closed = new Subject<SignInAgainResult>();
  const dialog = { open: jest.fn(() => ({ afterClosed: () => closed })) };
  const reloadHome = jest.fn();

  beforeEach(() => {
    dialog.open.mockClear();
    reloadHome.mockClear();
    TestBed.configureTestingModule({
      providers: [
        provideRouter([]),
        provideHttpClient(),
        provideHttpClientTesting(),
        { provide: MatDialog, useValue: dialog },
        { provide: RELOAD_HOME, useValue: reloadHome },
      ],
    });
  });

  it('opens one dialog for every request that waits, and shares its answer', async () => {
    const recovery = TestBed.inject(SessionRecovery);
    const first = recovery.signInAgain('write');
    const second = recovery.signInAgain('write');
    await new Promise((resolve) => setTimeout(resolve));
    expect(dialog.open).toHaveBeenCalledTimes(1);
    expect(recovery.active).toBe(true);
    closed.next('same');
    expect(await first).toBe(true);
    expect(await second).toBe(true);
    expect(recovery.active).toBe(false);
  });

  it('reloads at home when someone else signed in, and never sends what waited', async () => {
    const recovery = TestBed.inject(SessionRecovery);
    let settled = false;
    void recovery.signInAgain('write').then(() => (settled = true));
    await new Promise((resolve) => setTimeout(resolve));
    closed.next('other');
    await new Promise((resolve) => setTimeout(resolve));
    expect(reloadHome).toHaveBeenCalled();
    expect(settled).toBe(false);
  });

  it('goes to the sign-in page when they sign out instead', async () => {
    const backend = TestBed.inject(HttpTestingController);
    await signIn(backend, maya);
    const navigate = jest.spyOn(TestBed.inject(Router), 'navigate').mockResolvedValue(true);
    const answer = TestBed.inject(SessionRecovery).signInAgain('ended');
    await new Promise((resolve) => setTimeout(resolve));
    closed.next('signed-out');
    expect(await answer).toBe(false);
    expect(TestBed.inject(AuthStore).me()).toBeNull();
    expect(navigate).toHaveBeenCalledWith(['/sign-in']);
  });
});

describe('SignInAgain', () => {
  const ref = { close: jest.fn() };
  let backend: HttpTestingController;

  beforeEach(async () => {
    ref.close.mockClear();
    TestBed.configureTestingModule({
      providers: [
        provideHttpClient(),
        provideHttpClientTesting(),
        { provide: MatDialogRef, useValue: ref },
        { provide: MAT_DIALOG_DATA, useValue: { reason: 'write' } },
      ],
    });
    backend = TestBed.inject(HttpTestingController);
    await signIn(backend, maya);
  });

  /** Types the password, submits, and returns a function that renders and gives the page. */
  async function submit(password: string): Promise<() => Promise<HTMLElement>> {
    const fixture = TestBed.createComponent(SignInAgain);
    await fixture.whenStable();
    const element = fixture.nativeElement as HTMLElement;
    const email = element.querySelector<HTMLInputElement>('[data-testid=again-email]');
    expect(email?.value).toBe('maya@harbor.example');
    const input = element.querySelector<HTMLInputElement>('[data-testid=again-password]');
    if (!input) throw new Error('no password field');
    input.value = password;
    input.dispatchEvent(new Event('input'));
    element.querySelector<HTMLButtonElement>('[data-testid=again-submit]')?.click();
    return async () => {
      await new Promise((resolve) => setTimeout(resolve));
      await fixture.whenStable();
      return element;
    };
  }

  it('closes for the same person, who is signed in again', async () => {
    const rendered = await submit('harbor lights 12');
    const login = backend.expectOne('/api/auth/login');
    expect(login.request.body).toEqual({
      email: 'maya@harbor.example',
      password: 'harbor lights 12',
    });
    login.flush({ ...maya, displayName: 'Maya R.' });
    await rendered();
    expect(ref.close).toHaveBeenCalledWith('same');
    expect(TestBed.inject(AuthStore).me()?.displayName).toBe('Maya R.');
  });

  it('tells someone else that nothing was sent, and keeps the first person in memory', async () => {
    const rendered = await submit('omar password 1');
    backend.expectOne('/api/auth/login').flush(omar);
    const element = await rendered();
    expect(ref.close).not.toHaveBeenCalled();
    expect(element.textContent).toContain('You signed in as Omar');
    expect(element.textContent).toContain('Maya’s work, so nothing from it was sent');
    expect(TestBed.inject(AuthStore).me()?.id).toBe('u1');
  });

  it('shows why signing in failed', async () => {
    const rendered = await submit('wrong');
    backend
      .expectOne('/api/auth/login')
      .flush(
        { statusCode: 401, error: 'Unauthorized', message: 'Email or password is incorrect.' },
        { status: 401, statusText: 'Unauthorized' },
      );
    const element = await rendered();
    expect(element.querySelector('[role=alert]')?.textContent).toContain(
      'Email or password is incorrect.',
    );
    expect(ref.close).not.toHaveBeenCalled();
  });

  it('asks the same person for their second factor before the work is sent', async () => {
    const rendered = await submit('harbor lights 12');
    backend.expectOne('/api/auth/login').flush({ ...maya, secondFactor: 'needed' });
    const element = await rendered();
    expect(ref.close).not.toHaveBeenCalled();
    expect(element.textContent).toContain('Two-step sign-in');
    backend.expectOne('/api/auth/mfa').flush({
      required: true,
      totp: { enabledAt: '2026-01-01T00:00:00Z' },
      passkeys: [],
      recoveryCodesLeft: 10,
      givenAt: null,
    });
    await rendered();
    const code = element.querySelector<HTMLInputElement>('[data-testid=mfa-code]');
    if (!code) throw new Error('no code field');
    code.value = '123 456';
    code.dispatchEvent(new Event('input'));
    element.querySelector<HTMLButtonElement>('[data-testid=mfa-submit]')?.click();
    const verify = backend.expectOne('/api/auth/mfa/verify');
    expect(verify.request.body).toEqual({ method: 'totp', code: '123456' });
    verify.flush({ ...maya, secondFactor: 'given' });
    await rendered();
    expect(ref.close).toHaveBeenCalledWith('same');
    expect(TestBed.inject(AuthStore).secondFactor()).toBe('given');
  });
});
