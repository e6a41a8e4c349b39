import { registeredRoutes } from '../support/routes';
import { bootApp, TestApp } from '../support/test-app';

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
