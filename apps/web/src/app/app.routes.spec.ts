import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { EnvironmentInjector, runInInjectionContext } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import {
  ActivatedRouteSnapshot,
  CanActivateFn,
  ParamMap,
  provideRouter,
  Route,
  RedirectCommand,
  RouterStateSnapshot,
  UrlTree,
} from '@angular/router';
import { NOT_AVAILABLE_URL, signedInGuard, signedOutGuard } from '@mend/auth/data-access';
import type { CaseRouteData } from '@mend/caseload/web';
import type { Me, Role } from '@mend/shared/contracts';
import { appRoutes, currentRole } from './app.routes';

describe('appRoutes', () => {
  const byPath = (path: string, routes: Route[] = appRoutes) => routes.find((r) => r.path === path);

  it('keeps every signed-in page behind the sign-in guard', () => {
    const shell = byPath('');
    expect(shell?.canActivate).toContain(signedInGuard);
    expect(shell?.children?.map((c) => c.path)).toEqual([
      '',
      'people',
      'cases',
      'cases/new',
      'cases/:id',
      'cases/:caseId/agreement',
      'caseload',
      'my-case',
      'my-case/:caseId/agreement',
      'homework',
      'homework/:id',
      'progress',
      'safety-check/:id',
      'review',
      'review/:id',
      'exercises',
      'exercises/new',
      'exercises/:id',
      'exercises/:id/edit',
      'sessions',
      'sessions/:id',
      'messages',
      'messages/:id',
      'appointments',
      'appointments/:id',
      'settings/availability',
      'audit',
      'clinic/crisis-text',
      'notifications',
      'notifications/:id',
      'settings/notifications',
      'settings/security',
      'account',
      'not-available',
      '**',
    ]);
  });

  it('keeps admin pages to admins and the client’s page to clients', () => {
    const children = byPath('')?.children ?? [];
    for (const path of [
      'people',
      'cases/new',
      'caseload',
      'my-case',
      'cases',
      'cases/:id',
      'homework',
      'homework/:id',
      'progress',
      'review',
      'review/:id',
      'exercises',
      'exercises/new',
      'exercises/:id',
      'exercises/:id/edit',
      'sessions',
      'sessions/:id',
      'messages',
      'messages/:id',
      'appointments',
      'appointments/:id',
      'settings/availability',
      'audit',
    ]) {
      expect(byPath(path, children)?.canActivate?.length).toBe(1);
    }
    expect(byPath('', children)?.canActivate).toBeUndefined();
  });

  it('lets every signed-in role reach their notifications, mail and sign-in security settings', () => {
    const children = byPath('')?.children ?? [];
    for (const path of [
      'notifications',
      'notifications/:id',
      'settings/notifications',
      'settings/security',
    ]) {
      expect(byPath(path, children)?.canActivate).toBeUndefined();
    }
    // The settings page lists the kinds of mail of the person's role.
    expect(byPath('settings/notifications', children)?.resolve).toEqual({ role: currentRole });
  });

  it('adds the homework, progress, sessions, agreement, safety and messages tabs to the case page for counselors only', () => {
    const caseRoute = byPath('cases/:id', byPath('')?.children ?? []);
    const tabs = (caseRoute?.data as CaseRouteData).caseTabs ?? [];
    expect(tabs.map((t) => [t.label, t.roles])).toEqual([
      ['Homework', ['counselor']],
      ['Progress', ['counselor']],
      ['Sessions', ['counselor']],
      ['Agreement', ['counselor']],
      ['Safety', ['counselor']],
      ['Messages', ['counselor']],
    ]);
  });

  describe('sessions, notes and the audit trail', () => {
    /**
     * Runs the route's guard for a signed-in user of `role`: true, or where it sends them (the
     * "not available" page for another role, shown at the address they opened).
     */
    async function visit(path: string, role: Role): Promise<unknown> {
      // A fresh injector per visit: the auth store remembers who is signed in.
      TestBed.resetTestingModule();
      TestBed.configureTestingModule({
        providers: [provideRouter([]), provideHttpClient(), provideHttpClientTesting()],
      });
      const route = byPath(path, byPath('')?.children ?? []);
      const guard = route?.canActivate?.[0] as CanActivateFn;
      const result = runInInjectionContext(TestBed.inject(EnvironmentInjector), () =>
        guard({} as ActivatedRouteSnapshot, { url: `/${path}` } as RouterStateSnapshot),
      ) as Promise<unknown>;
      TestBed.inject(HttpTestingController)
        .expectOne('/api/auth/whoami')
        .flush({ me: { id: 'u1', email: 'a@b.example', displayName: 'A', role, clinic: null } });
      const outcome = await result;
      if (outcome instanceof RedirectCommand) return outcome.redirectTo.toString();
      return outcome instanceof UrlTree ? outcome.toString() : outcome;
    }

    it('lets only counselors open the sessions and their notes', async () => {
      for (const path of ['sessions', 'sessions/:id']) {
        expect(await visit(path, 'counselor')).toBe(true);
        expect(await visit(path, 'client')).toBe(`${NOT_AVAILABLE_URL}?roles=counselor`);
        expect(await visit(path, 'admin')).toBe(`${NOT_AVAILABLE_URL}?roles=counselor`);
      }
    });

    it('lets clients and counselors open their conversations, never admins', async () => {
      for (const path of ['messages', 'messages/:id']) {
        expect(await visit(path, 'counselor')).toBe(true);
        expect(await visit(path, 'client')).toBe(true);
        expect(await visit(path, 'admin')).toBe(`${NOT_AVAILABLE_URL}?roles=counselor,client`);
      }
    });

    it('lets only admins open the audit trail', async () => {
      expect(await visit('audit', 'admin')).toBe(true);
      expect(await visit('audit', 'counselor')).toBe(`${NOT_AVAILABLE_URL}?roles=admin`);
      expect(await visit('audit', 'client')).toBe(`${NOT_AVAILABLE_URL}?roles=admin`);
    });

    it('has the page the role guard shows, for every signed-in role', () => {
      const page = byPath(NOT_AVAILABLE_URL.slice(1), byPath('')?.children ?? []);
      expect(page?.canActivate).toBeUndefined();
      expect(page?.title).toBe('Not available · Mend');
    });
  });

  it('asks before leaving the exercise builder with unsaved changes', () => {
    const children = byPath('')?.children ?? [];
    for (const path of ['exercises/new', 'exercises/:id/edit']) {
      expect(byPath(path, children)?.canDeactivate).toHaveLength(1);
    }
  });

  it('sends signed-in users away from the sign-in page, but lets anyone open an invitation', () => {
    expect(byPath('sign-in')?.canActivate).toContain(signedOutGuard);
    expect(byPath('accept-invitation')?.canActivate).toBeUndefined();
  });

  describe('the second step of signing in', () => {
    /** Runs a top-level route's guard for a session whose second step is at `secondFactor`. */
    async function visit(
      path: string,
      secondFactor: Me['secondFactor'] | null,
      url = `/${path}`,
    ): Promise<unknown> {
      TestBed.resetTestingModule();
      TestBed.configureTestingModule({
        providers: [provideRouter([]), provideHttpClient(), provideHttpClientTesting()],
      });
      const route = path.startsWith('sign-in') ? byPath(path) : byPath('');
      const guard = route?.canActivate?.[0] as CanActivateFn;
      const [, query] = url.split('?');
      const snapshot = {
        queryParamMap: new URLSearchParams(query ?? '') as unknown as ParamMap,
      } as ActivatedRouteSnapshot;
      const result = runInInjectionContext(TestBed.inject(EnvironmentInjector), () =>
        guard(snapshot, { url } as RouterStateSnapshot),
      ) as Promise<unknown>;
      const me = TestBed.inject(HttpTestingController).expectOne('/api/auth/whoami');
      me.flush({ me: secondFactor === null ? null : { ...counselor, secondFactor } });
      const outcome = await result;
      return outcome instanceof UrlTree ? decodeURIComponent(outcome.toString()) : outcome;
    }
    const counselor = {
      id: 'u1',
      email: 'a@b.example',
      displayName: 'A',
      role: 'counselor',
      clinic: { id: 'c1', name: 'Harbor' },
    };

    it('keeps a session without its second step out of the app, on that step, after a reload', async () => {
      expect(await visit('', 'needed', '/sessions/s1')).toBe(
        '/sign-in/verify?returnUrl=/sessions/s1',
      );
      expect(await visit('', 'enrol', '/')).toBe('/sign-in/set-up');
      expect(await visit('', 'given', '/sessions/s1')).toBe(true);
      expect(await visit('', 'off', '/')).toBe(true);
    });

    it('opens each second-step page only while that step is missing', async () => {
      expect(await visit('sign-in/verify', 'needed')).toBe(true);
      expect(await visit('sign-in/verify', 'enrol')).toBe('/sign-in/set-up');
      expect(await visit('sign-in/set-up', 'enrol')).toBe(true);
      expect(await visit('sign-in/set-up', 'needed')).toBe('/sign-in/verify');
      expect(await visit('sign-in/verify', 'given', '/sign-in/verify?returnUrl=/review')).toBe(
        '/review',
      );
      expect(await visit('sign-in/set-up', null)).toBe('/sign-in');
    });

    it('sends a half-signed-in person from the sign-in page to their second step', async () => {
      expect(await visit('sign-in', 'needed')).toBe('/sign-in/verify');
      expect(await visit('sign-in', 'given')).toBe('/');
      expect(await visit('sign-in', null)).toBe(true);
    });
  });

  it('lets anyone ask for a password reset link and open one, outside the shell', () => {
    expect(appRoutes.map((r) => r.path)).toEqual(
      expect.arrayContaining(['forgot-password', 'reset-password']),
    );
    expect(byPath('forgot-password')?.canActivate).toBeUndefined();
    expect(byPath('reset-password')?.canActivate).toBeUndefined();
  });

  it('lets anyone unsubscribe from a mail without signing in', () => {
    expect(appRoutes.map((r) => r.path)).toContain('unsubscribe');
    expect(byPath('unsubscribe')?.canActivate).toBeUndefined();
  });

  it('loads every page lazily', () => {
    const pages = [...appRoutes, ...(byPath('')?.children ?? [])];
    expect(pages.every((route) => typeof route.loadComponent === 'function')).toBe(true);
  });
});
