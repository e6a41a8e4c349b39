import { Module } from '@nestjs/common';
import { AuditModule } from '@mend/audit/api';
import { AuthModule } from '@mend/auth/api';
import { CaseloadModule } from '@mend/caseload/api';
import { AlertsService } from './alerts/alerts.service';
import { CaseSafetyService } from './case-safety/case-safety.service';
import { SafetyChecksService } from './checks/safety-checks.service';
import { JointWork } from './joint-work/joint-work';
import { SafetyMailGate } from './notices/safety-mail-gate';
import { SafetyController } from './safety.controller';

/** Safety checks, individual conversations, the gate on joint work and critical-answer alerts. */
@Module({
  imports: [AuditModule, AuthModule, CaseloadModule],
  controllers: [SafetyController],
  providers: [AlertsService, CaseSafetyService, JointWork, SafetyChecksService, SafetyMailGate],
  exports: [AlertsService, CaseSafetyService, JointWork, SafetyChecksService],
})
export class SafetyModule {}
