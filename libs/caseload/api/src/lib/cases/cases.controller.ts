import { Body, Controller, Delete, Get, HttpCode, Patch, Post, Put, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Allow, Caller, CurrentUser } from '@mend/auth/api';
import type {
  AuditEventView,
  CaseDetail,
  CaseloadOverview,
  CasePage,
  Page,
} from '@mend/shared/contracts';
import { IdParam, PageQueryDto } from '@mend/shared/server';
import {
  AddMemberDto,
  AssignCounselorsDto,
  CloseCaseDto,
  ListCasesQueryDto,
  OpenCaseDto,
  SetMemberLabelDto,
  UpdateCaseDto,
} from '../dto/cases.dto';
import { CaseloadOverviewService } from '../overview/caseload-overview.service';
import { CasesService } from './cases.service';

@ApiTags('cases')
@Controller('cases')
export class CasesController {
  constructor(private readonly cases: CasesService) {}

  @Get()
  @Allow('admin', 'counselor', 'client')
  @ApiOperation({
    summary:
      'Cases the caller may see: the clinic’s (admin), their caseload (counselor), their own (client)',
  })
  list(@CurrentUser() caller: Caller, @Query() query: ListCasesQueryDto): Promise<CasePage> {
    return this.cases.list(caller, query);
  }

  @Post()
  @Allow('admin')
  @ApiOperation({
    summary: 'Open a case with its members (existing or newly invited clients) and counselors',
  })
  open(@CurrentUser() caller: Caller, @Body() body: OpenCaseDto): Promise<CaseDetail> {
    return this.cases.open(caller, body);
  }

  @Get(':id')
  @Allow('admin', 'counselor', 'client')
  @ApiOperation({ summary: 'One case, as the caller may see it' })
  get(@CurrentUser() caller: Caller, @IdParam() id: string): Promise<CaseDetail> {
    return this.cases.get(caller, id);
  }

  @Patch(':id')
  @Allow('admin')
  @ApiOperation({
    summary: 'Edit title, type or start date (409 if the case changed since it was read)',
  })
  update(
    @CurrentUser() caller: Caller,
    @IdParam() id: string,
    @Body() body: UpdateCaseDto,
  ): Promise<CaseDetail> {
    return this.cases.update(caller, id, body);
  }

  @Post(':id/members')
  @Allow('admin')
  @ApiOperation({ summary: 'Add a client to the case, or invite a new one into it' })
  addMember(
    @CurrentUser() caller: Caller,
    @IdParam() id: string,
    @Body() body: AddMemberDto,
  ): Promise<CaseDetail> {
    return this.cases.addMember(caller, id, body);
  }

  @Delete(':id/members/:userId')
  @Allow('admin')
  @ApiOperation({ summary: 'Remove a member from the case' })
  removeMember(
    @CurrentUser() caller: Caller,
    @IdParam() id: string,
    @IdParam('userId') userId: string,
  ): Promise<CaseDetail> {
    return this.cases.removeMember(caller, id, userId);
  }

  @Put(':id/counselors')
  @Allow('admin')
  @ApiOperation({
    summary: 'Assign or reassign the primary counselor and co-counselors, with a reason',
  })
  assignCounselors(
    @CurrentUser() caller: Caller,
    @IdParam() id: string,
    @Body() body: AssignCounselorsDto,
  ): Promise<CaseDetail> {
    return this.cases.assignCounselors(caller, id, body);
  }

  @Post(':id/close')
  @Allow('admin')
  @HttpCode(200)
  @ApiOperation({ summary: 'Close the case with its outcome' })
  close(
    @CurrentUser() caller: Caller,
    @IdParam() id: string,
    @Body() body: CloseCaseDto,
  ): Promise<CaseDetail> {
    return this.cases.close(caller, id, body);
  }

  @Post(':id/reopen')
  @Allow('admin')
  @HttpCode(200)
  @ApiOperation({ summary: 'Reopen a closed case' })
  reopen(@CurrentUser() caller: Caller, @IdParam() id: string): Promise<CaseDetail> {
    return this.cases.reopen(caller, id);
  }

  @Put(':id/members/:userId/label')
  @Allow('counselor')
  @ApiOperation({
    summary: 'Set a member’s position in the breach (seen by the case’s counselors only)',
  })
  setLabel(
    @CurrentUser() caller: Caller,
    @IdParam() id: string,
    @IdParam('userId') userId: string,
    @Body() body: SetMemberLabelDto,
  ): Promise<CaseDetail> {
    return this.cases.setLabel(caller, id, userId, body);
  }

  @Get(':id/history')
  @Allow('admin')
  @ApiOperation({ summary: 'Who changed what on the case (audit events, metadata only)' })
  history(
    @CurrentUser() caller: Caller,
    @IdParam() id: string,
    @Query() query: PageQueryDto,
  ): Promise<Page<AuditEventView>> {
    return this.cases.history(caller, id, query);
  }
}

@ApiTags('cases')
@Controller('caseload')
export class CaseloadController {
  constructor(private readonly overview: CaseloadOverviewService) {}

  @Get('overview')
  @Allow('admin')
  @ApiOperation({ summary: 'Open cases per counselor and unassigned cases' })
  get(@CurrentUser() caller: Caller): Promise<CaseloadOverview> {
    return this.overview.overview(caller);
  }
}
