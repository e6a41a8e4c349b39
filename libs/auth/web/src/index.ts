export * from './lib/sign-in/sign-in';
export * from './lib/accept-invitation/accept-invitation';
export * from './lib/change-password/change-password';
export * from './lib/forgot-password/forgot-password';
export * from './lib/reset-password/reset-password';
