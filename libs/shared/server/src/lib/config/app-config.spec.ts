import { loadConfig } from './app-config';

describe('loadConfig', () => {
  it('applies defaults for local development', () => {
    const config = loadConfig({});
    expect(config.port).toBe(3000);
    expect(config.sessionIdleMs).toBe(30 * 60_000);
    expect(config.sessionAbsoluteMs).toBe(12 * 3_600_000);
    expect(config.cookieSecure).toBe(false);
    expect(config.seedDemo).toBe(true);
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

  it('refuses placeholder secrets in production', () => {
    expect(() =>
      loadConfig({
        NODE_ENV: 'production',
        DATABASE_URL: 'postgres://db/mend',
        ENCRYPTION_KEYS: 'change-me:AAAA',
      }),
    ).toThrow(/placeholder/);
  });

  it('accepts a complete production configuration with secure cookies', () => {
    const config = loadConfig({
      NODE_ENV: 'production',
      DATABASE_URL: 'postgres://db/mend',
      ENCRYPTION_KEYS: `k1:${Buffer.alloc(32, 7).toString('base64')}`,
    });
    expect(config.cookieSecure).toBe(true);
    expect(config.seedDemo).toBe(false);
  });
});
