import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { EnvironmentInjector, runInInjectionContext } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import {
  ActivatedRouteSnapshot,
  provideRouter,
  Router,
  RouterStateSnapshot,
  RedirectCommand,
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

  async function run(guard: typeof signedOutGuard, user: Me | null, url = '/x'): Promise<unknown> {
    const result = runInInjectionContext(TestBed.inject(EnvironmentInjector), () =>
      guard({} as ActivatedRouteSnapshot, { url } as RouterStateSnapshot),
    ) as Promise<unknown>;
    const http = TestBed.inject(HttpTestingController);
    // Nobody signed in is a 200 answer: a signed-out page load logs no failed request.
    http.expectOne('/api/auth/whoami').flush({ me: user });
    return result;
  }

  it('lets the allowed role in', async () => {
    expect(await run(roleGuard('admin'), me('admin'))).toBe(true);
  });

  it('shows another role the "not available" page at the address they opened, not home', async () => {
    const result = await run(roleGuard('counselor'), me('admin'), '/sessions/s1');
    expect(result).toBeInstanceOf(RedirectCommand);
    const { redirectTo, navigationBehaviorOptions } = result as RedirectCommand;
    expect(decodeURIComponent(redirectTo.toString())).toBe('/not-available?roles=counselor');
    expect(navigationBehaviorOptions).toEqual({ browserUrl: '/sessions/s1' });
  });

  it('tells the "not available" page every role the page is for', async () => {
    const result = await run(roleGuard('admin', 'counselor'), me('client'));
    expect(decodeURIComponent((result as RedirectCommand).redirectTo.toString())).toBe(
      '/not-available?roles=admin,counselor',
    );
  });

  it('leaves someone signed out to the sign-in guard', async () => {
    const result = await run(roleGuard('admin'), null);
    expect(result instanceof UrlTree && result.toString()).toBe('/');
  });

  it('lets someone signed out open the sign-in page', async () => {
    expect(await run(signedOutGuard, null)).toBe(true);
  });

  it('sends a signed-in user away from the sign-in page', async () => {
    const result = await run(signedOutGuard, me('counselor'));
    expect(result instanceof UrlTree && result.toString()).toBe('/');
  });
});
