import { Global, Module } from '@nestjs/common';
import { MailDirectory } from './mail-directory';
import { Mailer } from './mailer';
import { NotificationsController } from './notifications.controller';
import { NotificationsService } from './notifications.service';
import { Notifier } from './notifier';
import { Outbox } from './outbox';
import { Reminders } from './reminders';

/**
 * Notifications in the app, content-free mail through the outbox and time-based reminders.
 * Global, so every domain can notify without importing it; it imports none of them.
 */
@Global()
@Module({
  controllers: [NotificationsController],
  providers: [MailDirectory, Mailer, NotificationsService, Notifier, Outbox, Reminders],
  exports: [MailDirectory, Mailer, Notifier, Outbox, Reminders],
})
export class NotificationsModule {}
