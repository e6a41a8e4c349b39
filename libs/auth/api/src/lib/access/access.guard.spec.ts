import { ExecutionContext, ForbiddenException } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { SessionStrategy } from '../sessions/strategies';
import { AccessGuard } from './access.guard';
import { Allow, Clock, Public } from '@mend/shared/server';

class Routes {
  @Public()
  open(): void {
    return undefined;
  }

  undeclared(): void {
    return undefined;
  }

  @Allow('admin')
  adminOnly(): void {
    return undefined;
  }
}

function contextFor(handler: keyof Routes, user?: { role: string }): ExecutionContext {
  const request = { user, headers: {}, cookies: {} };
  return {
    getHandler: () => Routes.prototype[handler],
    getClass: () => Routes,
    switchToHttp: () => ({ getRequest: () => request, getResponse: () => ({}) }),
  } as unknown as ExecutionContext;
}

describe('AccessGuard', () => {
  const guard = new AccessGuard(new Reflector(), new Clock(), {} as SessionStrategy);

  it('lets public routes through without a session', async () => {
    await expect(guard.canActivate(contextFor('open'))).resolves.toBe(true);
  });

  it('refuses a route that declares neither @Public() nor @Allow()', async () => {
    await expect(guard.canActivate(contextFor('undeclared'))).rejects.toBeInstanceOf(
      ForbiddenException,
    );
  });
});
