import { Module } from '@nestjs/common';
import { MessagesModule } from '@mend/messages/api';
import { AuditModule } from '@mend/audit/api';
import { AuditTrailModule } from '@mend/audit-trail/api';
import { CaseloadModule } from '@mend/caseload/api';
import { HomeworkModule } from '@mend/homework/api';
import { NotesController } from './notes.controller';
import { NotesNotices } from './notes-notices';
import { NotesService } from './notes.service';
import { SessionsService } from './sessions.service';

/** Sessions of a case and their clinical notes, with addenda and export. */
@Module({
  imports: [AuditModule, AuditTrailModule, CaseloadModule, HomeworkModule, MessagesModule],
  controllers: [NotesController],
  providers: [NotesNotices, SessionsService, NotesService],
  exports: [SessionsService, NotesService],
})
export class NotesModule {}
