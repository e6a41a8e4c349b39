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

/** One handler, inherited by two controllers that allow different roles. */
class Shared {
  list(): void {
    return undefined;
  }
}
@Allow('admin')
class AdminRoutes extends Shared {}
@Allow('client')
class ClientRoutes extends Shared {}

function contextFor(
  handler: keyof Routes | 'list',
  user?: { role: string },
  target: object = Routes,
): ExecutionContext {
  const request = { user, headers: {}, cookies: {} };
  return {
    getHandler: () => (handler === 'list' ? Shared.prototype.list : Routes.prototype[handler]),
    getClass: () => target,
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

  it('reads each route’s rules once, per controller when a handler is inherited', async () => {
    const reflector = new Reflector();
    const read = jest.spyOn(reflector, 'getAllAndOverride');
    const sessions = {
      validate: async () => ({ id: 'u1', role: 'client', clinicId: 'c1', secondFactor: 'off' }),
    } as unknown as SessionStrategy;
    const cached = new AccessGuard(reflector, new Clock(), sessions);
    await expect(cached.canActivate(contextFor('list', undefined, ClientRoutes))).resolves.toBe(
      true,
    );
    const reads = read.mock.calls.length;
    await cached.canActivate(contextFor('list', undefined, ClientRoutes));
    expect(read.mock.calls.length).toBe(reads);
    await expect(
      cached.canActivate(contextFor('list', undefined, AdminRoutes)),
    ).rejects.toBeInstanceOf(ForbiddenException);
  });
});
