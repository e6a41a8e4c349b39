import { Module } from '@nestjs/common';
import { AuditModule } from '@mend/audit/api';
import { AuthModule } from '@mend/auth/api';
import { CaseloadController, CasesController } from './cases/cases.controller';
import { CasesService } from './cases/cases.service';
import { CaseloadOverviewService } from './overview/caseload-overview.service';

/** Cases of couples and families, their members and counselors, and each counselor's caseload. */
@Module({
  imports: [AuditModule, AuthModule],
  controllers: [CasesController, CaseloadController],
  providers: [CasesService, CaseloadOverviewService],
  exports: [CasesService],
})
export class CaseloadModule {}
