import { inject } from '@angular/core';
import { CanActivateFn, Router } from '@angular/router';
import type { Role } from '@mend/shared/contracts';
import { AuthStore } from './auth-store';

/** Only an app-internal path may be a return address (no open redirects). */
export function safeReturnUrl(value: string | null | undefined): string {
  return value && value.startsWith('/') && !value.startsWith('//') && !value.startsWith('/sign-in')
    ? value
    : '/';
}

export const signedInGuard: CanActivateFn = async (_route, state) => {
  const router = inject(Router);
  const me = await inject(AuthStore).load();
  return me
    ? true
    : router.createUrlTree(['/sign-in'], {
        queryParams: { returnUrl: state.url === '/' ? undefined : state.url },
      });
};

// inject() works only before the first await: the guards take what they need up front.

export const signedOutGuard: CanActivateFn = async () => {
  const router = inject(Router);
  const me = await inject(AuthStore).load();
  return me ? router.createUrlTree(['/']) : true;
};

export function roleGuard(...roles: Role[]): CanActivateFn {
  return async () => {
    const router = inject(Router);
    const me = await inject(AuthStore).load();
    return me && roles.includes(me.role) ? true : router.createUrlTree(['/']);
  };
}
