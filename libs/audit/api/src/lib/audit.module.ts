import { Module } from '@nestjs/common';
import { AuditChainSeal } from './audit-chain.seal';
import { AuditChainVerifier } from './audit-chain.verifier';
import { AuditService } from './audit.service';

/** The audit recorder, at the bottom of every domain: events written in the change's transaction. */
@Module({
  providers: [AuditService, AuditChainVerifier, AuditChainSeal],
  exports: [AuditService, AuditChainVerifier],
})
export class AuditModule {}
