import { Module } from '@nestjs/common';
import { AuditModule } from '@mend/audit/api';
import { AuthModule } from '@mend/auth/api';
import { CaseloadModule } from '@mend/caseload/api';
import { NotificationsModule } from '@mend/notifications/api';
import { SafetyModule } from '@mend/safety/api';
import { MessagesController } from './messages.controller';
import { MessagesService } from './messages.service';
import { MessagingSettings } from './messaging-settings';

/** Secure conversations between a case's counselors and its members. */
@Module({
  imports: [AuditModule, AuthModule, CaseloadModule, NotificationsModule, SafetyModule],
  controllers: [MessagesController],
  providers: [MessagesService, MessagingSettings],
  exports: [MessagesService],
})
export class MessagesModule {}
