import {
  HttpErrorResponse,
  HttpEvent,
  HttpInterceptorFn,
  HttpRequest,
  HttpResponse,
} from '@angular/common/http';
import { inject } from '@angular/core';
import { Router } from '@angular/router';
import { catchError, from, Observable, of, switchMap, tap, throwError } from 'rxjs';
import {
  BACKGROUND_HEADER,
  CSRF_HEADER,
  isApiErrorBody,
  SECOND_FACTOR_REQUIRED,
  STEP_UP_REQUIRED,
} from '@mend/shared/contracts';
import { AuthStore, EXPECTS_UNAUTHORIZED } from './auth-store';
import { afterPassword, secondStepPending } from './guards';
import { NOT_ACTIVITY, SessionClock } from './session-clock';
import { SessionRecovery } from './session-recovery';
import { StepUp } from './step-up';

/** Methods that change data: their 401 must not lose what the person sent. */
const CHANGES = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
/** Whether the server counts the request as the person's activity. */
const isActivity = (request: HttpRequest<unknown>) =>
  !request.context.get(NOT_ACTIVITY) && !request.headers.has(BACKGROUND_HEADER);

/**
 * The error with its body read: a download (`responseType: 'blob'`) gets the API's JSON answer
 * as a Blob, which neither this interceptor nor the page's error message could read.
 */
function readable<E>(error: E): Observable<E | HttpErrorResponse> {
  if (!(error instanceof HttpErrorResponse)) return of(error);
  const body: unknown = error.error;
  if (typeof Blob === 'undefined' || !(body instanceof Blob) || !/json/.test(body.type))
    return of(error);
  return from(
    blobText(body).then(
      (text) =>
        new HttpErrorResponse({
          error: JSON.parse(text) as unknown,
          headers: error.headers,
          status: error.status,
          statusText: error.statusText,
          url: error.url ?? undefined,
        }),
      () => error,
    ),
  );
}

function blobText(blob: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(reader.result as string);
    reader.onerror = () => reject(reader.error);
    reader.readAsText(blob);
  });
}

const fail = (error: unknown) => throwError(() => error);

const codeOf = (error: HttpErrorResponse) =>
  isApiErrorBody(error.error) ? error.error.code : undefined;

/**
 * Every API call carries the CSRF header the server requires, and every successful answer tells
 * the session clock there was activity.
 *
 * A 401 on an ordinary call means the session ended (idle, signed out elsewhere, disabled). A
 * change (the typed text is in its body) is held in memory while the person signs in again in a
 * dialog on the same page, then sent again as if nothing happened; any request that fails while
 * that dialog is open waits for it too. Another 401 (a page loading) takes the person to sign-in
 * and back to the page they were on.
 *
 * A 403 `step_up_required` (a sensitive action, the second factor given too long ago) asks for
 * the second factor in a dialog and sends the request once more; Cancel hands the 403 back. A
 * 403 `second_factor_required` (the session still lacks its second step) goes to that step,
 * unless the sign-in dialog is open: then it waits for the dialog too.
 */
export const authInterceptor: HttpInterceptorFn = (request, next) => {
  const store = inject(AuthStore);
  const router = inject(Router);
  const clock = inject(SessionClock);
  const recovery = inject(SessionRecovery);
  const stepUp = inject(StepUp);
  const api = request.url.startsWith('/api');
  const withHeader = api ? request.clone({ setHeaders: { [CSRF_HEADER]: 'mend' } }) : request;
  const send = (): Observable<HttpEvent<unknown>> =>
    next(withHeader).pipe(
      tap((event) => {
        if (api && event instanceof HttpResponse && isActivity(request)) clock.touch();
      }),
    );
  /** Sends the request once more, after a dialog (its failure, if any, is the caller's). */
  const again = (): Observable<HttpEvent<unknown>> =>
    send().pipe(catchError((error: unknown) => readable(error).pipe(switchMap(fail))));

  const handle = (error: unknown): Observable<HttpEvent<unknown>> => {
    if (!(error instanceof HttpErrorResponse)) return fail(error);
    if (api && error.status === 403) {
      const code = codeOf(error);
      if (code === STEP_UP_REQUIRED && store.me()) {
        return from(stepUp.confirm()).pipe(switchMap((given) => (given ? again() : fail(error))));
      }
      // Signing in again in the dialog: between its password and its second step, what is
      // refused waits for the dialog like a 401 does, instead of leaving the page for that step.
      if (code === SECOND_FACTOR_REQUIRED && recovery.active) {
        return from(recovery.signInAgain('write')).pipe(
          switchMap((signedIn) => (signedIn ? send() : fail(error))),
        );
      }
      if (code === SECOND_FACTOR_REQUIRED && !router.url.startsWith('/sign-in')) {
        store.refresh().then(
          (me) => {
            if (me && secondStepPending(me))
              void router.navigateByUrl(afterPassword(router, me, router.url));
          },
          () => undefined,
        );
      }
      return fail(error);
    }
    if (error.status !== 401 || request.context.get(EXPECTS_UNAUTHORIZED)) return fail(error);
    if (store.me() && (CHANGES.has(request.method) || recovery.active)) {
      return from(recovery.signInAgain('write')).pipe(
        switchMap((signedIn) => (signedIn ? send() : fail(error))),
      );
    }
    store.clear();
    const returnUrl = router.url.startsWith('/sign-in') ? undefined : router.url;
    void router.navigate(['/sign-in'], { queryParams: { returnUrl, expired: 1 } });
    return fail(error);
  };

  return send().pipe(catchError((error: unknown) => readable(error).pipe(switchMap(handle))));
};
