import { RequestMethod } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { ModulesContainer } from '@nestjs/core';
import { PUBLIC_KEY, ROLES_KEY } from '@mend/auth/api';
import { bootApp, TestApp } from '../support/test-app';

interface Route {
  method: string;
  path: string;
  isPublic: boolean;
  roles: string[] | undefined;
}

/** Every route the app registered, read from Nest's own controller metadata. */
function registeredRoutes(t: TestApp): Route[] {
  const routes: Route[] = [];
  for (const module of t.app.get(ModulesContainer).values()) {
    for (const wrapper of module.controllers.values()) {
      const controller = wrapper.metatype as (new (...args: never[]) => unknown) | null;
      if (!controller) continue;
      const base = (Reflect.getMetadata(PATH_METADATA, controller) as string | undefined) ?? '';
      const proto = controller.prototype as Record<string, unknown>;
      for (const name of Object.getOwnPropertyNames(proto)) {
        const handler = proto[name];
        if (name === 'constructor' || typeof handler !== 'function') continue;
        const path = Reflect.getMetadata(PATH_METADATA, handler) as string | undefined;
        if (path === undefined) continue;
        const method = RequestMethod[Reflect.getMetadata(METHOD_METADATA, handler) as number];
        const meta = <T>(key: string) =>
          (Reflect.getMetadata(key, handler) ?? Reflect.getMetadata(key, controller)) as
            | T
            | undefined;
        routes.push({
          method,
          path: `/api/${[base, path].filter((p) => p && p !== '/').join('/')}`.replace(/\/+/g, '/'),
          isPublic: meta<boolean>(PUBLIC_KEY) === true,
          roles: meta<string[]>(ROLES_KEY),
        });
      }
    }
  }
  return routes;
}

describe('deny by default', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await bootApp();
  });

  afterAll(() => t.close());

  it('finds the routes it checks', () => {
    const routes = registeredRoutes(t);
    expect(routes.length).toBeGreaterThanOrEqual(10);
    expect(routes).toContainEqual(
      expect.objectContaining({ method: 'POST', path: '/api/auth/login', isPublic: true }),
    );
    expect(routes).toContainEqual(
      expect.objectContaining({ method: 'GET', path: '/api/users', roles: ['admin'] }),
    );
  });

  it('every route declares @Public() or the roles allowed to call it', () => {
    const undeclared = registeredRoutes(t).filter(
      (r) => !r.isPublic && !(r.roles && r.roles.length > 0),
    );
    expect(undeclared.map((r) => `${r.method} ${r.path}`)).toEqual([]);
  });

  it('every route that is not public answers 401 to an anonymous caller', async () => {
    const anonymous = t.agent();
    for (const route of registeredRoutes(t).filter((r) => !r.isPublic)) {
      const url = route.path.replace(/:[A-Za-z]+/g, '00000000-0000-4000-8000-000000000000');
      const reply = await anonymous.request(
        route.method as 'GET',
        url,
        route.method === 'GET' ? {} : { body: {} },
      );
      expect({ route: `${route.method} ${route.path}`, status: reply.status }).toEqual({
        route: `${route.method} ${route.path}`,
        status: 401,
      });
    }
  });
});
