import { loadConfig, shouldSeedDemo } from './app-config';

const KEY = (id: string, fill: number) => `${id}:${Buffer.alloc(32, fill).toString('base64')}`;

describe('loadConfig', () => {
  it('applies defaults for local development', () => {
    const config = loadConfig({});
    expect(config.port).toBe(3000);
    expect(config.sessionIdleMs).toBe(30 * 60_000);
    expect(config.sessionAbsoluteMs).toBe(12 * 3_600_000);
    expect(config.cookieSecure).toBe(false);
    expect(config.seedDemo).toBeUndefined();
  });

  it('rejects malformed values with the reason', () => {
    expect(() => loadConfig({ PORT: 'abc' })).toThrow(/PORT/);
    expect(() => loadConfig({ DATABASE_URL: 'mysql://x' })).toThrow(
      /DATABASE_URL must be a postgres/,
    );
  });

  it('refuses to start in production without an encryption key', () => {
    expect(() =>
      loadConfig({ NODE_ENV: 'production', DATABASE_URL: 'postgres://db/mend' }),
    ).toThrow(/ENCRYPTION_KEYS is required/);
  });

  it('refuses to start in production without audit keys', () => {
    expect(() =>
      loadConfig({
        NODE_ENV: 'production',
        DATABASE_URL: 'postgres://db/mend',
        ENCRYPTION_KEYS: KEY('k1', 7),
      }),
    ).toThrow(/AUDIT_KEYS is required/);
    expect(() => loadConfig({ AUDIT_KEYS: 'no key here' })).toThrow(/AUDIT_KEYS must be/);
  });

  it('refuses placeholder secrets in production', () => {
    expect(() =>
      loadConfig({
        NODE_ENV: 'production',
        DATABASE_URL: 'postgres://db/mend',
        ENCRYPTION_KEYS: 'change-me:AAAA',
        AUDIT_KEYS: KEY('a1', 8),
      }),
    ).toThrow(/placeholder/);
    expect(() =>
      loadConfig({
        NODE_ENV: 'production',
        DATABASE_URL: 'postgres://db/mend',
        ENCRYPTION_KEYS: KEY('k1', 7),
        AUDIT_KEYS: 'changeme:AAAA',
      }),
    ).toThrow(/placeholder/);
  });

  it('accepts a complete production configuration with secure cookies', () => {
    const config = loadConfig({
      NODE_ENV: 'production',
      DATABASE_URL: 'postgres://db/mend',
      ENCRYPTION_KEYS: KEY('k1', 7),
      AUDIT_KEYS: KEY('a1', 8),
    });
    expect(config.cookieSecure).toBe(true);
    expect(config.auditKeys).toBe(KEY('a1', 8));
    expect(shouldSeedDemo(config, { embedded: false })).toBe(false);
  });
});

describe('shouldSeedDemo (the demo clinic has published passwords)', () => {
  const embedded = { embedded: true };
  const real = { embedded: false };

  it('seeds the embedded database by default, never a real one', () => {
    expect(shouldSeedDemo(loadConfig({}), embedded)).toBe(true);
    // NODE_ENV left unset (development) on a real database: no demo clinic.
    expect(shouldSeedDemo(loadConfig({ DATABASE_URL: 'postgres://db/mend' }), real)).toBe(false);
    expect(shouldSeedDemo(loadConfig({ NODE_ENV: 'test' }), real)).toBe(false);
  });

  it('follows SEED_DEMO when it is given', () => {
    expect(shouldSeedDemo(loadConfig({ SEED_DEMO: 'true' }), real)).toBe(true);
    expect(shouldSeedDemo(loadConfig({ SEED_DEMO: 'false' }), embedded)).toBe(false);
    expect(shouldSeedDemo(loadConfig({ SEED_DEMO: '' }), real)).toBe(false);
  });
});

describe('proxies and API docs', () => {
  it('trusts no proxy unless TRUST_PROXY lists one', () => {
    expect(loadConfig({}).trustProxy).toEqual([]);
    expect(
      loadConfig({ TRUST_PROXY: '172.30.0.0/24, 10.0.0.5,::1,fd00::/8,loopback' }).trustProxy,
    ).toEqual(['172.30.0.0/24', '10.0.0.5', '::1', 'fd00::/8', 'loopback']);
  });

  it('refuses a TRUST_PROXY that would believe everyone, or is not an address', () => {
    for (const value of ['true', '*', '0.0.0.0/33', 'proxy.local', '10.0.0.1/8/2', '1'])
      expect(() => loadConfig({ TRUST_PROXY: value })).toThrow(/TRUST_PROXY must list/);
  });

  it('serves API docs outside production, and in production only when API_DOCS says so', () => {
    const production = {
      NODE_ENV: 'production',
      DATABASE_URL: 'postgres://db/mend',
      ENCRYPTION_KEYS: KEY('k1', 7),
      AUDIT_KEYS: KEY('a1', 8),
    };
    expect(loadConfig({}).apiDocs).toBe(true);
    expect(loadConfig({ API_DOCS: 'false' }).apiDocs).toBe(false);
    expect(loadConfig(production).apiDocs).toBe(false);
    expect(loadConfig({ ...production, API_DOCS: 'true' }).apiDocs).toBe(true);
  });
});
