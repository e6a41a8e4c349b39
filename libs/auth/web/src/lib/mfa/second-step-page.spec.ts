import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { provideRouter, Router } from '@angular/router';
import { AuthStore } from '@mend/auth/data-access';
import type { Me } from '@mend/shared/contracts';
import { SecondStepPage } from './second-step-page';

const maya: Me = {
  id: 'u1',
  email: 'maya@harbor.example',
  displayName: 'Maya',
  role: 'counselor',
  clinic: { id: 'c1', name: 'Harbor' },
  secondFactor: 'needed',
};

describe('SecondStepPage', () => {
  let fixture: ComponentFixture<SecondStepPage>;
  let backend: HttpTestingController;
  const page = () => fixture.nativeElement as HTMLElement;
  const settled = async () => {
    await new Promise((resolve) => setTimeout(resolve));
    await fixture.whenStable();
  };

  beforeEach(async () => {
    TestBed.configureTestingModule({
      providers: [provideRouter([]), provideHttpClient(), provideHttpClientTesting()],
    });
    backend = TestBed.inject(HttpTestingController);
    const signedIn = TestBed.inject(AuthStore).login({ email: maya.email, password: 'x' });
    backend.expectOne('/api/auth/login').flush(maya);
    await signedIn;
    fixture = TestBed.createComponent(SecondStepPage);
    fixture.componentRef.setInput('returnUrl', '/sessions/s1');
    await fixture.whenStable();
    // The form arrives with the session dialogs' chunk.
    for (let i = 0; i < 50 && !page().querySelector('mend-second-factor-form'); i += 1) {
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    await fixture.whenStable();
    backend.expectOne('/api/auth/mfa').flush({
      required: true,
      totp: { enabledAt: '2026-01-01T00:00:00Z' },
      passkeys: [],
      recoveryCodesLeft: 10,
      givenAt: null,
    });
    await settled();
  });

  afterEach(() => backend.verify());

  it('finishes signing in with the code and goes where the person was going', async () => {
    expect(page().querySelector('[data-testid=second-step-who]')?.textContent).toContain(
      'maya@harbor.example',
    );
    const navigate = jest.spyOn(TestBed.inject(Router), 'navigateByUrl').mockResolvedValue(true);
    const code = page().querySelector<HTMLInputElement>('[data-testid=mfa-code]');
    if (!code) throw new Error('no code field');
    code.value = '246810';
    code.dispatchEvent(new Event('input'));
    page().querySelector<HTMLButtonElement>('[data-testid=mfa-submit]')?.click();
    backend.expectOne('/api/auth/mfa/verify').flush({ ...maya, secondFactor: 'given' });
    await settled();
    expect(String(navigate.mock.calls[0]?.[0])).toBe('/sessions/s1');
    expect(TestBed.inject(AuthStore).secondFactor()).toBe('given');
  });

  it('lets someone who is not Maya sign out', async () => {
    const navigate = jest.spyOn(TestBed.inject(Router), 'navigate').mockResolvedValue(true);
    const signOut = Array.from(page().querySelectorAll('button')).find((b) =>
      b.textContent?.includes('Sign out'),
    );
    signOut?.click();
    backend.expectOne('/api/auth/logout').flush(null);
    await settled();
    expect(navigate).toHaveBeenCalledWith(['/sign-in']);
    expect(TestBed.inject(AuthStore).me()).toBeNull();
  });
});
