import { Module } from '@nestjs/common';
import { AuditModule } from '@mend/audit/api';
import { AuthModule } from '@mend/auth/api';
import { CaseloadModule } from '@mend/caseload/api';
import { SafetyModule } from '@mend/safety/api';
import { AgreementsController } from './agreements.controller';
import { AgreementsService } from './agreements.service';

/** The relationship agreement every member signs. */
@Module({
  imports: [AuditModule, AuthModule, CaseloadModule, SafetyModule],
  controllers: [AgreementsController],
  providers: [AgreementsService],
  exports: [AgreementsService],
})
export class AgreementsModule {}
