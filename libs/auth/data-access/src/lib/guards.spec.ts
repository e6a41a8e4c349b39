import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { EnvironmentInjector, runInInjectionContext } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import {
  ActivatedRouteSnapshot,
  provideRouter,
  Router,
  RouterStateSnapshot,
  UrlTree,
} from '@angular/router';
import type { Me, Role } from '@mend/shared/contracts';
import { afterPassword, roleGuard, safeReturnUrl, signedOutGuard } from './guards';

describe('safeReturnUrl', () => {
  it('keeps internal paths', () => {
    expect(safeReturnUrl('/cases/42?tab=homework')).toBe('/cases/42?tab=homework');
  });

  it('refuses other sites and loops', () => {
    expect(safeReturnUrl('https://evil.example')).toBe('/');
    expect(safeReturnUrl('//evil.example')).toBe('/');
    expect(safeReturnUrl('/sign-in')).toBe('/');
    expect(safeReturnUrl(undefined)).toBe('/');
  });
});

describe('afterPassword', () => {
  const me = (secondFactor: Me['secondFactor']): Me => ({
    id: 'u1',
    email: 'a@b.example',
    displayName: 'A',
    role: 'counselor',
    clinic: { id: 'c1', name: 'Clinic' },
    secondFactor,
  });
  beforeEach(() => TestBed.configureTestingModule({ providers: [provideRouter([])] }));
  const next = (secondFactor: Me['secondFactor'], returnUrl?: string) => {
    return decodeURIComponent(
      afterPassword(TestBed.inject(Router), me(secondFactor), returnUrl).toString(),
    );
  };

  it('goes where the person was going once signing in is complete', () => {
    expect(next('off', '/cases/42')).toBe('/cases/42');
    expect(next('given')).toBe('/');
  });

  it('goes to the second step first, and takes the return address along', () => {
    expect(next('needed', '/cases/42')).toBe('/sign-in/verify?returnUrl=/cases/42');
    expect(next('enrol')).toBe('/sign-in/set-up');
    expect(next('needed', 'https://evil.example')).toBe('/sign-in/verify');
  });
});

describe('guards that wait for the signed-in user', () => {
  const me = (role: Role): Me => ({
    id: 'u1',
    email: 'a@b.example',
    displayName: 'A',
    role,
    clinic: { id: 'c1', name: 'Clinic' },
    secondFactor: 'off',
  });

  beforeEach(() => {
    TestBed.configureTestingModule({
      providers: [provideRouter([]), provideHttpClient(), provideHttpClientTesting()],
    });
  });

  async function run(guard: typeof signedOutGuard, user: Me | null): Promise<unknown> {
    const result = runInInjectionContext(TestBed.inject(EnvironmentInjector), () =>
      guard({} as ActivatedRouteSnapshot, { url: '/x' } as RouterStateSnapshot),
    ) as Promise<unknown>;
    const http = TestBed.inject(HttpTestingController);
    const request = http.expectOne('/api/auth/me');
    if (user) request.flush(user);
    else request.flush(null, { status: 401, statusText: 'Unauthorized' });
    return result;
  }

  it('lets the allowed role in', async () => {
    expect(await run(roleGuard('admin'), me('admin'))).toBe(true);
  });

  it('sends another role home', async () => {
    const result = await run(roleGuard('admin'), me('client'));
    expect(result instanceof UrlTree && result.toString()).toBe('/');
  });

  it('sends a signed-in user away from the sign-in page', async () => {
    const result = await run(signedOutGuard, me('counselor'));
    expect(result instanceof UrlTree && result.toString()).toBe('/');
  });
});
