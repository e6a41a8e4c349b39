import { inject } from '@angular/core';
import { CanActivateFn, RedirectCommand, Router, UrlTree } from '@angular/router';
import type { Me, Role } from '@mend/shared/contracts';
import { AuthStore } from './auth-store';

/** The page that asks for the second factor after the password. */
export const VERIFY_URL = '/sign-in/verify';
/** The page where someone who must use a second factor sets one up after the password. */
export const SET_UP_URL = '/sign-in/set-up';

/** The page that tells someone a page is not for their role (shown at the address they opened). */
export const NOT_AVAILABLE_URL = '/not-available';

/** Only an app-internal path may be a return address (no open redirects). */
export function safeReturnUrl(value: string | null | undefined): string {
  return value && value.startsWith('/') && !value.startsWith('//') && !value.startsWith('/sign-in')
    ? value
    : '/';
}

/** Whether the password was right but the second step is still missing. */
export function secondStepPending(me: Me | null | undefined): boolean {
  return me?.secondFactor === 'needed' || me?.secondFactor === 'enrol';
}

/**
 * Where someone goes once the password was right: the second step while it is missing (the
 * page they wanted rides along), else the page they wanted.
 */
export function afterPassword(router: Router, me: Me, returnUrl?: string | null): UrlTree {
  const target = safeReturnUrl(returnUrl);
  if (!secondStepPending(me)) return router.parseUrl(target);
  return router.createUrlTree([me.secondFactor === 'enrol' ? SET_UP_URL : VERIFY_URL], {
    queryParams: { returnUrl: target === '/' ? undefined : target },
  });
}

export const signedInGuard: CanActivateFn = async (_route, state) => {
  const router = inject(Router);
  const me = await inject(AuthStore).load();
  if (!me)
    return router.createUrlTree(['/sign-in'], {
      queryParams: { returnUrl: state.url === '/' ? undefined : state.url },
    });
  // A reload half-way through signing in lands on the second step again.
  return secondStepPending(me) ? afterPassword(router, me, state.url) : true;
};

// inject() works only before the first await: the guards take what they need up front.

export const signedOutGuard: CanActivateFn = async () => {
  const router = inject(Router);
  const me = await inject(AuthStore).load();
  if (!me) return true;
  return secondStepPending(me) ? afterPassword(router, me) : router.createUrlTree(['/']);
};

/**
 * The second step's pages: only while that step is the one missing. Nobody signed in goes to
 * sign-in; someone already through goes where they were going.
 */
export function secondStepGuard(step: 'needed' | 'enrol'): CanActivateFn {
  return async (route) => {
    const router = inject(Router);
    const me = await inject(AuthStore).load();
    const returnUrl = route.queryParamMap.get('returnUrl');
    if (!me) return router.createUrlTree(['/sign-in']);
    if (me.secondFactor === step) return true;
    return afterPassword(router, me, returnUrl);
  };
}

/**
 * A page for some roles only. Anyone else sees the "not available to your role" page, told whose
 * page it is (`?roles=`), while the address bar keeps the page they opened (a reload shows it
 * again): not a silent jump to their home page.
 */
export function roleGuard(...roles: Role[]): CanActivateFn {
  return async (_route, state) => {
    const router = inject(Router);
    const me = await inject(AuthStore).load();
    if (!me) return router.createUrlTree(['/']); // the shell's sign-in guard takes it from there
    if (roles.includes(me.role)) return true;
    const page = router.createUrlTree([NOT_AVAILABLE_URL], {
      queryParams: { roles: roles.join(',') },
    });
    return new RedirectCommand(page, { browserUrl: state.url });
  };
}
