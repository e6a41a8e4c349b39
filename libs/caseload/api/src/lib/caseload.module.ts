import { Module } from '@nestjs/common';
import { AuditModule } from '@mend/audit/api';
import { AuditTrailModule } from '@mend/audit-trail/api';
import { AuthModule } from '@mend/auth/api';
import { CaseAccess } from './cases/case-access';
import { CaseloadController, CasesController } from './cases/cases.controller';
import { CasesService } from './cases/cases.service';
import { CaseloadOverviewService } from './overview/caseload-overview.service';

/** Cases of couples and families, their members and counselors, and each counselor's caseload. */
@Module({
  imports: [AuditModule, AuditTrailModule, AuthModule],
  controllers: [CasesController, CaseloadController],
  providers: [CaseAccess, CasesService, CaseloadOverviewService],
  exports: [CaseAccess, CasesService, AuthModule],
})
export class CaseloadModule {}
