import { inject } from '@angular/core';
import { CanActivateFn, CanDeactivateFn, ResolveFn, Route } from '@angular/router';
import {
  AuthStore,
  roleGuard,
  secondStepGuard,
  signedInGuard,
  signedOutGuard,
} from '@mend/auth/data-access';
import type { CaseRouteData, CaseTab } from '@mend/caseload/web';
import type { CrisisTextRouteData } from '@mend/safety/web';
import type { SessionsRouteData } from '@mend/notes/web';
import type { Role } from '@mend/shared/contracts';
import type { Observable } from 'rxjs';

/** The case page's tabs from other features, each loaded only when a counselor opens a case. */
const caseTabs: CaseTab[] = [
  {
    label: 'Homework',
    roles: ['counselor'],
    testId: 'case-tab-homework',
    load: () => import('@mend/homework/web').then((m) => m.CaseHomework),
  },
  {
    label: 'Progress',
    roles: ['counselor'],
    testId: 'case-tab-progress',
    load: () => import('@mend/homework/web').then((m) => m.CaseProgress),
  },
  {
    label: 'Sessions',
    roles: ['counselor'],
    testId: 'case-tab-sessions',
    load: () => import('@mend/notes/web').then((m) => m.CaseSessions),
  },
  {
    label: 'Agreement',
    roles: ['counselor'],
    testId: 'case-tab-agreement',
    load: () => import('@mend/agreements/web').then((m) => m.CaseAgreement),
  },
  {
    label: 'Safety',
    roles: ['counselor'],
    testId: 'case-tab-safety',
    load: () => import('@mend/safety/web').then((m) => m.CaseSafety),
  },
  {
    label: 'Messages',
    roles: ['counselor'],
    testId: 'case-tab-messages',
    load: () => import('@mend/messages/web').then((m) => m.CaseMessages),
  },
];

/** Asks before leaving the exercise builder with unsaved changes (typed structurally, so the
 * exercises library stays lazy). */
const leaveEditor: CanDeactivateFn<{ confirmLeave(): boolean | Observable<boolean> }> = (editor) =>
  editor.confirmLeave();

/**
 * A guard that only starts fetching a page's code and lets the navigation go on: the router
 * asks for the code after every guard has answered, so beside a guard that asks the API, the
 * two round trips run at once instead of one after the other. (A failed fetch is the router's
 * to report, when it asks for the code itself.)
 */
const fetchEarly =
  (load: () => Promise<unknown>): CanActivateFn =>
  () => {
    load().catch(() => undefined);
    return true;
  };

/** The sign-in page, the first page most people load: its own entry, none of the other auth pages. */
const signInPage = () => import('@mend/auth/web/sign-in').then((m) => m.SignIn);

/** The signed-in person's role, for a page that depends on it (bound to its `role` input). */
export const currentRole: ResolveFn<Role | undefined> = () => inject(AuthStore).role();

export const appRoutes: Route[] = [
  {
    path: 'sign-in',
    title: 'Sign in · Mend',
    canActivate: [signedOutGuard, fetchEarly(signInPage)],
    loadComponent: signInPage,
  },
  {
    // After the password: the second factor, or setting one up (the guard follows `me`).
    path: 'sign-in/verify',
    title: 'Two-step sign-in · Mend',
    canActivate: [secondStepGuard('needed')],
    loadComponent: () => import('@mend/auth/web').then((m) => m.SecondStepPage),
  },
  {
    path: 'sign-in/set-up',
    title: 'Set up two-step sign-in · Mend',
    canActivate: [secondStepGuard('enrol')],
    loadComponent: () => import('@mend/auth/web').then((m) => m.SetUpPage),
  },
  {
    path: 'accept-invitation',
    title: 'Accept your invitation · Mend',
    loadComponent: () => import('@mend/auth/web').then((m) => m.AcceptInvitation),
  },
  {
    path: 'forgot-password',
    title: 'Forgot your password · Mend',
    loadComponent: () => import('@mend/auth/web').then((m) => m.ForgotPassword),
  },
  {
    path: 'reset-password',
    title: 'Choose a new password · Mend',
    loadComponent: () => import('@mend/auth/web').then((m) => m.ResetPassword),
  },
  {
    // A mail's unsubscribe link: no sign-in, the signed token in the fragment is the proof.
    path: 'unsubscribe',
    title: 'Unsubscribe · Mend',
    loadComponent: () => import('@mend/notifications/web').then((m) => m.UnsubscribePage),
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
        data: { caseTabs } satisfies CaseRouteData,
        loadComponent: () => import('@mend/caseload/web').then((m) => m.CaseView),
      },
      {
        path: 'cases/:caseId/agreement',
        title: 'Agreement · Mend',
        canActivate: [roleGuard('counselor')],
        loadComponent: () => import('@mend/agreements/web').then((m) => m.AgreementPage),
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
        path: 'my-case/:caseId/agreement',
        title: 'Your agreement · Mend',
        canActivate: [roleGuard('client')],
        loadComponent: () => import('@mend/agreements/web').then((m) => m.AgreementPage),
      },
      {
        path: 'homework',
        pathMatch: 'full',
        title: 'My homework · Mend',
        canActivate: [roleGuard('client')],
        loadComponent: () => import('@mend/homework/web').then((m) => m.MyHomework),
      },
      {
        path: 'homework/:id',
        title: 'Homework · Mend',
        canActivate: [roleGuard('client')],
        loadComponent: () => import('@mend/homework/web').then((m) => m.HomeworkPage),
      },
      {
        path: 'progress',
        title: 'My progress · Mend',
        canActivate: [roleGuard('client')],
        loadComponent: () => import('@mend/homework/web').then((m) => m.MyProgress),
      },
      {
        path: 'safety-check/:id',
        title: 'Check-in · Mend',
        canActivate: [roleGuard('client')],
        loadComponent: () => import('@mend/safety/web').then((m) => m.SafetyCheckPage),
      },
      {
        path: 'review',
        pathMatch: 'full',
        title: 'Review inbox · Mend',
        canActivate: [roleGuard('counselor')],
        loadComponent: () => import('@mend/homework/web').then((m) => m.ReviewInbox),
      },
      {
        path: 'review/:id',
        title: 'Review homework · Mend',
        canActivate: [roleGuard('counselor')],
        loadComponent: () => import('@mend/homework/web').then((m) => m.ReviewPage),
      },
      {
        path: 'exercises',
        pathMatch: 'full',
        title: 'Exercises · Mend',
        canActivate: [roleGuard('counselor', 'admin')],
        loadComponent: () => import('@mend/exercises/web').then((m) => m.ExerciseLibrary),
      },
      {
        path: 'exercises/new',
        title: 'New exercise · Mend',
        canActivate: [roleGuard('counselor', 'admin')],
        canDeactivate: [leaveEditor],
        loadComponent: () => import('@mend/exercises/web').then((m) => m.ExerciseEditor),
      },
      {
        path: 'exercises/:id',
        title: 'Exercise · Mend',
        canActivate: [roleGuard('counselor', 'admin')],
        loadComponent: () => import('@mend/exercises/web').then((m) => m.ExerciseView),
      },
      {
        path: 'exercises/:id/edit',
        title: 'Edit exercise · Mend',
        canActivate: [roleGuard('counselor', 'admin')],
        canDeactivate: [leaveEditor],
        loadComponent: () => import('@mend/exercises/web').then((m) => m.ExerciseEditor),
      },
      {
        path: 'sessions',
        pathMatch: 'full',
        title: 'Sessions · Mend',
        canActivate: [roleGuard('counselor')],
        data: {
          sections: [() => import('@mend/appointments/web').then((m) => m.WaitingRequests)],
        } satisfies SessionsRouteData,
        loadComponent: () => import('@mend/notes/web').then((m) => m.SessionsPage),
      },
      {
        path: 'sessions/:id',
        title: 'Session note · Mend',
        canActivate: [roleGuard('counselor')],
        loadComponent: () => import('@mend/notes/web').then((m) => m.NotePage),
      },
      {
        path: 'messages',
        pathMatch: 'full',
        title: 'Messages · Mend',
        canActivate: [roleGuard('counselor', 'client')],
        loadComponent: () => import('@mend/messages/web').then((m) => m.MessagesPage),
      },
      {
        path: 'messages/:id',
        title: 'Conversation · Mend',
        canActivate: [roleGuard('counselor', 'client')],
        loadComponent: () => import('@mend/messages/web').then((m) => m.ThreadPage),
      },
      {
        path: 'appointments',
        pathMatch: 'full',
        title: 'Appointments · Mend',
        canActivate: [roleGuard('client', 'counselor')],
        loadComponent: () => import('@mend/appointments/web').then((m) => m.AppointmentsPage),
      },
      {
        path: 'appointments/:id',
        title: 'Appointment · Mend',
        canActivate: [roleGuard('client', 'counselor')],
        loadComponent: () => import('@mend/appointments/web').then((m) => m.AppointmentPage),
      },
      {
        path: 'settings/availability',
        title: 'Your availability · Mend',
        canActivate: [roleGuard('counselor')],
        loadComponent: () => import('@mend/appointments/web').then((m) => m.AvailabilityPage),
      },
      {
        path: 'audit',
        title: 'Audit trail · Mend',
        canActivate: [roleGuard('admin')],
        loadComponent: () => import('@mend/audit-trail/web').then((m) => m.AuditTrail),
      },
      {
        path: 'clinic/crisis-text',
        title: 'Crisis text · Mend',
        canActivate: [roleGuard('admin')],
        data: {
          sections: [() => import('@mend/messages/web').then((m) => m.ClinicMessaging)],
        } satisfies CrisisTextRouteData,
        loadComponent: () => import('@mend/safety/web').then((m) => m.CrisisTextPage),
      },
      {
        path: 'notifications',
        pathMatch: 'full',
        title: 'Notifications · Mend',
        loadComponent: () => import('@mend/notifications/web').then((m) => m.NotificationsPage),
      },
      {
        // A mail's link: after sign-in the person comes back here, and on to what it is about.
        path: 'notifications/:id',
        title: 'Notification · Mend',
        loadComponent: () => import('@mend/notifications/web').then((m) => m.OpenNotification),
      },
      {
        path: 'settings/notifications',
        title: 'Mail settings · Mend',
        resolve: { role: currentRole },
        loadComponent: () => import('@mend/notifications/web').then((m) => m.MailPreferencesPage),
      },
      {
        path: 'settings/security',
        title: 'Sign-in security · Mend',
        loadComponent: () => import('@mend/auth/web').then((m) => m.SecuritySettings),
      },
      {
        path: 'account',
        title: 'Your account · Mend',
        loadComponent: () => import('@mend/auth/web').then((m) => m.ChangePassword),
      },
      {
        // Where the role guard shows a page that is not for the person's role (at its address).
        path: 'not-available',
        title: 'Not available · Mend',
        loadComponent: () => import('@mend/shell/web').then((m) => m.NotAvailable),
      },
      {
        path: '**',
        title: 'Not found · Mend',
        loadComponent: () => import('@mend/shell/web').then((m) => m.NotFound),
      },
    ],
  },
];
