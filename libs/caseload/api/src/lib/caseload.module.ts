import { Module } from '@nestjs/common';
import { AuditModule } from '@mend/audit/api';
import { AuditTrailModule, AuditTrailService } from '@mend/audit-trail/api';
import { AuthModule } from '@mend/auth/api';
import { CaseAccess } from './cases/case-access';
import { CASE_RECORD_NAMES } from './cases/case-names';
import { CaseloadController, CasesController } from './cases/cases.controller';
import { CasesService } from './cases/cases.service';
import { CounselorHandover, CounselorsController } from './cases/counselor-handover';
import { CaseloadOverviewService } from './overview/caseload-overview.service';
import { PathController } from './path/path.controller';
import { PathService } from './path/path.service';

/**
 * Cases of couples and families, their members and counselors, each counselor's caseload, and
 * each case's path of repair.
 */
@Module({
  imports: [AuditModule, AuditTrailModule, AuthModule],
  controllers: [CasesController, CaseloadController, CounselorsController, PathController],
  providers: [CaseAccess, CasesService, CaseloadOverviewService, CounselorHandover, PathService],
  exports: [CaseAccess, CasesService, PathService, AuthModule],
})
export class CaseloadModule {
  constructor(trail: AuditTrailService) {
    // The audit trail names the cases its events are about by their titles.
    trail.nameRecords(CASE_RECORD_NAMES);
  }
}
