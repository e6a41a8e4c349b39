import { Module } from '@nestjs/common';
import { AuditModule } from '@mend/audit/api';
import { CaseloadModule } from '@mend/caseload/api';
import { ExercisesModule } from '@mend/exercises/api';
import { SafetyModule } from '@mend/safety/api';
import { AssignmentsService } from './assignments.service';
import { HomeworkController } from './homework.controller';
import { HomeworkNotices } from './homework-notices';
import { HomeworkService } from './homework.service';
import { ProgressService } from './progress.service';

/** Assignments, homework, feedback, sharing and progress. */
@Module({
  imports: [AuditModule, CaseloadModule, ExercisesModule, SafetyModule],
  controllers: [HomeworkController],
  providers: [AssignmentsService, HomeworkNotices, HomeworkService, ProgressService],
  exports: [AssignmentsService, HomeworkService],
})
export class HomeworkModule {}
