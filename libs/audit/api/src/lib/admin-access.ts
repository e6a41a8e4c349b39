import {
  applyDecorators,
  createParamDecorator,
  ExecutionContext,
  SetMetadata,
} from '@nestjs/common';
import { ApiCookieAuth, ApiForbiddenResponse, ApiUnauthorizedResponse } from '@nestjs/swagger';
import type { Role } from '@mend/shared/contracts';

/*
 * `@Allow('admin')` and `@CurrentUser()` of @mend/auth/api, restated: auth-api writes audit
 * events, so importing it here would be a dependency cycle (and break the scope:audit rule).
 * Same metadata key, so the global AccessGuard enforces it; access.e2e.ts and audit.e2e.ts
 * fail if the key ever drifts.
 */
const ROLES_KEY = 'mend:roles';

export const AllowAdmin = () =>
  applyDecorators(
    SetMetadata(ROLES_KEY, ['admin'] satisfies Role[]),
    ApiCookieAuth('mend_session'),
    ApiUnauthorizedResponse({ description: 'Not signed in' }),
    ApiForbiddenResponse({ description: 'Only for: admin' }),
  );

/** The part of the signed-in caller (set by the AccessGuard) the audit endpoints use. */
export interface AuditCaller {
  id: string;
  clinicId: string;
}

export const CurrentAdmin = createParamDecorator((_: unknown, ctx: ExecutionContext) => {
  const request = ctx.switchToHttp().getRequest<{ user?: AuditCaller }>();
  if (!request.user) throw new Error('CurrentAdmin used on a route without a signed-in caller');
  return request.user;
});
