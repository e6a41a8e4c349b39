import { Controller, Get, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { AuditPage } from '@mend/shared/contracts';
import { Allow, Caller, CurrentUser } from '@mend/shared/server';
import { AuditChainReport, AuditChainVerifier } from './audit-chain.verifier';
import { AuditService } from './audit.service';
import { AuditQueryDto } from './dto/audit-query.dto';

@ApiTags('audit')
@Controller('audit-events')
export class AuditController {
  constructor(
    private readonly audit: AuditService,
    private readonly verifier: AuditChainVerifier,
  ) {}

  @Get()
  @Allow('admin')
  @ApiOperation({ summary: 'The clinic’s audit events, newest first, filtered (metadata only)' })
  browse(@CurrentUser() caller: Caller, @Query() query: AuditQueryDto): Promise<AuditPage> {
    return this.audit.browse(caller.clinicId, query);
  }

  @Get('verify')
  @Allow('admin')
  @ApiOperation({ summary: 'Check the clinic’s audit chain: no event altered or removed' })
  async verify(@CurrentUser() caller: Caller): Promise<Omit<AuditChainReport, 'clinicId'>> {
    const { events, ok, problem } = await this.verifier.verifyClinic(caller.clinicId);
    return { events, ok, ...(problem ? { problem } : {}) };
  }
}
