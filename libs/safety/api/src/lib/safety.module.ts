import { Module } from '@nestjs/common';
import { AuditModule } from '@mend/audit/api';
import { AuthModule } from '@mend/auth/api';
import { CaseloadModule } from '@mend/caseload/api';
import { JointWork } from './joint-work/joint-work';

/** Safety checks, individual conversations, the gate on joint work and critical-answer alerts. */
@Module({
  imports: [AuditModule, AuthModule, CaseloadModule],
  controllers: [],
  providers: [JointWork],
  exports: [JointWork],
})
export class SafetyModule {}
