export * from './lib/auth-store';
export * from './lib/auth.interceptor';
export * from './lib/guards';
export * from './lib/mfa-api';
export * from './lib/passkeys';
// Only the type: the component itself loads with the session dialogs (see second-factor-form.ts).
export type { SecondFactorForm } from './lib/second-factor-form';
export * from './lib/session-clock';
export * from './lib/session-recovery';
export * from './lib/step-up';
