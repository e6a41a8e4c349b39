import {
  ExecutionContext,
  ForbiddenException,
  Injectable,
  UnauthorizedException,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AuthGuard } from '@nestjs/passport';
import type { Role } from '@mend/shared/contracts';
import { PUBLIC_KEY, ROLES_KEY } from '@mend/shared/server';
import type { Caller } from '@mend/shared/server';

/**
 * Deny by default: a route runs only if it is `@Public()` or the caller is signed in (session
 * cookie, checked by the passport "session" strategy on every request) and has one of the
 * roles the route `@Allow`s.
 */
@Injectable()
export class AccessGuard extends AuthGuard('session') {
  constructor(private readonly reflector: Reflector) {
    super();
  }

  override async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_KEY, targets)) return true;
    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, targets);
    if (!roles || roles.length === 0) {
      throw new ForbiddenException('This route does not declare who may use it.');
    }
    await super.canActivate(context);
    const caller = context.switchToHttp().getRequest<{ user: Caller }>().user;
    if (!roles.includes(caller.role)) {
      throw new ForbiddenException('Your role does not have access to this.');
    }
    return true;
  }

  override handleRequest<T = Caller>(error: unknown, user: T | false): T {
    if (error) throw error;
    if (!user) throw new UnauthorizedException('Please sign in.');
    return user;
  }
}
