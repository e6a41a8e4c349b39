import { Module } from '@nestjs/common';
import { AuditModule } from '@mend/audit/api';
import { AuthModule } from '@mend/auth/api';
import { CaseloadModule } from '@mend/caseload/api';
import { NotesModule } from '@mend/notes/api';
import { NotificationsModule } from '@mend/notifications/api';
import { SafetyModule } from '@mend/safety/api';
import { AppointmentsController } from './appointments.controller';
import { AppointmentsService } from './appointments.service';
import { AvailabilityService } from './availability.service';
import { CalendarFeeds } from './calendar-feed.service';

/** Availability, appointment requests and answers, calendar files and the counselor's feed. */
@Module({
  imports: [
    AuditModule,
    AuthModule,
    CaseloadModule,
    NotesModule,
    NotificationsModule,
    SafetyModule,
  ],
  controllers: [AppointmentsController],
  providers: [AppointmentsService, AvailabilityService, CalendarFeeds],
  exports: [AppointmentsService, AvailabilityService],
})
export class AppointmentsModule {}
