export * from './lib/notifications.module';
export * from './lib/notifications.entities';
export * from './lib/notifier';
export * from './lib/outbox';
export * from './lib/reminders';
export * from './lib/mail-directory';
export * from './lib/mailer';
export * from './lib/mail-time';
