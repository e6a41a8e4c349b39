import { Route } from '@angular/router';
import { signedInGuard, signedOutGuard } from '@mend/auth/data-access';
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
      'account',
      '**',
    ]);
  });

  it('keeps admin pages to admins and the client’s page to clients', () => {
    const children = byPath('')?.children ?? [];
    for (const path of ['people', 'cases/new', 'caseload', 'my-case', 'cases', 'cases/:id']) {
      expect(byPath(path, children)?.canActivate?.length).toBe(1);
    }
    expect(byPath('', children)?.canActivate).toBeUndefined();
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
