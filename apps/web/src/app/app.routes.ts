import { Route } from '@angular/router';
import { signedInGuard, signedOutGuard } from '@mend/auth/data-access';

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
