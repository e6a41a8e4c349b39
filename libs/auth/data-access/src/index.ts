export * from './lib/auth-store';
export * from './lib/auth.interceptor';
export * from './lib/guards';
export * from './lib/session-clock';
export * from './lib/session-recovery';
