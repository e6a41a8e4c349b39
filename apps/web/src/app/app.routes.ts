import { Route } from '@angular/router';
import { roleGuard, signedInGuard, signedOutGuard } from '@mend/auth/data-access';

export const appRoutes: Route[] = [
  {
    path: 'sign-in',
    title: 'Sign in · Mend',
    canActivate: [signedOutGuard],
    loadComponent: () => import('@mend/auth/web').then((m) => m.SignIn),
  },
  {
    path: 'accept-invitation',
    title: 'Accept your invitation · Mend',
    loadComponent: () => import('@mend/auth/web').then((m) => m.AcceptInvitation),
  },
  {
    path: '',
    canActivate: [signedInGuard],
    loadComponent: () => import('@mend/shell/web').then((m) => m.Shell),
    children: [
      {
        path: '',
        pathMatch: 'full',
        title: 'Home · Mend',
        loadComponent: () => import('@mend/shell/web').then((m) => m.Home),
      },
      {
        path: 'people',
        title: 'People · Mend',
        canActivate: [roleGuard('admin')],
        loadComponent: () => import('@mend/caseload/web').then((m) => m.People),
      },
      {
        path: 'cases',
        pathMatch: 'full',
        title: 'Cases · Mend',
        canActivate: [roleGuard('admin', 'counselor')],
        loadComponent: () => import('@mend/caseload/web').then((m) => m.CaseList),
      },
      {
        path: 'cases/new',
        title: 'Open a case · Mend',
        canActivate: [roleGuard('admin')],
        loadComponent: () => import('@mend/caseload/web').then((m) => m.OpenCase),
      },
      {
        path: 'cases/:id',
        title: 'Case · Mend',
        canActivate: [roleGuard('admin', 'counselor')],
        loadComponent: () => import('@mend/caseload/web').then((m) => m.CaseView),
      },
      {
        path: 'caseload',
        title: 'Caseload · Mend',
        canActivate: [roleGuard('admin')],
        loadComponent: () => import('@mend/caseload/web').then((m) => m.Caseload),
      },
      {
        path: 'my-case',
        title: 'Your case · Mend',
        canActivate: [roleGuard('client')],
        loadComponent: () => import('@mend/caseload/web').then((m) => m.MyCase),
      },
      {
        path: 'account',
        title: 'Your account · Mend',
        loadComponent: () => import('@mend/auth/web').then((m) => m.ChangePassword),
      },
      {
        path: '**',
        title: 'Not found · Mend',
        loadComponent: () => import('@mend/shell/web').then((m) => m.NotFound),
      },
    ],
  },
];
