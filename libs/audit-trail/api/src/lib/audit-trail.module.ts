import { Module } from '@nestjs/common';
import { AuditModule } from '@mend/audit/api';
import { AuthModule } from '@mend/auth/api';
import { AuditTrailController } from './audit-trail.controller';
import { AuditTrailService } from './audit-trail.service';

/** Reading the audit trail: the admin's browser and the pages other domains build on it. */
@Module({
  imports: [AuditModule, AuthModule],
  controllers: [AuditTrailController],
  providers: [AuditTrailService],
  exports: [AuditTrailService],
})
export class AuditTrailModule {}
