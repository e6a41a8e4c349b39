import { ExecutionContext, ForbiddenException, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyRequest } from 'fastify';
import {
  SECOND_FACTOR_REQUIRED,
  STEP_UP_MAX_AGE_MS,
  STEP_UP_REQUIRED,
} from '@mend/shared/contracts';
import type { Role } from '@mend/shared/contracts';
import { Clock, DURING_SIGN_IN_KEY, PUBLIC_KEY, ROLES_KEY, STEP_UP_KEY } from '@mend/shared/server';
import type { Caller } from '@mend/shared/server';
import { SessionStrategy } from '../sessions/strategies';

/** What a route declares about who may use it, read from its decorators. */
interface RouteRules {
  public: boolean;
  roles: Role[];
  duringSignIn: boolean;
  stepUp: boolean;
}

/**
 * Deny by default: a route runs only if it is `@Public()` or the caller is signed in (session
 * cookie, checked by the "session" strategy on every request) and has one of the
 * roles the route `@Allow`s. A session still missing its second factor reaches only the routes
 * marked `@DuringSignIn()`, and `@StepUp()` routes want a second factor given recently.
 */
@Injectable()
export class AccessGuard {
  /** Each route's rules, read once: decorators do not change after start. */
  private readonly rules = new WeakMap<object, WeakMap<object, RouteRules>>();

  constructor(
    private readonly reflector: Reflector,
    private readonly clock: Clock,
    private readonly sessions: SessionStrategy,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const rules = this.rulesOf(context);
    if (rules.public) return true;
    if (rules.roles.length === 0) {
      throw new ForbiddenException('This route does not declare who may use it.');
    }
    // The strategy's check called directly: passport's per-request machinery around it adds
    // nothing for a cookie lookup (passport still runs the password sign-in).
    const request = context.switchToHttp().getRequest<FastifyRequest & { user?: Caller }>();
    const caller = await this.sessions.validate(request);
    request.user = caller;
    const pending = caller.secondFactor === 'needed' || caller.secondFactor === 'enrol';
    if (pending && !rules.duringSignIn) {
      throw new ForbiddenException({
        message: 'Finish signing in with your second step first.',
        code: SECOND_FACTOR_REQUIRED,
      });
    }
    if (!rules.roles.includes(caller.role)) {
      throw new ForbiddenException('Your role does not have access to this.');
    }
    if (rules.stepUp) this.assertRecent(caller);
    return true;
  }

  private rulesOf(context: ExecutionContext): RouteRules {
    // By class, then handler: an inherited handler may serve classes that declare differently.
    const [handler, target] = [context.getHandler(), context.getClass()];
    let byHandler = this.rules.get(target);
    if (!byHandler) this.rules.set(target, (byHandler = new WeakMap()));
    let rules = byHandler.get(handler);
    if (!rules) {
      const read = <T>(key: string) => this.reflector.getAllAndOverride<T>(key, [handler, target]);
      rules = {
        public: read<boolean>(PUBLIC_KEY) ?? false,
        roles: read<Role[] | undefined>(ROLES_KEY) ?? [],
        duringSignIn: read<boolean>(DURING_SIGN_IN_KEY) ?? false,
        stepUp: read<boolean>(STEP_UP_KEY) ?? false,
      };
      byHandler.set(handler, rules);
    }
    return rules;
  }

  /** A person without a second factor has nothing to step up with; everyone else gives it. */
  private assertRecent(caller: Caller): void {
    if (caller.secondFactor === 'off') return;
    const givenAt = caller.secondFactorAt?.getTime() ?? 0;
    if (this.clock.now().getTime() - givenAt > STEP_UP_MAX_AGE_MS) {
      throw new ForbiddenException({
        message: 'Please confirm it is you with your second step again.',
        code: STEP_UP_REQUIRED,
      });
    }
  }
}
