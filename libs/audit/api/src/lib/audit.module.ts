import { Module } from '@nestjs/common';
import { AuditChainVerifier } from './audit-chain.verifier';
import { AuditService } from './audit.service';

/** The audit recorder, at the bottom of every domain: events written in the change's transaction. */
@Module({
  providers: [AuditService, AuditChainVerifier],
  exports: [AuditService, AuditChainVerifier],
})
export class AuditModule {}
