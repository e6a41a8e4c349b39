export * from './lib/auth-store';
export * from './lib/auth.interceptor';
export * from './lib/guards';
