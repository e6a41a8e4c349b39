import { HttpErrorResponse, HttpInterceptorFn } from '@angular/common/http';
import { inject } from '@angular/core';
import { Router } from '@angular/router';
import { catchError, throwError } from 'rxjs';
import { CSRF_HEADER } from '@mend/shared/contracts';
import { AuthStore, EXPECTS_UNAUTHORIZED } from './auth-store';

/**
 * Every API call carries the CSRF header the server requires. A 401 on an ordinary call means
 * the session ended (idle, signed out elsewhere, disabled): the user goes to sign-in and comes
 * back to the page they were on.
 */
export const authInterceptor: HttpInterceptorFn = (request, next) => {
  const store = inject(AuthStore);
  const router = inject(Router);
  const withHeader = request.url.startsWith('/api')
    ? request.clone({ setHeaders: { [CSRF_HEADER]: 'mend' } })
    : request;
  return next(withHeader).pipe(
    catchError((error: unknown) => {
      if (
        error instanceof HttpErrorResponse &&
        error.status === 401 &&
        !request.context.get(EXPECTS_UNAUTHORIZED)
      ) {
        store.clear();
        const returnUrl = router.url.startsWith('/sign-in') ? undefined : router.url;
        void router.navigate(['/sign-in'], { queryParams: { returnUrl, expired: 1 } });
      }
      return throwError(() => error);
    }),
  );
};
