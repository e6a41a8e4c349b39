import { Controller, Get, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { AuditPage } from '@mend/shared/contracts';
import { Allow, Caller, CurrentUser } from '@mend/shared/server';
import { AuditChainReport, AuditChainVerifier } from '@mend/audit/api';
import { AuditTrailService } from './audit-trail.service';
import { AuditQueryDto } from './dto/audit-query.dto';

@ApiTags('audit')
@Controller('audit-events')
export class AuditTrailController {
  constructor(
    private readonly trail: AuditTrailService,
    private readonly verifier: AuditChainVerifier,
  ) {}

  @Get()
  @Allow('admin')
  @ApiOperation({ summary: 'The clinic’s audit events, newest first, filtered (metadata only)' })
  browse(@CurrentUser() caller: Caller, @Query() query: AuditQueryDto): Promise<AuditPage> {
    return this.trail.browse(caller, query);
  }

  @Get('verify')
  @Allow('admin')
  @ApiOperation({ summary: 'Check the clinic’s audit chain: no event altered or removed' })
  async verify(@CurrentUser() caller: Caller): Promise<Omit<AuditChainReport, 'clinicId'>> {
    const { events, ok, problem } = await this.verifier.verifyClinic(caller.clinicId);
    return { events, ok, ...(problem ? { problem } : {}) };
  }
}
