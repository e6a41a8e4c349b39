import { Module } from '@nestjs/common';
import { AuditModule } from '@mend/audit/api';
import { AuditTrailController } from './audit-trail.controller';
import { AuditTrailService } from './audit-trail.service';

/**
 * Reading the audit trail: the admin's browser and the pages other domains build on it. Other
 * domains name their records in it through `AuditTrailService.nameRecords` (auth's people and
 * clinic are named from the start).
 */
@Module({
  imports: [AuditModule],
  controllers: [AuditTrailController],
  providers: [AuditTrailService],
  exports: [AuditTrailService],
})
export class AuditTrailModule {}
