import { Module } from '@nestjs/common';
import { AuditChainVerifier } from './audit-chain.verifier';
import { AuditController } from './audit.controller';
import { AuditService } from './audit.service';

@Module({
  controllers: [AuditController],
  providers: [AuditService, AuditChainVerifier],
  exports: [AuditService, AuditChainVerifier],
})
export class AuditModule {}
