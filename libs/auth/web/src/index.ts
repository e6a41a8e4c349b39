export * from './lib/accept-invitation/accept-invitation';
export * from './lib/change-password/change-password';
export * from './lib/forgot-password/forgot-password';
export * from './lib/reset-password/reset-password';
export * from './lib/mfa/second-step-page';
export * from './lib/mfa/set-up-page';
export * from './lib/mfa/security-settings';
export * from './lib/mfa/clinic-security';
