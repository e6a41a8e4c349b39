import {
  HttpErrorResponse,
  HttpEvent,
  HttpInterceptorFn,
  HttpRequest,
  HttpResponse,
} from '@angular/common/http';
import { inject } from '@angular/core';
import { Router } from '@angular/router';
import { catchError, from, Observable, switchMap, tap, throwError } from 'rxjs';
import { BACKGROUND_HEADER, CSRF_HEADER } from '@mend/shared/contracts';
import { AuthStore, EXPECTS_UNAUTHORIZED } from './auth-store';
import { NOT_ACTIVITY, SessionClock } from './session-clock';
import { SessionRecovery } from './session-recovery';

/** Methods that change data: their 401 must not lose what the person sent. */
const CHANGES = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
/** The header of requests the app makes on its own (the bell's polling; notifications-web). */

/** Whether the server counts the request as the person's activity. */
const isActivity = (request: HttpRequest<unknown>) =>
  !request.context.get(NOT_ACTIVITY) && !request.headers.has(BACKGROUND_HEADER);

/**
 * Every API call carries the CSRF header the server requires, and every successful answer tells
 * the session clock there was activity.
 *
 * A 401 on an ordinary call means the session ended (idle, signed out elsewhere, disabled). A
 * change (the typed text is in its body) is held in memory while the person signs in again in a
 * dialog on the same page, then sent again as if nothing happened; any request that fails while
 * that dialog is open waits for it too. Another 401 (a page loading) takes the person to sign-in
 * and back to the page they were on.
 */
export const authInterceptor: HttpInterceptorFn = (request, next) => {
  const store = inject(AuthStore);
  const router = inject(Router);
  const clock = inject(SessionClock);
  const recovery = inject(SessionRecovery);
  const api = request.url.startsWith('/api');
  const withHeader = api ? request.clone({ setHeaders: { [CSRF_HEADER]: 'mend' } }) : request;
  const send = (): Observable<HttpEvent<unknown>> =>
    next(withHeader).pipe(
      tap((event) => {
        if (api && event instanceof HttpResponse && isActivity(request)) clock.touch();
      }),
    );
  return send().pipe(
    catchError((error: unknown) => {
      if (
        !(error instanceof HttpErrorResponse) ||
        error.status !== 401 ||
        request.context.get(EXPECTS_UNAUTHORIZED)
      ) {
        return throwError(() => error);
      }
      if (store.me() && (CHANGES.has(request.method) || recovery.active)) {
        return from(recovery.signInAgain('write')).pipe(
          switchMap((again) => (again ? send() : throwError(() => error))),
        );
      }
      store.clear();
      const returnUrl = router.url.startsWith('/sign-in') ? undefined : router.url;
      void router.navigate(['/sign-in'], { queryParams: { returnUrl, expired: 1 } });
      return throwError(() => error);
    }),
  );
};
