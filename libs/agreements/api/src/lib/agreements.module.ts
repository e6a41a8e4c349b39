import { Module } from '@nestjs/common';
import { AuditModule } from '@mend/audit/api';
import { AuthModule } from '@mend/auth/api';
import { CaseloadModule } from '@mend/caseload/api';

/** The relationship agreement every member signs. */
@Module({
  imports: [AuditModule, AuthModule, CaseloadModule],
  controllers: [],
  providers: [],
})
export class AgreementsModule {}
