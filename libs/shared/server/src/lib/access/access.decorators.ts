import {
  applyDecorators,
  createParamDecorator,
  ExecutionContext,
  SetMetadata,
} from '@nestjs/common';
import { ApiCookieAuth, ApiForbiddenResponse, ApiUnauthorizedResponse } from '@nestjs/swagger';
import type { Role } from '@mend/shared/contracts';
import type { Caller } from './caller';

export const PUBLIC_KEY = 'mend:public';
export const ROLES_KEY = 'mend:roles';
export const DURING_SIGN_IN_KEY = 'mend:during-sign-in';
export const STEP_UP_KEY = 'mend:step-up';

/** The route is open to anyone, signed in or not. */
export const Public = () => SetMetadata(PUBLIC_KEY, true);

/**
 * The roles that may call the route. Every route declares this or `@Public()`; the global
 * AccessGuard refuses the others.
 */
export const Allow = (...roles: [Role, ...Role[]]) =>
  applyDecorators(
    SetMetadata(ROLES_KEY, roles),
    ApiCookieAuth('mend_session'),
    ApiUnauthorizedResponse({ description: 'Not signed in' }),
    ApiForbiddenResponse({ description: `Only for: ${roles.join(', ')}` }),
  );

/**
 * The route also serves a session whose second step of signing in is still missing (the second
 * factor itself, who am I, sign out). Every other route refuses such a session.
 */
export const DuringSignIn = () => SetMetadata(DURING_SIGN_IN_KEY, true);

/**
 * A sensitive action: a person with a second factor must have given it within the last
 * 15 minutes, or the route answers 403 `step_up_required` and the web app asks for it again.
 */
export const StepUp = () =>
  applyDecorators(
    SetMetadata(STEP_UP_KEY, true),
    ApiForbiddenResponse({ description: '`step_up_required`: give the second factor again' }),
  );

/** The caller of the request; handlers take who, which role and which clinic from here only. */
export const CurrentUser = createParamDecorator((_: unknown, ctx: ExecutionContext): Caller => {
  const request = ctx.switchToHttp().getRequest<{ user?: Caller }>();
  if (!request.user) throw new Error('CurrentUser used on a route without a signed-in caller');
  return request.user;
});
