import { Route } from '@angular/router';
import { signedInGuard, signedOutGuard } from '@mend/auth/data-access';
import type { CaseRouteData } from '@mend/caseload/web';
import { appRoutes } from './app.routes';

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
      'caseload',
      'my-case',
      'homework',
      'homework/:id',
      'progress',
      'review',
      'review/:id',
      'exercises',
      'exercises/new',
      'exercises/:id',
      'exercises/:id/edit',
      'account',
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
    ]) {
      expect(byPath(path, children)?.canActivate?.length).toBe(1);
    }
    expect(byPath('', children)?.canActivate).toBeUndefined();
  });

  it('adds the homework and progress tabs to the case page for counselors only', () => {
    const caseRoute = byPath('cases/:id', byPath('')?.children ?? []);
    const tabs = (caseRoute?.data as CaseRouteData).caseTabs ?? [];
    expect(tabs.map((t) => [t.label, t.roles])).toEqual([
      ['Homework', ['counselor']],
      ['Progress', ['counselor']],
    ]);
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

  it('loads every page lazily', () => {
    const pages = [...appRoutes, ...(byPath('')?.children ?? [])];
    expect(pages.every((route) => typeof route.loadComponent === 'function')).toBe(true);
  });
});
